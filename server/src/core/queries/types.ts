/** A syntax problem in a query, with offsets into the query text (end exclusive). */
export interface QueryProblem {
  message: string;
  start: number;
  end: number;
}

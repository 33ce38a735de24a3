/**
 * Syntax checks of the queries embedded in runbooks (RB004): PromQL and LogQL with their projects'
 * Lezer grammars, SQL with node-sql-parser per dialect; and the mapping of a problem's offsets in a
 * YAML scalar's value back to the file.
 */
import type { QueryProblem } from './types';
import { checkPromQL, checkLogQL } from './lezer';
import { checkSql } from './sql';

export type { QueryProblem } from './types';
export { checkPromQL, checkLogQL, neutralizeTemplateVariables, MAX_LEZER_QUERY_CHARS } from './lezer';
export { checkSql, normalizeSqlDialect, SQL_DIALECTS, COMMON_SQL_DIALECTS, MAX_SQL_QUERY_CHARS } from './sql';
export type { SqlDialect } from './sql';
export { valueRangeToSource, scalarMapsPrecisely } from './yamlScalar';
export type { ScalarLike } from './yamlScalar';

/** Languages whose queries are parsed; `text` and `shell` are free-form. */
export const PARSED_QUERY_LANGUAGES = ['promql', 'logql', 'sql'] as const;

/**
 * Checks a query's syntax by language. `text`, `shell` and unknown languages are not parsed.
 *
 * @example
 * checkQuerySyntax('promql', 'up == 0')                 // undefined
 * checkQuerySyntax('sql', 'SELEC 1', { dialect: 'mysql' }) // { message: "SQL does not parse at …", … }
 */
export function checkQuerySyntax(language: string, text: string, options: { dialect?: string } = {}): QueryProblem | undefined {
  switch (language.trim().toLowerCase()) {
    case 'promql':
      return checkPromQL(text);
    case 'logql':
      return checkLogQL(text);
    case 'sql':
      return checkSql(text, options.dialect);
    default:
      return undefined;
  }
}

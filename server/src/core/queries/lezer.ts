/**
 * PromQL and LogQL syntax checks with the projects' own Lezer grammars (Prometheus'
 * `@prometheus-io/lezer-promql`, Grafana's `@grafana/lezer-logql`). The grammars are loaded once, at
 * module load; a parse is linear in the query length (Lezer recovers from errors instead of backtracking).
 */
import { parser as promqlParser } from '@prometheus-io/lezer-promql';
import { parser as logqlParser } from '@grafana/lezer-logql';
import type { LRParser } from '@lezer/lr';
import type { QueryProblem } from './types';
import { blankComments, bracketMessage, findBracketProblem, showToken, tokenAt, tokenBefore, type LexOptions } from './tokens';

/** Longest query parsed; longer ones are not checked (a runbook query is a few lines). */
export const MAX_LEZER_QUERY_CHARS = 100_000;

const PROMQL_LEX: LexOptions = { quotes: '"\'', rawQuotes: '`', lineComments: ['#'] };
const LOGQL_LEX: LexOptions = { quotes: '"', rawQuotes: '`', lineComments: ['#'] };

/** Node names of the grammars mapped to what to check, most specific first. */
const HINTS: Array<[RegExp, string]> = [
  [/^(MatrixSelector|SubqueryExpr|Duration|DurationExpr|Range|NumberDurationLiteral.*)$/, 'check the range, e.g. [5m]'],
  [/^(OffsetExpr|Offset)$/, 'check the offset, e.g. offset 5m'],
  [/LabelMatcher|^Matcher$|^Matchers$|^Selector$|^LabelName$|^MatchOp$/, 'check the label matchers, e.g. {job="api"}'],
  [/^(GroupingLabels|Grouping|By|Without|BinModifiers|OnOrIgnoring|GroupLeft|GroupRight)$/, 'check the label list, e.g. by (job)'],
  [/^(FunctionCallBody|FunctionCall|FunctionCallArgs)$/, "check the function's arguments"],
  [/^(AggregateExpr|VectorAggregationExpr|RangeAggregationExpr)$/, 'check the aggregation, e.g. sum by (job) (rate(x[5m]))'],
  [/^(PipelineExpr|PipelineStage|LineFilter|LineFilters|LabelParser|LabelFilter|JsonExpressionParser|LogfmtParser|LineFormatExpr|LabelFormatExpr)$/, 'check the pipeline stage, e.g. |= "error" or | json'],
  [/^(BinaryExpr|BinOpExpr)$/, 'an operand is missing or an operator is misplaced'],
];

function hintFor(names: string[]): string {
  for (const n of names) for (const [re, hint] of HINTS) if (re.test(n)) return hint;
  return 'unexpected token';
}

const VARIABLE = /\$\{[^}\n]{1,200}\}|\$[A-Za-z_][A-Za-z0-9_]*|\[\[[A-Za-z0-9_:.]{1,200}\]\]/y;

/**
 * Replaces Grafana template variables (`$job`, `${job}`, `[[job]]`, `$__rate_interval`) outside strings
 * by text of the same length that parses in their place: a duration after `[`, `:` or `offset`, an
 * identifier elsewhere. Offsets are unchanged, so problems map back to the original text.
 * With `sql`, only the `$` forms are replaced, always by an identifier (Grafana's SQL macros such as
 * `$__timeFilter(ts)` become a function call); `$1` parameters and `$$` quotes are left alone.
 *
 * @example
 * neutralizeTemplateVariables('rate(x[$__rate_interval]) > $t') // 'rate(x[1m              ]) > _t'
 */
export function neutralizeTemplateVariables(text: string, quotes = '"\'`', sql = false): string {
  if (!text.includes('$') && (sql || !text.includes('[['))) return text;
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quotes.includes(c)) {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' && c !== '`' ? 2 : 1;
      i = j;
      continue;
    }
    if (c !== '$' && (sql || c !== '[')) continue;
    VARIABLE.lastIndex = i;
    const m = VARIABLE.exec(text);
    if (!m) continue;
    const v = m[0];
    const before = text.slice(Math.max(0, i - 16), i).trimEnd();
    const duration = !sql && /(?:\[|:|\boffset)$/i.test(before) && v.length >= 2;
    const replacement = duration ? `1m${' '.repeat(v.length - 2)}` : `_${v.slice(1).replace(/[^A-Za-z0-9_]/g, '_')}`;
    out += text.slice(last, i) + replacement;
    last = i + v.length;
    i = last - 1;
  }
  return out + text.slice(last);
}

function lezerCheck(parser: LRParser, lang: string, lex: LexOptions, original: string): QueryProblem | undefined {
  if (original.length > MAX_LEZER_QUERY_CHARS) return undefined;
  const text = neutralizeTemplateVariables(original, lex.quotes + (lex.rawQuotes ?? ''));
  const tree = parser.parse(text);
  let err: { from: number; to: number; ancestors: string[] } | undefined;
  tree.iterate({
    enter(n) {
      if (err) return false;
      if (n.type.isError) {
        const ancestors: string[] = [];
        for (let p = n.node.parent; p && ancestors.length < 4; p = p.parent) ancestors.push(p.name);
        err = { from: n.from, to: n.to, ancestors };
        return false;
      }
      return undefined;
    },
  });
  if (!err) return undefined;
  const brackets = findBracketProblem(text, lex);
  if (brackets) return bracketMessage(lang, brackets);
  const hint = hintFor(err.ancestors);
  const tok = err.to > err.from ? { start: err.from, end: err.to } : tokenAt(text, err.from);
  if (tok) {
    const trimmed = { start: tok.start, end: Math.max(tok.start + 1, Math.min(tok.end, tokenAt(text, tok.start)?.end ?? tok.end)) };
    return { message: `${lang} does not parse at '${showToken(original, trimmed)}': ${hint}`, ...trimmed };
  }
  const prev = tokenBefore(blankComments(text, lex), err.from);
  if (!prev) return { message: `${lang} query is empty`, start: 0, end: text.length };
  const what =
    hint === 'unexpected token' ? 'something is missing' : hint.startsWith('an operand') ? 'the operand after it is missing' : hint;
  return { message: `${lang} ends too early after '${showToken(original, prev)}': ${what}`, ...prev };
}

/**
 * Checks PromQL syntax with Prometheus' grammar. Returns the first problem, or undefined when the
 * query parses. Offsets are into `text`.
 *
 * @example
 * checkPromQL('sum(rate(x[5m]))') // undefined
 * checkPromQL('rate(x[5m]))')     // { message: "PromQL does not parse at ')': it closes nothing; check the brackets", start: 11, end: 12 }
 */
export function checkPromQL(text: string): QueryProblem | undefined {
  return lezerCheck(promqlParser, 'PromQL', PROMQL_LEX, text);
}

/**
 * Checks LogQL syntax with Loki's grammar (as Grafana ships it).
 *
 * @example
 * checkLogQL('sum(rate({app="api"} |= "error" [5m]))') // undefined
 * checkLogQL('{app="api" |= "x"')                       // { message: "LogQL does not parse: '{' is never closed; …", … }
 */
export function checkLogQL(text: string): QueryProblem | undefined {
  return lezerCheck(logqlParser, 'LogQL', LOGQL_LEX, text);
}

/**
 * RB004 query-syntax — an embedded query that does not parse.
 *
 * Rationale: the first three diagnostics are what the on-call engineer pastes at 3 a.m.; a query
 * with a missing bracket costs minutes when they matter most. PromQL is checked with Prometheus' own
 * grammar, LogQL with Loki's (as Grafana ships it), SQL with node-sql-parser in the query's
 * `dialect` (or the configured default); without a dialect a query is flagged only when none of the
 * common dialects (PostgreSQL, BigQuery, MySQL, Snowflake) parses it. `text` and `shell` are free-form.
 * The finding sits on the bad token inside the YAML scalar.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { RunbookRule } from '../context';
import { nodeAt } from '../context';
import { checkQuerySyntax, valueRangeToSource, type QueryProblem } from '../../queries';

/** Results per (language, dialect, text), so re-linting an edited file re-parses only changed queries. */
const cache = new Map<string, QueryProblem | null>();
const CACHE_SIZE = 4000;

/** At most this many characters of queries are parsed per document (a bound for huge files). */
export const MAX_QUERY_CHARS_PER_DOCUMENT = 2_000_000;

/**
 * Parsing time allowed per document and lint run. Queries not reached in time are skipped this run;
 * results are cached, so the next run (the next keystroke) continues where this one stopped.
 */
export const QUERY_TIME_BUDGET_MS = 1500;

/** A cached result, `null` for "parses"; `undefined` when not cached and `parse` is false. */
function cachedCheck(language: string, text: string, dialect: string | undefined, parse: boolean): QueryProblem | null | undefined {
  const key = `${language}\u0000${dialect ?? ''}\u0000${text}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  if (!parse) return undefined;
  const problem = checkQuerySyntax(language, text, { dialect });
  cache.set(key, problem ?? null);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return problem ?? null;
}

export const querySyntax: RunbookRule = {
  id: 'RB004',
  name: 'query-syntax',
  description: 'An embedded PromQL, LogQL or SQL query must parse (SQL in its dialect, or in at least one common dialect).',
  defaultSeverity: 'error',
  check(ctx, report) {
    const d = ctx.doc.doc;
    const diagnostics = nodeAt(d, ['diagnostics']);
    if (!isSeq(diagnostics)) return;
    let budget = MAX_QUERY_CHARS_PER_DOCUMENT;
    const deadline = performance.now() + QUERY_TIME_BUDGET_MS;
    for (let i = 0; i < diagnostics.items.length; i++) {
      const query = nodeAt(d, ['diagnostics', i, 'query']);
      if (!isMap(query)) continue;
      const language = nodeAt(d, ['diagnostics', i, 'query', 'language']);
      const text = nodeAt(d, ['diagnostics', i, 'query', 'text']);
      if (!isScalar(language) || typeof language.value !== 'string') continue;
      if (!isScalar(text) || typeof text.value !== 'string' || !text.range) continue;
      const lang = language.value.trim().toLowerCase();
      if (lang !== 'promql' && lang !== 'logql' && lang !== 'sql') continue;
      budget -= text.value.length;
      if (budget < 0) return;
      let dialect: string | undefined;
      if (lang === 'sql') {
        const dn = nodeAt(d, ['diagnostics', i, 'query', 'dialect']);
        dialect = isScalar(dn) && typeof dn.value === 'string' && dn.value.trim() ? dn.value : ctx.env.config.sql.dialect || undefined;
      }
      const problem = cachedCheck(lang, text.value, dialect, performance.now() < deadline);
      if (!problem) continue;
      const [start, end] = valueRangeToSource(ctx.text, text, problem.start, problem.end);
      report({ message: problem.message, start, end });
    }
  },
};

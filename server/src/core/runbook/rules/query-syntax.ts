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
import { cacheSlot } from '../../caches';
import { checkQuerySyntax, valueRangeToSource, type QueryProblem } from '../../queries';

/** Results per (language, dialect, text), so re-linting an edited file re-parses only changed queries. */
const checks = cacheSlot<QueryProblem | null>('query checks');
const CACHE_SIZE = 4000;

/** At most this many characters of queries are parsed per document (a bound for huge files). */
export const MAX_QUERY_CHARS_PER_DOCUMENT = 2_000_000;

/**
 * A cached result, `null` for "parses". Results never depend on time or machine speed, so the editor
 * and the CLI always agree; the cache makes re-linting an edited file cost only the changed queries.
 */
function cachedCheck(language: string, text: string, dialect: string | undefined): QueryProblem | null {
  const key = `${language}\u0000${dialect ?? ''}\u0000${text}`;
  const cache = checks();
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
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
      const problem = cachedCheck(lang, text.value, dialect);
      if (!problem) continue;
      const [start, end] = valueRangeToSource(ctx.text, text, problem.start, problem.end);
      report({ message: problem.message, start, end });
    }
  },
};

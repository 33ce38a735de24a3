/**
 * SQL syntax checks with `node-sql-parser`, one dialect build at a time. Each dialect's grammar is
 * loaded lazily on first use (and then kept), from the package's per-dialect builds, so the bundle
 * does not carry the all-dialect parser and start-up does not pay for dialects nobody uses.
 */
import type { QueryProblem } from './types';
import { neutralizeTemplateVariables } from './lezer';
import { COMMON_SQL_DIALECTS, normalizeSqlDialect, type SqlDialect } from './dialects';
import { blankComments, bracketMessage, findBracketProblem, showToken, tokenAt, tokenBefore, type LexOptions } from './tokens';

export { SQL_DIALECTS, COMMON_SQL_DIALECTS, normalizeSqlDialect, type SqlDialect } from './dialects';

/** Longest SQL query parsed; longer ones are not checked (the grammars backtrack). */
export const MAX_SQL_QUERY_CHARS = 10_000;

interface SqlParser {
  astify(sql: string, opt?: { database?: string }): unknown;
}
type ParserModule = { Parser: new () => SqlParser };

// Static strings so bundlers include exactly these builds; `require` keeps the loading lazy. The core
// compiles without Node's types (server/src/core/tsconfig.json): this `require` is the bundler's, which
// every host's bundle provides (Node: a file beside the bundle; the browser worker: a bundled module).
declare const require: (id: string) => unknown;
const LOADERS: Record<SqlDialect, () => ParserModule> = {
  postgresql: () => require('node-sql-parser/build/postgresql') as ParserModule,
  mysql: () => require('node-sql-parser/build/mysql') as ParserModule,
  mariadb: () => require('node-sql-parser/build/mariadb') as ParserModule,
  bigquery: () => require('node-sql-parser/build/bigquery') as ParserModule,
  snowflake: () => require('node-sql-parser/build/snowflake') as ParserModule,
  redshift: () => require('node-sql-parser/build/redshift') as ParserModule,
  sqlite: () => require('node-sql-parser/build/sqlite') as ParserModule,
  transactsql: () => require('node-sql-parser/build/transactsql') as ParserModule,
  trino: () => require('node-sql-parser/build/trino') as ParserModule,
  athena: () => require('node-sql-parser/build/athena') as ParserModule,
  hive: () => require('node-sql-parser/build/hive') as ParserModule,
  db2: () => require('node-sql-parser/build/db2') as ParserModule,
  flinksql: () => require('node-sql-parser/build/flinksql') as ParserModule,
};

const parsers = new Map<SqlDialect, SqlParser>();

function parserFor(d: SqlDialect): SqlParser {
  let p = parsers.get(d);
  if (!p) {
    p = new (LOADERS[d]().Parser)();
    parsers.set(d, p);
  }
  return p;
}

interface PegError {
  offset: number;
  found: string | null;
  expected: string[];
}

/** Parses with one dialect: undefined when it parses, the grammar's error position otherwise. */
function tryParse(text: string, d: SqlDialect): PegError | undefined {
  try {
    parserFor(d).astify(text, { database: d });
    return undefined;
  } catch (e) {
    const err = e as { name?: string; location?: { start?: { offset?: number } }; found?: unknown; expected?: unknown };
    const offset = err?.location?.start?.offset;
    // Only grammar errors count; anything else (an AST post-processing failure) is not a syntax error.
    if (err?.name !== 'SyntaxError' || typeof offset !== 'number') return undefined;
    const expected = Array.isArray(err.expected)
      ? err.expected
          .filter((x: { type?: string; text?: string }) => x?.type === 'literal' && typeof x.text === 'string' && x.text.trim())
          .map((x: { text: string }) => x.text)
      : [];
    return { offset, found: typeof err.found === 'string' ? err.found : null, expected };
  }
}

const COMMENT_TOKENS = new Set(['--', '#', '/*', '*/']);
const SQL_LEX: LexOptions = { quotes: '', doubledQuotes: '\'"`', lineComments: ['--'], blockComments: true };

function describe(text: string, original: string, err: PegError, where: string, tail = ''): QueryProblem {
  const brackets = findBracketProblem(text, SQL_LEX);
  if (brackets) return bracketMessage('SQL', brackets);
  const code = blankComments(text, SQL_LEX);
  const tok = tokenAt(code, err.offset);
  const uniq = [...new Set(err.expected.filter((x) => !COMMENT_TOKENS.has(x)))];
  const few = uniq.length > 0 && uniq.length <= 4 ? `expected ${uniq.map((x) => `'${x}'`).join(' or ')}` : '';
  if (tok) return { message: `SQL does not parse at '${showToken(original, tok)}'${where}: ${few || 'unexpected token'}${tail}`, start: tok.start, end: tok.end };
  const prev = tokenBefore(code, err.offset) ?? { start: 0, end: text.length };
  return { message: `SQL ends too early after '${showToken(original, prev)}'${where}: ${few || 'something is missing'}${tail}`, ...prev };
}

/**
 * Checks SQL syntax. With a known dialect (or alias) the query must parse in it; without one (or with
 * a name no grammar backs) it is an error only when none of {@link COMMON_SQL_DIALECTS} parses it,
 * and the problem reported is the one of the dialect that got furthest.
 *
 * @example
 * checkSql("SELECT 1 FROM t WHERE ts > now() - interval '1 hour'", 'postgresql') // undefined
 * checkSql('SELECT count(* FROM t')  // { message: "SQL does not parse: '(' is never closed; …", start: 12, end: 13 }
 */
export function checkSql(original: string, dialect?: string): QueryProblem | undefined {
  if (original.length > MAX_SQL_QUERY_CHARS) return undefined;
  const text = neutralizeTemplateVariables(original, '\'"`', true);
  if (!text.trim()) return { message: 'SQL query is empty', start: 0, end: text.length };
  const d = normalizeSqlDialect(dialect);
  if (d) {
    const err = tryParse(text, d);
    return err ? describe(text, original, err, ` (${d})`) : undefined;
  }
  let furthest: PegError | undefined;
  for (const c of COMMON_SQL_DIALECTS) {
    const err = tryParse(text, c);
    if (!err) return undefined;
    if (!furthest || err.offset > furthest.offset) furthest = err;
  }
  const names = `${COMMON_SQL_DIALECTS.slice(0, -1).join(', ')} or ${COMMON_SQL_DIALECTS[COMMON_SQL_DIALECTS.length - 1]}`;
  return describe(text, original, furthest!, ` in ${names}`, '; set dialect if yours is another');
}

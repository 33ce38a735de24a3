/**
 * The SQL dialect names a runbook or the project file may use, apart from the grammars that check
 * them (sql.ts): reading the configuration needs the names only, not the parsers.
 */

/** The dialects a runbook may name (the schema's `query.dialect` enum), each backed by its own grammar. */
export const SQL_DIALECTS = [
  'postgresql',
  'mysql',
  'mariadb',
  'bigquery',
  'snowflake',
  'redshift',
  'sqlite',
  'transactsql',
  'trino',
  'athena',
  'hive',
  'db2',
  'flinksql',
] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

/** Tried in this order when a query names no dialect: an error only when none of them parses it. */
export const COMMON_SQL_DIALECTS: readonly SqlDialect[] = ['postgresql', 'bigquery', 'mysql', 'snowflake'];

const ALIASES: Record<string, SqlDialect> = {
  postgres: 'postgresql',
  pg: 'postgresql',
  psql: 'postgresql',
  mssql: 'transactsql',
  sqlserver: 'transactsql',
  tsql: 'transactsql',
  presto: 'trino',
  spark: 'hive',
  sparksql: 'hive',
  databricks: 'hive',
  flink: 'flinksql',
  bq: 'bigquery',
};

/**
 * The grammar name for a dialect as people write it (case-insensitive, common aliases), or undefined.
 *
 * @example
 * normalizeSqlDialect('Postgres') // 'postgresql'
 * normalizeSqlDialect('mssql')    // 'transactsql'
 */
export function normalizeSqlDialect(name: string | undefined): SqlDialect | undefined {
  const n = (name ?? '').trim().toLowerCase().replace(/[\s_-]/g, '');
  if (!n) return undefined;
  if ((SQL_DIALECTS as readonly string[]).includes(n)) return n as SqlDialect;
  // Own keys only: `constructor` must not find Object.prototype's.
  return Object.hasOwn(ALIASES, n) ? ALIASES[n] : undefined;
}

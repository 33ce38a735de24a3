import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { checkPromQL, checkLogQL, checkSql, checkQuerySyntax, normalizeSqlDialect, valueRangeToSource, neutralizeTemplateVariables } from '../../server/src/core/queries/index';

/** The bad token's text and the message of a problem. */
function at(q: string, p: { start: number; end: number; message: string } | undefined): [string, string] {
  assert.ok(p, `expected a problem in ${q}`);
  return [q.slice(p.start, p.end), p.message];
}

test('PromQL: valid queries parse', () => {
  for (const q of [
    'up == 0',
    'sum(rate(http_requests_total{job="api"}[5m]))',
    'histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))',
    'changes(drift_detector_config_version[24h]) > 0\n',
    'sum(rate(x[5m])) @ start()',
    'rate(x[5m] offset 1h) # trailing comment',
    '(job:slo_errors_per_request:ratio_rate1h > 0.0144) and (job:slo_errors_per_request:ratio_rate5m > 0.0144)',
  ]) {
    assert.equal(checkPromQL(q), undefined, q);
  }
});

test('PromQL: invalid queries point at the bad token with a specific message', () => {
  assert.deepEqual(at('rate(x[5m]))', checkPromQL('rate(x[5m]))')), [')', "PromQL does not parse at ')': it closes nothing; check the brackets"]);
  assert.deepEqual(at('sum(rate(x[5m])', checkPromQL('sum(rate(x[5m])')), ['(', "PromQL does not parse: '(' is never closed; add the missing ')'"]);
  const q = 'sum(rate(x[5m])) by (job) / ';
  assert.deepEqual(at(q, checkPromQL(q)), ['/', "PromQL ends too early after '/': the operand after it is missing"]);
  assert.deepEqual(at('rate(x[5x])', checkPromQL('rate(x[5x])')), ['x', "PromQL does not parse at 'x': check the range, e.g. [5m]"]);
  assert.deepEqual(at('foo bar', checkPromQL('foo bar')), ['bar', "PromQL does not parse at 'bar': unexpected token"]);
  assert.deepEqual(at('x[1m] ]', checkPromQL('x[1m] ]')), [']', "PromQL does not parse at ']': it closes nothing; check the brackets"]);
  assert.deepEqual(at('sum(x]', checkPromQL('sum(x]')), [']', "PromQL does not parse at ']': expected ')' here; check the brackets"]);
  const s = 'rate(x{job="a}[5m])';
  assert.deepEqual(at(s, checkPromQL(s)), ['"', 'PromQL does not parse: the string starting with " is never closed']);
});

test('LogQL: valid and invalid queries', () => {
  for (const q of ['{app="foo"} |= "err"', 'sum by (pod) (count_over_time({namespace="ml"} |~ "OOM" [1h]))', '{app="foo"} | json | status >= 500']) {
    assert.equal(checkLogQL(q), undefined, q);
  }
  assert.deepEqual(at('{app="foo" |= "x"', checkLogQL('{app="foo" |= "x"')), ['{', "LogQL does not parse: '{' is never closed; add the missing '}'"]);
  assert.deepEqual(at('{a=b}', checkLogQL('{a=b}')), ['b', `LogQL does not parse at 'b': check the label matchers, e.g. {job="api"}`]);
  assert.deepEqual(at('{app="foo"} |= err', checkLogQL('{app="foo"} |= err')), ['err', `LogQL does not parse at 'err': check the pipeline stage, e.g. |= "error" or | json`]);
  // A PromQL-only query is not LogQL.
  assert.ok(checkLogQL('sum(rate(x[5m]))'));
});

test('SQL without a dialect: valid Postgres and BigQuery are never flagged', () => {
  for (const q of [
    "SELECT count(*) FILTER (WHERE status >= 500)::float / count(*) FROM requests WHERE ts > now() - interval '1 hour'",
    'SELECT id::text, payload->>\'model\' FROM events',
    'SELECT COUNT(*) FROM `proj.dataset.table` WHERE ts > TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 HOUR)',
    'SELECT a FROM t WHERE b IN (1, 2) LIMIT 10;\nSELECT 2;',
    "SELECT a, b FROM t WHERE a = 'it''s' -- a comment\n",
  ]) {
    assert.equal(checkSql(q), undefined, q);
  }
});

test('SQL in a dialect: valid in its dialect, errors at the token', () => {
  assert.equal(checkSql("SELECT now() - interval '1 hour'", 'postgresql'), undefined);
  assert.equal(checkSql('SELECT TOP 10 * FROM [dbo].[runs] ORDER BY started DESC', 'transactsql'), undefined);
  assert.equal(checkSql('SELECT TOP 10 * FROM [dbo].[runs] ORDER BY started DESC', 'mssql'), undefined, 'alias');
  assert.equal(checkSql("SELECT model_version FROM preds WHERE ts > datetime('now', '-1 hour')", 'sqlite'), undefined);
  assert.equal(checkSql("SELECT count(*) FROM t WHERE ts > current_timestamp - INTERVAL '1' HOUR", 'trino'), undefined);
  assert.equal(checkSql('SELECT DATEADD(hour, -1, CURRENT_TIMESTAMP())', 'snowflake'), undefined);
  assert.equal(checkSql('SELECT a FROM t WHERE ts > NOW() - INTERVAL 1 DAY', 'mysql'), undefined);
  // T-SQL brackets are not Postgres.
  const tsql = 'SELECT * FROM [dbo].[runs]';
  assert.deepEqual(at(tsql, checkSql(tsql, 'postgresql')), ['[', "SQL does not parse at '[' (postgresql): unexpected token"]);
  const m = 'SELECT batch_size FROM cfg ORDER';
  assert.deepEqual(at(m, checkSql(m, 'mysql')), ['ORDER', "SQL ends too early after 'ORDER' (mysql): expected 'BY'"]);
  const w = 'SELECT a FROM t WHERE -- nothing here';
  assert.deepEqual(at(w, checkSql(w, 'postgresql')), ['WHERE', "SQL ends too early after 'WHERE' (postgresql): something is missing"]);
  const b = 'SELECT count(* FROM x';
  assert.deepEqual(at(b, checkSql(b)), ['(', "SQL does not parse: '(' is never closed; add the missing ')'"]);
  const none = 'SELECT TOP 10 * FROM [dbo].[runs]';
  assert.match(checkSql(none)!.message, /in postgresql, bigquery, mysql or snowflake: .*set dialect if yours is another/);
});

test('SQL dialect names: aliases and unknown names', () => {
  assert.equal(normalizeSqlDialect('Postgres'), 'postgresql');
  assert.equal(normalizeSqlDialect('SQL Server'), 'transactsql');
  assert.equal(normalizeSqlDialect('presto'), 'trino');
  assert.equal(normalizeSqlDialect('oracle'), undefined);
  // An unknown dialect falls back to the common ones: no false alarm on valid SQL.
  assert.equal(checkSql('SELECT 1 FROM dual', 'oracle'), undefined);
});

test('text and shell are not parsed; unknown languages neither', () => {
  assert.equal(checkQuerySyntax('text', 'look at ((( the dashboard'), undefined);
  assert.equal(checkQuerySyntax('shell', 'kubectl get pods | grep (('), undefined);
  assert.equal(checkQuerySyntax('cypher', 'MATCH ((('), undefined);
  assert.ok(checkQuerySyntax('PromQL', 'sum(('));
});

test('parsing is bounded: a long query parses quickly and over-long ones are skipped', () => {
  const long = `sum(rate(x{${Array.from({ length: 3000 }, (_, i) => `l${i}="v${i}"`).join(',')}}[5m])) + ${Array.from({ length: 50 }, (_, i) => `rate(m${i}[5m])`).join(' + ')}`;
  const t0 = performance.now();
  assert.equal(checkPromQL(long), undefined);
  assert.ok(checkPromQL(long + ' +'));
  const sql = `SELECT ${Array.from({ length: 500 }, (_, i) => `c${i}`).join(', ')} FROM t WHERE a = 1`;
  assert.equal(checkSql(sql), undefined);
  assert.ok(performance.now() - t0 < 5000);
  assert.equal(checkSql('SELEC '.repeat(3000)), undefined, 'over MAX_SQL_QUERY_CHARS: not parsed');
});

test('YAML scalar mapping: block literal, folded, plain, quoted, indentation indicator', () => {
  const src = [
    'a: |',
    '    sum(rate(x[5m])',
    '      by (job) FOO',
    'b: >-',
    '  folded',
    '  text FOO',
    'c: plain',
    '  multi FOO',
    'd: "dq \\u00e9 \\" FOO"',
    "e: 'it''s FOO'",
    'f: |2-',
    '    indented FOO',
    'g:   |+   # comment',
    '  keep FOO',
    '',
    'h: end FOO',
    'i: "multi',
    '  line FOO"',
    '',
  ].join('\r\n');
  const doc = parseDocument(src);
  for (const k of 'abcdefgh') {
    const node = doc.get(k, true) as { value: string; range: [number, number, number]; type?: string };
    const i = node.value.indexOf('FOO');
    const [s, e] = valueRangeToSource(src, node, i, i + 3);
    assert.equal(src.slice(s, e), 'FOO', `${k} (${node.type})`);
  }
  // A multi-line double-quoted scalar falls back to the whole value.
  const i = doc.get('i', true) as { value: string; range: [number, number, number] };
  const [s, e] = valueRangeToSource(src, i, i.value.indexOf('FOO'), i.value.indexOf('FOO') + 3);
  assert.deepEqual([s, e], [i.range[0], i.range[1]]);
});

test('Grafana template variables are accepted where a value or a duration goes', () => {
  for (const q of [
    'rate(x{job="$job"}[$__rate_interval])',
    'sum by ($label) (rate(x[5m])) > $threshold',
    'rate(x[${interval}]) offset $offset',
    'sum(rate(x[5m])) by ([[group]])',
    'max_over_time(rate(x[5m])[1h:$step])',
  ]) {
    assert.equal(checkPromQL(q), undefined, q);
  }
  assert.equal(checkLogQL('sum(count_over_time({app="$app"} |= "x" [$__interval]))'), undefined);
  assert.equal(checkSql("SELECT $__timeGroup(ts, '5m') AS time, count(*) FROM requests WHERE $__timeFilter(ts) AND model = '$model' GROUP BY 1"), undefined);
  assert.equal(checkSql('SELECT * FROM ${table} WHERE x > $threshold', 'postgresql'), undefined);
  assert.equal(checkSql('SELECT * FROM t WHERE id = $1', 'postgresql'), undefined);
  // Offsets are unchanged and messages quote the original text.
  const q = 'rate(x[$__rate_interval]) + sum(${metric}';
  assert.deepEqual(at(q, checkPromQL(q)), ['(', "PromQL does not parse: '(' is never closed; add the missing ')'"]);
  assert.equal(checkPromQL(q)!.start, q.lastIndexOf('('));
  const s = 'SELECT * FROM ${table} WHERE x > ${min} AND';
  assert.deepEqual(at(s, checkSql(s, 'postgresql')), ['AND', "SQL ends too early after 'AND' (postgresql): something is missing"]);
  assert.equal(neutralizeTemplateVariables('rate(x[$__rate_interval]) > $t'), 'rate(x[1m              ]) > _t');
  assert.equal(neutralizeTemplateVariables('{job="$job"}'), '{job="$job"}', 'strings are left alone');
});

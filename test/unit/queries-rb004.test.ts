import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { RawFinding } from '../../server/src/core/types';
import { defaultConfig, mergeConfig, type ResolvedConfig } from '../../server/src/core/config';
import { LineIndex } from '../../server/src/core/lineIndex';
import type { RunbookContext } from '../../server/src/core/runbook/context';
import { querySyntax } from '../../server/src/core/runbook/rules/query-syntax';
import { runbookRules } from '../../server/src/core/runbook/rules/index';
import { lint } from '../../server/src/core/index';
import { expectedFindings, actualFindings } from '../helpers/expectations';

const FIXTURES = join(__dirname, '..', 'fixtures', 'runbooks');

/** Runs RB004 alone on every document of a text. */
function rb004(text: string, config: ResolvedConfig = defaultConfig()): RawFinding[] {
  const out: RawFinding[] = [];
  const lines = new LineIndex(text);
  parseAllDocuments(text).forEach((doc, index) => {
    if (!('contents' in doc)) return;
    const ctx = {
      file: 'x.runbook.yaml',
      text,
      lines,
      doc: { index, doc, value: doc.toJS(), start: doc.range[0], end: doc.range[2] },
      env: { config },
    } as unknown as RunbookContext;
    querySyntax.check(ctx, (f) => out.push(f));
  });
  return out;
}

function runbookWith(queryYaml: string): string {
  return `apiVersion: ml-runbooks/v1
kind: Runbook
diagnostics:
  - question: one
    query:
${queryYaml.replace(/^/gm, '      ')}
`;
}

test('RB004 is registered', () => {
  assert.ok(runbookRules.some((r) => r.id === 'RB004' && r.name === 'query-syntax'));
});

test('RB004: the range is the bad token inside a block literal', () => {
  const text = runbookWith('language: promql\ntext: |\n  sum by (job) (\n    rate(http_requests_total[5m])))\n');
  const [f, ...rest] = rb004(text);
  assert.equal(rest.length, 0);
  assert.ok(f);
  assert.equal(text.slice(f.start, f.end), ')');
  // The third ')' of the line: the stray one.
  assert.equal(f.start, text.indexOf('[5m])))') + 6);
  assert.equal(f.message, "PromQL does not parse at ')': it closes nothing; check the brackets");
});

test('RB004: strip chomping, keep chomping and CRLF line ends keep exact ranges', () => {
  const text = runbookWith('language: logql\ntext: |-\n  {app="api"}\n    |= "x" | json | status >=\n').replace(/\n/g, '\r\n');
  const [f] = rb004(text);
  assert.ok(f);
  assert.equal(text.slice(f.start, f.end), '>=');
  const keep = runbookWith('language: promql\ntext: |+\n  x >\n\n');
  const [g] = rb004(keep);
  assert.ok(g);
  assert.equal(keep.slice(g.start, g.end), '>');
});

test('RB004: plain, single- and double-quoted scalars map to the token', () => {
  const plain = runbookWith('language: promql\ntext: rate(x[5x])   # a comment');
  const [a] = rb004(plain);
  assert.equal(plain.slice(a!.start, a!.end), 'x');
  assert.equal(a!.start, plain.indexOf('[5x]') + 2);
  const dq = runbookWith('language: sql\ndialect: mysql\ntext: "SELECT \\"a\\" FROM t ORDER"');
  const [b] = rb004(dq);
  assert.equal(dq.slice(b!.start, b!.end), 'ORDER');
  const sq = runbookWith("language: sql\ndialect: postgresql\ntext: 'SELECT ''a'' FROM t WHERE'");
  const [c] = rb004(sq);
  assert.equal(sq.slice(c!.start, c!.end), 'WHERE');
});

test('RB004: a multi-line double-quoted query falls back to the whole value', () => {
  const text = runbookWith('language: promql\ntext: "sum(rate(x[5m])\n  by (job)"');
  const [f] = rb004(text);
  assert.ok(f);
  assert.equal(text.slice(f.start, f.end), '"sum(rate(x[5m])\n        by (job)"');
});

test('RB004: dialect from the query, then from config.sql.dialect, else any common dialect', () => {
  const tsql = 'SELECT TOP 5 * FROM [dbo].[runs]';
  assert.equal(rb004(runbookWith(`language: sql\ndialect: transactsql\ntext: ${tsql}`)).length, 0);
  assert.equal(rb004(runbookWith(`language: sql\ntext: ${tsql}`)).length, 1, 'no common dialect parses T-SQL brackets');
  assert.equal(rb004(runbookWith(`language: sql\ntext: ${tsql}`), mergeConfig({ sql: { dialect: 'transactsql' } })).length, 0);
  // The query's own dialect wins over the configured default.
  const pg = "SELECT now() - interval '1 hour'";
  assert.equal(rb004(runbookWith(`language: sql\ndialect: postgresql\ntext: ${pg}`), mergeConfig({ sql: { dialect: 'transactsql' } })).length, 0);
});

test('RB004: text and shell queries, and missing fields, are ignored', () => {
  assert.equal(rb004(runbookWith('language: text\ntext: look at (((')).length, 0);
  assert.equal(rb004(runbookWith('language: shell\ntext: kubectl get pods ((')).length, 0);
  assert.equal(rb004(runbookWith('language: promql')).length, 0);
  assert.equal(rb004(runbookWith('text: sum((')).length, 0);
  assert.equal(rb004(runbookWith('language: promql\ntext: [1, 2]')).length, 0, 'a non-string text is RB001, not RB004');
});

test('RB004 fixtures: every expected finding and nothing else', () => {
  for (const name of ['rb004-query-syntax.runbook.yaml', 'rb004-valid-queries.runbook.yaml']) {
    const file = join(FIXTURES, name);
    const text = readFileSync(file, 'utf8');
    const { findings } = lint(file, text, { now: new Date('2026-11-25T00:00:00Z') });
    assert.deepEqual(actualFindings(text, findings), expectedFindings(text), name);
  }
});

test('RB004 fixture ranges are the bad tokens', () => {
  const file = join(FIXTURES, 'rb004-query-syntax.runbook.yaml');
  const text = readFileSync(file, 'utf8');
  const { findings } = lint(file, text, { now: new Date('2026-11-25T00:00:00Z') });
  assert.deepEqual(
    findings.filter((f) => f.code === 'RB004').map((f) => text.slice(f.start, f.end)),
    [')', '{', 'HAVING', 'x', 'LIMIT', 'ORDER'],
  );
});

test('RB004 is bounded on a 10k-line runbook', () => {
  const items: string[] = [];
  for (let i = 0; i < 1700; i++) {
    const kind = i % 3;
    if (kind === 0) items.push(`  - question: q${i}\n    query:\n      language: promql\n      text: |\n        sum by (job) (rate(http_requests_total{job="j${i}"}[5m]))\n          / sum by (job) (rate(http_requests_total[5m]))\n`);
    else if (kind === 1) items.push(`  - question: q${i}\n    query:\n      language: logql\n      text: |\n        sum(count_over_time({app="a${i}"} |= "error" [5m]))\n          by (pod)\n`);
    else items.push(`  - question: q${i}\n    query:\n      language: sql\n      text: |\n        SELECT count(*) FROM t${i}\n        WHERE ts > now() - interval '1 hour' AND status >= 500\n`);
  }
  const text = `apiVersion: ml-runbooks/v1\nkind: Runbook\ndiagnostics:\n${items.join('')}`;
  assert.ok(new LineIndex(text).lineCount > 10_000);
  // Every query is checked on the first run (results never depend on time, so editor and CLI agree);
  // a generous bound only catches a hang or a quadratic walk.
  const t0 = performance.now();
  assert.deepEqual(rb004(text), []);
  assert.ok(performance.now() - t0 < 60_000, 'the first run finishes');
  // A later run re-uses the cache; a broken query anywhere in the file is found at once.
  const t1 = performance.now();
  assert.deepEqual(rb004(text), []);
  assert.ok(performance.now() - t1 < 10_000, 'a fully cached run is bounded');
  const broken = text.replace('now() - interval', 'now() - - interval (');
  const found = rb004(broken);
  assert.equal(found.length, 1);
  assert.equal(broken.slice(found[0]!.start, found[0]!.end), '(');
});

/** `ml-runbooks graph` and `lint` on a repository with rule files and runbooks (spec §8), on the built CLI. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, parseJson, runCli } from './helpers';

const WS = join(ROOT, 'test', 'fixtures', 'alerts', 'workspace');

interface GraphJson {
  alerts: Array<{ name: string; file: string; line: number; runbookUrl: string | null; runbook: string | null; tiers: unknown[] }>;
  runbooks: Array<{ name: string; file: string; alerts: string[] }>;
  orphans: string[];
  unresolved: Array<{ alert: string; url: string; nearest: string | null }>;
  mismatches: Array<{ alert: string; runbook: string }>;
}

test('graph --format json prints the graph of spec §8', () => {
  const r = runCli(['graph', '--format', 'json'], { cwd: WS });
  assert.equal(r.status, 0, r.stderr);
  const g = parseJson<GraphJson>(r);
  assert.deepEqual(Object.keys(g), ['alerts', 'runbooks', 'orphans', 'unresolved', 'mismatches']);
  assert.equal(g.alerts.length, 13);
  const api = g.alerts.find((a) => a.name === 'ApiHighErrorRate')!;
  assert.deepEqual({ ...api, tiers: api.tiers.length }, {
    name: 'ApiHighErrorRate', file: 'monitoring/api.rules.yaml', line: 8,
    runbookUrl: 'https://runbooks.acme.internal/ml/{{ $labels.runbook }}', runbook: 'api-errors', tiers: 2,
  });
  assert.deepEqual(g.orphans, ['legacy-batch']);
  assert.deepEqual(g.unresolved.map((u) => [u.alert, u.nearest]), [['ApiTypoLink', 'api-errors']]);
  assert.deepEqual(g.mismatches.map((m) => [m.alert, m.runbook]), [['RankerErrorBudgetBurn', 'ranker-errors']]);
  assert.deepEqual(g.runbooks.find((x) => x.name === 'feature-drift'), { name: 'feature-drift', file: 'runbooks/drift.runbook.yaml', alerts: ['FeatureDriftHigh'] });
});

test('graph (table) prints the coverage line, one row per alert and the problem lists', () => {
  const r = runCli(['graph'], { cwd: WS });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], '13 alerting rule(s) in 4 rule file(s): 12 with a runbook_url, 9 resolve to a runbook, 1 unresolved; 6 runbook(s), 1 linked by no alert; 1 tier mismatch(es).');
  assert.match(r.stdout, /^ApiHighErrorRate +monitoring\/api\.rules\.yaml:8 +api-errors +1h\/5m 14\.4×, 6h\/30m 6×$/m);
  assert.match(r.stdout, /^PodCrashLooping +monitoring\/api\.rules\.yaml:38 +\? \(not resolvable statically\)$/m);
  assert.match(r.stdout, /^ApiNoRunbook +monitoring\/api\.rules\.yaml:27 +— \(no runbook_url\)$/m);
  assert.match(r.stdout, /^Runbooks no alert links:\n {2}legacy-batch \(runbooks\/orphan\.runbook\.yaml\)$/m);
  assert.match(r.stdout, /^ {2}RankerErrorBudgetBurn \(deploy\/ranker-slo\.yaml:26\) fires at 1h\/5m 14\.4×, 6h\/30m 3×; runbook ranker-errors/m);
});

test('graph: usage errors and a folder without rule files', () => {
  const bad = runCli(['graph', '--format', 'xml'], { cwd: WS });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown format 'xml' for graph/);
  const none = runCli(['graph', 'runbooks', '--format', 'json'], { cwd: WS });
  assert.equal(none.status, 0);
  assert.equal(parseJson<GraphJson>(none).alerts.length, 0);
  assert.match(none.stderr, /no alerting rule files found/);
});

test('lint checks the rule files with the runbooks: every AL code where it belongs', () => {
  const r = runCli(['lint', '.', '--format', 'json', '--include-hints'], { cwd: WS });
  assert.equal(r.status, 1, r.stderr);
  const results = parseJson<Array<{ filePath: string; messages: Array<{ ruleId: string; line: number }> }>>(r);
  const got = results
    .flatMap((f) => f.messages.filter((m) => m.ruleId.startsWith('AL')).map((m) => `${f.filePath.slice(WS.length + 1)}:${m.line} ${m.ruleId}`))
    .sort();
  assert.deepEqual(got, [
    'deploy/ranker-slo.yaml:27 AL004',
    'loki/rules.yaml:10 AL000',
    'monitoring/api.rules.yaml:27 AL001',
    'monitoring/api.rules.yaml:32 AL002',
    'monitoring/api.rules.yaml:34 AL000',
    'runbooks/orphan.runbook.yaml:12 AL003',
    'runbooks/orphan.runbook.yaml:5 AL005',
    'runbooks/pyrra-other.runbook.yaml:12 AL003',
    'runbooks/ranker-errors.runbook.yaml:41 AL004',
  ]);
});

test('lint on the runbooks alone (no rule file among the paths) reports no AL finding', () => {
  const r = runCli(['lint', 'runbooks', '--format', 'json', '--include-hints'], { cwd: WS });
  assert.equal(r.status, 0, r.stdout);
  const results = parseJson<Array<{ messages: unknown[] }>>(r);
  assert.equal(results.flatMap((f) => f.messages).length, 0);
});

test('the same findings on many threads as on one', () => {
  const one = runCli(['lint', '.', '--format', 'json', '--include-hints', '--concurrency', 'off'], { cwd: WS });
  const two = runCli(['lint', '.', '--format', 'json', '--include-hints', '--concurrency', '2'], { cwd: WS });
  assert.deepEqual(parseJson(two), parseJson(one));
});

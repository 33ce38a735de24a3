import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { actualFindings, expectedFindings } from '../helpers/expectations';
import { loadAlertWorkspace } from '../helpers/alertWorkspace';

const root = join(import.meta.dirname, '..', 'fixtures', 'alerts', 'workspace');
const ws = loadAlertWorkspace(root);

for (const f of ws.files) {
  test(`alert workspace ${f.rel}: findings match its expect markers`, () => {
    const findings = ws.lintFile(f.rel);
    assert.deepEqual(actualFindings(f.text, findings), expectedFindings(f.text), findings.map((x) => `${x.code} ${x.message}`).join('\n'));
  });
}

test('the workspace covers every AL code and every rule-file shape', () => {
  const seen = new Set(ws.files.flatMap((f) => expectedFindings(f.text).map((e) => e.code)));
  for (const code of ['AL000', 'AL001', 'AL002', 'AL003', 'AL004', 'AL005']) assert.ok(seen.has(code), code);
  const kinds = Object.fromEntries(ws.files.map((f) => [f.rel, f.kind]));
  assert.equal(kinds['monitoring/api.rules.yaml'], 'alerts');
  assert.equal(kinds['deploy/ranker-slo.yaml'], 'alerts');
  assert.equal(kinds['loki/rules.yaml'], 'alerts');
  assert.equal(ws.graph.ruleFile('loki/rules.yaml')!.loki, true);
  assert.deepEqual(ws.graph.ruleFile('deploy/helm-template.yaml')!.alerts, [], 'a Helm template is read as nothing');
});

test('messages name the other side: AL002 the URL built and the nearest runbook, AL004 both sets of numbers', () => {
  const rules = ws.lintFile('monitoring/api.rules.yaml');
  const al002 = rules.find((f) => f.code === 'AL002')!;
  assert.match(al002.message, /built 'https:\/\/runbooks\.acme\.internal\/ml\/api-erors'/);
  assert.match(al002.message, /nearest runbook: 'api-errors'/);
  const sloth = ws.lintFile('deploy/ranker-slo.yaml').find((f) => f.code === 'AL004')!;
  assert.match(sloth.message, /this alert fires at 1h\/5m 14\.4×, 6h\/30m 3×; the runbook documents 1h\/5m 14\.4×, 6h\/30m 6×/);
  const rb = ws.lintFile('runbooks/ranker-errors.runbook.yaml').find((f) => f.code === 'AL004')!;
  assert.match(rb.message, /alert 'RankerErrorBudgetBurn' \(deploy\/ranker-slo\.yaml:\d+\): it fires at 1h\/5m 14\.4×, 6h\/30m 3×; SLO 'ranker-availability' documents 1h\/5m 14\.4×, 6h\/30m 6×/);
});

test("AL004's quick fix makes the runbook match the rule (re-lint: no AL004 on either side, RB005 clean)", () => {
  const file = 'runbooks/ranker-errors.runbook.yaml';
  const text = ws.files.find((f) => f.rel === file)!.text;
  const fix = ws.lintFile(file).find((f) => f.code === 'AL004')!.fixes![0]!;
  let fixed = text;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) fixed = fixed.slice(0, e.start) + e.newText + fixed.slice(e.end);
  assert.match(fixed, /burnRate: 3\n\s+budgetConsumed: 2.5%/);
  const fresh = loadAlertWorkspace(root);
  fresh.graph.setRunbook(file, fixed);
  assert.deepEqual(fresh.lintFile(file, fixed).map((f) => f.code), []);
  assert.deepEqual(fresh.lintFile('deploy/ranker-slo.yaml').map((f) => f.code), []);
});

test('graph JSON: alerts, runbooks, orphans, unresolved links and mismatches', () => {
  const json = ws.graph.toJSON();
  const byName = (n: string) => json.alerts.filter((a) => a.name === n);
  assert.equal(byName('ApiHighErrorRate')[0]!.runbook, 'api-errors');
  assert.deepEqual(byName('ApiHighErrorRate')[0]!.tiers, [
    { longWindow: '1h', shortWindow: '5m', factor: 14.4, budget: 0.001 },
    { longWindow: '6h', shortWindow: '30m', factor: 6, budget: 0.001 },
  ]);
  assert.equal(byName('FeatureDriftHigh')[0]!.runbook, 'feature-drift');
  assert.deepEqual(byName('ErrorBudgetBurn').map((a) => a.runbook), ['scorer-latency', 'scorer-latency']);
  assert.equal(byName('PodCrashLooping')[0]!.runbook, null);
  assert.equal(byName('search-latency')[0]!.runbook, 'search-latency');
  assert.deepEqual(json.orphans, ['legacy-batch']);
  assert.deepEqual(json.unresolved.map((u) => [u.alert, u.url, u.nearest]), [['ApiTypoLink', 'https://runbooks.acme.internal/ml/api-erors', 'api-errors']]);
  assert.deepEqual(json.mismatches.map((m) => [m.alert, m.runbook, m.slo]), [['RankerErrorBudgetBurn', 'ranker-errors', 'ranker-availability']]);
  const rb = json.runbooks.find((r) => r.name === 'scorer-latency')!;
  assert.deepEqual(rb.alerts.sort(), ['ErrorBudgetBurn', 'ScorerBadQuery', 'ScorerPanics']);
});

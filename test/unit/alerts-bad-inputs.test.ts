/** Bad input for the alert graph: a clear finding or a silent skip, never a crash, a hang or a false AL002. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AlertGraph, detectKind, expandUrlTemplate, lint, readRuleFile, recoverTiers, MAX_RULE_FILE_CHARS } from '../../server/src/core/index';

const RUNBOOK = `apiVersion: ml-runbooks/v1
kind: Runbook
metadata:
  name: api-errors
signal:
  summary: x
  alert: ApiErrors
`;

const rules = (url: string, name = 'ApiErrors') => `groups:
  - name: g
    rules:
      - alert: ${name}
        expr: up == 0
        annotations:
          runbook_url: ${JSON.stringify(url)}
`;

function codes(file: string, text: string, g: AlertGraph): string[] {
  return lint(file, text, { alerts: g }).findings.map((f) => f.code);
}

test('odd URL templates are not resolved statically: no AL002', () => {
  for (const url of ['{{', '}}{{', '{{ $labels.alertname', '{{ {{ $labels.x }} }}', '{{ $value }}', '{{ printf "%s" .Labels.alertname }}', `{{${'{'.repeat(5000)}`, `https://r/${'{{ $labels.x }}'.repeat(200)}`]) {
    const g = new AlertGraph({ runbookUrl: 'https://r/{name}' });
    const text = rules(url);
    g.setRuleFile('a.rules.yaml', text);
    g.setRunbook('rb.runbook.yaml', RUNBOOK);
    assert.ok(!codes('a.rules.yaml', text, g).includes('AL002'), url.slice(0, 40));
  }
  assert.equal(expandUrlTemplate('https://r/{{- .Labels.alertname -}}', 'A', {}), 'https://r/A');
  assert.equal(expandUrlTemplate('https://r/{{ $labels.team }}/x', 'A', { team: 'ml' }), 'https://r/ml/x');
});

test('a Helm template and a PrometheusRule without spec are read as nothing', () => {
  const helm = 'groups:\n{{- range .Values.groups }}\n  - name: {{ .name }}\n{{- end }}\n';
  assert.equal(detectKind('chart/templates/rules.yaml', helm), 'alerts');
  assert.deepEqual(lint('chart/templates/rules.yaml', helm).findings, []);
  const empty = 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: x\n';
  assert.deepEqual(readRuleFile('x.yaml', empty).alerts, []);
  assert.deepEqual(lint('x.yaml', empty).findings, []);
});

test('a rule file over the size cap gets one AL000 at the top, fast', () => {
  const big = `groups:\n  - name: g\n    rules:\n${'      - record: x\n        expr: up\n'.repeat(Math.ceil(MAX_RULE_FILE_CHARS / 35) + 10)}`;
  const t0 = performance.now();
  const f = lint('big.rules.yaml', big).findings;
  assert.ok(performance.now() - t0 < 2000);
  assert.deepEqual(f.map((x) => [x.code, x.start]), [['AL000', 0]]);
  assert.match(f[0]!.message, /larger than 2 MB/);
});

test('a 1 MB generated rule file is read in linear time', () => {
  const n = 4000;
  let text = 'groups:\n  - name: g\n    rules:\n';
  for (let i = 0; i < n; i++) text += `      - alert: A${i}\n        expr: (e[1h] > 14.4 * 0.001) and (e[5m] > 14.4 * 0.001)\n        annotations:\n          runbook_url: runbooks/a${i}.runbook.yaml\n`;
  const t0 = performance.now();
  const rf = readRuleFile('gen.rules.yaml', text);
  assert.equal(rf.alerts.length, n);
  assert.equal(rf.alerts[n - 1]!.tiers.length, 1);
  assert.ok(performance.now() - t0 < 10_000);
});

test('links that go round in circles, climb out of the repository or name a rule file resolve to no runbook without hanging', () => {
  const g = new AlertGraph();
  g.setRunbook('runbooks/api.runbook.yaml', RUNBOOK);
  for (const url of ['../../../../etc/passwd', 'a/../a/../a/../runbooks/../runbooks/api.runbook.yaml', 'a.rules.yaml', './a.rules.yaml#x']) {
    const text = rules(url);
    g.setRuleFile('a.rules.yaml', text);
    const link = g.linkOf(g.ruleFile('a.rules.yaml')!.alerts[0]!)!;
    if (url.startsWith('a/..')) assert.equal(link.runbook?.info.name, 'api-errors');
    else assert.equal(link.runbook, undefined, url);
  }
});

test('duplicate alert names across files: both match signal.alert, no AL003, both listed in the graph', () => {
  const g = new AlertGraph();
  g.setRunbook('runbooks/api.runbook.yaml', RUNBOOK);
  g.setRuleFile('a.rules.yaml', rules('runbooks/api.runbook.yaml'));
  g.setRuleFile('b.rules.yaml', rules('runbooks/api.runbook.yaml'));
  assert.deepEqual(codes('runbooks/api.runbook.yaml', RUNBOOK, g).filter((c) => c.startsWith('AL')), []);
  assert.equal(g.toJSON().alerts.filter((a) => a.name === 'ApiErrors').length, 2);
  assert.deepEqual(g.runbooksAffectedBy('a.rules.yaml'), ['runbooks/api.runbook.yaml']);
});

test('tier recovery: deep nesting, huge numbers and no comparison give no tier and no crash', () => {
  assert.deepEqual(recoverTiers(`${'('.repeat(3000)}up${')'.repeat(3000)}`), []);
  assert.deepEqual(recoverTiers('x[1h] > 1e400 * 0.001 and x[5m] > 1e400 * 0.001'), [], 'an infinite factor is no tier');
  assert.deepEqual(recoverTiers('x[1h] and x[5m]'), []);
  assert.deepEqual(recoverTiers('feature_psi > 0.2'), []);
  assert.deepEqual(recoverTiers('x[1h] > 14.4 * 0.001 and x[1h] > 14.4 * 0.001'), [], 'one window is no pair');
});

test('project file: alerts.runbookUrl and files.alertRules are read; a wrong type is ML002', async () => {
  const { parseConfigText, mergeConfig } = await import('../../server/src/core/index');
  const ok = parseConfigText('alerts: { runbookUrl: "https://r/{name}" }\nfiles: { alertRules: ["monitoring/**/*.yaml"] }\nrules: { AL005: off }\n');
  assert.deepEqual(ok.findings, []);
  const c = mergeConfig(ok.layer);
  assert.equal(c.alerts.runbookUrl, 'https://r/{name}');
  assert.deepEqual(c.files.alertRules, ['monitoring/**/*.yaml']);
  assert.equal(c.rules.AL005, 'off');
  assert.deepEqual(parseConfigText('alerts: { runbookUrl: 5 }\n').findings.map((f) => f.code), ['ML002']);
});

test('Loki rule files: LogQL first, a PromQL expr in a folder named loki is no error, an expr neither accepts is AL000', () => {
  const text = `groups:\n  - name: g\n    rules:\n      - record: a\n        expr: sum(count_over_time({app="x"} |= "err" [5m]))\n      - record: b\n        expr: sum(rate(http_requests_total[5m]))\n      - record: c\n        expr: sum(rate({app="x" [5m]))\n`;
  const rf = readRuleFile('ops/lokiproject/rules.yaml', text);
  assert.equal(rf.loki, true);
  assert.deepEqual(rf.problems.map((p) => [p.code, text.slice(0, p.start).split('\n').length]), [['AL000', 9]]);
  assert.match(rf.problems[0]!.message, /^LogQL/);
  assert.deepEqual(readRuleFile('prom/rules.yaml', text).problems.map((p) => p.code), ['AL000'], 'in a Prometheus file, the LogQL expr is accepted as a Loki rule');
});

test('many unresolved links: a runbook re-check computes no nearest name, a rule file at most 100', () => {
  const g = new AlertGraph();
  for (let i = 0; i < 300; i++) g.setRunbook(`runbooks/r${i}.runbook.yaml`, RUNBOOK.replace('name: api-errors', `name: runbook-number-${i}`));
  let text = 'groups:\n  - name: g\n    rules:\n';
  for (let i = 0; i < 2000; i++) text += `      - alert: A${i}\n        expr: up == 0\n        annotations:\n          runbook_url: https://wiki.acme.internal/display/OPS/Some+Long+Page+Title+${i}\n`;
  g.setRuleFile('wiki.rules.yaml', text);
  const t0 = performance.now();
  g.findingsFor('runbooks/r1.runbook.yaml');
  g.setRunbook('runbooks/r2.runbook.yaml', RUNBOOK.replace('name: api-errors', 'name: renamed'));
  g.findingsFor('runbooks/r2.runbook.yaml');
  assert.ok(performance.now() - t0 < 1500, `${performance.now() - t0} ms`);
  const t1 = performance.now();
  const al002 = g.findingsFor('wiki.rules.yaml').filter((f) => f.code === 'AL002');
  assert.equal(al002.length, 2000);
  assert.ok(performance.now() - t1 < 3000, `the rule file's findings: ${performance.now() - t1} ms`);
  assert.equal(al002.filter((f) => /nearest runbook/.test(f.message)).length, 100, 'suggestions for the first 100 unresolved links');
});

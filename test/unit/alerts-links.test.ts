/** Link resolution, URL templates, signal.alert selectors and tier shapes, one function at a time. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LinkResolver, expandUrlTemplate, parseAlertSelector, recoverTiers, selectorMatches, windowOfRecordingName } from '../../server/src/core/index';

const targets = [
  { name: 'api-errors', path: 'runbooks/api-errors.runbook.yaml' },
  { name: 'drift', path: 'ops/ml/drift.runbook.yaml' },
];

test('the {name} template, with query strings, fragments and trailing slashes ignored', () => {
  const r = new LinkResolver(targets, 'https://runbooks.acme.internal/ml/{name}');
  assert.equal(r.resolve('https://runbooks.acme.internal/ml/drift', 'monitoring').target?.name, 'drift');
  assert.equal(r.resolve('https://runbooks.acme.internal/ml/drift/?from=alert#triage', 'monitoring').target?.name, 'drift');
  const miss = r.resolve('https://runbooks.acme.internal/ml/drfit', 'monitoring');
  assert.equal(miss.target, undefined);
  assert.equal(miss.wantedName, 'drfit');
});

test('the {path} template, relative paths from the rule file or the root, and repository URLs', () => {
  const r = new LinkResolver(targets, 'https://git.acme.internal/ml/-/blob/main/{path}');
  assert.equal(r.resolve('https://git.acme.internal/ml/-/blob/main/ops/ml/drift.runbook.yaml', '').target?.name, 'drift');
  const plain = new LinkResolver(targets);
  assert.equal(plain.resolve('../ops/ml/drift.runbook.yaml', 'monitoring').target?.name, 'drift');
  assert.equal(plain.resolve('ops/ml/drift.runbook.yaml', 'deploy/k8s').target?.name, 'drift', 'from the root when not next to the rule file');
  assert.equal(plain.resolve('https://github.com/acme/ml/blob/4f2a/runbooks/api-errors.runbook.yaml', '').target?.name, 'api-errors');
  assert.equal(plain.resolve('https://github.com/acme/ml/blob/main/other/api-errors.runbook.yaml', '').target, undefined);
});

test('Go templates: alertname from the alert, other labels from the rule, anything else not static', () => {
  assert.equal(expandUrlTemplate('https://r/{{ $labels.alertname }}', 'HighErrors', {}), 'https://r/HighErrors');
  assert.equal(expandUrlTemplate('https://r/{{.Labels.alertname}}', 'HighErrors', {}), 'https://r/HighErrors');
  assert.equal(expandUrlTemplate('https://r/{{ $labels.team }}/{{ $labels.svc }}', 'A', { team: 'ml', svc: 'ranker' }), 'https://r/ml/ranker');
  assert.equal(expandUrlTemplate('https://r/{{ $labels.instance }}', 'A', {}), undefined);
  assert.equal(expandUrlTemplate('https://r/{{ $value }}', 'A', {}), undefined);
  assert.equal(expandUrlTemplate('https://r/{{ .Labels.alertname | toLower }}', 'A', {}), undefined);
});

test('signal.alert: a name, or a selector matched on the rule labels', () => {
  const sel = parseAlertSelector('ErrorBudgetBurn{slo="monitoring-http-errors", severity!="info"}');
  assert.deepEqual(sel, { name: 'ErrorBudgetBurn', matchers: [{ label: 'slo', op: '=', value: 'monitoring-http-errors' }, { label: 'severity', op: '!=', value: 'info' }] });
  assert.equal(selectorMatches(sel, 'ErrorBudgetBurn', { slo: 'monitoring-http-errors', severity: 'critical' }), true);
  assert.equal(selectorMatches(sel, 'ErrorBudgetBurn', { slo: 'other' }), false);
  assert.equal(selectorMatches(sel, 'ErrorBudgetBurn', { slo: 'monitoring-http-errors', severity: 'info' }), false);
  assert.equal(selectorMatches(parseAlertSelector('X{slo=~"a.*"}'), 'X', { slo: 'zzz' }), true, 'regex matchers are not evaluated');
  assert.deepEqual(parseAlertSelector('Model drift alert'), { name: 'Model drift alert', matchers: [] });
  assert.deepEqual(parseAlertSelector('Broken{slo="x"'), { name: 'Broken{slo="x"', matchers: [] });
});

test('tier shapes: >= comparisons, factor after the budget, windows from range selectors, recording names and subqueries', () => {
  assert.deepEqual(recoverTiers('rate(e[1h]) >= 0.001 * 14.4 and rate(e[5m]) >= 0.001 * 14.4').map((t) => [t.longWindow, t.shortWindow, t.factor, t.budget]), [['1h', '5m', 14.4, 0.001]]);
  assert.deepEqual(recoverTiers('(x:burnrate6h > (6 * (1-0.99))) and (x:burnrate30m > (6 * (1-0.99)))').map((t) => [t.longWindow, t.shortWindow, t.factor]), [['6h', '30m', 6]]);
  assert.equal(windowOfRecordingName('slo:sli_error:ratio_rate3d'), '3d');
  assert.equal(windowOfRecordingName('job:errors:rate5m'), undefined);
  assert.equal(recoverTiers('sum by (job) (rate(e[2h])) > 3 * 0.001 and sum by (job) (rate(e[10m])) > 3 * 0.001').length, 1);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  computeBurnRateTable,
  formatMarkdownTable,
  formatSlosBlock,
  formatPrometheusRules,
  errorRatioMetricName,
  SLOTH_TIERS,
} from '../../server/src/core/slo/index';
import { checkPromQL } from '../../server/src/core/queries/index';
import { lint } from '../../server/src/core/index';

const NOW = new Date('2026-11-25T00:00:00Z');

test('Markdown table: caption, one row per tier, percent without noise', () => {
  const md = formatMarkdownTable(computeBurnRateTable(99.9, '30d'));
  assert.equal(
    md,
    [
      'Objective 99.9 % over 30d (error budget 0.1 %).',
      '',
      '| Severity | Long window | Short window | Burn rate | Budget consumed | Error-rate threshold | Time to exhaustion |',
      '|---|---|---|---:|---:|---:|---|',
      '| page | 1h | 5m | 14.4 | 2 % | 1.44 % | 50h |',
      '| page | 6h | 30m | 6 | 5 % | 0.6 % | 5d |',
      '| ticket | 3d | 6h | 1 | 10 % | 0.1 % | 30d |',
      '',
    ].join('\n'),
  );
  const warned = formatMarkdownTable(computeBurnRateTable(90, '30d'));
  assert.match(warned, /\n> Warning: page 1h\/5m: .*never fire/);
});

test('slos block: valid YAML with the table numbers', () => {
  const block = formatSlosBlock(computeBurnRateTable(99.9, '28d', SLOTH_TIERS), 'prediction-quality');
  assert.ok(block.startsWith('slos:\n  - name: prediction-quality\n'));
  assert.deepEqual(parse(block), {
    slos: [
      {
        name: 'prediction-quality',
        objective: 99.9,
        period: '28d',
        alerts: [
          { severity: 'page', longWindow: '1h', shortWindow: '5m', burnRate: 13.44, budgetConsumed: '2%' },
          { severity: 'page', longWindow: '6h', shortWindow: '30m', burnRate: 5.6, budgetConsumed: '5%' },
          { severity: 'ticket', longWindow: '1d', shortWindow: '2h', burnRate: 2.8, budgetConsumed: '10%' },
          { severity: 'ticket', longWindow: '3d', shortWindow: '6h', burnRate: 0.9333, budgetConsumed: '10%' },
        ],
      },
    ],
  });
});

test('slos block lints clean inside a runbook (schema, RB005, RB006 and all other rules)', () => {
  const base = readFileSync(join(__dirname, '..', 'fixtures', 'runbooks', 'rb005-clean.runbook.yaml'), 'utf8');
  const head = base.slice(0, base.indexOf('\nslos:\n') + 1).replace('slo: fraud-quality', 'slo: generated-slo');
  for (const [objective, period, tiers] of [
    [99.9, '30d', undefined],
    [99.5, '4w', SLOTH_TIERS],
    [99.99, '7d', undefined],
  ] as const) {
    const text = head + formatSlosBlock(computeBurnRateTable(objective, period, tiers), 'generated-slo');
    const { kind, findings } = lint('generated.runbook.yaml', text, { now: NOW });
    assert.equal(kind, 'runbook');
    // The only finding is RB005's warning on a tier the calculator itself warns about (burn rate below 1).
    const table = computeBurnRateTable(objective, period, tiers);
    const low = table.tiers.filter((t) => t.burnRate < 1).map((t) => String(t.burnRate));
    assert.equal(table.warnings.filter((w) => /is below 1/.test(w)).length, low.length);
    assert.deepEqual(
      findings.map((f) => [f.code, f.severity, text.slice(f.start, f.end)]),
      low.map((b) => ['RB005', 'warning', b]),
      `${objective} % over ${period}`,
    );
    // And the lint is not vacuous: a broken number is caught.
    const broken = text.replace(/budgetConsumed: 2%/, 'budgetConsumed: 20%');
    assert.ok(lint('generated.runbook.yaml', broken, { now: NOW }).findings.some((f) => f.code === 'RB005'));
  }
});

test('Prometheus rules: valid YAML, one rule per tier, each expr parses as PromQL', () => {
  const table = computeBurnRateTable(99.9, '30d');
  const out = formatPrometheusRules(table, { sloName: 'checkout-availability' });
  const doc = parse(out) as { groups: Array<{ name: string; rules: Array<{ alert: string; expr: string; labels: Record<string, string>; annotations: Record<string, string> }> }> };
  assert.equal(doc.groups.length, 1);
  const rules = doc.groups[0]!.rules;
  assert.equal(rules.length, 3);
  assert.deepEqual(
    rules.map((r) => [r.alert, r.expr, r.labels.severity]),
    [
      ['CheckoutAvailabilityErrorBudgetBurn1h', '(job:slo_errors_per_request:ratio_rate1h > 0.0144) and (job:slo_errors_per_request:ratio_rate5m > 0.0144)', 'page'],
      ['CheckoutAvailabilityErrorBudgetBurn6h', '(job:slo_errors_per_request:ratio_rate6h > 0.006) and (job:slo_errors_per_request:ratio_rate30m > 0.006)', 'page'],
      ['CheckoutAvailabilityErrorBudgetBurn3d', '(job:slo_errors_per_request:ratio_rate3d > 0.001) and (job:slo_errors_per_request:ratio_rate6h > 0.001)', 'ticket'],
    ],
  );
  for (const r of rules) {
    assert.equal(checkPromQL(r.expr), undefined, r.expr);
    assert.match(r.alert, /^[A-Za-z_][A-Za-z0-9_]*$/);
    assert.match(r.annotations.summary!, /^checkout-availability: error budget burning at /);
  }
  assert.match(rules[0]!.annotations.summary!, /14\.4× over 1h and 5m \(2 % of the 30d budget in 1h; all of it in 50h\)/);
});

test('Prometheus rules: metric names derive from the user\'s error-ratio metric', () => {
  assert.equal(errorRatioMetricName(undefined, '1h'), 'job:slo_errors_per_request:ratio_rate1h');
  assert.equal(errorRatioMetricName('job:slo_errors_per_request:ratio_rate5m', '6h'), 'job:slo_errors_per_request:ratio_rate6h');
  assert.equal(errorRatioMetricName('service:request_errors:ratio_rate', '30m'), 'service:request_errors:ratio_rate30m');
  assert.equal(errorRatioMetricName('slo_errors_per_request', '5m'), 'job:slo_errors_per_request:ratio_rate5m');
  assert.equal(errorRatioMetricName('svc:errors:ratio', '1h'), 'svc:errors:ratio_rate1h');
  const sloth = formatPrometheusRules(computeBurnRateTable(99.9, '28d', SLOTH_TIERS), { sloName: 'ranking', errorRatioMetric: 'ranker_errors' });
  const rules = (parse(sloth) as { groups: Array<{ rules: Array<{ alert: string; expr: string }> }> }).groups[0]!.rules;
  assert.equal(rules.length, 4);
  assert.equal(new Set(rules.map((r) => r.alert)).size, 4, 'alert names are distinct');
  for (const r of rules) {
    assert.equal(checkPromQL(r.expr), undefined, r.expr);
    assert.match(r.expr, /^\(job:ranker_errors:ratio_rate\d+[mhd] > [\d.]+\) and \(job:ranker_errors:ratio_rate\d+[mhd] > [\d.]+\)$/);
  }
  assert.match(rules[3]!.expr, /> 0\.0009333\)/);
});

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { resolveArgs } from '../../client/src/burnRate/args';
import { renderBurnRateBody, tierWarnings } from '../../client/src/burnRate/html';
import { computeBurnRateTable, reverseBurnRate, SLOTH_TIERS, WORKBOOK_TIERS } from '../../server/src/core/slo/index';

describe('burn-rate calculator arguments', () => {
  test('defaults to the workbook tiers; accepts percent strings', () => {
    const r = resolveArgs({ objective: '99.9%', period: '30d' });
    assert.equal(r.objective, 99.9);
    assert.equal(r.period, '30d');
    assert.equal(r.preset, 'workbook');
    assert.equal(r.tiers, WORKBOOK_TIERS);
    assert.equal(r.errorRate, undefined);
  });
  test('sloth preset, custom tiers, error rates as fraction or percent', () => {
    assert.equal(resolveArgs({ objective: 99.9, period: '28d', preset: 'sloth' }).tiers, SLOTH_TIERS);
    const custom = resolveArgs({ objective: 99, period: '7d', tiers: [{ severity: 'page', longWindow: '2h', shortWindow: '10m', budgetConsumed: 0.05 }] });
    assert.equal(custom.preset, 'custom');
    assert.equal(custom.tiers.length, 1);
    assert.equal(resolveArgs({ objective: 99.9, period: '30d', errorRate: 0.005 }).errorRate, 0.005);
    assert.equal(resolveArgs({ objective: 99.9, period: '30d', errorRate: '0.5%' }).errorRate, 0.005);
    assert.equal(resolveArgs({ objective: 99.9, period: '30d', errorRate: '0.5%', afterHours: 24 }).afterHours, 24);
  });
  test('clear errors for bad input', () => {
    assert.throws(() => resolveArgs({ objective: 100, period: '30d' }), /objective: .*no error budget/);
    assert.throws(() => resolveArgs({ objective: 'abc', period: '30d' }), /objective: .*not a number/);
    assert.throws(() => resolveArgs({ objective: 99.9, period: '0d' }), /period: .*longer than zero/);
    assert.throws(() => resolveArgs({ objective: 99.9, period: '30d', preset: 'custom' }), /tiers: /);
    assert.throws(() => resolveArgs({ objective: 99.9, period: '30d', tiers: [{ severity: 'warn' } as never] }), /tiers\[0\]/);
    assert.throws(() => resolveArgs({ objective: 99.9, period: '30d', errorRate: 5 }), /errorRate: /);
    assert.throws(() => resolveArgs({ objective: 99.9, period: '30d', errorRate: 'lots' }), /errorRate: .*not a number/);
    assert.throws(() => resolveArgs({ objective: 99.9, period: '30d', afterHours: -1 }), /afterHours/);
    assert.throws(() => resolveArgs(undefined as never), /argument object/);
  });
});

describe('burn-rate result page', () => {
  test('the standard table, with thresholds and exhaustion, and the three buttons', () => {
    const table = computeBurnRateTable(99.9, '30d');
    const html = renderBurnRateBody({ objectivePercent: 99.9, period: '30d', presetLabel: 'SRE workbook tiers', table, editorName: 'drift.runbook.yaml' });
    for (const s of ['14.4×', '6×', '1×', '2 %', '5 %', '10 %', '1.44 %', '0.6 %', '0.1 %', '50h', '5d', '30d']) assert.ok(html.includes(`>${s}<`), s);
    for (const a of ['insert-markdown', 'insert-slos', 'copy-prometheus']) assert.match(html, new RegExp(`<button type="button"[^>]* data-action="${a}"`));
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    assert.doesNotMatch(html, /warning-row/);
  });
  test('a tier that can never fire is flagged on its row', () => {
    const table = computeBurnRateTable(90, '30d');
    assert.ok(table.warnings.length > 0);
    const w = tierWarnings(table, table.tiers[0]!);
    assert.match(w.join(' '), /can never fire/);
    const html = renderBurnRateBody({ objectivePercent: 90, period: '30d', presetLabel: 'x', table });
    assert.match(html, /<tr class="has-warning">/);
    assert.match(html, /<tr class="warning-row"><td colspan="7">⚠ [^<]*can never fire/);
    assert.match(html, /Open a text editor/);
  });
  test('the reverse result and which tiers would fire', () => {
    const table = computeBurnRateTable(99.9, '30d');
    const reverse = reverseBurnRate(99.9, '30d', 0.01, 24);
    const html = renderBurnRateBody({ objectivePercent: 99.9, period: '30d', presetLabel: 'x', table, reverse });
    assert.match(html, /Burn rate<\/th><td class="num">10×/);
    assert.match(html, /Budget left after 24h/);
    assert.match(html, /page 6h<\/strong> tier/);
    assert.doesNotMatch(html, /page 1h<\/strong>/);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  computeBurnRateTable,
  reverseBurnRate,
  explainBurnRate,
  parseDuration,
  formatDuration,
  formatWindow,
  parseObjectiveInput,
  parsePeriodInput,
  parseErrorRateInput,
  WORKBOOK_TIERS,
  SLOTH_TIERS,
} from '../../server/src/core/slo/index';
import { REFERENCE_TABLE_999_30D, REVERSE_05PCT_24H_999_30D } from '../helpers/samples';

test('spec §6 reference table: 99.9 % over 30d', () => {
  const t = computeBurnRateTable(99.9, '30d');
  assert.deepEqual(t, REFERENCE_TABLE_999_30D);
});

test("Sloth's 28-day values: 13.44 / 5.6 / 0.9333 for the workbook tiers, and Sloth's four tiers", () => {
  const w = computeBurnRateTable(99.9, '28d', WORKBOOK_TIERS);
  assert.deepEqual(w.tiers.map((t) => t.burnRate), [13.44, 5.6, 0.9333]);
  assert.deepEqual(w.tiers.map((t) => t.errorRateThreshold), [0.01344, 0.0056, 0.0009333]);
  const s = computeBurnRateTable(99.9, '28d', SLOTH_TIERS);
  assert.deepEqual(
    s.tiers.map((t) => [t.severity, t.longWindow, t.shortWindow, t.burnRate, t.budgetConsumed, t.timeToExhaustion]),
    [
      ['page', '1h', '5m', 13.44, 0.02, '50h'],
      ['page', '6h', '30m', 5.6, 0.05, '5d'],
      ['ticket', '1d', '2h', 2.8, 0.1, '10d'],
      ['ticket', '3d', '6h', 0.9333, 0.1, '30d'],
    ],
  );
  // Over 28 days Sloth's 3d tier burns below 1×: it fires while the SLO is met (RB005's warning).
  assert.equal(s.warnings.length, 1, s.warnings.join('\n'));
  assert.match(s.warnings[0]!, /^ticket 3d\/6h: burn rate 0\.9333 is below 1 — this tier fires while the service is meeting its SLO; .* at least 10\.71 %$/);
});

test('no floating-point noise in thresholds for other objectives', () => {
  const t = computeBurnRateTable(99.95, '30d');
  assert.equal(t.objective, 0.9995);
  assert.deepEqual(t.tiers.map((x) => x.errorRateThreshold), [0.0072, 0.003, 0.0005]);
  const u = computeBurnRateTable(99, '4w');
  assert.deepEqual(u.tiers.map((x) => x.burnRate), [13.44, 5.6, 0.9333]);
  assert.deepEqual(u.tiers.map((x) => x.errorRateThreshold), [0.1344, 0.056, 0.009333]);
  for (const x of [...t.tiers, ...u.tiers]) {
    for (const n of [x.burnRate, x.errorRateThreshold, x.budgetConsumed]) assert.ok(String(n).length < 10, `noisy number ${n}`);
  }
});

test('warnings: a tier that can never fire, and a short window not shorter than the long one', () => {
  const t = computeBurnRateTable(90, '30d', [
    { severity: 'page', longWindow: '1h', shortWindow: '5m', budgetConsumed: 0.02 },
    { severity: 'ticket', longWindow: '1h', shortWindow: '1h', budgetConsumed: 0.01 },
  ]);
  assert.equal(t.tiers[0]!.errorRateThreshold, 1.44);
  assert.equal(t.warnings.length, 2);
  assert.match(t.warnings[0]!, /page 1h\/5m: .*144 %.*never fire/);
  assert.match(t.warnings[1]!, /ticket 1h\/1h: the short window must be shorter than the long window \(about 5m/);
  const ok = computeBurnRateTable(99.9, '30d');
  assert.deepEqual(ok.warnings, []);
});

test('warnings: the workbook tiers re-derived for a 7-day period give a 0.2333× ticket tier', () => {
  const t = computeBurnRateTable(99.9, '7d');
  assert.deepEqual(t.tiers.map((x) => x.burnRate), [3.36, 1.4, 0.2333]);
  assert.equal(t.warnings.length, 1, t.warnings.join('\n'));
  assert.match(t.warnings[0]!, /^ticket 3d\/6h: burn rate 0\.2333 is below 1 — this tier fires while the service is meeting its SLO; use a longer period, .* at least 42\.86 %$/);
});

test('bad tiers are skipped with a warning; bad objective or period throw', () => {
  const t = computeBurnRateTable(99.9, '30d', [{ severity: 'page', longWindow: 'soon', shortWindow: '5m', budgetConsumed: 0.02 }]);
  assert.deepEqual(t.tiers, []);
  assert.match(t.warnings[0]!, /tier skipped/);
  assert.throws(() => computeBurnRateTable(100, '30d'), RangeError);
  assert.throws(() => computeBurnRateTable(99.9, '0d'), RangeError);
  assert.throws(() => computeBurnRateTable(99.9, 'month'), RangeError);
});

test('reverse calculation: error rate → burn rate, budget left, time to exhaustion', () => {
  assert.deepEqual(reverseBurnRate(99.9, '30d', 0.005, 24), REVERSE_05PCT_24H_999_30D);
  const page = reverseBurnRate(99.9, '30d', 0.0144, 1);
  assert.equal(page.burnRate, 14.4);
  assert.equal(page.budgetConsumedAfter, 0.02);
  assert.equal(page.timeToExhaustion, '50h');
  const gone = reverseBurnRate(99.9, '30d', 0.5, 2);
  assert.equal(gone.burnRate, 500);
  assert.equal(gone.budgetLeftAfter, 0);
  assert.equal(gone.timeToExhaustion, '1h26m');
  assert.match(gone.warnings[0]!, /whole budget is gone after 1h26m/);
  const none = reverseBurnRate(99.9, '30d', 0);
  assert.equal(none.timeToExhaustion, '∞');
  assert.equal(none.afterHours, 1);
  assert.throws(() => reverseBurnRate(99.9, '30d', 2), RangeError);
  // Round trip with the forward table: each tier's threshold burns at exactly its burn rate.
  for (const tier of computeBurnRateTable(99.9, '30d').tiers) {
    assert.equal(reverseBurnRate(99.9, '30d', tier.errorRateThreshold).burnRate, tier.burnRate);
  }
});

test('explainBurnRate: the hover text of the issue example', () => {
  assert.equal(explainBurnRate(14.4, '1h', '30d'), '14.4× over 1h of a 30d period = 2 % of the error budget; at this rate the whole budget lasts 50h');
  assert.equal(explainBurnRate(1, '3d', '30d'), '1× over 3d of a 30d period = 10 % of the error budget; at this rate the whole budget lasts 30d');
  assert.equal(explainBurnRate(14.4, 'soon', '30d'), '');
});

test('durations: parse', () => {
  assert.equal(parseDuration('5m'), 300);
  assert.equal(parseDuration('1h'), 3600);
  assert.equal(parseDuration('30d'), 2592000);
  assert.equal(parseDuration('4w'), 2419200);
  assert.equal(parseDuration(' 1h30m '), 5400);
  assert.equal(parseDuration('4d12h'), 388800);
  assert.equal(parseDuration('0m'), 0);
  for (const bad of ['', '5', 'm', '5s', '1.5h', '30m1h', '1h1h', '-5m', '5 m', '1y']) assert.equal(parseDuration(bad), undefined, bad);
});

test('durations: format rule (hours below 72h, then days and hours)', () => {
  const cases: Array<[number, string]> = [
    [300, '5m'],
    [3600, '1h'],
    [5400, '1h30m'],
    [180000, '50h'],
    [71 * 3600, '71h'],
    [72 * 3600, '3d'],
    [432000, '5d'],
    [388800, '4d12h'],
    [2592000, '30d'],
    [604800, '7d'],
    [26, '26s'],
    [0, '0m'],
    [Infinity, '∞'],
  ];
  for (const [s, want] of cases) assert.equal(formatDuration(s), want, String(s));
  assert.equal(formatWindow(300), '5m');
  assert.equal(formatWindow(5400), '90m');
  assert.equal(formatWindow(21600), '6h');
  assert.equal(formatWindow(259200), '3d');
});

test('durations: format → parse round trips (minutes below 72h, hours from 72h)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 72 * 60 - 1 }), (minutes) => {
      assert.equal(parseDuration(formatDuration(minutes * 60)), minutes * 60);
    }),
  );
  fc.assert(
    fc.property(fc.integer({ min: 72, max: 24 * 400 }), (hours) => {
      assert.equal(parseDuration(formatDuration(hours * 3600)), hours * 3600);
      assert.equal(parseDuration(formatWindow(hours * 3600)), hours * 3600);
    }),
  );
  for (const s of ['5m', '30m', '1h', '6h', '50h', '3d', '5d', '30d', '4d12h', '1h30m']) assert.equal(formatDuration(parseDuration(s)!), s);
});

test('calculator inputs: clear messages for bad values', () => {
  assert.deepEqual(parseObjectiveInput('99.9'), { value: 99.9 });
  assert.deepEqual(parseObjectiveInput(' 99.95 % '), { value: 99.95 });
  assert.match(parseObjectiveInput('100').error!, /100 % leaves no error budget/);
  assert.match(parseObjectiveInput('abc').error!, /"abc" is not a number/);
  assert.match(parseObjectiveInput('0.999').error!, /write it as a percent, e.g. 99.9/);
  assert.match(parseObjectiveInput('0').error!, /above 0/);
  assert.deepEqual(parsePeriodInput('30d'), { value: '30d', seconds: 2592000 });
  assert.match(parsePeriodInput('0d').error!, /longer than zero/);
  assert.match(parsePeriodInput('abc').error!, /"abc" is not a duration/);
  assert.deepEqual(parseErrorRateInput('0.5%'), { value: 0.005 });
  assert.deepEqual(parseErrorRateInput('0.005'), { value: 0.005 });
  assert.match(parseErrorRateInput('5').error!, /write 5% for a percent or 0.05 for a fraction/);
  assert.match(parseErrorRateInput('abc').error!, /not a number/);
  assert.match(parseErrorRateInput('150%').error!, /cannot exceed 100 %/);
});

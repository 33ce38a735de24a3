import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, defaultConfig, type Finding } from '../../server/src/core/index';
import { runbookRules } from '../../server/src/core/runbook/rules/index';
import { parseBudgetConsumed } from '../../server/src/core/runbook/rules/burn-rate';
import { expectedFindings, actualFindings } from '../helpers/expectations';
import { applyEdits } from '../helpers/edits';

const FIXTURES = join(__dirname, '..', 'fixtures', 'runbooks');
const NOW = new Date('2026-11-25T00:00:00Z');

function read(name: string): { file: string; text: string } {
  const file = join(FIXTURES, name);
  return { file, text: readFileSync(file, 'utf8') };
}

/** The lines of `after` that differ from `before` (same line count expected). */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(a.length, b.length, 'a fix must not add or remove lines');
  return b.filter((l, i) => l !== a[i]);
}

function findingsOf(name: string, code: string): { file: string; text: string; findings: Finding[] } {
  const { file, text } = read(name);
  return { file, text, findings: lint(file, text, { now: NOW }).findings.filter((f) => f.code === code) };
}

test('RB005 and RB006 are registered with their severities', () => {
  const byId = new Map(runbookRules.map((r) => [r.id, r]));
  assert.equal(byId.get('RB005')?.name, 'burn-rate');
  assert.equal(byId.get('RB005')?.defaultSeverity, 'error');
  assert.equal(byId.get('RB006')?.name, 'short-window-ratio');
  assert.equal(byId.get('RB006')?.defaultSeverity, 'hint');
});

test('RB005/RB006 fixtures: the expected findings and nothing else', () => {
  for (const name of ['rb005-burn-rate.runbook.yaml', 'rb005-clean.runbook.yaml', 'rb005-low-burn-rate.runbook.yaml', 'rb006-short-window.runbook.yaml']) {
    const { file, text } = read(name);
    const { findings } = lint(file, text, { now: NOW });
    assert.deepEqual(actualFindings(text, findings), expectedFindings(text), name);
  }
});

test('RB005 messages and ranges sit on the wrong value', () => {
  const { text, findings } = findingsOf('rb005-burn-rate.runbook.yaml', 'RB005');
  assert.deepEqual(
    findings.map((f) => [text.slice(f.start, f.end), f.severity]),
    [
      ['5%', 'error'],
      ['3d', 'error'],
      ['0.3', 'error'],
      ['14.4', 'error'],
    ],
  );
  assert.equal(findings[0]!.message, 'budgetConsumed 5% disagrees with burnRate 14.4: over 1h of 30d it consumes 2 % of the budget; make them agree');
  assert.equal(findings[1]!.message, 'shortWindow 3d is not shorter than longWindow 3d; use about longWindow ÷ 12 (6h)');
  assert.equal(findings[3]!.message, 'burnRate 14.4 needs an error rate of 144 % at a 90 % objective, so this alert can never fire; use a burnRate of at most 10');
});

test('RB005 warning: a burn rate below 1 fires while the SLO is met (the workbook 3d / 10 % tier over 7 days)', () => {
  const { text, findings } = findingsOf('rb005-low-burn-rate.runbook.yaml', 'RB005');
  assert.deepEqual(
    findings.map((f) => [text.slice(0, f.start).split('\n').length, text.slice(f.start, f.end), f.severity]),
    [[43, '0.2333', 'warning']],
  );
  assert.equal(
    findings[0]!.message,
    'burnRate 0.2333 is below 1: this tier fires while the service is meeting its SLO (it fires at an error rate of 0.02333 %, under the 0.1 % a 99.9 % objective allows); use a longer period, or a long window that is a smaller share of the period, or a budgetConsumed of at least 42.86 % (longWindow ÷ period 3d ÷ 7d).',
  );
  // The tier at exactly 1× and the page tiers are not flagged; the existing errors keep their severity.
  assert.ok(!lint('x.runbook.yaml', text.replace('burnRate: 0.2333   # expect: RB005', 'burnRate: 1\n        # was 0.2333').replace('budgetConsumed: 10%\n', 'budgetConsumed: 42.86%\n'), { now: NOW }).findings.length);
  // The quick fix keeps the windows and makes the tier 1×: burnRate 1, budgetConsumed = longWindow ÷ period.
  const fix = findings[0]!.fixes!;
  assert.equal(fix.length, 1);
  assert.equal(fix[0]!.title, 'Make it a 1× tier: burnRate 1, budgetConsumed 42.86% (longWindow ÷ period)');
  assert.ok(!fix[0]!.isPreferred);
  const fixed = applyEdits(text, fix[0]!.edits);
  assert.deepEqual(changedLines(text, fixed), ['        burnRate: 1   # expect: RB005', '        budgetConsumed: 42.86%']);
  assert.deepEqual(lint('x.runbook.yaml', fixed, { now: NOW }).findings, []);
  // A user setting turns it into whatever they want, like any RB005 finding.
  const off = lint('x.runbook.yaml', text, { now: NOW, config: { ...defaultConfig(), rules: { RB005: 'off' } } }).findings;
  assert.deepEqual(off, []);
});

test('RB005 quick fixes: both directions offered, in the user\'s own style', () => {
  const { findings } = findingsOf('rb005-burn-rate.runbook.yaml', 'RB005');
  const titles = findings.map((f) => (f.fixes ?? []).map((x) => [x.title, x.edits.map((e) => e.newText).join(), !!x.isPreferred]));
  assert.deepEqual(titles[0], [
    ['Set budgetConsumed to 2% (burnRate × longWindow ÷ period)', '2%', true],
    ['Set burnRate to 36 (implied by budgetConsumed 5%)', '36', false],
  ]);
  assert.deepEqual(titles[1], [['Set shortWindow to 6h (longWindow ÷ 12)', '6h', true]]);
  assert.deepEqual(titles[2], [
    ['Set budgetConsumed to 0.1 (burnRate × longWindow ÷ period)', '0.1', true],
    ['Set burnRate to 9 (implied by budgetConsumed 0.3)', '9', false],
  ]);
  assert.deepEqual(titles[3], []);
});

test('RB005/RB006 fixes: apply, re-lint, the finding is gone, no other text changed', () => {
  for (const [name, code] of [
    ['rb005-burn-rate.runbook.yaml', 'RB005'],
    ['rb006-short-window.runbook.yaml', 'RB006'],
  ] as const) {
    const { file, text, findings } = findingsOf(name, code);
    const before = lint(file, text, { now: NOW }).findings;
    let fixesTried = 0;
    for (const f of findings) {
      for (const fix of f.fixes ?? []) {
        fixesTried++;
        const fixed = applyEdits(text, fix.edits);
        const changed = changedLines(text, fixed);
        assert.equal(changed.length, 1, `${fix.title}: one line changes`);
        // Outside the edit, the text is byte-identical.
        const e = fix.edits[0]!;
        assert.equal(fixed.slice(0, e.start), text.slice(0, e.start));
        assert.equal(fixed.slice(e.start + e.newText.length), text.slice(e.end));
        const after = lint(file, fixed, { now: NOW }).findings;
        const line = (t: string, o: number) => t.slice(0, o).split('\n').length;
        assert.ok(!after.some((a) => a.code === code && line(fixed, a.start) === line(text, f.start)), `${fix.title}: the finding is gone`);
        // Every other finding is still there (same codes on the same lines), nothing new appeared.
        const others = (fs: Finding[], t: string) =>
          fs.filter((x) => line(t, x.start) !== line(text, f.start)).map((x) => `${x.code}@${line(t, x.start)}`);
        assert.deepEqual(others(after, fixed), others(before, text), `${fix.title}: no other finding changed`);
      }
    }
    assert.ok(fixesTried >= 3, `${name}: fixes were applied`);
  }
});

test('RB005 fix keeps a spaced percent and the quotes of the value', () => {
  const { file, text } = read('rb005-burn-rate.runbook.yaml');
  const spaced = text.replace('burnRate: 1\n        budgetConsumed: "10 %"', 'burnRate: 2\n        budgetConsumed: "10 %"').replace('shortWindow: 3d   # expect: RB005', 'shortWindow: 6h');
  const f = lint(file, spaced, { now: NOW }).findings.find((x) => x.code === 'RB005' && spaced.slice(x.start, x.end) === '"10 %"');
  assert.ok(f, 'the disagreeing quoted budget is flagged');
  assert.equal(f.fixes![0]!.edits[0]!.newText, '"20 %"');
  assert.equal(f.fixes![1]!.edits[0]!.newText, '1');
});

test('RB006 fix uses a single-unit window the schema accepts', () => {
  const { text, findings } = findingsOf('rb006-short-window.runbook.yaml', 'RB006');
  assert.deepEqual(
    findings.map((f) => [text.slice(f.start, f.end), f.severity, f.fixes![0]!.edits[0]!.newText]),
    [
      ['30m', 'hint', '5m'],
      ['10m', 'hint', '30m'],
      ['"15m"', 'hint', '"90m"'],
    ],
  );
  assert.match(findings[0]!.message, /^shortWindow 30m is long for longWindow 1h; the workbook uses longWindow ÷ 12 \(5m\)/);
});

test('budgetConsumed accepts a percent string or a fraction', () => {
  assert.equal(parseBudgetConsumed('2%'), 0.02);
  assert.equal(parseBudgetConsumed('2 %'), 0.02);
  assert.equal(parseBudgetConsumed(0.05), 0.05);
  assert.equal(parseBudgetConsumed('0.5%'), 0.005);
  assert.equal(parseBudgetConsumed(2), undefined);
  assert.equal(parseBudgetConsumed('two'), undefined);
});

test('RB005 can be configured off and RB006 raised', () => {
  const { file, text } = read('rb006-short-window.runbook.yaml');
  const { findings } = lint(file, text, { now: NOW, config: { ...defaultConfig(), rules: { RB006: 'warning' } } });
  assert.ok(findings.filter((f) => f.code === 'RB006').every((f) => f.severity === 'warning'));
  const b = read('rb005-burn-rate.runbook.yaml');
  assert.equal(lint(b.file, b.text, { now: NOW, config: { ...defaultConfig(), rules: { RB005: 'off' } } }).findings.filter((f) => f.code === 'RB005').length, 0);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import type { Finding, Fix } from '../../server/src/core/index';
import { VALID, covered, lintText } from './runbook-helpers';
import { applyEdits } from '../helpers/edits';

/** Applies a fix, re-lints, and checks the finding is gone and only the fix's text changed. */
function applyAndRelint(text: string, finding: Finding, fix: Fix): { after: string; findings: Finding[] } {
  const after = applyEdits(text, fix.edits);
  // Outside the edited ranges the text is byte-for-byte the same.
  const [e] = fix.edits;
  assert.equal(fix.edits.length, 1);
  assert.equal(after.slice(0, e!.start), text.slice(0, e!.start));
  assert.equal(after.slice(e!.start + e!.newText.length), text.slice(e!.end));
  const findings = lintText(after);
  assert.ok(!findings.some((f) => f.code === finding.code && f.message === finding.message), `still reported: ${finding.message}\n${after}`);
  return { after, findings };
}

test('missing required key: the fix inserts the key at the parent indentation; other keys unchanged', () => {
  const text = VALID.replace('    escalation: "#ml-oncall"\n', '');
  const [f] = lintText(text);
  const { after, findings } = applyAndRelint(text, f!, f!.fixes![0]!);
  assert.match(after, /\n    team: ml-platform\n    model: "@fraud-model-owners"\n    escalation: <escalation>\n  lastReviewed:/);
  // The placeholder is reported as not localised, nothing else.
  assert.deepEqual(findings.map((x) => x.code), ['RB003']);
  const before = parse(text);
  const now = parse(after);
  delete now.metadata.owners.escalation;
  assert.deepEqual(now, before);
});

test('missing nested mapping: the fix inserts a skeleton of its required keys', () => {
  const text = VALID.replace(/  owners:\n.*\n.*\n.*\n/, '');
  const f = lintText(text).find((x) => x.code === 'RB001');
  const { after } = applyAndRelint(text, f!, f!.fixes![0]!);
  assert.match(after, /\n  service: fraud-scorer\n  lastReviewed: 2026-10-01\n  owners:\n    team: <team>\n    escalation: <escalation>\nsignal:/);
});

test('missing root key at the end of a file without a final newline', () => {
  const text = VALID.replace(/slos:[\s\S]*$/, '').replace(/rollback:\n.*\n.*\n.*\n/, '').replace(/\n$/, '').replace('  slo: prediction-quality\n', '');
  const f = lintText(text).find((x) => x.code === 'RB001')!;
  const { after } = applyAndRelint(text, f, f.fixes![0]!);
  assert.ok(after.endsWith('\nrollback:\n  criterion: <criterion>\n'), after.slice(-80));
});

test('missing key in a flow mapping: inserted before the closing brace', () => {
  const text = VALID.replace(/  owners:\n.*\n.*\n.*\n/, '  owners: {team: ml-platform, model: "@fraud-model-owners"}\n');
  const [f] = lintText(text);
  const { after } = applyAndRelint(text, f!, f!.fixes![0]!);
  assert.match(after, /owners: \{team: ml-platform, model: "@fraud-model-owners", escalation: <escalation>\}/);
});

test('CRLF files get CRLF insertions', () => {
  const text = VALID.replace('    escalation: "#ml-oncall"\n', '').replace(/\n/g, '\r\n');
  const [f] = lintText(text);
  const { after } = applyAndRelint(text, f!, f!.fixes![0]!);
  assert.ok(after.includes('    team: ml-platform\r\n    model: "@fraud-model-owners"\r\n    escalation: <escalation>\r\n'));
  assert.ok(!/[^\r]\n/.test(after));
});

test('bad enum: every fix clears the finding; the preferred one is the closest', () => {
  const text = VALID.replace('likely: data', 'likely: modle');
  const [f] = lintText(text);
  assert.equal(f!.fixes!.find((x) => x.isPreferred)!.edits[0]!.newText, 'model');
  for (const fix of f!.fixes!) assert.deepEqual(applyAndRelint(text, f!, fix).findings, []);
});

test('misspelt key: the rename fix leaves a clean runbook', () => {
  const text = VALID.replace('  rollback:', '  rollback:').replace('  criterion:', '  critrion:');
  const [f] = lintText(text).filter((x) => x.code === 'RB001' && /critrion/.test(x.message));
  assert.deepEqual(applyAndRelint(text, f!, f!.fixes![0]!).findings, []);
});

test('RB001 unquoted channel: quoting fixes it', () => {
  const text = VALID.replace('escalation: "#ml-oncall"', 'escalation: #ml-oncall');
  const [f] = lintText(text);
  const { after, findings } = applyAndRelint(text, f!, f!.fixes![0]!);
  assert.equal(after, VALID);
  assert.deepEqual(findings, []);
});

test('diagnostic with neither query nor check: both fixes insert at the item indentation', () => {
  const text = VALID.replace('    check: Look at the feature pipeline runs\n', '');
  const [f] = lintText(text);
  assert.equal(f!.fixes!.length, 2);
  for (const fix of f!.fixes!) {
    const { after, findings } = applyAndRelint(text, f!, fix);
    assert.deepEqual(findings.map((x) => x.code), ['RB003']);
    assert.match(after, /  - question: Did a pipeline run change the features\?\n    (check: <check>|query:\n      language: text\n      text: <text>)\n  - question: Did prediction quality drop\?/);
  }
});

test('RB002: the fix appends skeleton diagnostics to the list', () => {
  const text = VALID.replace(/  - question: Did a pipeline run[\s\S]*?(?=rollback:)/, '');
  const [f] = lintText(text);
  assert.equal(f!.code, 'RB002');
  const { after, findings } = applyAndRelint(text, f!, f!.fixes![0]!);
  assert.ok(findings.every((x) => x.code === 'RB003'));
  assert.match(after, /changes\(drift_detector_config_version\[24h\]\) > 0\n  - question: <question 2>\n    check: <check 2>\n  - question: <question 3>\n    check: <check 3>\nrollback:/);
});

test('RB008: the fix adds a rollback action to fill in', () => {
  const text = VALID.replace('  actions:\n    - Roll back the feature pipeline to the last good run\n', '');
  const [f] = lintText(text);
  assert.equal(f!.code, 'RB008');
  const { after } = applyAndRelint(text, f!, f!.fixes![0]!);
  assert.match(after, /  criterion: The drift traces to a feature-pipeline break\n  actions:\n    - <fast reversible action>\nslos:/);
});

test('RB009: replacing signal.slo with the offered name resolves it', () => {
  const text = VALID.replace('slo: prediction-quality', 'slo: prediction-qualty');
  const [f] = lintText(text);
  assert.deepEqual(applyAndRelint(text, f!, f!.fixes![0]!).findings, []);
});

test('RB007: "mark as reviewed today" writes env.now', () => {
  const text = VALID.replace('lastReviewed: 2026-10-01', 'lastReviewed: 2024-10-01');
  const [f] = lintText(text);
  const { after } = applyAndRelint(text, f!, f!.fixes![0]!);
  assert.ok(after.includes('lastReviewed: 2026-11-25'));
});

test('an empty mapping value: the fix fills in its required keys under it', () => {
  const text = VALID.replace(/  owners:\n.*\n.*\n.*\n/, '  owners:\n');
  const f = lintText(text).find((x) => x.code === 'RB001');
  assert.match(f!.message, /^'metadata\.owners' is empty/);
  const { after, findings } = applyAndRelint(text, f!, f!.fixes![0]!);
  assert.match(after, /\n  owners:\n    team: <team>\n    escalation: <escalation>\n  lastReviewed:/);
  // The placeholders are not localised; the skeleton has only the required keys, so RB011 still asks for the model owner.
  assert.deepEqual(findings.map((x) => x.code), ['RB011', 'RB003', 'RB003']);
});

test('RB011: the fix adds owners.model as a placeholder that RB003 flags until it names the owner', () => {
  const text = VALID.replace('    model: "@fraud-model-owners"\n', '');
  const [f] = lintText(text);
  assert.equal(f!.code, 'RB011');
  assert.equal(f!.severity, 'warning');
  assert.equal(covered(text, f!), 'owners');
  const { after, findings } = applyAndRelint(text, f!, f!.fixes![0]!);
  assert.match(after, /\n  owners:\n    team: ml-platform\n    escalation: "#ml-oncall"\n    model: <model-owner>\n  lastReviewed:/);
  assert.deepEqual(findings.map((x) => [x.code, covered(after, x)]), [['RB003', '<model-owner>']]);
  // Named, the runbook is clean again.
  assert.deepEqual(lintText(after.replace('<model-owner>', '"@fraud-model-owners"')), []);
  const now = parse(after);
  delete now.metadata.owners.model;
  assert.deepEqual(now, parse(text));
});

test('RB011: in a flow mapping the fix inserts before the closing brace; CRLF files stay CRLF', () => {
  const flow = VALID.replace(/  owners:\n.*\n.*\n.*\n/, '  owners: {team: ml-platform, escalation: "#ml-oncall"}\n');
  const [f] = lintText(flow);
  assert.equal(f!.code, 'RB011');
  const { after } = applyAndRelint(flow, f!, f!.fixes![0]!);
  assert.match(after, /owners: \{team: ml-platform, escalation: "#ml-oncall", model: <model-owner>\}\n/);
  const crlf = VALID.replace('    model: "@fraud-model-owners"\n', '').replace(/\n/g, '\r\n');
  const [g] = lintText(crlf);
  const { after: a2 } = applyAndRelint(crlf, g!, g!.fixes![0]!);
  assert.ok(a2.includes('    escalation: "#ml-oncall"\r\n    model: <model-owner>\r\n  lastReviewed:'));
  assert.ok(!/[^\r]\n/.test(a2));
});

test('RB011: a model-surface runbook is flagged too; a serving one is not', () => {
  const text = VALID.replace('    model: "@fraud-model-owners"\n', '');
  assert.deepEqual(lintText(text.replace('likely: data', 'likely: model')).map((x) => x.code), ['RB011']);
  assert.deepEqual(lintText(text.replace('likely: data', 'likely: serving')), []);
});

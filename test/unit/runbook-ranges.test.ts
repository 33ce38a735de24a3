import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig } from '../../server/src/core/index';
import { VALID, covered, lintText } from './runbook-helpers';

test('the base runbook of these tests lints clean', () => {
  assert.deepEqual(lintText(VALID), []);
});

test('RB001 missing key: on the parent key, with a message that says what to add', () => {
  const text = VALID.replace('    team: ml-platform\n', '');
  const [f, ...rest] = lintText(text);
  assert.equal(rest.length, 0);
  assert.equal(f!.code, 'RB001');
  assert.equal(covered(text, f!), 'owners');
  assert.match(f!.message, /^Add the required key 'team' under 'metadata\.owners'/);
});

test("RB001 missing 'owners': the message names team and escalation: who is paged", () => {
  const text = VALID.replace(/  owners:\n.*\n.*\n.*\n/, '');
  const f = lintText(text).find((x) => x.code === 'RB001');
  assert.equal(covered(text, f!), 'metadata');
  assert.equal(f!.message, "Add the required key 'owners' under 'metadata' (team and escalation: who is paged).");
});

test('RB001 missing key at the root: on the first key of the document', () => {
  const text = VALID.replace(/rollback:\n.*\n.*\n.*\n/, '');
  const fs = lintText(text).filter((f) => f.code === 'RB001');
  assert.equal(fs.length, 1);
  assert.equal(covered(text, fs[0]!), 'apiVersion');
  assert.match(fs[0]!.message, /'rollback'/);
});

test('RB001 bad enum: on the value, one fix per allowed value, the closest preferred', () => {
  const text = VALID.replace('default: SEV3', 'default: sev2');
  const [f] = lintText(text);
  assert.equal(covered(text, f!), 'sev2');
  assert.equal(f!.message, "'severity.default' must be one of SEV1, SEV2, SEV3, not 'sev2' — did you mean 'SEV2'?");
  assert.deepEqual(f!.fixes!.map((x) => x.edits[0]!.newText), ['SEV1', 'SEV2', 'SEV3']);
  assert.deepEqual(f!.fixes!.filter((x) => x.isPreferred).map((x) => x.edits[0]!.newText), ['SEV2']);
});

test('RB001 bad enum: a swap of neighbours is one edit, as in the post-mortem front matter', () => {
  const text = VALID.replace('likely: data', 'likely: dtaa');
  const [f] = lintText(text);
  assert.equal(covered(text, f!), 'dtaa');
  assert.match(f!.message, /did you mean 'data'\?/);
});

test('RB001 unknown key: on the key, did-you-mean and a rename fix', () => {
  const text = VALID.replace('  service: fraud-scorer', '  servce: fraud-scorer');
  const [f] = lintText(text);
  assert.equal(covered(text, f!), 'servce');
  assert.match(f!.message, /did you mean 'service'\?/);
  assert.equal(f!.fixes![0]!.edits[0]!.newText, 'service');
});

test('RB001 wrong type on a block value: on the key, not the whole block', () => {
  const text = VALID.replace('    - Roll back the feature pipeline to the last good run\n', '    text: Roll back\n');
  const f = lintText(text).find((x) => x.code === 'RB001')!;
  assert.equal(covered(text, f), 'actions');
  assert.match(f.message, /'rollback\.actions' must be a list/);
});

test('RB001 pattern in a list item inside a list item: exact value range', () => {
  const text = VALID.replace('longWindow: 1h', 'longWindow: 1 hour');
  const f = lintText(text).find((x) => x.code === 'RB001')!;
  assert.equal(covered(text, f), '1 hour');
  assert.match(f.message, /^'slos\[0\]\.alerts\[0\]\.longWindow' must be a duration/);
});

test('RB001 keys with / and ~ are unescaped from the JSON pointer', () => {
  const text = VALID.replace('  service: fraud-scorer', '  a/b~c: 1');
  const f = lintText(text).find((x) => x.code === 'RB001')!;
  assert.equal(covered(text, f), 'a/b~c');
});

test('RB001 anyOf collapses into one message naming what is expected', () => {
  const text = VALID.replace('budgetConsumed: 2%', 'budgetConsumed: lots');
  const fs = lintText(text).filter((x) => x.code === 'RB001');
  assert.equal(fs.length, 1);
  assert.equal(covered(text, fs[0]!), 'lots');
  assert.match(fs[0]!.message, /must be a fraction such as 0\.02 or a percentage such as 2%/);
});

test('RB001 a channel written unquoted is read as a comment: the message says to quote it', () => {
  const text = VALID.replace('escalation: "#ml-oncall"', 'escalation: #ml-oncall');
  const [f] = lintText(text);
  assert.equal(covered(text, f!), 'escalation');
  assert.match(f!.message, /YAML reads '#ml-oncall' as a comment/);
});

test('RB003: the range is the token inside a block scalar, not the scalar', () => {
  const text = VALID.replace('changes(drift_detector_config_version[24h]) > 0', 'changes(drift_detector_config_version{job="CHANGEME"}[24h]) > 0');
  const [f] = lintText(text);
  assert.equal(f!.code, 'RB003');
  assert.equal(covered(text, f!), 'CHANGEME');
  assert.match(f!.message, /'diagnostics\[0\]\.query\.text'/);
});

test('RB003: case-sensitive tokens, comments and keys are not values', () => {
  const text = VALID.replace('title: Drift alert', 'title: Drift alert todos  # TODO later');
  assert.deepEqual(lintText(text), []);
  const text2 = VALID.replace('title: Drift alert', 'title: Drift alert, TODO');
  assert.equal(covered(text2, lintText(text2)[0]!), 'TODO');
});

test('RB003: example.com hosts inside URLs and quoted values', () => {
  const text = VALID.replace('summary: Feature drift above threshold', 'summary: "See https://grafana.example.com/d/x"');
  const [f] = lintText(text);
  assert.equal(covered(text, f!), 'grafana.example.com');
  assert.equal(lintText(VALID.replace('summary: Feature drift above threshold', 'summary: See myexample.com')).length, 0);
});

test('RB007: stale and impossible dates, relative to env.now and staleAfterDays', () => {
  const stale = VALID.replace('lastReviewed: 2026-10-01', 'lastReviewed: 2026-05-01');
  const [f] = lintText(stale);
  assert.equal(f!.code, 'RB007');
  assert.equal(covered(stale, f!), '2026-05-01');
  assert.match(f!.message, /208 days ago/);
  assert.deepEqual(lintText(stale, 'x.runbook.yaml', { now: new Date('2026-11-25T00:00:00Z'), config: { ...defaultConfig(), staleAfterDays: 365 } }), []);
  const bad = VALID.replace('lastReviewed: 2026-10-01', 'lastReviewed: 2026-13-01');
  assert.match(lintText(bad)[0]!.message, /not a real date/);
});

test('RB009: signal.slo fixes offer every SLO name; duplicates across the workspace carry related locations', () => {
  const text = VALID.replace('slo: prediction-quality', 'slo: quality');
  const [f] = lintText(text);
  assert.equal(f!.code, 'RB009');
  assert.equal(covered(text, f!), 'quality');
  assert.deepEqual(f!.fixes!.map((x) => x.edits[0]!.newText), ['prediction-quality']);
  const dup = lintText(VALID, 'a.runbook.yaml', {
    now: new Date('2026-11-25T00:00:00Z'),
    otherRunbookDefinitions: (name, file) => (name === 'drift-alert' && file === 'a.runbook.yaml' ? [{ file: 'b.runbook.yaml', start: 10, end: 21, line: 3, character: 8, message: 'defined here' }] : []),
  });
  assert.equal(dup.length, 1);
  assert.equal(covered(VALID, dup[0]!), 'drift-alert');
  assert.match(dup[0]!.message, /b\.runbook\.yaml/);
  assert.equal(dup[0]!.related![0]!.file, 'b.runbook.yaml');
});

test('RB010: on the later question, related to the earlier', () => {
  const text = VALID.replace('question: Did prediction quality drop?', 'question: did the DETECTOR itself change');
  const [f] = lintText(text);
  assert.equal(f!.code, 'RB010');
  assert.equal(covered(text, f!), 'did the DETECTOR itself change');
  assert.equal(covered(text, { ...f!, ...f!.related![0]! }), 'Did the detector itself change?');
});

test('RB000: a syntax error in one document, the other documents still checked', () => {
  const broken = VALID.replace('  likely: data\n', '  likely: data\n   extra: [1\n');
  const text = `${VALID}---\n${broken}`;
  const fs = lintText(text);
  assert.ok(fs.some((f) => f.code === 'RB000' && f.start > VALID.length));
  const first = VALID.replace('title: Drift alert', 'title: TODO');
  const fs2 = lintText(`${first}---\n${broken}`);
  assert.ok(fs2.some((f) => f.code === 'RB003' && f.start < first.length), 'the first document is still checked');
});

test('RB000: duplicate key on the second key', () => {
  const text = VALID.replace('  title: Drift alert\n', '  title: Drift alert\n  title: Again\n');
  const f = lintText(text).find((x) => x.code === 'RB000')!;
  assert.equal(covered(text, f), 'title');
  assert.equal(text.lastIndexOf('title:'), f.start);
});

test('multi-document: each document is validated on its own, ranges in the whole file', () => {
  const second = VALID.replace('name: drift-alert', 'name: other-alert').replace('default: SEV3', 'default: SEV9');
  const text = `${VALID}---\n${second}`;
  const fs = lintText(text);
  assert.equal(fs.length, 1);
  assert.equal(covered(text, fs[0]!), 'SEV9');
  assert.ok(fs[0]!.start > VALID.length);
});

test('RB001 a list where text is expected: one finding, not a type and an enum error', () => {
  const text = VALID.replace('likely: data', 'likely: [data]');
  const fs = lintText(text);
  assert.equal(fs.length, 1);
  assert.equal(covered(text, fs[0]!), '[data]');
  assert.equal(fs[0]!.message, "'surface.likely' must be text, not a list.");
});

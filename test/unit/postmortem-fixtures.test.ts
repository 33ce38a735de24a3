import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintFixtureDir, actualFindings } from '../helpers/expectations';
import { lint, postmortemRules, docUrl, type LintEnv } from '../../server/src/core/index';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const dir = join(root, 'test', 'fixtures', 'postmortems');
/** The fixtures refer to `examples/drift-alert.runbook.yaml`, found from the workspace root (the repository). */
const env: LintEnv = { now: new Date('2026-11-25T00:00:00Z'), fileExists: existsSync, workspaceRoot: root };

const results = lintFixtureDir(dir, env, (n) => n.endsWith('.md'));

test('the post-mortem fixture folder covers every rule and has clean files', () => {
  const codes = new Set(results.flatMap((r) => r.expected.map((e) => e.code)));
  for (const rule of postmortemRules) assert.ok(codes.has(rule.id), `no fixture expects ${rule.id}`);
  for (const name of ['complete.postmortem.md', 'pagerduty-template.postmortem.md', 'pagerduty-original-headings.postmortem.md']) {
    const r = results.find((x) => x.name === name);
    assert.ok(r, `${name} exists`);
    assert.equal(r.expected.length, 0, `${name} must be a clean fixture`);
  }
});

for (const r of results) {
  test(`fixture ${r.name}`, () => {
    assert.deepEqual(r.actual, r.expected, r.findings.map((f) => `${f.code} ${f.message}`).join('\n'));
  });
}

test('the example post-mortems lint clean against the real file system', () => {
  const names = readdirSync(join(root, 'examples')).filter((n) => n.endsWith('.postmortem.md'));
  assert.ok(names.length >= 2, names.join(', '));
  for (const name of names) {
    const file = join(root, 'examples', name);
    const { kind, findings } = lint(file, readFileSync(file, 'utf8'), { now: env.now, fileExists: existsSync, workspaceRoot: root });
    assert.equal(kind, 'postmortem', name);
    assert.deepEqual(findings.map((f) => `${f.code} ${f.message}`), [], name);
  }
});

test('the serving example: its old deploy is drawn at the edge of a timeline focused on the incident', async () => {
  const { buildTimelineModel } = await import('../../client/src/preview/timelineModel');
  const { parsePostmortem } = await import('../../server/src/core/postmortem/parse');
  const t = buildTimelineModel(parsePostmortem(readFileSync(join(root, 'examples', '2026-08-12-recs-latency-autoscaler.postmortem.md'), 'utf8')));
  assert.equal(t.outside?.before, 1);
  assert.equal(t.events.find((e) => e.lane === 'deploy')?.outside, 'before');
  assert.equal(t.end, '2026-08-12T18:02:00.000Z');
});

test('rule ids are unique, documented and named in kebab-case', () => {
  const ids = postmortemRules.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual([...ids].sort(), Array.from({ length: 11 }, (_, i) => `PM${String(i + 1).padStart(3, '0')}`));
  assert.equal(ids[ids.length - 1], 'PM010', 'PM010 must run last');
  for (const r of postmortemRules) {
    assert.match(r.name, /^[a-z]+(-[a-z]+)*$/);
    const page = join(root, 'docs', 'rules', `${r.id}.md`);
    assert.ok(existsSync(page), `docs/rules/${r.id}.md exists`);
    const md = readFileSync(page, 'utf8');
    assert.ok(md.startsWith(`# ${r.id} — ${r.name}\n`), `${r.id} doc title is "# ${r.id} — ${r.name}"`);
    assert.ok(docUrl(r.id).endsWith(`/docs/rules/${r.id}.md`));
  }
});

test('CRLF line breaks give the same findings on the same lines', () => {
  for (const r of results) {
    const crlf = r.text.replace(/\n/g, '\r\n');
    const { findings } = lint(r.file, crlf, env);
    assert.deepEqual(findings.map((f) => `${f.code} ${f.message}`), r.findings.map((f) => `${f.code} ${f.message}`), r.name);
    assert.deepEqual(actualFindings(crlf, findings), r.actual, r.name);
  }
});

test('the playbook-template fixtures: each defect with its severity', () => {
  const sev = (name: string): string[] => {
    const r = results.find((x) => x.name === name);
    assert.ok(r, name);
    return r.findings.map((f) => `${f.code} ${f.severity}`);
  };
  assert.deepEqual(sev('playbook-template-answered.postmortem.md'), []);
  assert.deepEqual(sev('pm002-emoji-and-punctuated-headings.postmortem.md'), []);
  assert.deepEqual(sev('pm003-one-line-odd-spacing.postmortem.md'), []);
  assert.deepEqual(sev('pm003-one-line-capital-x.postmortem.md'), []);
  assert.deepEqual(sev('pm003-one-line-none-ticked.postmortem.md'), ['PM003 error']);
  assert.deepEqual(sev('pm003-one-line-two-ticked.postmortem.md'), ['PM003 warning']);
  assert.deepEqual(sev('pm004-half-answered.postmortem.md'), ['PM004 warning', 'PM004 warning']);
  assert.deepEqual(sev('pm004-real-drift-no-breach.postmortem.md'), ['PM004 error']);
  assert.deepEqual(sev('pm004-slo-not-yes-no.postmortem.md'), ['PM004 warning']);
  assert.deepEqual(sev('pm004-label-drift-and-answers-below.postmortem.md'), []);
  for (const n of ['pm005-deploy-after-start', 'pm005-pipeline-after-start']) assert.deepEqual(sev(`${n}.postmortem.md`), ['PM005 warning'], n);
  assert.deepEqual(sev('pm005-empty-and-unparsable.postmortem.md'), ['PM005 warning', 'PM005 warning']);
  assert.deepEqual(sev('pm006-first-signal-unanswered.postmortem.md'), ['PM006 warning']);
  assert.deepEqual(sev('pm006-gap-question-differs.postmortem.md'), ['PM006 warning']);
  assert.deepEqual(sev('pm006-gap-question-unanswered.postmortem.md'), ['PM006 warning', 'PM006 hint']);
  assert.deepEqual(sev('pm007-template-left-as-pasted.postmortem.md'), ['PM007 error', ...Array(5).fill('PM007 hint')]);
  assert.deepEqual(sev('pm007-unowned-only.postmortem.md'), ['PM007 error', 'PM007 warning', 'PM007 warning', 'PM007 warning']);
  assert.deepEqual(sev('pm007-blast-radius-closes-the-loop.postmortem.md'), ['PM007 hint', 'PM007 hint']);
  assert.deepEqual(sev('pm007-detection-signal-closes-the-loop.postmortem.md'), []);
  // The template pasted verbatim, nothing answered: no missing section, each question asks for its answer.
  assert.deepEqual(sev('playbook-template-pasted-unanswered.postmortem.md').sort(), [
    'PM003 error', ...Array(3).fill('PM004 warning'), ...Array(4).fill('PM005 warning'), 'PM006 hint', 'PM006 warning', 'PM006 warning', 'PM007 error', ...Array(5).fill('PM007 hint'),
  ].sort());
  // The messages say what to do, in the playbook's words.
  const msg = (name: string, code: string): string => results.find((x) => x.name === name)!.findings.find((f) => f.code === code)!.message;
  assert.match(msg('pm003-one-line-two-ticked.postmortem.md', 'PM003'), /choose the primary surface/);
  assert.match(msg('pm004-real-drift-no-breach.postmortem.md', 'PM004'), /real drift \(concept drift\) claimed while no quality SLO was breached/);
  assert.match(msg('pm007-template-left-as-pasted.postmortem.md', 'PM007'), /The loop is not closed/);
  assert.match(results.find((x) => x.name === 'pm007-template-left-as-pasted.postmortem.md')!.findings[1]!.message, /remove it or assign it/);
});

test('the answered template with any one answer removed: exactly that finding, on that line, never a missing section (LF and CRLF)', () => {
  const name = 'playbook-template-answered.postmortem.md';
  const text = results.find((x) => x.name === name)!.text;
  const lines = text.split('\n');
  // The template's questions and fields, each followed by its answer on the same line.
  const questions: Array<[RegExp, string, string]> = [
    [/^- Was a quality SLO breached\? \(Y\/N, which SLO, for how long\)/, 'PM004', 'warning'],
    [/^- Was this real drift \(concept drift\) or virtual drift \(covariate shift\)\?/, 'PM004', 'warning'],
    [/^- Was label lag a contributing factor\?/, 'PM004', 'warning'],
    [/^- Model version in production at incident start:/, 'PM005', 'warning'],
    [/^- Last deploy timestamp:/, 'PM005', 'warning'],
    [/^- Feature pipeline last successful run:/, 'PM005', 'warning'],
    [/^- Reference dataset \/ training cut-off date:/, 'PM005', 'warning'],
    [/^- How long between incident start and page\?/, 'PM006', 'warning'],
    [/^- Which signal detected it first\?/, 'PM006', 'warning'],
    [/^- What signal, if any, could have detected it earlier\?/, 'PM006', 'hint'],
  ];
  for (const [re, code, severity] of questions) {
    const i = lines.findIndex((l) => re.test(l));
    assert.ok(i >= 0, String(re));
    const half = [...lines];
    half[i] = re.exec(lines[i]!)![0];
    for (const eol of ['\n', '\r\n']) {
      const t = half.join(eol);
      // The front matter stays final: the warnings alone do not make it an error.
      const { findings } = lint(join(dir, name), t, env);
      assert.deepEqual(actualFindings(t, findings), [{ code, line: i + 1 }], `${re} (${JSON.stringify(eol)}): ${findings.map((f) => `${f.code} ${f.message}`).join('; ')}`);
      assert.equal(findings[0]!.severity, severity, String(re));
    }
  }
});

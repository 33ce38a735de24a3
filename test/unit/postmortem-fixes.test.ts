import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint, parsePostmortem, type Finding, type Fix, type LintEnv } from '../../server/src/core/index';
import { applyEdits } from '../helpers/edits';

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, '..', 'fixtures', 'postmortems');
const env: LintEnv = { now: new Date('2026-11-25T00:00:00Z'), fileExists: existsSync, workspaceRoot: join(here, '..', '..') };

/** Every line of `a` appears in `b` in order (text was only added), and edits started at line boundaries. */
function onlyAdded(a: string, b: string): boolean {
  const la = a.split('\n');
  const lb = b.split('\n');
  let j = 0;
  for (const line of la) {
    while (j < lb.length && lb[j] !== line) j++;
    if (j === lb.length) return false;
    j++;
  }
  return true;
}

/** Lines differ only where the fix's edits are. */
function onlyEditedLines(a: string, b: string, fix: Fix): boolean {
  const la = a.split('\n');
  const lb = b.split('\n');
  if (la.length !== lb.length) return false;
  const touched = new Set(fix.edits.map((e) => a.slice(0, e.start).split('\n').length - 1));
  return la.every((l, i) => l === lb[i] || touched.has(i));
}

const cases: Array<{ name: string; text: string }> = readdirSync(dir)
  .filter((n) => n.endsWith('.md'))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
// The same fixes on a CRLF file.
const missing = cases.find((c) => c.name === 'pm002-missing-sections.postmortem.md')!;
cases.push({ name: 'pm002-missing-sections (CRLF)', text: missing.text.replace(/\n/g, '\r\n') });

let fixCount = 0;
for (const { name, text } of cases) {
  const file = join(dir, name.replace(/ \(CRLF\)$/, '.postmortem.md'));
  const before = lint(file, text, env).findings;
  for (const f of before.filter((x) => x.fixes?.length)) {
    for (const fix of f.fixes!) {
      fixCount++;
      test(`${name}: ${f.code} fix "${fix.title}" removes the problem and changes nothing else`, () => {
        const next = applyEdits(text, fix.edits);
        assert.notEqual(next, text, 'the fix changes the text');
        const after = lint(file, next, env).findings;
        const same = (x: Finding) => x.code === f.code && x.message === f.message;
        assert.ok(!after.some(same), `still reported: ${f.message}\n${after.map((x) => `${x.code} ${x.message}`).join('\n')}`);
        const pm001 = (xs: Finding[]) => xs.filter((x) => x.code === 'PM001').length;
        assert.ok(pm001(after) <= pm001(before) - (f.code === 'PM001' ? 1 : 0), 'the front matter still validates');
        // Insertions of whole lines add lines; an insertion inside a line (an answer after its question) edits that line.
        const allInserts = fix.edits.every((e) => e.start === e.end && /\n$/.test(e.newText));
        if (allInserts) assert.ok(onlyAdded(text.replace(/\r/g, ''), next.replace(/\r/g, '')), 'only new lines were added');
        else assert.ok(onlyEditedLines(text, next, fix), 'only the edited lines changed');
        if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(next), 'CRLF line breaks are kept');
        assert.equal(lint(file, next, env).findings.filter((x) => x.code === 'PM002').length <= before.filter((x) => x.code === 'PM002').length, true);
      });
    }
  }
}

test('the fixture set exercises quick fixes of PM001–PM006 and PM010', () => {
  assert.ok(fixCount >= 15, `only ${fixCount} fixes found`);
  const codes = new Set(cases.flatMap(({ name, text }) => lint(join(dir, name), text, env).findings.filter((f) => f.fixes?.length).map((f) => f.code)));
  for (const c of ['PM001', 'PM002', 'PM003', 'PM004', 'PM005', 'PM006', 'PM010']) assert.ok(codes.has(c), `a fixture offers a ${c} fix`);
});

test('PM002 inserts a missing section at its canonical position', () => {
  const { text } = missing;
  const findings = lint('x.postmortem.md', text, env).findings.filter((f) => f.code === 'PM002');
  assert.deepEqual(findings.map((f) => /section "([^"]+)"/.exec(f.message)?.[1]).sort(), ['Impact', 'Model and data state']);
  assert.match(findings[0]!.message, /^Missing required section "\w[^"]*" \(or "[^"]+", "[^"]+"\) — add it\. /);
  let out = text;
  // Apply both fixes (from the last to the first so offsets stay valid).
  for (const f of [...findings].sort((a, b) => b.fixes![0]!.edits[0]!.start - a.fixes![0]!.edits[0]!.start)) out = applyEdits(out, f.fixes![0]!.edits);
  const headings = parsePostmortem(out).sections.filter((s) => s.level === 2).map((s) => s.text);
  assert.deepEqual(headings, ['Summary', 'Impact', 'Timeline', 'Root cause', 'Surface attribution', 'Drift/quality context', 'Model and data state at incident time', 'Detection gap', 'Action items', 'What went well']);
  assert.ok(out.includes('the surface was data: inputs changed, the model and the serving path were healthy.\n\n## Impact\n\n'.replace('the surface', 'The surface')));
  assert.ok(
    out.includes('## Model and data state at incident time\n\n- Model version in production at incident start:\n- Last deploy timestamp:\n- Feature pipeline last successful run:\n- Reference dataset / training cut-off date:\n'),
    'the skeleton of Model and data state, in the playbook\'s words',
  );
  assert.ok(out.includes('\n\n## Detection gap\n'), 'a blank line before the next heading');
  assert.equal(lint('x.postmortem.md', out, env).findings.filter((f) => f.code === 'PM002').length, 0);
});

test('PM002 follows the heading level of the neighbouring section and appends at the end when nothing is present', () => {
  const text = '---\nkind: postmortem\n---\n# T\n\n### Summary\n\nx\n';
  const f = lint('a.postmortem.md', text, env).findings.find((x) => x.code === 'PM002' && x.message.includes('"Impact"'))!;
  const out = applyEdits(text, f.fixes![0]!.edits);
  assert.ok(out.startsWith(text), 'appended after Summary (the end of the file)');
  assert.match(out.slice(text.length), /^\n### Impact\n\n/);
  const bare = '# Only a title';
  const g = lint('b.postmortem.md', bare, env).findings.find((x) => x.code === 'PM002' && x.message.includes('"Summary"'))!;
  assert.equal(applyEdits(bare, g.fixes![0]!.edits), '# Only a title\n\n## Summary\n\nWhat happened, in two or three sentences: the symptom, the failure surface, the impact and how it ended.\n');
});

test('PM001 inserts a front matter that validates, with the title from the heading and now as timestamps', () => {
  const text = '# Checkout model timed out\n\n## Summary\n';
  const f = lint('c.postmortem.md', text, env).findings.find((x) => x.code === 'PM001')!;
  assert.deepEqual([f.start, f.end], [0, 26]);
  const out = applyEdits(text, f.fixes![0]!.edits);
  assert.ok(out.startsWith('---\nkind: postmortem\ntitle: "Checkout model timed out"\n'));
  assert.ok(out.includes('incidentStart: 2026-11-25T00:00Z'));
  assert.ok(out.endsWith('---\n\n' + text));
  const pm = parsePostmortem(out);
  assert.equal(pm.meta.severity, 'SEV3');
  assert.equal(lint('c.postmortem.md', out, env).findings.filter((x) => x.code === 'PM001').length, 0);
});

test('PM002 skeletons of Timeline and Detection gap start from the front matter and lint clean', () => {
  const complete = readFileSync(join(dir, 'complete.postmortem.md'), 'utf8');
  const text = complete.replace(/## Timeline[\s\S]*?(?=## Root cause)/, '').replace(/## Detection gap[\s\S]*?(?=## Action items)/, '');
  const fixes = lint(join(dir, 'a.postmortem.md'), text, env).findings.filter((f) => f.code === 'PM002').map((f) => f.fixes![0]!.edits[0]!);
  assert.equal(fixes.length, 2);
  const out = applyEdits(text, fixes);
  assert.ok(out.includes('| 2026-11-03T09:14Z | metric | Impact begins |\n| 2026-11-03T11:02Z | alert | Page fires |\n| 2026-11-03T12:30Z | mitigation | Impact ends |\n'));
  assert.ok(out.includes('## Detection gap\n\n- How long between incident start and page? 1h48m\n- Which signal detected it first?\n- What signal, if any, could have detected it earlier?\n'));
  // What is left is what only the author can say: the first signal (warning) and the earlier one (hint).
  assert.deepEqual(lint(join(dir, 'a.postmortem.md'), out, env).findings.map((f) => `${f.code} ${f.severity}`), ['PM006 warning', 'PM006 hint']);
});

test('PM002 puts a missing ML section under the playbook\'s umbrella heading, at its level', () => {
  const template = readFileSync(join(dir, 'playbook-template-answered.postmortem.md'), 'utf8');
  const sec = template.slice(template.indexOf('### Surface attribution'), template.indexOf('### Drift/quality context'));
  const text = template.replace(sec, '');
  const f = lint('x.postmortem.md', text, env).findings.find((x) => x.code === 'PM002')!;
  assert.match(f.message, /"Surface attribution"/);
  const out = applyEdits(text, f.fixes![0]!.edits);
  assert.ok(out.includes('## ML-specific post-mortem additions\n\n### Surface attribution\n\n- [ ] Data issue  [ ] Model issue  [ ] Serving issue\n\n### Drift/quality context\n'), out);
  // What is left is the surface to tick (and, the post-mortem being final, PM010).
  assert.deepEqual(lint('x.postmortem.md', out, env).findings.map((x) => x.code).sort(), ['PM003', 'PM010']);
});

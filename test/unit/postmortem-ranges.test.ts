import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint, mergeConfig, type Finding, type LintEnv } from '../../server/src/core/index';

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, '..', 'fixtures', 'postmortems');
const env: LintEnv = { now: new Date('2026-11-25T00:00:00Z') };
const read = (n: string) => readFileSync(join(dir, n), 'utf8');

/** The text each finding of `code` covers. */
function covered(text: string, findings: Finding[], code: string): string[] {
  return findings.filter((f) => f.code === code).map((f) => text.slice(f.start, f.end));
}

test('PM001 ranges: the value for enum/pattern/order problems, the key for unknown keys, the YAML token for syntax errors', () => {
  const text = read('pm001-invalid-front-matter.postmortem.md');
  const fs = lint('a.postmortem.md', text, env).findings;
  assert.deepEqual(covered(text, fs, 'PM001'), ['SEV4', '2026-11-03T08:02Z', 'servcie']);
  const msgs = fs.filter((f) => f.code === 'PM001').map((f) => f.message);
  assert.match(msgs[0]!, /'SEV4' is not allowed for 'severity'; expected one of SEV1, SEV2, SEV3\./);
  assert.match(msgs[1]!, /'detected' is before 'incidentStart'/);
  assert.match(msgs[2]!, /Unknown key 'servcie' in front matter; did you mean 'service'\?/);
  const bad = read('pm001-bad-timestamp.postmortem.md');
  const b = lint('b.postmortem.md', bad, env).findings.filter((f) => f.code === 'PM001');
  assert.deepEqual(covered(bad, b, 'PM001'), ['3 Nov 12:30']);
  assert.match(b[0]!.message, /write a timestamp like 2026-11-20T09:14Z/);
  const missing = read('pm001-missing-key.postmortem.md');
  const m = lint('c.postmortem.md', missing, env).findings.filter((f) => f.code === 'PM001');
  assert.deepEqual(covered(missing, m, 'PM001'), ['title'], 'a missing root key is reported on the first key');
  assert.match(m[0]!.message, /Missing required key 'kind' in front matter/);
});

test('PM001 maps offsets exactly with a BOM and CRLF line breaks', () => {
  const text = '\uFEFF---\r\nkind: postmortem\r\nseverity: SEV9\r\n---\r\n# T\r\n';
  const f = lint('d.postmortem.md', text, env).findings.find((x) => x.code === 'PM001' && x.message.includes('SEV9'))!;
  assert.equal(text.slice(f.start, f.end), 'SEV9');
});

test('PM002 is reported on the title heading text, or on line 1 without a title', () => {
  const text = read('pm002-missing-sections.postmortem.md');
  const fs = lint('a.postmortem.md', text, env).findings.filter((f) => f.code === 'PM002');
  assert.equal(fs.length, 2);
  for (const f of fs) assert.equal(text.slice(f.start, f.end), '# Fraud scorer precision dropped after a feature-pipeline schema change <!-- expect: PM002, PM002 -->'.slice(2));
  const noTitle = '---\nkind: postmortem\n---\n## Summary\n';
  const g = lint('b.postmortem.md', noTitle, env).findings.find((x) => x.code === 'PM002')!;
  assert.deepEqual([g.start, g.end], [0, 3]);
});

test('PM003/PM004/PM005/PM006/PM007 ranges', () => {
  const none = read('pm003-none-ticked.postmortem.md');
  assert.deepEqual(covered(none, lint('a.postmortem.md', none, env).findings, 'PM003'), ['Surface attribution <!-- expect: PM003 -->']);
  const several = lint('a.postmortem.md', read('pm003-several-ticked.postmortem.md'), env).findings.find((f) => f.code === 'PM003')!;
  assert.equal(several.severity, 'warning');
  assert.match(several.message, /choose the primary surface/);

  const contra = read('pm004-contradiction.postmortem.md');
  const c = lint('a.postmortem.md', contra, env).findings.filter((f) => f.code === 'PM004');
  assert.equal(c.length, 1);
  assert.equal(c[0]!.severity, 'error');
  assert.equal(contra.slice(c[0]!.start, c[0]!.end), 'concept — fraud patterns changed <!-- expect: PM004 -->');

  const state = read('pm005-state.postmortem.md');
  assert.deepEqual(covered(state, lint('a.postmortem.md', state, env).findings, 'PM005'), [
    'Model version: <!-- expect: PM005 -->',
    '2026-11-03T10:30Z <!-- expect: PM005 -->',
    'this morning <!-- expect: PM005 -->',
    '2026-07-01 → 2026-02-30 <!-- expect: PM005 -->',
  ]);

  const gap = read('pm006-gap-differs.postmortem.md');
  const g = lint('a.postmortem.md', gap, env).findings.filter((f) => f.code === 'PM006');
  assert.deepEqual(covered(gap, g, 'PM006'), ['2h30m']);
  assert.match(g[0]!.message, /Stated detection gap 2h30m differs from `detected − incidentStart` = 1h48m/);
  assert.equal(g[0]!.fixes![0]!.edits[0]!.newText, '1h48m');

  const un = read('pm007-unowned.postmortem.md');
  const u = lint('a.postmortem.md', un, env).findings.filter((f) => f.code === 'PM007');
  assert.equal(u.length, 2);
  assert.ok(u.every((f) => f.severity === 'warning'));
  assert.match(un.slice(u[0]!.start, u[0]!.end), /^Subscribe the ML platform team/);
  assert.match(u[0]!.message, /without an owner \(@handle\) and a due date/);
  assert.match(u[1]!.message, /without a due date \(YYYY-MM-DD\) or a ticket/);
});

test('PM006 fix keeps the style of the stated gap ("108 minutes")', () => {
  const text = read('complete.postmortem.md').replace('Detection gap: 1h48m', 'Time to detect: 95 minutes');
  const f = lint('a.postmortem.md', text, env).findings.find((x) => x.code === 'PM006')!;
  assert.equal(text.slice(f.start, f.end), '95 minutes');
  assert.equal(f.fixes![0]!.edits[0]!.newText, '108 minutes');
});

test('PM008 ranges cover the phrase; code, quotes, comments are never flagged; extraTerms and allow apply', () => {
  const text = read('pm008-blame.postmortem.md');
  assert.deepEqual(covered(text, lint('a.postmortem.md', text, env).findings, 'PM008'), [
    'human error', 'careless', 'caused by @sam', 'Jordan broke', 'should have known', "Priya's fault",
  ]);
  const config = mergeConfig({ blameless: { extraTerms: ['dropped the ball'], allow: ['human error', "Priya's fault"] } });
  const more = text + '\nThe team dropped the ball on the export.\n';
  assert.deepEqual(covered(more, lint('a.postmortem.md', more, { ...env, config }).findings, 'PM008'), [
    'careless', 'caused by @sam', 'Jordan broke', 'should have known', 'dropped the ball',
  ]);
  const off = lint('a.postmortem.md', text, { ...env, config: mergeConfig({ rules: { PM008: 'off' } }) }).findings;
  assert.equal(off.filter((f) => f.code === 'PM008').length, 0);
});

test('PM009 ranges are the offending cells; a table without Type is reported on its header', () => {
  const text = read('pm009-timeline.postmortem.md');
  assert.deepEqual(covered(text, lint('a.postmortem.md', text, env).findings, 'PM009'), ['9.20am', '08:05', 'triage']);
  const noType = read('complete.postmortem.md')
    .replace('| Time | Type | Event |\n|---|---|---|', '| Time | Event |\n|---|---|')
    .replace(/^\| ([^|]+) \| [a-z]+ \| /gm, '| $1 | ');
  const f = lint('a.postmortem.md', noType, env).findings.filter((x) => x.code === 'PM009');
  assert.deepEqual(covered(noType, f, 'PM009'), ['| Time | Event |']);
  assert.match(f[0]!.message, /Add a Type column/);
});

test('PM010 names the open codes and its fix sets review; PM011 covers the runbook value', () => {
  const text = read('pm010-final-with-errors.postmortem.md');
  const f = lint('a.postmortem.md', text, env).findings.find((x) => x.code === 'PM010')!;
  assert.equal(text.slice(f.start, f.end), 'final');
  assert.match(f.message, /1 error remains open \(PM003\)/);
  const rb = read('pm011-missing-runbook.postmortem.md');
  const g = lint('/w/pm/a.postmortem.md', rb, { ...env, fileExists: () => false }).findings.find((x) => x.code === 'PM011')!;
  assert.equal(rb.slice(g.start, g.end), 'examples/drift-alrt.runbook.yaml');
});

test('PM011 resolves against the post-mortem folder, then the workspace root, posix and Windows', () => {
  const text = '---\nkind: postmortem\nrunbook: runbooks/a.runbook.yaml\n---\n';
  const seen: string[] = [];
  const probe = (exists: string | undefined) => (p: string) => {
    seen.push(p);
    return p === exists;
  };
  const codes = (file: string, root: string | undefined, exists: string | undefined) => {
    seen.length = 0;
    return lint(file, text, { ...env, workspaceRoot: root, fileExists: probe(exists) }).findings.filter((f) => f.code === 'PM011').length;
  };
  assert.equal(codes('/repo/pm/x.postmortem.md', '/repo', '/repo/pm/runbooks/a.runbook.yaml'), 0);
  assert.equal(codes('/repo/pm/x.postmortem.md', '/repo', '/repo/runbooks/a.runbook.yaml'), 0);
  assert.deepEqual(seen, ['/repo/pm/runbooks/a.runbook.yaml', '/repo/runbooks/a.runbook.yaml']);
  assert.equal(codes('/repo/pm/x.postmortem.md', '/repo', undefined), 1);
  assert.equal(codes('C:\\repo\\pm\\x.postmortem.md', 'C:\\repo', 'C:\\repo\\runbooks\\a.runbook.yaml'), 0);
  const up = text.replace('runbooks/a', '../ops/./a');
  seen.length = 0;
  lint('/repo/pm/x.postmortem.md', up, { ...env, fileExists: probe(undefined) });
  assert.deepEqual(seen, ['/repo/ops/a.runbook.yaml']);
  // Without fileExists (a host that cannot tell) the rule stays silent; URLs are not checked.
  assert.equal(lint('/repo/x.postmortem.md', text, env).findings.filter((f) => f.code === 'PM011').length, 0);
  const url = text.replace('runbooks/a.runbook.yaml', 'https://wiki.internal/runbooks/a');
  assert.equal(codes('/repo/x.postmortem.md', '/repo', undefined) + 0, 1);
  assert.equal(lint('/repo/x.postmortem.md', url, { ...env, fileExists: () => false }).findings.filter((f) => f.code === 'PM011').length, 0);
});

test('content-detected post-mortems are linted; other Markdown is not', () => {
  assert.equal(lint('notes/incident.md', read('content-detected-notes.md'), env).kind, 'postmortem');
  const other = lint('notes/readme.md', read('not-a-postmortem.md'), env);
  assert.equal(other.kind, undefined);
  assert.deepEqual(other.findings, []);
});

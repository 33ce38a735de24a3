import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
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

test('the example post-mortem lints clean against the real file system', () => {
  const file = join(root, 'examples', '2026-11-03-fraud-precision.postmortem.md');
  const { kind, findings } = lint(file, readFileSync(file, 'utf8'), { now: env.now, fileExists: existsSync, workspaceRoot: root });
  assert.equal(kind, 'postmortem');
  assert.deepEqual(findings.map((f) => `${f.code} ${f.message}`), []);
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

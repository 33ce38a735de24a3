/** The rule catalog: every code the linter reports, with the metadata rule listings (SARIF) show. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ALERT_CODES, postmortemRules, ruleCatalog, runbookRules } from '../../server/src/core/index';

const root = join(import.meta.dirname, '..', '..');

test('the catalog lists every registry rule, the alert codes, ML001 and ML002, once each, sorted', () => {
  const ids = ruleCatalog().map((r) => r.id);
  assert.deepEqual(ids, [...new Set([...runbookRules, ...postmortemRules, ...ALERT_CODES].map((r) => r.id).concat('ML001', 'ML002'))].sort());
  for (const r of [...runbookRules, ...postmortemRules, ...ALERT_CODES]) {
    const listed = ruleCatalog().find((x) => x.id === r.id)!;
    assert.deepEqual(listed, { id: r.id, name: r.name, description: r.description, defaultSeverity: r.defaultSeverity });
  }
});

test('every catalogued code has its page, titled with its code and name', () => {
  for (const r of ruleCatalog()) {
    const md = readFileSync(join(root, 'docs', 'rules', `${r.id}.md`), 'utf8');
    assert.equal(md.split('\n')[0], `# ${r.id} — ${r.name}`, r.id);
    assert.ok(r.description.length > 10, `${r.id} has a description`);
  }
  const byId = new Map(ruleCatalog().map((r) => [r.id, r]));
  assert.equal(byId.get('ML001')!.defaultSeverity, 'hint');
  assert.equal(byId.get('ML002')!.defaultSeverity, 'error');
});

test('the README rule table lists exactly the catalogued codes, with their default severities and pages', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const rows = [...readme.matchAll(/^\| \[([A-Z]{2}\d{3})\]\(docs\/rules\/([A-Z]{2}\d{3})\.md\) \| (\w+) \|/gm)];
  assert.deepEqual(
    rows.map((m) => [m[1], m[2], m[3]]).sort((a, b) => a[0]!.localeCompare(b[0]!)),
    ruleCatalog().map((r) => [r.id, r.id, r.defaultSeverity]),
  );
});

test('every code of the product contract is implemented, and no rule page is orphaned', () => {
  const ids = new Set(ruleCatalog().map((r) => r.id));
  const contract = [
    ...Array.from({ length: 12 }, (_, i) => `RB${String(i).padStart(3, '0')}`),
    ...Array.from({ length: 11 }, (_, i) => `PM${String(i + 1).padStart(3, '0')}`),
    ...Array.from({ length: 6 }, (_, i) => `AL${String(i).padStart(3, '0')}`),
  ];
  for (const code of contract) assert.ok(ids.has(code), `${code} is implemented`);
  const pages = readdirSync(join(root, 'docs', 'rules')).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();
  assert.deepEqual(pages, [...ids].sort());
});

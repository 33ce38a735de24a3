/** The rule catalog: every code the linter reports, with the metadata rule listings (SARIF) show. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { postmortemRules, ruleCatalog, runbookRules } from '../../server/src/core/index';

const root = join(import.meta.dirname, '..', '..');

test('the catalog lists every registry rule plus ML001 and ML002, once each, sorted', () => {
  const ids = ruleCatalog().map((r) => r.id);
  assert.deepEqual(ids, [...new Set([...runbookRules, ...postmortemRules].map((r) => r.id).concat('ML001', 'ML002'))].sort());
  for (const r of [...runbookRules, ...postmortemRules]) {
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

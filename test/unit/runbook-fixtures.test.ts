import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { lintFixtureDir } from '../helpers/expectations';

const dir = join(import.meta.dirname ?? __dirname, '..', 'fixtures', 'runbooks');
const env = { now: new Date('2026-11-25T00:00:00Z') };

for (const r of lintFixtureDir(dir, env, (n) => /\.ya?ml$/.test(n))) {
  test(`runbook fixture ${r.name}: findings match its expect markers`, () => {
    assert.deepEqual(r.actual, r.expected, r.findings.map((f) => `${f.code} ${f.message}`).join('\n'));
  });
}

test('the fixture folder covers every rule of the runbook core', () => {
  const all = lintFixtureDir(dir, env, (n) => /\.ya?ml$/.test(n));
  const seen = new Set(all.flatMap((r) => r.expected.map((e) => e.code)));
  for (const code of ['RB000', 'RB001', 'RB002', 'RB003', 'RB005', 'RB007', 'RB008', 'RB009', 'RB010', 'RB011']) assert.ok(seen.has(code), `no fixture expects ${code}`);
  assert.ok(all.some((r) => r.expected.length === 0), 'at least one fixture lints clean');
});

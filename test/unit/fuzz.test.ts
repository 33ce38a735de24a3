/** A small seeded slice of `npm run fuzz` (scripts/fuzz.ts): no throw, bounded time, repeatable results, fixes inside the text. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzz } from '../../scripts/fuzz';

test('fuzz slice: 1,000 mutated runbooks and post-mortems (seed 14)', () => {
  const r = fuzz({ count: 1000, seed: 14, boundMs: 5000 });
  assert.equal(r.documents, 1000);
  assert.ok(r.fixesApplied > 0);
  assert.deepEqual(r.failures, []);
});

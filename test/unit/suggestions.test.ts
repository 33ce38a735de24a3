// "Did you mean" suggestions: the edit distance (optimal string alignment, case-insensitive) against a
// plain full-table reference, and the memoised `nearest`/`closest` answering the same as uncached.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { closest, editDistance, nearest } from '../../server/src/core/yamlSchema';

/** The textbook full-table optimal string alignment distance. */
function reference(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[x.length]![y.length]!;
}

test('editDistance: known pairs (swap of neighbours is one edit, case ignored)', () => {
  assert.equal(editDistance('hgih', 'high'), 1);
  assert.equal(editDistance('SEV1', 'sev1'), 0);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('ca', 'abc'), 3);
});

test('editDistance equals the full-table reference on random strings', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 14 }), fc.string({ maxLength: 14 }), (a, b) => editDistance(a, b) === reference(a, b)),
    { numRuns: 2000 },
  );
});

test('nearest/closest: a repeated question gets the same answer as the first time', () => {
  const words = ['critical', 'high', 'medium', 'low'];
  const first = nearest('hihg', words);
  assert.deepEqual(first, { best: 'high', distance: 1, tie: false });
  assert.deepEqual(nearest('hihg', words), first);
  assert.equal(closest('SEV4', ['SEV1', 'SEV2', 'SEV3']), undefined, 'a tie is no suggestion');
  assert.equal(closest('SEV4', ['SEV1', 'SEV2', 'SEV3']), undefined, 'still a tie when answered from the memo');
  // Different candidate lists for the same word are different questions.
  assert.equal(nearest('hihg', ['low', 'hig'])!.best, 'hig');
  fc.assert(
    fc.property(fc.string({ maxLength: 8 }), fc.array(fc.string({ maxLength: 8 }), { maxLength: 5 }), (w, cs) => {
      const a = nearest(w, cs);
      const b = nearest(w, cs);
      const d = cs.length ? Math.min(...cs.map((c) => reference(w, c))) : undefined;
      return JSON.stringify(a) === JSON.stringify(b) && (d === undefined ? a === undefined : a!.distance === d);
    }),
    { numRuns: 500 },
  );
});

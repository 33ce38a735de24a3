// flowDepthOver (the guard before every YAML parse): outside brackets it jumps between `[`, `{` and
// comments; it must answer exactly as reading every character does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { flowDepthOver } from '../../server/src/core/runbook/parse';

/** Reads every character (the definition). */
function reference(text: string, limit: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{') {
      if (++depth > limit) return i;
    } else if (c === ']' || c === '}') {
      if (depth > 0) depth--;
    } else if (c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t' || text[i - 1] === '\n')) {
      const nl = text.indexOf('\n', i);
      if (nl === -1) break;
      i = nl;
    } else if ((c === '"' || c === "'") && depth > 0) {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += c === '"' && text[j] === '\\' ? 2 : 1;
      i = j;
    }
  }
  return -1;
}

test('flowDepthOver answers as reading every character does (random texts of brackets, quotes, comments)', () => {
  const chars = fc.constantFrom('[', ']', '{', '}', '#', '"', "'", '\\', ' ', '\t', '\n', 'a', ':');
  fc.assert(
    fc.property(fc.array(chars, { maxLength: 80 }).map((a) => a.join('')), fc.integer({ min: 0, max: 4 }), (text, limit) => {
      assert.equal(flowDepthOver(text, limit), reference(text, limit), JSON.stringify(text));
    }),
    { numRuns: 5000 },
  );
});

test('flowDepthOver: comments hide brackets outside flow collections, quotes hide them inside', () => {
  assert.equal(flowDepthOver('a: 1 # [[[\nb: [[', 1), 15);
  assert.equal(flowDepthOver('#[[\n', 0), -1);
  assert.equal(flowDepthOver('a#[[', 1), 2 + 1);
  assert.equal(flowDepthOver('k: ["[[", x]', 1), -1);
  assert.equal(flowDepthOver('k: "[[" x', 1), 5, 'quotes outside a flow collection are plain characters');
  assert.equal(flowDepthOver('x'.repeat(10) + '{'.repeat(3), 2), 12);
});

test('flowDepthOver is linear on many closed pairs and many non-comment hashes', () => {
  const text = '[]{}a#'.repeat(200_000) + '\n' + 'x#y '.repeat(200_000);
  const t0 = performance.now();
  assert.equal(flowDepthOver(text, 1), -1);
  assert.ok(performance.now() - t0 < 2000, 'linear');
});

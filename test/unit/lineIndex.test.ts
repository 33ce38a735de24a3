import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/core/lineIndex';

test('LineIndex maps offsets and positions both ways, CRLF aware', () => {
  const text = 'ab\r\ncd\nef';
  const idx = new LineIndex(text);
  assert.equal(idx.lineCount, 3);
  assert.deepEqual(idx.positionAt(0), { line: 0, character: 0 });
  assert.deepEqual(idx.positionAt(4), { line: 1, character: 0 });
  assert.deepEqual(idx.positionAt(8), { line: 2, character: 1 });
  assert.deepEqual(idx.positionAt(999), { line: 2, character: 2 });
  assert.equal(idx.offsetAt({ line: 1, character: 1 }), 5);
  assert.equal(idx.offsetAt({ line: 0, character: 99 }), 2, 'clamped before the \\r');
  assert.equal(idx.offsetAt({ line: 9, character: 0 }), text.length);
});

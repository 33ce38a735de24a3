/** Finding text in a test document and turning offsets into LSP positions. */
import assert from 'node:assert/strict';

/** The offset of the n-th occurrence (0-based) of `needle` in `text`; fails the test when there is none. */
export function offsetOf(text: string, needle: string, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not found`);
  return at;
}

/** The LSP position (0-based line, UTF-16 character) of an offset in `text`. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}

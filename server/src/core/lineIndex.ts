/**
 * Offset <-> line/character conversion for a text, built once per text (binary search per lookup).
 * Lines are split on `\n`; a `\r` before it belongs to the line's end. Characters are UTF-16 code units.
 *
 * @example
 * const idx = new LineIndex('a\nbc');
 * idx.positionAt(3); // { line: 1, character: 1 }
 * idx.offsetAt({ line: 1, character: 0 }); // 2
 */
export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based line and character of an offset (clamped to the text). */
  positionAt(offset: number): { line: number; character: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo]! };
  }

  /** Offset of a 0-based position (clamped to the line and the text). */
  offsetAt(pos: { line: number; character: number }): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line]!;
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1]! - 1 : this.text.length;
    const end = next > start && this.text[next - 1] === '\r' ? next - 1 : next;
    return Math.min(start + Math.max(0, pos.character), end);
  }

  /** Offset where a 0-based line starts. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]!;
  }
}

import { isScalar } from 'yaml';
import { nodeAt } from './context';
import { parseRunbookFile, parseRunbookFileUncached, type ParsedRunbookFile } from './parse';

/**
 * The `metadata.name` of every document of a runbook file, with the offsets of each value and the
 * 0-based line and character of its start — what the
 * workspace index keeps to find duplicate names (RB009) across files. Never throws; uses the same
 * cached parse as the linter, or with `cache: false` (a file read from disk once) a parse that stays
 * out of the caches, or `parsed`: a parse the caller already has.
 *
 * @example
 * runbookNames('metadata:\n  name: drift-alert\n') // [{ name: 'drift-alert', start: 18, end: 29, line: 1, character: 8 }]
 */
export function runbookNames(text: string, options: { cache?: boolean; parsed?: ParsedRunbookFile } = {}): Array<{ name: string; start: number; end: number; line: number; character: number }> {
  const out: Array<{ name: string; start: number; end: number; line: number; character: number }> = [];
  const parsed = options.parsed ?? (options.cache === false ? parseRunbookFileUncached(text) : parseRunbookFile(text));
  for (const d of parsed.docs) {
    if (d.unusable || !d.doc.contents) continue;
    const node = nodeAt(d.doc, ['metadata', 'name']);
    if (node && isScalar(node) && typeof node.value === 'string' && node.value !== '' && node.range) {
      // Placed with the parse's own line index (the workspace index points other files at it).
      const { line, character } = parsed.lines.positionAt(node.range[0]);
      out.push({ name: node.value, start: node.range[0], end: node.range[1], line, character });
    }
  }
  return out;
}

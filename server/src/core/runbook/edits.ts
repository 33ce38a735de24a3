/**
 * Text edits that add lines to a YAML mapping or list without touching any other text: the new lines
 * go after the collection's last child, at the indentation of its children, with the file's line
 * ending. Used by quick fixes (missing keys, missing diagnostics, a rollback action).
 */
import { isNode, isSeq } from 'yaml';
import type { Node, YAMLMap, YAMLSeq } from 'yaml';
import type { TextEdit } from '../types';

function range(n: unknown): [number, number] | undefined {
  return isNode(n) && n.range ? [n.range[0], n.range[1]] : undefined;
}

/** Column (0-based, in UTF-16 units) of an offset. */
export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The line ending the file uses. */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Offset where a new line can start after `end` (the start of the next line), plus a prefix when at EOF without a newline. */
function afterLine(text: string, end: number): { at: number; prefix: string } {
  if (end > 0 && text[end - 1] === '\n') return { at: end, prefix: '' };
  const nl = text.indexOf('\n', end);
  if (nl === -1) return { at: text.length, prefix: eolOf(text) };
  return { at: nl + 1, prefix: '' };
}

/** End offset of a node's content (the value's end for a pair). */
function contentEnd(n: unknown): number | undefined {
  return range(n)?.[1];
}

/**
 * Inserts `lines` (unindented; nested lines carry their own relative indentation) as the last
 * children of a block mapping. Undefined for flow or empty mappings.
 */
export function appendToMap(text: string, map: YAMLMap, lines: string[]): TextEdit | undefined {
  if (map.flow || !map.items.length) return undefined;
  const first = range(map.items[0]!.key);
  if (!first) return undefined;
  const col = columnOf(text, first[0]);
  const last = map.items[map.items.length - 1]!;
  const end = contentEnd(last.value) ?? contentEnd(last.key);
  if (end === undefined) return undefined;
  const { at, prefix } = afterLine(text, end);
  const eol = eolOf(text);
  const pad = ' '.repeat(col);
  return { start: at, end: at, newText: prefix + lines.map((l) => pad + l).join(eol) + eol };
}

/**
 * Appends items to a block list. `items` are the lines of each new item without the `- ` (nested
 * lines indented relative to the item's first line). Undefined for flow or empty lists.
 */
export function appendToSeq(text: string, seq: YAMLSeq, items: string[][]): TextEdit | undefined {
  if (seq.flow || !seq.items.length || !isSeq(seq)) return undefined;
  const firstItem = range(seq.items[0]);
  if (!firstItem) return undefined;
  // The dash of the first item sits before its content on the same line.
  const lineStart = text.lastIndexOf('\n', firstItem[0] - 1) + 1;
  const dash = text.slice(lineStart, firstItem[0]).lastIndexOf('-');
  if (dash === -1) return undefined;
  const dashCol = dash;
  const contentCol = firstItem[0] - lineStart;
  const end = contentEnd(seq.items[seq.items.length - 1] as Node);
  if (end === undefined) return undefined;
  const { at, prefix } = afterLine(text, end);
  const eol = eolOf(text);
  const out: string[] = [];
  for (const item of items) {
    item.forEach((l, i) => {
      out.push(i === 0 ? ' '.repeat(dashCol) + '-' + ' '.repeat(Math.max(1, contentCol - dashCol - 1)) + l : ' '.repeat(contentCol) + l);
    });
  }
  return { start: at, end: at, newText: prefix + out.join(eol) + eol };
}

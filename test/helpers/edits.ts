/** Applying edits to a text, as an editor would: the core's offset edits and LSP's line/character edits. */
import type { TextEdit as LspTextEdit } from 'vscode-languageserver-protocol';
import type { TextEdit } from '../../server/src/core/index';

/** Applies non-overlapping offset edits (in any order) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Applies non-overlapping LSP text edits (in any order) to a text. */
export function applyLspEdits(text: string, edits: readonly LspTextEdit[]): string {
  const lines: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lines.push(i + 1);
  const off = (p: { line: number; character: number }): number => Math.min((lines[p.line] ?? text.length) + p.character, text.length);
  return applyEdits(
    text,
    edits.map((e) => ({ start: off(e.range.start), end: off(e.range.end), newText: e.newText })),
  );
}

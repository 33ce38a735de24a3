/** Small helpers shared by the post-mortem rules: anchors, line endings, insertions, `Label: answer` items. */
import type { ParsedPostmortem, Section, ListItem } from './parse';

/** Where file-level findings go: the title heading's text, or line 1. */
export function anchor(pm: ParsedPostmortem): [number, number] {
  if (pm.title) return [pm.title.textStart, pm.title.textEnd];
  return [0, pm.lines.offsetAt({ line: 0, character: Number.MAX_SAFE_INTEGER })];
}

/** The file's line break (`\r\n` when the file uses it). */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Converts `\n` line breaks of a snippet to the file's. */
export function withEol(s: string, eol: string): string {
  return eol === '\n' ? s : s.replace(/\r?\n/g, eol);
}

/** A section heading's text range. */
export function headingRange(s: Section): [number, number] {
  return [s.textStart, s.textEnd];
}

/**
 * Offset just after the last non-blank content line of a section (where a new list line goes), and
 * whether the section has any content.
 */
export function sectionInsertPoint(pm: ParsedPostmortem, s: Section): { at: number; empty: boolean } {
  for (let l = s.endLine - 1; l >= s.contentLine; l--) {
    const start = pm.lines.lineStart(l);
    const end = pm.lines.offsetAt({ line: l, character: Number.MAX_SAFE_INTEGER });
    if (pm.text.slice(start, end).trim() !== '') {
      const next = l + 1 < pm.lines.lineCount ? pm.lines.lineStart(l + 1) : pm.text.length;
      return { at: next, empty: false };
    }
  }
  return { at: s.contentStart, empty: true };
}

/**
 * An edit adding lines at the end of a section's content: `lines` is Markdown ending with `\n`.
 * Keeps a blank line between the heading and new content and never merges into the previous line.
 */
export function appendToSection(pm: ParsedPostmortem, s: Section, lines: string): { start: number; end: number; newText: string } {
  const eol = eolOf(pm.text);
  const { at, empty } = sectionInsertPoint(pm, s);
  let prefix = '';
  if (at > 0 && pm.text[at - 1] !== '\n') prefix += eol;
  if (empty) prefix += eol;
  let suffix = '';
  if (empty && at < pm.text.length && pm.text.slice(at).trim() !== '' && !/^\r?\n/.test(pm.text.slice(at))) suffix = eol;
  return { start: at, end: at, newText: prefix + withEol(lines, eol) + suffix };
}

/** A list item read as `Label: answer` (or `Question? answer`). Offsets are file offsets. */
export interface QA {
  label: string;
  answer: string;
  answerStart: number;
  answerEnd: number;
  /** Whether the item has nested lines under the first (an answer written below the question). */
  hasMore: boolean;
}

/** Splits an item's first line into its label and answer. Bold labels (`**Model version:**`) are accepted. */
export function splitQA(item: ListItem): QA {
  const t = item.text;
  const m = /^(\*\*|__)?([^:?*_]*?[:?])(\*\*|__)?\s*/.exec(t) ?? /^(\*\*|__)?([^:?]*?[:?])(\*\*|__)?\s*/.exec(t);
  const rest = item.fullText.split('\n').slice(1).join('\n');
  const hasMore = rest.replace(/<!--[\s\S]*?-->/g, '').trim() !== '';
  if (!m) return { label: t, answer: '', answerStart: item.textEnd, answerEnd: item.textEnd, hasMore };
  let s = m[0].length;
  // `**Label**: answer`
  const after = /^(\*\*|__)?\s*:?\s*/.exec(t.slice(s));
  if (after) s += after[0].length;
  return { label: m[2]!.trim(), answer: t.slice(s), answerStart: item.textStart + s, answerEnd: item.textEnd, hasMore };
}

/** Lower case, letters and digits only, single spaces. */
export function normLabel(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Whether an answer is empty or still the skeleton's placeholder. */
export function isUnanswered(answer: string): boolean {
  const a = answer.replace(/<!--[\s\S]*?(-->|$)/g, '').replace(/[`*_]/g, '').trim();
  if (!a) return true;
  if (/^(tbd|todo|tba|fixme|\?+|\.\.\.|…|-+|y\s*\/\s*n|<[^>]*>)$/i.test(a)) return true;
  return false;
}

/** Offsets of the 0-based line (without its line break). */
export function lineRange(pm: ParsedPostmortem, line: number): [number, number] {
  return [pm.lines.lineStart(line), pm.lines.offsetAt({ line, character: Number.MAX_SAFE_INTEGER })];
}

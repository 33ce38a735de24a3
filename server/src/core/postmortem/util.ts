/** Small helpers shared by the post-mortem rules: anchors, line endings, insertions, `Label: answer` items. */
import type { ParsedPostmortem, Section, ListItem } from './parse';
import { replaceHtmlComments } from '../htmlComments';

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
  const hasMore = replaceHtmlComments(rest).trim() !== '';
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

/** A question (or field) of the playbook's template found in a section, with its answer. */
export interface AnsweredQuestion<K extends string = string> {
  key: K;
  /** 0-based line of the question. */
  line: number;
  /** Offsets of the question text as written (finding range when unanswered). */
  qStart: number;
  qEnd: number;
  /** Offset just after the question and its punctuation (`?`, `:`, a closing parenthesis): where an answer goes. */
  afterQuestion: number;
  /** The answer (after the question on its line, or the next non-blank line below it), comments removed. */
  answer: string;
  answerStart: number;
  answerEnd: number;
}

/** Forms of a question compiled to patterns, longest first (so "Model version in production…" wins over "Model version"). */
interface CompiledQuestion<K extends string> {
  key: K;
  patterns: RegExp[];
}

/**
 * Compiles questions for {@link readQuestions}. A form matches the start of a line, case-insensitively,
 * with any punctuation between its words (at most 8 characters of it: the pattern cannot backtrack
 * beyond that), and a word boundary after its last word.
 */
export function compileQuestions<K extends string>(qs: ReadonlyArray<{ key: K; text: string; aliases: readonly string[] }>): Array<CompiledQuestion<K>> {
  return qs.map((q) => {
    const forms = [q.text, ...q.aliases].map((f) => normLabelText(f)).filter((f) => f !== '');
    forms.sort((a, b) => b.length - a.length);
    return { key: q.key, patterns: forms.map((f) => new RegExp(`^${f.split(' ').join('[^a-z0-9]{1,8}')}(?![a-z0-9])`, 'i')) };
  });
}

function normLabelText(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** A list marker, a quote marker, a checkbox and emphasis at the start of a line (bounded: no backtracking). */
const LINE_LEAD = /^[ \t]{0,12}(?:>[ \t]?){0,3}(?:(?:[-*+]|\d{1,9}[.)])[ \t]{1,4})?(?:\[[ xX]\][ \t]{1,4})?(?:\*\*|__)?/;
/** What separates a question from its answer on the same line: `?`, `:`, a dash, a closing parenthesis, emphasis. */
const AFTER_QUESTION = /^[ \t?:*_)\]—–=-]{0,12}/;

function matchAt<K extends string>(qs: Array<CompiledQuestion<K>>, s: string): { key: K; length: number } | undefined {
  for (const q of qs) {
    for (const re of q.patterns) {
      const m = re.exec(s);
      if (m) return { key: q.key, length: m[0].length };
    }
  }
  return undefined;
}

/**
 * Reads the questions of a section (code blocks ignored). The answer follows the question on the same
 * line — directly, or after a `?`, a colon or a dash — or, when that is empty, on the next non-blank
 * line below it that is not itself a question (a nested list item or a continuation line). A question
 * asked twice keeps its first occurrence.
 */
export function readQuestions<K extends string>(pm: ParsedPostmortem, secs: Section[], qs: Array<CompiledQuestion<K>>): Map<K, AnsweredQuestion<K>> {
  const out = new Map<K, AnsweredQuestion<K>>();
  for (const s of secs) {
    for (let l = s.contentLine; l < s.endLine; l++) {
      if (pm.codeLines.has(l)) continue;
      const [ls, le] = lineRange(pm, l);
      const line = pm.text.slice(ls, le);
      const lead = LINE_LEAD.exec(line)![0].length;
      const hit = matchAt(qs, line.slice(lead));
      if (!hit || out.has(hit.key)) continue;
      const qEnd = lead + hit.length;
      const sep = AFTER_QUESTION.exec(line.slice(qEnd))![0].length;
      let answer = stripComments(line.slice(qEnd + sep));
      let aStart = ls + qEnd + sep;
      let aEnd = le;
      if (answer === '' || /^(?:\*\*|__)$/.test(answer)) {
        answer = '';
        for (let k = l + 1; k < s.endLine; k++) {
          if (pm.codeLines.has(k)) break;
          const [ks, ke] = lineRange(pm, k);
          const next = pm.text.slice(ks, ke);
          if (next.trim() === '') break;
          const nlead = LINE_LEAD.exec(next)![0].length;
          if (matchAt(qs, next.slice(nlead))) break;
          // A sibling list item (same or lower indentation) is the next entry, not this one's answer.
          if (SIBLING_ITEM.test(next) && indentOf(next) <= indentOf(line)) break;
          answer = stripComments(next.slice(nlead));
          aStart = ks + nlead;
          aEnd = ke;
          break;
        }
      }
      while (aEnd > aStart && /\s/.test(pm.text[aEnd - 1]!)) aEnd--;
      if (!answer) {
        aStart = ls + lead;
        aEnd = le;
        while (aEnd > aStart && /\s/.test(pm.text[aEnd - 1]!)) aEnd--;
      }
      let after = qEnd + sep;
      while (after > qEnd && (line[after - 1] === ' ' || line[after - 1] === '\t')) after--;
      out.set(hit.key, { key: hit.key, line: l, qStart: ls + lead, qEnd: ls + qEnd, afterQuestion: ls + after, answer, answerStart: aStart, answerEnd: aEnd });
    }
  }
  return out;
}

const SIBLING_ITEM = /^[ \t]{0,12}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

function indentOf(s: string): number {
  let i = 0;
  while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  return i;
}

function stripComments(s: string): string {
  return s.replace(/<!--[\s\S]*?(-->|$)/g, '').trim();
}

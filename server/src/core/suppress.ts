import type { Finding, FileKind } from './types';
import { LineIndex } from './lineIndex';

/** A `ml-runbooks-disable-next-line` comment found in a file. */
interface Suppression {
  /** 0-based line the comment applies to (the line after the comment). */
  line: number;
  /** Codes it suppresses; empty = all. */
  codes: string[];
  start: number;
  end: number;
  used: Set<string>;
  usedAny: boolean;
}

const YAML_RE = /#\s*ml-runbooks-disable-next-line\b([^\n]*)/g;
const MD_RE = /<!--\s*ml-runbooks-disable-next-line\b([\s\S]*?)-->/g;

function parseCodes(rest: string): string[] {
  return rest
    .split(/[\s,]+/)
    .map((s) => s.trim().toUpperCase())
    .filter((s) => /^[A-Z]{2}\d{3}$/.test(s));
}

/**
 * Finds suppression comments. YAML: `# ml-runbooks-disable-next-line RB003, RB004` (a comment, alone
 * or after a value); Markdown: `<!-- ml-runbooks-disable-next-line PM008 -->`. No code = all codes.
 */
function findSuppressions(text: string, kind: FileKind, lines: LineIndex): Suppression[] {
  const re = kind === 'postmortem' ? MD_RE : YAML_RE;
  re.lastIndex = 0;
  const out: Suppression[] = [];
  if (!text.includes('ml-runbooks-disable-next-line')) return out;
  // A Markdown comment must close: no match starts after the last `-->`, so the lazy scan never runs
  // from every unclosed `<!--` to the end of the text (quadratic on many unclosed comments).
  const scanned = kind === 'postmortem' ? text.slice(0, text.lastIndexOf('-->') + 3) : text;
  for (let m = re.exec(scanned); m; m = re.exec(scanned)) {
    if (kind !== 'postmortem') {
      // Only a real YAML comment: `#` at line start or after whitespace, not inside a quoted scalar we can see.
      const before = text[m.index - 1];
      if (m.index > 0 && before !== ' ' && before !== '\t' && before !== '\n') continue;
    }
    const end = m.index + m[0].length;
    const line = lines.positionAt(end).line + 1;
    out.push({ line, codes: parseCodes(m[1] ?? ''), start: m.index, end, used: new Set(), usedAny: false });
  }
  return out;
}

/**
 * Drops the findings a suppression comment covers and reports each unused suppression (or unused code
 * in one) as an ML001 hint with a fix that removes it. Findings of ML001 itself cannot be suppressed.
 */
export function applySuppressions(text: string, kind: FileKind, findings: Finding[], lines: LineIndex = new LineIndex(text)): Finding[] {
  const sups = findSuppressions(text, kind, lines);
  if (!sups.length) return findings;
  const byLine = new Map<number, Suppression[]>();
  for (const s of sups) {
    const list = byLine.get(s.line) ?? [];
    list.push(s);
    byLine.set(s.line, list);
  }
  const kept: Finding[] = [];
  for (const f of findings) {
    const list = byLine.get(lines.positionAt(f.start).line);
    const hit = list?.find((s) => s.codes.length === 0 || s.codes.includes(f.code));
    if (hit) {
      hit.usedAny = true;
      hit.used.add(f.code);
    } else kept.push(f);
  }
  for (const s of sups) {
    const unused = s.codes.length === 0 ? (s.usedAny ? [] : ['']) : s.codes.filter((c) => !s.used.has(c));
    if (!unused.length) continue;
    const what = unused[0] === '' ? 'This suppression comment' : `Suppression of ${unused.join(', ')}`;
    // Remove the whole comment line when the comment stands alone on it.
    const ls = lines.lineStart(lines.positionAt(s.start).line);
    const alone = text.slice(ls, s.start).trim() === '';
    const nl = text.indexOf('\n', s.end);
    const removeEnd = alone ? (nl === -1 ? text.length : nl + 1) : s.end;
    const removeStart = alone ? ls : blanksBefore(text, s.start);
    const partial = s.codes.length > 0 && s.used.size > 0;
    const rebuilt = kind === 'postmortem'
      ? `<!-- ml-runbooks-disable-next-line ${[...s.used].join(', ')} -->`
      : `# ml-runbooks-disable-next-line ${[...s.used].join(', ')}`;
    kept.push({
      code: 'ML001',
      severity: 'hint',
      message: `${what} matches no problem on the next line; remove it.`,
      start: s.start,
      end: s.end,
      tags: ['unnecessary'],
      fixes: [
        partial
          ? { title: `Remove ${unused.join(', ')} from the suppression comment`, edits: [{ start: s.start, end: s.end, newText: rebuilt }], isPreferred: true }
          : { title: 'Remove the unused suppression comment', edits: [{ start: removeStart, end: removeEnd, newText: '' }], isPreferred: true },
      ],
    });
  }
  return kept;
}

/** Where the run of spaces and tabs that ends at `at` starts (a scan back; `/[ \t]*$/` on the text before was quadratic). */
function blanksBefore(text: string, at: number): number {
  let i = at;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i;
}

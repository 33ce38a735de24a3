import { parsePostmortem } from './parse';
import { sectionSpec, type SectionId } from './sections';

/** One heading of the outline, with children (for LSP document symbols). */
export interface OutlineNode {
  name: string;
  level: number;
  /** The canonical required section, when the heading names one. */
  id?: SectionId;
  /** Canonical title when the heading is an alias (e.g. "Contributing factors" → "Root cause"). */
  detail?: string;
  /** Full extent: the heading to the end of its section. */
  start: number;
  end: number;
  /** The heading text. */
  selectionStart: number;
  selectionEnd: number;
  children: OutlineNode[];
}

/**
 * The document outline: the front matter (when present) and the headings nested by level, each
 * spanning its section.
 */
export function postmortemOutline(text: string): OutlineNode[] {
  const pm = parsePostmortem(text);
  const roots: OutlineNode[] = [];
  if (pm.frontMatter) {
    const fm = pm.frontMatter;
    roots.push({ name: 'Front matter', level: 0, start: fm.start, end: Math.max(fm.start, fm.end - 1), selectionStart: fm.start, selectionEnd: fm.start + 3, children: [] });
  }
  const stack: OutlineNode[] = [];
  const headings = pm.headings;
  headings.forEach((h, i) => {
    let endLine = pm.lines.lineCount;
    for (let j = i + 1; j < headings.length; j++) {
      if (headings[j]!.level <= h.level) {
        endLine = headings[j]!.line;
        break;
      }
    }
    const sec = pm.sections.find((s) => s.start === h.start);
    let end = endLine >= pm.lines.lineCount ? text.length : pm.lines.lineStart(endLine);
    while (end > h.end && /\s/.test(text[end - 1]!)) end--;
    const node: OutlineNode = {
      name: h.text || '(empty heading)',
      level: h.level,
      start: h.start,
      end: Math.max(h.end, end),
      selectionStart: h.textStart,
      selectionEnd: h.textEnd,
      children: [],
    };
    if (sec?.id) {
      node.id = sec.id;
      const title = sectionSpec(sec.id).title;
      if (title.toLowerCase() !== h.text.toLowerCase()) node.detail = title;
    }
    while (stack.length && stack[stack.length - 1]!.level >= h.level) stack.pop();
    if (stack.length) stack[stack.length - 1]!.children.push(node);
    else roots.push(node);
    stack.push(node);
  });
  return roots;
}

/** A link the editor can follow. */
export interface PostmortemLink {
  /** The path as written (quotes removed). */
  target: string;
  start: number;
  end: number;
}

/** The front matter's `runbook:` value (range without quotes), for a document link. */
export function postmortemLinks(text: string): PostmortemLink[] {
  const pm = parsePostmortem(text);
  const r = pm.fmRange('runbook');
  const target = pm.meta.runbook;
  if (!r || !target) return [];
  let [s, e] = r;
  const raw = text.slice(s, e);
  if (/^(["']).*\1$/s.test(raw)) {
    s += 1;
    e -= 1;
  }
  return [{ target, start: s, end: e }];
}

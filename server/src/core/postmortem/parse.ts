/**
 * Parses a post-mortem: the YAML front matter is split off first (exact offsets kept), the body is
 * tokenized by markdown-it (`html: false`), and token line maps are turned into file offsets with a
 * {@link LineIndex}. The result carries the headings and canonical sections, list items, checkbox
 * lines, tables and the timeline — everything the rules, the outline, hover and the preview need.
 *
 * Never throws on any input.
 */
import MarkdownIt from 'markdown-it';
import { parseDocument, YAMLParseError } from 'yaml';
import type { Document } from 'yaml';
import { LineIndex } from '../lineIndex';
import { YAML_PARSE_OPTIONS, addDuplicateKeyErrors } from '../yamlKeys';
import { MAX_FLOW_DEPTH, flowDepthOver } from '../runbook/parse';
import { sectionIdOf, type SectionId } from './sections';
import { parseTimestamp, parseTimelineTime, type ParsedTime } from './time';
import { splitFrontMatter } from '../frontMatter';
import { cacheSlot } from '../caches';
import { yamlRange } from '../yamlPath';

type Token = ReturnType<MarkdownIt['parse']>[number];

/** The YAML front matter block. */
export interface FrontMatter {
  /** Offset of the opening `---`. */
  start: number;
  /** Offset just after the closing delimiter line (its newline included) — where the body starts. */
  end: number;
  /** Offsets of the YAML text between the delimiters. */
  contentStart: number;
  contentEnd: number;
  /** The parsed YAML; node ranges are relative to `contentStart` (use {@link ParsedPostmortem.fmRange}). */
  doc: Document.Parsed;
  /** The plain value when the YAML is a mapping without syntax errors. */
  value: Record<string, unknown> | undefined;
}

/** A Markdown heading. */
export interface Heading {
  level: number;
  /** The heading text (inline Markdown source, trimmed). */
  text: string;
  /** 0-based line of the heading. */
  line: number;
  /** Offsets of the heading line (without its line break). */
  start: number;
  end: number;
  /** Offsets of the heading text (without `#` markers). */
  textStart: number;
  textEnd: number;
}

/** A heading with the extent of its section (until the next heading of the same or a higher level). */
export interface Section extends Heading {
  /** The canonical required section this heading names, if any. */
  id: SectionId | undefined;
  /** First line after the heading (0-based) and the offset where it starts. */
  contentLine: number;
  contentStart: number;
  /** Line (exclusive) and offset where the section ends: the next heading of level ≤ this one, or EOF. */
  endLine: number;
  end: number;
}

/** A list item (its first line; `fullText` spans all its lines, nested items included). */
export interface ListItem {
  line: number;
  /** Last line of the item (exclusive). */
  endLine: number;
  /** Nesting depth, 1 = top-level list. */
  depth: number;
  /** The first line's text after the marker and checkbox, and its offsets. */
  text: string;
  textStart: number;
  textEnd: number;
  /** The source of all the item's lines. */
  fullText: string;
  checkbox?: { checked: boolean; start: number; end: number };
}

/** A table cell: its source text (trimmed) and offsets. */
export interface Cell {
  text: string;
  start: number;
  end: number;
}

/** A Markdown table. */
export interface Table {
  line: number;
  endLine: number;
  start: number;
  end: number;
  header: Cell[];
  rows: Array<{ line: number; start: number; end: number; cells: Cell[] }>;
}

/** Event types of the timeline table. */
export const TIMELINE_TYPES = ['deploy', 'pipeline', 'alert', 'metric', 'mitigation', 'other'] as const;
export type TimelineType = (typeof TIMELINE_TYPES)[number];

/** One row of the timeline table, ready for the preview's chart. */
export interface TimelineRow {
  line: number;
  /** The cells as written (Markdown emphasis and code ticks removed). */
  time: string;
  type: string;
  event: string;
  /** The parsed time (`HH:MM` read on incidentStart's date), or undefined when it does not parse. */
  date: Date | undefined;
  /** The type when it is one of {@link TIMELINE_TYPES}. */
  knownType: TimelineType | undefined;
  start: number;
  end: number;
  timeCell: Cell;
  typeCell: Cell | undefined;
  eventCell: Cell | undefined;
}

/** The timeline table of the Timeline section. */
export interface Timeline {
  table: Table;
  /** Index of the Time/Type/Event columns (Type may be missing). */
  columns: { time: number; type: number | undefined; event: number | undefined };
  rows: TimelineRow[];
}

/** The front-matter values the rules and the report use, already typed. */
export interface PostmortemMeta {
  kind?: string;
  title?: string;
  severity?: string;
  status?: string;
  incidentStart?: ParsedTime;
  detected?: ParsedTime;
  resolved?: ParsedTime;
  runbook?: string;
}

/** A parsed post-mortem. */
export interface ParsedPostmortem {
  text: string;
  lines: LineIndex;
  /** The front matter, when the file starts with a closed `---` block. */
  frontMatter: FrontMatter | undefined;
  /** Set when the file opens a front matter block that is never closed. */
  unclosedFrontMatter: boolean;
  meta: PostmortemMeta;
  /** Offset and 0-based line where the Markdown body starts. */
  bodyStart: number;
  bodyLine: number;
  /** markdown-it tokens of the body (`map` lines are body-relative; add `bodyLine`). */
  tokens: Token[];
  /** The document title: the first level-1 heading when it comes before any other heading. */
  title: Heading | undefined;
  headings: Heading[];
  /** Every heading but the title, with its extent and canonical id. */
  sections: Section[];
  listItems: ListItem[];
  tables: Table[];
  /** 0-based lines inside fenced or indented code blocks. */
  codeLines: Set<number>;
  /** 0-based lines inside blockquotes (quoted logs and messages). */
  quoteLines: Set<number>;
  timeline: Timeline | undefined;
  /** Offsets of a front-matter key (`which: 'key'`) or its value; undefined when absent. */
  fmRange(key: string, which?: 'key' | 'value'): [number, number] | undefined;
}

/**
 * Block structure only: the model reads headings, lists, tables, code and quotes from block tokens and
 * their line maps (text comes from the source lines), never the inline children, so the inline pass
 * and the rules that work on its output (about a third of a parse) are off.
 */
const md = new MarkdownIt({ html: false });
md.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);


/** Whether a UTF-16 code unit is whitespace, as `/\s/` reads it. */
function isWs(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return WS.test(String.fromCharCode(c));
}
const WS = /\s/;

/** Splits a table row's source into cells (unescaped pipes outside code spans), with offsets. */
export function splitRow(line: string, lineStart: number): Cell[] {
  const cells: Cell[] = [];
  const bounds: number[] = [];
  const n = line.length;
  if (line.indexOf('\\') === -1 && line.indexOf('`') === -1) {
    // No escapes and no code spans: every pipe is a boundary.
    for (let i = line.indexOf('|'); i !== -1; i = line.indexOf('|', i + 1)) bounds.push(i);
  } else {
    let inCode = 0;
    for (let i = 0; i < n; i++) {
      const c = line.charCodeAt(i);
      if (c === 92 /* \ */) {
        i++;
        continue;
      }
      if (c === 96 /* ` */) {
        let k = 1;
        while (line.charCodeAt(i + k) === 96) k++;
        if (inCode === 0) inCode = k;
        else if (inCode === k) inCode = 0;
        i += k - 1;
        continue;
      }
      if (c === 124 /* | */ && !inCode) bounds.push(i);
    }
  }
  let lineEnd = n;
  while (lineEnd > 0 && isWs(line.charCodeAt(lineEnd - 1))) lineEnd--;
  let firstNonWs = 0;
  while (firstNonWs < n && isWs(line.charCodeAt(firstNonWs))) firstNonWs++;
  if (firstNonWs === n) firstNonWs = -1;
  const edges = bounds;
  if (edges[0] !== firstNonWs) edges.unshift(-1);
  if (edges[edges.length - 1] !== lineEnd - 1) edges.push(lineEnd);
  for (let i = 0; i + 1 < edges.length; i++) {
    let s = edges[i]! + 1;
    let e = edges[i + 1]!;
    while (s < e && isWs(line.charCodeAt(s))) s++;
    while (e > s && isWs(line.charCodeAt(e - 1))) e--;
    cells.push({ text: line.slice(s, e), start: lineStart + s, end: lineStart + e });
  }
  return cells;
}

/** Removes Markdown emphasis, code ticks and HTML comments from a cell or answer. */
export function plain(s: string): string {
  // Each replacement needs one of these characters; most cells and answers have none.
  if (!PLAIN_MARKUP.test(s)) return s.trim();
  // The emphasis patterns below backtrack quadratically on long text: a longer cell keeps its markup.
  if (s.length > PLAIN_MAX) return s.replace(/`+/g, '').trim();
  return s
    .replace(/<!--[\s\S]*?(-->|$)/g, '')
    .replace(/`+/g, '')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/(^|\W)[*_](\S(?:.*?\S)?)[*_](?=\W|$)/g, '$1$2')
    .trim();
}

const PLAIN_MARKUP = /[<`*_]/;
const PLAIN_MAX = 2000;

function norm(s: string): string {
  return plain(s).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

function findColumns(header: Cell[]): Timeline['columns'] | undefined {
  const names = header.map((c) => norm(c.text));
  const time = names.findIndex((n) => /^(time|when|timestamp|date|date time|time utc)\b/.test(n));
  if (time === -1) return undefined;
  const type = names.findIndex((n) => /^(type|kind|category|event type)$/.test(n));
  const event = names.findIndex((n, i) => i !== time && i !== type && /^(event|events|description|what|what happened|details|action|detail)\b/.test(n));
  return { time, type: type === -1 ? undefined : type, event: event === -1 ? undefined : event };
}

/** A parsed front matter YAML: the document, its plain value and the typed values read from it. */
interface ParsedFrontMatterYaml {
  doc: Document.Parsed;
  value: Record<string, unknown> | undefined;
  meta: PostmortemMeta;
}

/**
 * Parsed front matters by YAML text, most recently used last. Typing in the body leaves the front
 * matter unchanged, and its YAML parse costs as much as the Markdown parse of a short post-mortem.
 * The documents are shared between parses and must not be modified (nothing in the core does).
 */
const fmCacheOf = cacheSlot<ParsedFrontMatterYaml>('post-mortem front matter', { textParses: true });
/** Longest front matter read (its YAML, in characters); a larger one is one PM001 finding. */
export const MAX_FRONT_MATTER_CHARS = 256 * 1024;
const FM_CACHE_SIZE = 16;

function parseFrontMatterYaml(yamlText: string): ParsedFrontMatterYaml {
  const fmCache = fmCacheOf();
  const hit = fmCache.get(yamlText);
  if (hit) {
    fmCache.delete(yamlText);
    fmCache.set(yamlText, hit);
    return hit;
  }
  const tooLarge = yamlText.length > MAX_FRONT_MATTER_CHARS;
  const deep = tooLarge ? -1 : flowDepthOver(yamlText, MAX_FLOW_DEPTH);
  // The splitter accepts lone-CR line ends; `yaml` does not break lines on them. CR → LF keeps every offset.
  const source = tooLarge || deep !== -1 ? '' : yamlText.includes('\r') ? yamlText.replace(/\r(?!\n)/g, '\n') : yamlText;
  const doc = parseDocument(source, YAML_PARSE_OPTIONS);
  if (deep !== -1) doc.errors.push(new YAMLParseError([deep, deep + 1], 'RESOURCE_EXHAUSTION', `it is nested too deeply (more than ${MAX_FLOW_DEPTH} levels of [ ] or { })`));
  if (tooLarge) doc.errors.push(new YAMLParseError([0, 1], 'RESOURCE_EXHAUSTION', `it is larger than ${MAX_FRONT_MATTER_CHARS / 1024} KB and was not read; keep the front matter to the post-mortem's few keys`));
  addDuplicateKeyErrors(doc);
  let value: Record<string, unknown> | undefined;
  if (!doc.errors.length) {
    try {
      const v = doc.toJS({ maxAliasCount: 100 }) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) value = v as Record<string, unknown>;
    } catch {
      value = undefined;
    }
  }
  const meta: PostmortemMeta = {};
  if (value) {
    const str = (k: string): string | undefined => (typeof value![k] === 'string' ? (value![k] as string) : undefined);
    const ts = (k: string): ParsedTime | undefined => {
      const s = str(k);
      return s === undefined ? undefined : parseTimestamp(s);
    };
    meta.kind = str('kind');
    meta.title = str('title');
    meta.severity = str('severity');
    meta.status = str('status');
    meta.incidentStart = ts('incidentStart');
    meta.detected = ts('detected');
    meta.resolved = ts('resolved');
    meta.runbook = str('runbook');
  }
  const parsed = { doc, value, meta };
  fmCache.set(yamlText, parsed);
  if (fmCache.size > FM_CACHE_SIZE) fmCache.delete(fmCache.keys().next().value as string);
  return parsed;
}

/**
 * Parses a post-mortem file. `lines` may be passed when the caller already has the text's
 * {@link LineIndex}.
 *
 * @example
 * const p = parsePostmortem(text);
 * p.meta.incidentStart?.date; p.sections.find((s) => s.id === 'timeline'); p.timeline?.rows;
 */
export function parsePostmortem(text: string, lines: LineIndex = new LineIndex(text)): ParsedPostmortem {
  const found = splitFrontMatter(text);
  const split = { fm: found.kind === 'closed' ? found.span : undefined, unclosed: found.kind === 'unclosed' };
  let frontMatter: FrontMatter | undefined;
  const meta: PostmortemMeta = {};
  if (split.fm) {
    const yamlText = text.slice(split.fm.contentStart, split.fm.contentEnd);
    const parsed = parseFrontMatterYaml(yamlText);
    const { start, end, contentStart, contentEnd } = split.fm;
    frontMatter = { start, end, contentStart, contentEnd, doc: parsed.doc, value: parsed.value };
    Object.assign(meta, parsed.meta);
  }
  const fmRange = (key: string, which: 'key' | 'value' = 'value'): [number, number] | undefined => {
    if (!frontMatter) return undefined;
    const r = yamlRange(frontMatter.doc, [key], which);
    return r && [r[0] + frontMatter.contentStart, r[1] + frontMatter.contentStart];
  };

  const bodyStart = frontMatter ? frontMatter.end : 0;
  const bodyLine = lines.positionAt(bodyStart).line;
  let tokens: Token[] = [];
  try {
    tokens = md.parse(text.slice(bodyStart), {});
  } catch {
    tokens = [];
  }
  const lineEnd = (l: number): number => lines.offsetAt({ line: l, character: Number.MAX_SAFE_INTEGER });
  const lineText = (l: number): string => text.slice(lines.lineStart(l), lineEnd(l));

  const headings: Heading[] = [];
  const listItems: ListItem[] = [];
  const tables: Table[] = [];
  const codeLines = new Set<number>();
  const quoteLines = new Set<number>();
  let depth = 0;
  let table: Table | undefined;
  let inHead = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const map = t.map;
    // Token lines are body-relative.
    const l0 = map ? map[0] + bodyLine : 0;
    const l1 = map ? map[1] + bodyLine : 0;
    switch (t.type) {
      case 'heading_open': {
        if (!map) break;
        const level = Number(t.tag.slice(1));
        const l = l0;
        const src = lineText(l);
        const start = lines.lineStart(l);
        let ts = 0;
        let te = src.length;
        const atx = /^\s{0,3}#{1,6}(?:\s+|$)/.exec(src);
        if (atx) {
          ts = atx[0].length;
          te = ts + closingHashesAt(src.slice(ts));
        } else ts = src.search(/\S|$/);
        while (te > ts && /\s/.test(src[te - 1]!)) te--;
        headings.push({ level, text: src.slice(ts, te), line: l, start, end: start + src.length, textStart: start + ts, textEnd: start + te });
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open':
        depth++;
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        depth--;
        break;
      case 'list_item_open': {
        if (!map) break;
        const l = l0;
        const src = lineText(l);
        const start = lines.lineStart(l);
        const m = /^(\s*(?:>\s*)*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))(\[([ xX])\](?:[ \t]+|$))?/.exec(src);
        let ts = m ? m[0].length : src.search(/\S|$/);
        let te = src.length;
        while (te > ts && /\s/.test(src[te - 1]!)) te--;
        if (ts > te) ts = te;
        const item: ListItem = {
          line: l,
          endLine: l1,
          depth,
          text: src.slice(ts, te),
          textStart: start + ts,
          textEnd: start + te,
          fullText: text.slice(start, l1 < lines.lineCount ? lines.lineStart(l1) : text.length),
        };
        if (m?.[2]) {
          const bs = start + m[1]!.length;
          item.checkbox = { checked: m[3] !== ' ', start: bs, end: bs + 3 };
        }
        listItems.push(item);
        break;
      }
      case 'fence':
      case 'code_block':
        if (map) for (let l = l0; l < l1; l++) codeLines.add(l);
        break;
      case 'blockquote_open':
        if (map) for (let l = l0; l < l1; l++) quoteLines.add(l);
        break;
      case 'table_open':
        if (map) table = { line: l0, endLine: l1, start: lines.lineStart(l0), end: lineEnd(l1 - 1), header: [], rows: [] };
        break;
      case 'table_close':
        if (table) tables.push(table);
        table = undefined;
        break;
      case 'thead_open':
        inHead = true;
        break;
      case 'thead_close':
        inHead = false;
        break;
      case 'tr_open': {
        if (!table || !map) break;
        const l = l0;
        const cells = splitRow(lineText(l), lines.lineStart(l));
        if (inHead) table.header = cells;
        else table.rows.push({ line: l, start: lines.lineStart(l), end: lineEnd(l), cells });
        break;
      }
      default:
        break;
    }
  }

  // Title and sections.
  const first = headings[0];
  const title = first && first.level === 1 ? first : undefined;
  const rest = headings.filter((h) => h !== title);
  // Each section ends at the next heading of the same or a higher level: one pass with a stack of the
  // sections still open (levels strictly increasing), so nothing is quadratic in the number of headings.
  const ends = new Array<number>(rest.length).fill(lines.lineCount);
  const open: number[] = [];
  for (let i = 0; i < rest.length; i++) {
    const h = rest[i]!;
    while (open.length && rest[open[open.length - 1]!]!.level >= h.level) ends[open.pop()!] = h.line;
    open.push(i);
  }
  const sections: Section[] = rest.map((h, i) => {
    const endLine = ends[i]!;
    const contentLine = Math.min(h.line + 1, lines.lineCount);
    // The heading's fields written out (an object spread here cost more than the rest of the loop).
    return {
      level: h.level,
      text: h.text,
      line: h.line,
      start: h.start,
      end: endLine >= lines.lineCount ? text.length : lines.lineStart(endLine),
      textStart: h.textStart,
      textEnd: h.textEnd,
      id: sectionIdOf(h.text),
      contentLine,
      contentStart: contentLine >= lines.lineCount ? text.length : lines.lineStart(contentLine),
      endLine,
    };
  });

  // Timeline: the first table with a Time column in a Timeline section (or anywhere, failing that).
  let timeline: Timeline | undefined;
  const tlSections = sections.filter((s) => s.id === 'timeline');
  const candidates = tlSections.length
    ? tables.filter((t) => tlSections.some((s) => t.line > s.line && t.line < s.endLine))
    : [];
  for (const t of candidates) {
    const columns = findColumns(t.header);
    if (!columns) continue;
    const rows: TimelineRow[] = [];
    // Clock times are read on incidentStart's date; without one, on the first full timestamp's date,
    // and failing that on an arbitrary day (1970-01-01 UTC), which still orders them.
    // (Only looked for without incidentStart, and only up to the first row that has one: every row's
    // time is parsed again below.)
    let firstFull: ParsedTime | undefined;
    if (!meta.incidentStart) {
      for (const r of t.rows) if ((firstFull = parseTimestamp(plain(r.cells[columns.time]?.text ?? '')))) break;
    }
    const base: ParsedTime = meta.incidentStart ?? firstFull ?? { date: new Date(0), offsetMinutes: 0, hasOffset: false };
    for (const r of t.rows) {
      const timeCell = r.cells[columns.time];
      if (!timeCell) continue;
      const typeCell = columns.type !== undefined ? r.cells[columns.type] : undefined;
      const eventCell = columns.event !== undefined ? r.cells[columns.event] : undefined;
      const time = plain(timeCell.text);
      const date = parseTimelineTime(time, base);
      const type = typeCell ? plain(typeCell.text) : '';
      const lower = type.toLowerCase();
      const known = TIMELINE_TYPES.find((k) => k === lower);
      rows.push({
        line: r.line,
        time,
        type,
        event: eventCell ? plain(eventCell.text) : '',
        date,
        knownType: known,
        start: r.start,
        end: r.end,
        timeCell,
        typeCell,
        eventCell,
      });
    }
    timeline = { table: t, columns, rows };
    break;
  }

  return {
    text,
    lines,
    frontMatter,
    unclosedFrontMatter: split.unclosed,
    meta,
    bodyStart,
    bodyLine,
    tokens,
    title,
    headings,
    sections,
    listItems,
    tables,
    codeLines,
    quoteLines,
    timeline,
    fmRange,
  };
}

/** All sections with a canonical id (a template may have two, e.g. "Corrective actions" and "Action items"). */
export function sectionsOf(p: ParsedPostmortem, id: SectionId): Section[] {
  return p.sections.filter((s) => s.id === id);
}

/** The list items directly inside a section (the shallowest depth present), in order. */
export function itemsIn(p: ParsedPostmortem, s: Section): ListItem[] {
  const inside = between(p.listItems, s.line, s.endLine);
  if (!inside.length) return [];
  let min = Infinity;
  for (const it of inside) if (it.depth < min) min = it.depth;
  return inside.filter((it) => it.depth === min);
}

/** The tables inside a section. */
export function tablesIn(p: ParsedPostmortem, s: Section): Table[] {
  return between(p.tables, s.line, s.endLine);
}

/** The elements of a list sorted by `line` whose line is strictly between `after` and `before` (binary search). */
function between<T extends { line: number }>(list: readonly T[], after: number, before: number): T[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.line <= after) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < list.length && list[end]!.line < before) end++;
  return list.slice(lo, end);
}

/** The source lines of a section's content (0-based line numbers), code and quotes included. */
export function contentLines(p: ParsedPostmortem, s: Section): Array<{ line: number; start: number; text: string }> {
  const out: Array<{ line: number; start: number; text: string }> = [];
  for (let l = s.contentLine; l < s.endLine; l++) {
    const start = p.lines.lineStart(l);
    const next = l + 1 < p.lines.lineCount ? p.lines.lineStart(l + 1) : p.text.length;
    out.push({ line: l, start, text: p.text.slice(start, next).replace(/\r?\n$/, '') });
  }
  return out;
}

/**
 * Where an ATX heading's text ends before its optional closing `#` sequence (spaces, `#`s, spaces to
 * the end), or the length when there is none. A scan from the end: the regular expression
 * `\s+#+\s*$` backtracked quadratically on long runs of spaces and `#`s.
 */
function closingHashesAt(rest: string): number {
  let e = rest.length;
  while (e > 0 && /\s/.test(rest[e - 1]!)) e--;
  let h = e;
  while (h > 0 && rest[h - 1] === '#') h--;
  if (h === e || (h > 0 && !/\s/.test(rest[h - 1]!))) return rest.length;
  while (h > 0 && /\s/.test(rest[h - 1]!)) h--;
  return h;
}

/**
 * Parsing of runbook files: every YAML document of the file with node ranges (offsets into the whole
 * file text), its plain value, and the guards that keep a hostile or broken file from hanging the
 * editor: a size limit, binary detection, a bounded alias expansion and a nesting limit.
 */
import { isMap, isNode, isPair, isScalar, isSeq, parseAllDocuments, parseDocument } from 'yaml';
import type { Document, Node, Scalar } from 'yaml';
import { LineIndex } from '../lineIndex';
import { cacheSlot } from '../caches';
import { YAML_PARSE_OPTIONS, addDuplicateKeyErrors } from '../yamlKeys';
import type { RunbookDocument } from './context';
import { sameParse } from './parseShape';

/** The parsed form of a runbook file. */
export interface ParsedRunbookFile {
  /** The YAML documents of the file, in order (empty documents included; their `doc.contents` is null). */
  docs: RunbookDocument[];
  lines: LineIndex;
  /** Set when the file cannot be read as YAML at all (too large, binary); `docs` is then empty. */
  fatal?: { message: string; start: number; end: number };
}

/** Files larger than this (UTF-8 bytes) are not parsed. */
export const MAX_RUNBOOK_BYTES = 5 * 1024 * 1024;

/** Alias expansions allowed when building a document's value (a "billion laughs" file stops here). */
export const MAX_ALIAS_COUNT = 100;

/**
 * Whole-file parses kept: the current text and one other. Every caller parses the version it was
 * just handed (lint, outline, links, the name index of the same change), so more entries only hold
 * old versions of a file being typed into (a 10,000-line file's parse is several MiB).
 */
const CACHE_SIZE = 2;
/** Whole-file parses, by text (in the caches of the call in progress: core/caches.ts). */
const fileCache = cacheSlot<ParsedRunbookFile>('runbook files', { textParses: true });

/** UTF-8 byte length, counted without allocating. */
export function utf8Length(text: string, stopAt: number): number {
  let n = 0;
  for (let i = 0; i < text.length && n <= stopAt; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).trim();
}

/**
 * Parses a runbook file into its YAML documents. Never throws. Results are cached per text (a small
 * LRU), so the language server, the workspace name index and the linter share one parse of the same
 * version of a file.
 *
 * - More than {@link MAX_RUNBOOK_BYTES} or a NUL byte → `fatal`, no documents.
 * - Aliases expanding beyond {@link MAX_ALIAS_COUNT}, or nesting beyond the parser's stack →
 *   the document is marked `unusable` (one clear RB000), its value is undefined.
 * - Duplicate keys are YAML errors (`uniqueKeys`), reported by RB000.
 *
 * A result is valid until the next call: to avoid parsing again, a later call may move the trees of
 * its documents to the offsets of another text (a multi-document file edited before them, or typing
 * inside a plain value). Read what you need from it before parsing another text; never keep it.
 *
 * @example
 * const { docs, fatal } = parseRunbookFile('apiVersion: ml-runbooks/v1\nkind: Runbook\n');
 * docs[0].value // { apiVersion: 'ml-runbooks/v1', kind: 'Runbook' }
 */
export function parseRunbookFile(text: string): ParsedRunbookFile {
  const cache = fileCache();
  const hit = cache.get(text);
  if (hit) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  let parsed: ParsedRunbookFile | undefined;
  // The text parsed last is most often the previous version of this one (a keystroke ago).
  let last: string | undefined;
  for (const k of cache.keys()) last = k;
  if (last !== undefined && treeSurgeryEnabled()) {
    parsed = editedInPlace(last, cache.get(last)!, text);
    // The previous version's tree now describes `text`: it must never be handed out for `last` again.
    if (parsed) cache.delete(last);
  }
  parsed ??= parseUncached(text);
  cache.set(text, parsed);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return parsed;
}

/** How often a parse was served by the in-place path, and documents moved instead of parsed (tests check the paths are taken). */
export const parseStats = { inPlace: 0, moved: 0 };

/**
 * Lets go of the cached parse of a text that will not be edited again (its document was closed): its
 * whole-file entries — that text's and the versions sharing documents with it — and the documents no
 * other cached parse uses. A later parse of the text works as before, from scratch.
 */
export function releaseRunbookText(text: string): void {
  const cache = fileCache();
  const docCache = docCacheOf();
  const parsed = cache.get(text);
  if (!parsed) return;
  const docs = new Set(parsed.docs.map((d) => d.doc));
  for (const [key, p] of cache) if (key === text || p.docs.some((d) => docs.has(d.doc))) cache.delete(key);
  for (const p of cache.values()) for (const d of p.docs) docs.delete(d.doc);
  for (const [key, e] of docCache) if (docs.has(e.doc.doc)) docCache.delete(key);
}

/** Forgets every cached parse (tests compare results through the caches with results without them). */
export function clearRunbookParseCaches(): void {
  fileCache().clear();
  docCacheOf().clear();
}

/**
 * A parse that neither uses nor fills the caches: for a text read once (a file on disk indexed for its
 * names), whose trees should not stay in memory, and what the cached paths must always equal (tests).
 */
export function parseRunbookFileUncached(text: string): ParsedRunbookFile {
  return parseUncached(text, new Map());
}

function parseUncached(text: string, documents: Map<string, CachedDocument> = docCacheOf(), surgery?: boolean): ParsedRunbookFile {
  if (text.length > MAX_RUNBOOK_BYTES || (text.length * 3 > MAX_RUNBOOK_BYTES && utf8Length(text, MAX_RUNBOOK_BYTES) > MAX_RUNBOOK_BYTES)) {
    return {
      docs: [],
      lines: new LineIndex(''),
      fatal: {
        message: `File is larger than ${MAX_RUNBOOK_BYTES / 1024 / 1024} MB and was not checked; split it into smaller runbook files.`,
        start: 0,
        end: 0,
      },
    };
  }
  const lines = new LineIndex(text);
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    return {
      docs: [],
      lines,
      fatal: {
        message: 'File contains NUL bytes: it looks binary, not YAML, and was not checked. Save it as UTF-8 text.',
        start: nul,
        end: nul + 1,
      },
    };
  }
  const deep = flowDepthOver(text, MAX_FLOW_DEPTH);
  if (deep !== -1) {
    return {
      docs: [],
      lines,
      fatal: { message: `YAML is nested too deeply to be read (more than ${MAX_FLOW_DEPTH} levels of [ ] or { }); flatten the structure.`, start: deep, end: deep + 1 },
    };
  }
  // Documents parsed one by one are moved to their offsets: tree surgery too. Until its check has run
  // (on the first edit, or when the language server is idle) the file is parsed whole: a file opened
  // or linted once gains nothing from chunks, and its first diagnostics do not wait for the check.
  const split = surgery === false ? undefined : splitDocuments(text);
  const chunks = split && (surgery ?? treeSurgeryChecked() === true) ? split : undefined;
  if (chunks) {
    try {
      const used = new Set<Document>();
      return { docs: chunks.map((c, index) => chunkDocument(text, c, index, chunks.length, used, documents)), lines };
    } catch {
      // fall through to the whole-file parse, which reports what went wrong
    }
  }
  let raw: Document.Parsed[];
  try {
    raw = Array.from(parseAllDocuments(text, YAML_PARSE_OPTIONS));
    for (const doc of raw) addDuplicateKeyErrors(doc);
  } catch (e) {
    return { docs: [], lines, fatal: unreadable(e) };
  }
  return { docs: raw.map((doc, index) => toRunbookDocument(text, doc, index)), lines };
}

// ---------------------------------------------------------------------------------------------
// The fence around the tree surgery

/**
 * The `yaml` release the tree surgery (typing in place, documents parsed alone and moved) was written
 * and property-tested against. A test fails when another release is installed, so an upgrade re-runs
 * the property tests and updates this deliberately.
 */
export const TREE_SURGERY_YAML_VERSION = '2.9.1';

let surgery: boolean | undefined;

/**
 * Whether the tree surgery may be used: its invariants are checked once, when first needed (an edit
 * of a parsed text; the language server asks when it is idle after its first diagnostics; until then
 * multi-document files are parsed whole),
 * by doing each kind of surgery on a sample and comparing with a fresh whole-file parse ({@link sameParse}).
 * When the installed `yaml` builds its trees differently (other fields, other range conventions), the
 * answer is false and every text is parsed whole — slower, never wrong.
 */
export function treeSurgeryEnabled(): boolean {
  return (surgery ??= surgeryHolds());
}

/** The answer of {@link treeSurgeryEnabled} when its check has run; undefined before (nothing is checked here). */
export function treeSurgeryChecked(): boolean | undefined {
  return surgery;
}

/** Tests: force the answer (undefined checks again on the next parse). */
export function setTreeSurgeryForTests(value: boolean | undefined): void {
  surgery = value;
}

const SURGERY_SAMPLE = [
  'apiVersion: ml-runbooks/v1\nkind: Runbook\nmetadata:\n  name: first # a comment\n  title: Drift alert\n  tags: [drift, "quoted"]\nsignal: {summary: s, alert: A}\n',
  'metadata:\n  name: second\nlist:\n  - one\n  - two: 2\n    three: |\n      block\n',
  'metadata: {name: third}\n',
];

function surgeryHolds(): boolean {
  const stats = { ...parseStats };
  try {
    const whole = (t: string): ParsedRunbookFile => parseUncached(t, new Map(), false);
    const docs = new Map<string, CachedDocument>();
    const multi = SURGERY_SAMPLE.join('---\n');
    // Documents parsed alone and moved to their offsets.
    if (!sameParse(parseUncached(multi, docs, true), whole(multi))) return false;
    // An edit in the first document: the others are moved by the edit's length.
    const moved = multi.replace('Drift alert', 'Drift alerts here');
    if (!sameParse(parseUncached(moved, docs, true), whole(moved))) return false;
    // Typing into a plain value of a single document.
    const single = SURGERY_SAMPLE[0]!;
    const typed = single.replace('Drift alert', 'Drift alertX1');
    const inPlace = editedInPlace(single, whole(single), typed);
    return !!inPlace && sameParse(inPlace, whole(typed));
  } catch {
    return false;
  } finally {
    Object.assign(parseStats, stats);
  }
}

function unreadable(e: unknown): { message: string; start: number; end: number } {
  return {
    message:
      e instanceof RangeError
        ? 'YAML is nested too deeply to be read; flatten the structure.'
        : `File could not be read as YAML: ${firstLine((e as Error)?.message ?? String(e))}.`,
    start: 0,
    end: 0,
  };
}

/** Builds the value of a parsed document, marking it unusable when that is not safe or possible. */
function toRunbookDocument(text: string, doc: Document.Parsed, index: number): RunbookDocument {
  const start = doc.range?.[0] ?? 0;
  const end = doc.range?.[2] ?? text.length;
  const d: RunbookDocument = { index, doc, value: undefined, start, end };
  const exhausted = doc.errors.find((err) => err.code === 'RESOURCE_EXHAUSTION');
  if (exhausted) {
    const at = Math.min(Math.max(exhausted.pos[0], start), text.length);
    d.unusable = {
      message: 'YAML is nested too deeply to be read; flatten the structure (runbooks need only a few levels).',
      start: at,
      end: Math.min(at + 1, text.length),
    };
    return d;
  }
  try {
    d.value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const msg = (e as Error)?.message ?? String(e);
    const isAlias = /alias/i.test(msg);
    const unresolved = /unresolved alias/i.test(msg) ? msg.slice(msg.lastIndexOf(':') + 1).trim().replace(/^\*/, '') : undefined;
    const c = doc.contents;
    const s = c?.range?.[0] ?? start;
    const nl = text.indexOf('\n', s);
    d.unusable = {
      message: unresolved
        ? `Undefined alias *${unresolved.slice(0, 40)}: no anchor &${unresolved.slice(0, 40)} is defined before it; define the anchor or write the value out. The document was not checked.`
        : isAlias
        ? `Aliases expand to more than ${MAX_ALIAS_COUNT} nodes (an "alias bomb"); the document was not checked. Write the values out instead of nesting aliases.`
        : e instanceof RangeError
          ? 'YAML is nested too deeply to be read; flatten the structure (runbooks need only a few levels).'
          : `Document could not be read: ${firstLine(msg)}.`,
      start: s,
      end: Math.max(s, nl === -1 || nl > end ? end : nl),
    };
  }
  return d;
}

// ---------------------------------------------------------------------------------------------
// Typing inside a plain value: the previous version's tree, moved

/** Characters whose insertion or removal inside a plain scalar cannot change the YAML structure. */
const WORD = /^[A-Za-z0-9]*$/;
/** Edits larger than this are parsed again (a paste, a replaced selection). */
const MAX_IN_PLACE_EDIT = 16;

/**
 * The parse of `next` made from the parse of `prev` when the two differ by one small edit inside one
 * scalar value, away from YAML errors: letters or digits typed into (or deleted from) a single-line
 * plain scalar, or any characters but line breaks typed into a content line of a block scalar (`|`,
 * `>`: queries). Such an edit cannot change the tokens around the scalar, so neither the structure nor
 * the errors; the scalar's value and source change, every offset after the edit moves (YAML errors
 * and, in a multi-document file, the later documents included) and the document's value is rebuilt. A
 * plain scalar must still read as the same plain string (`tru` → `true` would turn it into a boolean).
 * Anything else returns undefined and the text is parsed again. The previous trees are reused (moved),
 * so the caller must drop `prev`'s cache entry.
 */
function editedInPlace(prev: string, parsed: ParsedRunbookFile, next: string): ParsedRunbookFile | undefined {
  const delta = next.length - prev.length;
  if (parsed.fatal || !parsed.docs.length || Math.abs(delta) > MAX_IN_PLACE_EDIT) return undefined;
  const min = Math.min(prev.length, next.length);
  let lo = 0;
  while (lo < min && prev.charCodeAt(lo) === next.charCodeAt(lo)) lo++;
  let tail = 0;
  while (tail < min - lo && prev.charCodeAt(prev.length - 1 - tail) === next.charCodeAt(next.length - 1 - tail)) tail++;
  const hiPrev = prev.length - tail;
  const hiNext = next.length - tail;
  if (hiPrev - lo > MAX_IN_PLACE_EDIT || hiNext - lo > MAX_IN_PLACE_EDIT) return undefined;
  const multi = parsed.docs.length > 1;
  const k = multi ? parsed.docs.findIndex((x) => x.start <= lo && hiPrev < x.end) : 0;
  if (k < 0) return undefined;
  // A multi-document file was parsed document by document (chunks): after the edit it splits the same way.
  const chunks = multi ? sameChunksAfterEdit(parsed, prev, next, k, delta) : undefined;
  if (multi && !chunks) return undefined;
  const d = parsed.docs[k]!;
  if (d.unusable || d.value === undefined || !d.doc.contents) return undefined;
  const edit = { prev, next, lo, hiPrev, hiNext, delta };
  const done = blockEdit(d.doc, edit) ?? plainEdit(d.doc, edit);
  if (!done) return undefined;
  parseStats.inPlace++;
  const lines = new LineIndex(next);
  // The edited tree is handed out as a new document object: it now describes `next`, not `prev`.
  const clone = (doc: Document.Parsed) => Object.create(Object.getPrototypeOf(doc), Object.getOwnPropertyDescriptors(doc)) as Document.Parsed;
  if (!multi) return { docs: [toRunbookDocument(next, clone(d.doc), 0)], lines };
  // Later documents move by the edit's length; parses still holding the old trees leave the cache.
  const touched = new Set(parsed.docs.slice(k).map((x) => x.doc));
  const cache = fileCache();
  for (const [key, p] of cache) if (p.docs.some((x) => touched.has(x.doc))) cache.delete(key);
  const docs = parsed.docs.map((x, j): RunbookDocument => {
    if (j < k) return x;
    const c = chunks![j]!;
    if (j === k) return { ...toRunbookDocument(next, clone(x.doc), j), start: c.start, end: c.end };
    shiftDocument(x.doc, delta, hiPrev);
    const u = x.unusable;
    return { ...x, start: c.start, end: c.end, ...(u ? { unusable: { ...u, start: u.start + delta, end: u.end + delta } } : {}) };
  });
  // The per-document cache follows: the edited document under its new text, the later ones at their new
  // offsets (under the key they already have: their text did not change, so no new copy of it is made).
  const docCache = docCacheOf();
  docCache.delete(prev.slice(d.start, d.end));
  for (let j = k; j < docs.length; j++) {
    const at = next.slice(docs[j]!.start, docs[j]!.end);
    const source = (j > k ? docCache.get(at)?.source : undefined) ?? ownCopy(at);
    docCache.set(source, { source, offset: docs[j]!.start, doc: docs[j]! });
  }
  return { docs, lines };
}

/** The chunks of `next` when they are those of `prev` with document `k` grown by `delta` (and `prev` was parsed by chunks); else undefined. */
function sameChunksAfterEdit(parsed: ParsedRunbookFile, prev: string, next: string, k: number, delta: number): Chunk[] | undefined {
  const before = splitDocuments(prev);
  const after = splitDocuments(next);
  if (!before || !after || before.length !== parsed.docs.length || after.length !== before.length) return undefined;
  for (let j = 0; j < before.length; j++) {
    const b = before[j]!;
    const a = after[j]!;
    const d = parsed.docs[j]!;
    if (d.start !== b.start || d.end !== b.end) return undefined;
    if (a.start !== b.start + (j > k ? delta : 0) || a.end !== b.end + (j >= k ? delta : 0)) return undefined;
  }
  return after;
}

/** One edit between two texts: [lo, hiPrev) of `prev` became [lo, hiNext) of `next`. */
interface TextEdit {
  prev: string;
  next: string;
  lo: number;
  hiPrev: number;
  hiNext: number;
  delta: number;
}

/**
 * Letters or digits typed into (or deleted from) the middle or end of a single-line plain scalar in
 * value position: the tree is moved and the scalar changed in place (true), or nothing is touched
 * (false).
 */
function plainEdit(doc: Document.Parsed, e: TextEdit): boolean {
  if (!WORD.test(e.prev.slice(e.lo, e.hiPrev)) || !WORD.test(e.next.slice(e.lo, e.hiNext))) return false;
  const scalar = valueScalarAround(doc.contents, e.lo, e.hiPrev);
  if (!scalar) return false;
  const [start, end, nodeEnd] = scalar.range as [number, number, number];
  // YAML errors elsewhere in the document stay as they are (moved); one at or next to this value may depend on it.
  if ([...doc.errors, ...doc.warnings].some((x) => x.pos[0] <= nodeEnd + 1 && x.pos[1] >= start - 1)) return false;
  const source = e.next.slice(start, end + e.delta);
  if (source.includes('\n') || !readsAsSamePlainString(source)) return false;
  shiftDocument(doc, e.delta, e.hiPrev);
  scalar.value = source;
  (scalar as Scalar & { source?: string }).source = source;
  return true;
}

/**
 * An edit inside the content of a block scalar (`|` or `>`: queries, multi-line text): any characters
 * but line breaks typed into, or deleted from, one content line after its first non-blank character.
 * Inside block content no character has a YAML meaning and the line's indentation is untouched, so
 * the structure, the chomping and the other lines cannot change; the scalar's value is read again from
 * its new source alone. True when done (the tree moved, the scalar changed), false when the edit is
 * inside a block scalar but cannot be done in place, undefined when it is not inside a block scalar.
 */
function blockEdit(doc: Document.Parsed, e: TextEdit): boolean | undefined {
  const { prev, next, lo, hiPrev, hiNext, delta } = e;
  const scalar = blockScalarAround(doc.contents, lo, hiPrev);
  if (!scalar) return undefined;
  const removed = prev.slice(lo, hiPrev);
  const added = next.slice(lo, hiNext);
  if (/[\r\n]/.test(removed) || /[\r\n]/.test(added)) return false;
  const [start, end, nodeEnd] = scalar.range as [number, number, number];
  // The header line (`|`, `>-`, `|2`…) and the indentation of the edited line stay as they were.
  const header = prev.indexOf('\n', start);
  if (header === -1 || lo <= header) return false;
  const lineStart = prev.lastIndexOf('\n', lo - 1) + 1;
  const firstText = (t: string): number => {
    let i = lineStart;
    while (i < t.length && (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 9)) i++;
    return i;
  };
  const textStart = firstText(prev);
  if (lo <= textStart || prev.charCodeAt(textStart) === 10 || prev.charCodeAt(textStart) === 13 || firstText(next) !== textStart) return false;
  if ([...doc.errors, ...doc.warnings].some((x) => x.pos[0] <= nodeEnd + 1 && x.pos[1] >= start - 1)) return false;
  const value = blockValue(prev.slice(start, header), next.slice(header + 1, end + delta), prev.slice(lineStart, textStart));
  if (value === undefined) return false;
  shiftDocument(doc, delta, hiPrev);
  scalar.value = value;
  (scalar as Scalar & { source?: string }).source = value; // a block scalar's source is its value
  return true;
}

/** The value of a block scalar read on its own: its header and its content lines under a one-key map. */
function blockValue(headerLine: string, content: string, indent: string): string | undefined {
  // An explicit indentation indicator (`|2`) counts from the parent's indentation, which a one-key map does not keep.
  if (/\d/.test(headerLine) || !indent) return undefined;
  const doc = parseDocument(`k: ${headerLine}\n${content}`, { prettyErrors: false, logLevel: 'silent' });
  if (doc.errors.length || doc.warnings.length || !isMap(doc.contents)) return undefined;
  const pair = doc.contents.items[0];
  const v = pair && isScalar(pair.value) ? pair.value.value : undefined;
  return doc.contents.items.length === 1 && typeof v === 'string' ? v : undefined;
}

/** The block scalar (literal or folded), in value position, whose source contains [lo, hi); undefined otherwise. */
function blockScalarAround(node: unknown, lo: number, hi: number): Scalar | undefined {
  const at = scalarAround(node, lo, hi);
  const block = at?.type === 'BLOCK_LITERAL' || at?.type === 'BLOCK_FOLDED';
  return at && block && typeof at.value === 'string' && at.range![0] <= lo && hi <= at.range![1] ? at : undefined;
}

/**
 * The single-line plain scalar, in value position (not a key), whose source strictly contains the
 * start of [lo, hi) and reaches its end; undefined when the range touches a key, an alias, a node
 * with an anchor or tag, a quoted or block scalar, or no scalar at all.
 */
function valueScalarAround(node: unknown, lo: number, hi: number): Scalar | undefined {
  const at = scalarAround(node, lo, hi);
  const plain = at?.type === 'PLAIN' && typeof at.value === 'string' && at.value === (at as Scalar & { source?: string }).source;
  return at && plain && at.range![0] < lo && hi <= at.range![1] ? at : undefined;
}

/**
 * The scalar in value position whose node contains [lo, hi), reached through maps and sequences;
 * undefined when the range touches a key, or a node on the way (the scalar included) has an anchor or
 * a tag.
 */
function scalarAround(node: unknown, lo: number, hi: number): Scalar | undefined {
  const inside = (n: unknown): n is Node => isNode(n) && !!n.range && n.range[0] <= lo && hi <= n.range[2];
  let at: unknown = node;
  while (at) {
    if (isScalar(at)) return at.anchor || at.tag ? undefined : at;
    if (!isMap(at) && !isSeq(at)) return undefined;
    if (at.anchor || at.tag) return undefined;
    let next: unknown;
    for (const it of at.items) {
      if (isPair(it)) {
        if (isNode(it.key) && it.key.range && it.key.range[0] <= hi && lo <= it.key.range[2]) return undefined;
        if (inside(it.value)) next = it.value;
      } else if (inside(it)) next = it;
      if (next) break;
    }
    at = next;
  }
  return undefined;
}

/** Whether `source` alone reads as a plain scalar whose value is that same string (not a number, boolean, null). */
function readsAsSamePlainString(source: string): boolean {
  const doc = parseDocument(source, YAML_PARSE_OPTIONS);
  const c = doc.contents;
  return !doc.errors.length && !doc.warnings.length && isScalar(c) && c.type === 'PLAIN' && c.value === source;
}

// ---------------------------------------------------------------------------------------------
// Per-document cache for multi-document files

interface Chunk {
  start: number;
  end: number;
}

const DOC_MARKER = /^---(?=[ \t\r\n]|$)/gm;
const UNSPLITTABLE = /^(?:%|\.\.\.(?:[ \t\r\n]|$))/m;
const BLANK_OR_COMMENTS = /^\uFEFF?(?:[ \t]*(?:#[^\r\n]*)?\r?\n)*[ \t]*(?:#[^\r\n]*)?\r?$/;

/**
 * Splits a multi-document file at its `---` lines (YAML ends a document at a `---` in column 0
 * wherever it appears). Undefined for a single document, or when directives (`%YAML`) or `...`
 * end markers make splitting unsafe — then the file is parsed as a whole.
 */
function splitDocuments(text: string): Chunk[] | undefined {
  if (text.length < 2 || UNSPLITTABLE.test(text)) return undefined;
  const starts: number[] = [0];
  DOC_MARKER.lastIndex = 0;
  for (let m = DOC_MARKER.exec(text); m; m = DOC_MARKER.exec(text)) {
    if (m.index === 0) continue;
    // Comments and blank lines before the first marker belong to the first document.
    if (starts.length === 1 && BLANK_OR_COMMENTS.test(text.slice(0, m.index))) continue;
    starts.push(m.index);
  }
  if (starts.length < 2) return undefined;
  return starts.map((s, i) => ({ start: s, end: i + 1 < starts.length ? starts[i + 1]! : text.length }));
}

/** A parsed document of one chunk, with ranges already moved to the chunk's offset in its file. */
interface CachedDocument {
  /** The cache key: the chunk's own copy of its source (not a slice that would keep a whole file version alive). */
  source: string;
  offset: number;
  doc: RunbookDocument;
}

const DOC_CACHE_SIZE = 64;
/** Entries kept beyond the chunks of the file just parsed: old versions of the documents being edited. */
const DOC_CACHE_SLACK = 8;
/** Documents of multi-document files, by their own text (in the caches of the call in progress). */
const docCacheOf = cacheSlot<CachedDocument>('runbook documents', { textParses: true });

/** A flat copy of a string: a slice of a file's text would keep that whole version of the file in memory. */
function ownCopy(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

/**
 * The document of one chunk: reused from the cache when the same text sits at the same offset (the
 * documents before an edit), moved there when the same text sat at another offset (the documents
 * after an edit), else parsed on its own and moved to its offset. The cache always has room for every
 * chunk of the file being parsed (a file of more documents than {@link DOC_CACHE_SIZE} would
 * otherwise evict each document just before it is needed again).
 */
function chunkDocument(text: string, c: Chunk, index: number, chunkCount: number, used: Set<Document>, docCache: Map<string, CachedDocument>): RunbookDocument {
  const source = text.slice(c.start, c.end);
  const hit = docCache.get(source);
  if (hit && hit.offset === c.start) {
    docCache.delete(source);
    docCache.set(hit.source, hit);
    used.add(hit.doc.doc);
    return hit.doc.index === index ? hit.doc : { ...hit.doc, index };
  }
  if (hit && !used.has(hit.doc.doc)) return movedDocument(hit, c, index, used, docCache);
  const own = ownCopy(source);
  const [doc, ...more] = parseAllDocuments(own, YAML_PARSE_OPTIONS) as Document.Parsed[];
  if (!doc || more.length) throw new Error('chunk is not one document');
  addDuplicateKeyErrors(doc);
  shiftDocument(doc, c.start);
  const d = toRunbookDocument(text, doc, index);
  d.start = c.start;
  d.end = c.end;
  used.add(doc);
  docCache.delete(source);
  docCache.set(own, { source: own, offset: c.start, doc: d });
  const limit = Math.max(DOC_CACHE_SIZE, chunkCount + DOC_CACHE_SLACK);
  while (docCache.size > limit) docCache.delete(docCache.keys().next().value as string);
  return d;
}

/**
 * A cached document whose text now sits at another offset (an edit earlier in the file moved it):
 * its tree is moved there instead of being parsed again. The tree is shared with the parses that
 * placed it at its old offset, so those leave the whole-file cache (a parse is never handed out with
 * ranges of another text); documents already placed in the parse being built are never moved.
 */
function movedDocument(hit: CachedDocument, c: Chunk, index: number, used: Set<Document>, docCache: Map<string, CachedDocument>): RunbookDocument {
  const delta = c.start - hit.offset;
  const doc = hit.doc.doc;
  const cache = fileCache();
  for (const [key, parsed] of cache) if (parsed.docs.some((x) => x.doc === doc)) cache.delete(key);
  shiftDocument(doc, delta);
  const u = hit.doc.unusable;
  const d: RunbookDocument = { ...hit.doc, index, start: c.start, end: c.end, ...(u ? { unusable: { ...u, start: u.start + delta, end: u.end + delta } } : {}) };
  docCache.delete(hit.source);
  docCache.set(hit.source, { source: hit.source, offset: c.start, doc: d });
  used.add(doc);
  parseStats.moved++;
  return d;
}

/**
 * Adds `delta` to every offset at or after `from` in a document's ranges (nodes, the document, its
 * errors): `from` 0 moves a freshly parsed chunk to its place in the file; a later `from` follows an
 * edit made at that offset.
 */
function shiftDocument(doc: Document.Parsed, delta: number, from = 0): void {
  if (!delta) return;
  const shiftRange = (r: [number, number, number] | null | undefined): void => {
    if (r) {
      if (r[0] >= from) r[0] += delta;
      if (r[1] >= from) r[1] += delta;
      if (r[2] >= from) r[2] += delta;
    }
  };
  shiftRange(doc.range);
  for (const e of [...doc.errors, ...doc.warnings]) {
    e.pos = [e.pos[0] >= from ? e.pos[0] + delta : e.pos[0], e.pos[1] >= from ? e.pos[1] + delta : e.pos[1]];
    e.linePos = undefined;
  }
  // A parsed tree shares no node (an alias is a node of its own that names its anchor), so each node is
  // reached once: no set of visited nodes (which was most of what a keystroke allocated in a large file).
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    if (isNode(n)) shiftRange(n.range as [number, number, number] | undefined);
    if (isPair(n)) {
      stack.push(n.key, n.value);
    } else if (isMap(n) || isSeq(n)) {
      for (const it of n.items) stack.push(it);
    }
  }
}

/** Deepest flow nesting (`[`, `{`) read; the YAML library's parse of 500,000 levels took 9 s and 600 MB. */
export const MAX_FLOW_DEPTH = 1000;

/**
 * Offset of the first `[` or `{` nested deeper than `limit`, or -1: one linear scan before the YAML
 * parse. Quoted scalars and comments are skipped; brackets inside plain scalars count too, which can
 * only make a pathological file (a thousand unclosed brackets in a value) stop early.
 */
export function flowDepthOver(text: string, limit: number): number {
  let depth = 0;
  // Outside brackets only `[`, `{` and a comment's `#` matter: the next of each is found with indexOf
  // (kept until passed, so each is searched for once) instead of reading every character.
  let square = -2;
  let curly = -2;
  let hash = -2;
  for (let i = 0; i < text.length; i++) {
    if (depth === 0) {
      if (square !== -1 && square < i) square = text.indexOf('[', i);
      if (curly !== -1 && curly < i) curly = text.indexOf('{', i);
      const open = square === -1 ? curly : curly === -1 ? square : Math.min(square, curly);
      while (hash !== -1 && (hash < i || !(hash === 0 || text[hash - 1] === ' ' || text[hash - 1] === '\t' || text[hash - 1] === '\n'))) hash = text.indexOf('#', hash < i ? i : hash + 1);
      if (hash !== -1 && (open === -1 || hash < open)) {
        const nl = text.indexOf('\n', hash);
        if (nl === -1) break;
        i = nl;
        continue;
      }
      if (open === -1) break;
      i = open;
    }
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
    } else if (c === 0x23 && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t' || text[i - 1] === '\n')) {
      const nl = text.indexOf('\n', i);
      if (nl === -1) break;
      i = nl;
    } else if ((c === 0x22 || c === 0x27) && depth > 0) {
      // A quoted scalar inside a flow collection: skip to its end (escapes in double quotes, '' in single).
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== c) j += c === 0x22 && text[j] === '\\' ? 2 : 1;
      i = j;
    }
  }
  return -1;
}

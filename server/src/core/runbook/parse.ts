/**
 * Parsing of runbook files: every YAML document of the file with node ranges (offsets into the whole
 * file text), its plain value, and the guards that keep a hostile or broken file from hanging the
 * editor: a size limit, binary detection, a bounded alias expansion and a nesting limit.
 */
import { LineCounter, isMap, isNode, isPair, isSeq, parseAllDocuments } from 'yaml';
import type { Document } from 'yaml';
import { LineIndex } from '../lineIndex';
import type { RunbookDocument } from './context';

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
const cache = new Map<string, ParsedRunbookFile>();

/** UTF-8 byte length, counted without allocating. */
function utf8Length(text: string, stopAt: number): number {
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
 * @example
 * const { docs, fatal } = parseRunbookFile('apiVersion: ml-runbooks/v1\nkind: Runbook\n');
 * docs[0].value // { apiVersion: 'ml-runbooks/v1', kind: 'Runbook' }
 */
export function parseRunbookFile(text: string): ParsedRunbookFile {
  const hit = cache.get(text);
  if (hit) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const parsed = parseUncached(text);
  cache.set(text, parsed);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return parsed;
}

function parseUncached(text: string): ParsedRunbookFile {
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
  const chunks = splitDocuments(text);
  if (chunks) {
    try {
      return { docs: chunks.map((c, index) => chunkDocument(text, c, index, chunks.length)), lines };
    } catch {
      // fall through to the whole-file parse, which reports what went wrong
    }
  }
  let raw: Document.Parsed[];
  try {
    raw = Array.from(parseAllDocuments(text, { lineCounter: new LineCounter(), uniqueKeys: true, prettyErrors: false, logLevel: 'error' }));
  } catch (e) {
    return { docs: [], lines, fatal: unreadable(e) };
  }
  return { docs: raw.map((doc, index) => toRunbookDocument(text, doc, index)), lines };
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
    const c = doc.contents;
    const s = c?.range?.[0] ?? start;
    const nl = text.indexOf('\n', s);
    d.unusable = {
      message: isAlias
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
// Per-document cache for multi-document files

interface Chunk {
  start: number;
  end: number;
}

const DOC_MARKER = /^---(?=[ \t\r\n]|$)/gm;
const UNSPLITTABLE = /^(?:%|\.\.\.(?:[ \t\r\n]|$))/m;
const BLANK_OR_COMMENTS = /^\uFEFF?(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*(?:#[^\n]*)?$/;

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
const docCache = new Map<string, CachedDocument>();

/** A flat copy of a string: a slice of a file's text would keep that whole version of the file in memory. */
function ownCopy(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

/**
 * The document of one chunk: reused from the cache when the same text sits at the same offset (the
 * documents before an edit), else parsed on its own and moved to its offset. Cached documents are
 * never mutated, so results handed out earlier stay valid. The cache always has room for every
 * chunk of the file being parsed (a file of more documents than {@link DOC_CACHE_SIZE} would
 * otherwise evict each document just before it is needed again).
 */
function chunkDocument(text: string, c: Chunk, index: number, chunkCount: number): RunbookDocument {
  const source = text.slice(c.start, c.end);
  const hit = docCache.get(source);
  if (hit && hit.offset === c.start) {
    docCache.delete(source);
    docCache.set(hit.source, hit);
    return hit.doc.index === index ? hit.doc : { ...hit.doc, index };
  }
  const own = ownCopy(source);
  const [doc, ...more] = parseAllDocuments(own, { uniqueKeys: true, prettyErrors: false, logLevel: 'error' }) as Document.Parsed[];
  if (!doc || more.length) throw new Error('chunk is not one document');
  shiftDocument(doc, c.start);
  const d = toRunbookDocument(text, doc, index);
  d.start = c.start;
  d.end = c.end;
  docCache.delete(source);
  docCache.set(own, { source: own, offset: c.start, doc: d });
  const limit = Math.max(DOC_CACHE_SIZE, chunkCount + DOC_CACHE_SLACK);
  while (docCache.size > limit) docCache.delete(docCache.keys().next().value as string);
  return d;
}

/** Adds `delta` to every range of a freshly parsed document (nodes, the document, its errors). */
function shiftDocument(doc: Document.Parsed, delta: number): void {
  if (!delta) return;
  const shiftRange = (r: [number, number, number] | null | undefined): void => {
    if (r) {
      r[0] += delta;
      r[1] += delta;
      r[2] += delta;
    }
  };
  shiftRange(doc.range);
  for (const e of [...doc.errors, ...doc.warnings]) {
    e.pos = [e.pos[0] + delta, e.pos[1] + delta];
    e.linePos = undefined;
  }
  const stack: unknown[] = [doc.contents];
  const seen = new Set<unknown>();
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object' || seen.has(n)) continue;
    seen.add(n);
    if (isNode(n)) shiftRange(n.range as [number, number, number] | undefined);
    if (isPair(n)) {
      stack.push(n.key, n.value);
    } else if (isMap(n) || isSeq(n)) {
      for (const it of n.items) stack.push(it);
    }
  }
}

/**
 * Parsing of runbook files: every YAML document of the file with node ranges (offsets into the whole
 * file text), its plain value, and the guards that keep a hostile or broken file from hanging the
 * editor: a size limit, binary detection, a bounded alias expansion and a nesting limit.
 */
import { LineCounter, parseAllDocuments } from 'yaml';
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

const CACHE_SIZE = 8;
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
  let raw: Document.Parsed[];
  try {
    raw = Array.from(parseAllDocuments(text, { lineCounter: new LineCounter(), uniqueKeys: true, prettyErrors: false }));
  } catch (e) {
    const tooDeep = e instanceof RangeError;
    return {
      docs: [],
      lines,
      fatal: {
        message: tooDeep
          ? 'YAML is nested too deeply to be read; flatten the structure.'
          : `File could not be read as YAML: ${firstLine((e as Error)?.message ?? String(e))}.`,
        start: 0,
        end: 0,
      },
    };
  }
  const docs: RunbookDocument[] = raw.map((doc, index) => {
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
  });
  return { docs, lines };
}

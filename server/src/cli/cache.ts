/**
 * The result cache of `ml-runbooks lint --cache` (in the spirit of ESLint's): one JSON file that
 * holds, per file, its findings and the facts other files' findings are made of (runbook names,
 * alert data, a rule file as read). An entry is used only when everything the findings depend on is
 * unchanged:
 *
 * - the whole cache: the product version, the resolved configuration, the working folder and the
 *   UTC day (staleness, RB007, counts in days);
 * - the file: a SHA-256 of its content, its kind and classification (`wholeFile`); with the
 *   `metadata` strategy, a file whose size, modification and change times and inode are those the
 *   entry recorded is not read at all (its classification, names, alert data and positioned findings
 *   come from the entry); a file whose metadata changed is read and its content hash compared;
 * - cross-file inputs, checked again on every run: the other definitions of its runbook names
 *   (RB009), the answers of every file-existence question its lint asked (PM011 `runbook:`
 *   targets), and the alert graph's findings of the file (AL000–AL005);
 * - a finding that quotes the current minute (a skeleton fix with today's time) is used only in
 *   that minute.
 *
 * Files read and found to be no runbook, post-mortem or rule file are remembered by their metadata
 * too, so a `metadata` run does not read them again.
 *
 * A missing, unreadable, corrupt, foreign or oversized cache file is ignored and rewritten. Writing
 * is atomic (a temporary file in the same folder, then a rename): processes sharing a location
 * never read half a file; the last writer wins.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ResolvedConfig, RuleFile, RunbookAlertInfo, RelatedInformation } from '../core/index';
import { isRegularFileInside, readRegularFileSync } from '../safeFs';
import type { FileMeta, KnownFiles, SourceFile } from './discover';
import { decodeMessageRows, encodeMessageRows, type MessageRows } from './results';
import { VERSION } from '../version';

/** Format tag and schema number of the cache file: anything else is foreign and ignored. */
export const CACHE_FORMAT = 'ml-runbooks-lint-cache';
export const CACHE_SCHEMA = 3;
/** Default location, relative to the working folder (as ESLint and Prettier keep theirs). */
export const DEFAULT_CACHE_DIR = join('node_modules', '.cache', 'ml-runbooks');
/** File name used when `--cache-location` names a folder. */
export const CACHE_FILE_NAME = 'lint-cache.json';
/** How a file is known to be unchanged: by its size, times and inode (no read), or by its content's hash (ESLint's names). */
export const CACHE_STRATEGIES = ['metadata', 'content'] as const;
export type CacheStrategy = (typeof CACHE_STRATEGIES)[number];
export const DEFAULT_CACHE_STRATEGY: CacheStrategy = 'metadata';
/** A larger cache file is not read (and is rewritten). */
export const MAX_CACHE_BYTES = 256 * 1024 * 1024;

/** A runbook `metadata.name` definition, as the names index holds it. */
export type NameDef = RelatedInformation & { name: string };

/** A runbook name defined in `file` at `start`–`end` (line and character of `start`, 0-based). */
export function nameDef(name: string, file: string, start: number, end: number, line: number, character: number): NameDef {
  return { name, file, start, end, line, character, message: `'${name}' is also defined here` };
}

/** What the cache keeps of one file. */
export interface CacheEntry {
  /** SHA-256 of the content (hex). */
  hash: string;
  kind: 'runbook' | 'postmortem' | 'alerts';
  wholeFile: boolean;
  /**
   * The file's findings as the output is made of them (placed, one line each, every severity; see
   * {@link MessageRows}). A file linted in this run gets them once they are placed; every entry
   * written has them.
   */
  messages?: MessageRows;
  names: NameDef[];
  /** A runbook's alert data (present when the run that wrote it had rule files). */
  alerts?: RunbookAlertInfo[];
  /** A rule file as read. */
  ruleFile?: RuleFile;
  /** Answers of the file-existence questions the lint asked: [path, exists]. */
  exists: Array<[string, boolean]>;
  /** Hash of the other definitions of the file's runbook names (RB009). */
  names2: string;
  /** Hash of the alert graph's findings of the file, or '-' when the run had no rule files. */
  graph: string;
  /** The minute (`YYYY-MM-DDTHH:MMZ`) a finding quotes, when one does: the entry holds only then. */
  minute?: string;
  /** Size, times and inode of the file the entry was made from (the `metadata` strategy's key). */
  meta?: FileMeta;
}

/**
 * The cache file. What a cached run reads is kept compact, as fewer and smaller values to parse: every
 * text of the entries' messages once, in `texts`, the rows holding its number; a name definition as
 * `[name, start, end, line, character]` (its file is the entry's); metadata as `[size, mtimeMs,
 * ctimeMs, ino]`.
 */
interface CacheFile {
  format: string;
  schema: number;
  version: string;
  key: string;
  texts: string[];
  entries: Record<string, StoredEntry>;
  /** Files read and found to be no runbook, post-mortem or rule file, by their metadata. */
  others?: Record<string, StoredMeta>;
}

type StoredMeta = [size: number, mtimeMs: number, ctimeMs: number, ino: number];
type StoredName = [name: string, start: number, end: number, line: number, character: number];
interface StoredEntry extends Omit<CacheEntry, 'names' | 'meta' | 'messages'> {
  names: StoredName[];
  meta?: StoredMeta;
  messages: number[];
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted, so equal values give equal text. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(o).sort()) sorted[k] = o[k];
      return sorted;
    }
    return v;
  });
}

/** Non-finite numbers survive the JSON round trip. */
function replacer(_k: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? { $num: String(v) } : v;
}
function reviver(_k: string, v: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (typeof o.$num === 'string' && Object.keys(o).length === 1) return Number(o.$num);
  }
  return v;
}

/**
 * The cache file is written in ASCII (JSON's `\u` escapes for the rest, which occur only in strings):
 * read back, it decodes on the fast path and parses as a one-byte string.
 */
const NON_ASCII = /[\u0080-\uffff]/g;
const asciiEscape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `YYYY-MM-DDTHH:MMZ`, as findings quote the current time. */
export function minuteOf(d: Date): string {
  return `${d.toISOString().slice(0, 16)}Z`;
}

/** The cache file a `--cache-location` value names: a folder (existing, or written with a trailing slash) gets {@link CACHE_FILE_NAME}. */
export function cacheFilePath(cwd: string, location: string | undefined): string {
  if (location === undefined) return resolve(cwd, DEFAULT_CACHE_DIR, CACHE_FILE_NAME);
  const abs = resolve(cwd, location);
  if (/[\\/]$/.test(location)) return join(abs, CACHE_FILE_NAME);
  try {
    if (statSync(abs).isDirectory()) return join(abs, CACHE_FILE_NAME);
  } catch {
    // Not there yet: a file.
  }
  return abs;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** Metadata as the file keeps it, or undefined when the value read is not that. */
function decodeMeta(m: unknown): FileMeta | undefined {
  return Array.isArray(m) && m.length === 4 && m.every(isNum) ? { size: m[0], mtimeMs: m[1], ctimeMs: m[2], ino: m[3] } : undefined;
}
const encodeMeta = (m: FileMeta): StoredMeta => [m.size, m.mtimeMs, m.ctimeMs, m.ino];

/** A name definition as the file keeps it, or undefined when the value read is not that. */
function decodeName(n: unknown, file: string): NameDef | undefined {
  if (!Array.isArray(n) || n.length !== 5 || typeof n[0] !== 'string' || !isNum(n[1]) || !isNum(n[2]) || !isNum(n[3]) || !isNum(n[4])) return undefined;
  return nameDef(n[0], file, n[1], n[2], n[3], n[4]);
}

/** Whether two metadata records are of the same file version. */
export const sameMeta = (a: FileMeta, b: FileMeta): boolean => a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;

/**
 * An entry as read from the file of the entry of `file` in memory, or undefined when it is not of the
 * right shape (a cache file is input like any other: checked, not trusted).
 */
function decodeEntry(e: unknown, file: string, texts: readonly string[]): CacheEntry | undefined {
  if (!isObject(e)) return undefined;
  const meta = e.meta === undefined ? undefined : decodeMeta(e.meta);
  if (e.meta !== undefined && !meta) return undefined;
  if (
    !(typeof e.hash === 'string' && (e.kind === 'runbook' || e.kind === 'postmortem' || e.kind === 'alerts') && typeof e.wholeFile === 'boolean' &&
    Array.isArray(e.names) &&
    Array.isArray(e.exists) && e.exists.every((x) => Array.isArray(x) && x.length === 2 && typeof x[0] === 'string' && typeof x[1] === 'boolean') &&
    typeof e.names2 === 'string' && typeof e.graph === 'string' && (e.minute === undefined || typeof e.minute === 'string') &&
    (e.alerts === undefined || (Array.isArray(e.alerts) && e.alerts.every(isObject))) &&
    (e.ruleFile === undefined || (isObject(e.ruleFile) && typeof e.ruleFile.file === 'string' && Array.isArray(e.ruleFile.alerts) && Array.isArray(e.ruleFile.records) && Array.isArray(e.ruleFile.problems))))
  ) {
    return undefined;
  }
  const messages = Array.isArray(e.messages) ? decodeMessageRows(e.messages, texts) : undefined;
  if (!messages) return undefined;
  const names: NameDef[] = [];
  for (const n of e.names as unknown[]) {
    const def = decodeName(n, file);
    if (!def) return undefined;
    names.push(def);
  }
  // The object parsed is this run's own: its compact members are replaced by their in-memory forms.
  const entry = e as unknown as CacheEntry;
  entry.messages = messages;
  entry.names = names;
  if (meta) entry.meta = meta;
  return entry;
}

/** An entry with its messages (every entry read has them; one made in this run once its findings are placed). */
type WholeEntry = CacheEntry & { messages: MessageRows };
const isWhole = (e: CacheEntry): e is WholeEntry => e.messages !== undefined;

/** An entry as the file keeps it (`textNumber` numbers each text of its messages in the file's table). */
function encodeEntry(e: WholeEntry, textNumber: (text: string) => number): StoredEntry {
  const { names, meta, messages, ...rest } = e;
  const stored: StoredEntry = {
    ...rest,
    // Each name is defined in the entry's file (the file is not written again per name).
    names: names.map((n) => [n.name, n.start, n.end, n.line ?? 0, n.character ?? 0]),
    messages: encodeMessageRows(messages, textNumber),
  };
  if (meta) stored.meta = encodeMeta(meta);
  return stored;
}

/** One run's view of the cache: entries read at the start, entries to write at the end, hit and miss counts. */
export class LintCache {
  hits = 0;
  misses = 0;
  /** Files not read at all: classified from the cache by their metadata and never asked for their text. */
  unread = 0;
  private readonly old = new Map<string, CacheEntry>();
  private readonly fresh = new Map<string, CacheEntry>();
  private readonly oldOthers = new Map<string, FileMeta>();
  private readonly freshOthers = new Map<string, FileMeta>();
  /** Entries and others in the file as read, valid or not (a file with dropped entries is rewritten). */
  private readCount = -1;
  /** The whole cache's key: version, configuration, working folder, UTC day. */
  readonly key: string;

  constructor(
    readonly file: string,
    private readonly cwd: string,
    config: ResolvedConfig,
    now: Date,
    readonly strategy: CacheStrategy = DEFAULT_CACHE_STRATEGY,
  ) {
    this.key = sha256(stableStringify({ version: VERSION, config, cwd, day: now.toISOString().slice(0, 10) }));
    this.load();
  }

  private load(): void {
    let text: string;
    try {
      const read = readRegularFileSync(this.file, MAX_CACHE_BYTES);
      if (read.truncated) return;
      text = read.text;
    } catch {
      return; // Missing, unreadable, or not a regular file: a cold run.
    }
    let data: unknown;
    try {
      // The reviver (non-finite numbers) costs a call per value: only when the file holds such a number.
      data = text.includes('"$num"') ? JSON.parse(text, reviver) : JSON.parse(text);
    } catch {
      return;
    }
    if (!data || typeof data !== 'object') return;
    const d = data as Partial<CacheFile>;
    if (d.format !== CACHE_FORMAT || d.schema !== CACHE_SCHEMA || d.version !== VERSION || d.key !== this.key) return;
    if (!isObject(d.entries) || !Array.isArray(d.texts) || !d.texts.every((t) => typeof t === 'string')) return;
    let n = 0;
    for (const path in d.entries) {
      n++;
      const e = decodeEntry(d.entries[path], path, d.texts);
      if (e) this.old.set(path, e);
    }
    if (isObject(d.others)) {
      for (const path in d.others) {
        n++;
        const m = decodeMeta(d.others[path]);
        if (m) this.oldOthers.set(path, m);
      }
    }
    this.readCount = n;
  }

  /**
   * With the `metadata` strategy, what discovery may take from the cache instead of reading a file:
   * the classification of a file whose size, times and inode are those its entry recorded.
   */
  knownFiles(): KnownFiles | undefined {
    if (this.strategy !== 'metadata') return undefined;
    return {
      classify: (path, meta) => {
        // The entry and the record read are handed back and kept, not copies nor `meta` (it may be a `Stats`).
        const e = this.old.get(path);
        if (e?.meta && sameMeta(e.meta, meta)) {
          this.unread++;
          return e as CacheEntry & { meta: FileMeta };
        }
        const o = this.oldOthers.get(path);
        if (o && sameMeta(o, meta)) {
          this.unread++;
          this.freshOthers.set(path, o);
          return null;
        }
        return undefined;
      },
      other: (path, meta) => void this.freshOthers.set(path, meta),
      readAfterAll: () => void this.unread--,
    };
  }

  /**
   * The entry of a file whose content (or, unread, its metadata), kind and classification are
   * unchanged (its cross-file inputs are checked by the caller).
   */
  lookup(f: Pick<SourceFile, 'path' | 'text' | 'kind' | 'wholeFile' | 'unread'>): CacheEntry | undefined {
    const e = this.old.get(f.path);
    if (!e || e.kind !== f.kind || e.wholeFile !== f.wholeFile) return undefined;
    // An unread file was matched by its metadata; a read one by its content.
    if (!f.unread && e.hash !== sha256(f.text)) return undefined;
    return e;
  }

  /** The entry recorded for a file in this run. */
  stored(path: string): CacheEntry | undefined {
    return this.fresh.get(path);
  }

  /** Forgets everything read and counted (the cache's data turned out unusable): the run goes on as a cold one. */
  reset(): void {
    this.old.clear();
    this.fresh.clear();
    this.oldOthers.clear();
    this.freshOthers.clear();
    this.readCount = -1;
    this.hits = 0;
    this.misses = 0;
  }

  /** Records a file's entry for this run's cache file. */
  store(path: string, entry: CacheEntry): void {
    this.fresh.set(path, entry);
  }

  /** Whether an earlier entry of a file not in this run is kept: its file still exists. */
  private keeps(path: string): boolean {
    return isRegularFileInside(this.cwd, resolve(this.cwd, path));
  }

  /**
   * Whether the file would be written as it was read: every entry and other read was valid, this run's
   * are those read (the same entry objects, others with the same metadata: nothing was linted again)
   * and the rest are of files that still exist. Nothing is built to tell.
   */
  private unchanged(): boolean {
    let n = 0;
    for (const [p, e] of this.fresh) {
      if (this.old.get(p) !== e) return false;
      n++;
    }
    for (const p of this.old.keys()) {
      if (this.fresh.has(p)) continue;
      if (!this.keeps(p)) return false;
      n++;
    }
    for (const [p, m] of this.freshOthers) {
      if (this.fresh.has(p)) continue;
      const o = this.oldOthers.get(p);
      if (!o || !sameMeta(o, m)) return false;
      n++;
    }
    for (const p of this.oldOthers.keys()) {
      if (this.freshOthers.has(p) || this.fresh.has(p)) continue;
      if (!this.keeps(p)) return false;
      n++;
    }
    return n === this.readCount;
  }

  /**
   * Writes the cache (unless it would be written as it was read): this run's entries, and earlier entries of files not in this run that still
   * exist (a run over a subset of the paths keeps the others'); entries of deleted files are dropped.
   * Returns an error message when the file could not be written (the run's result stands).
   */
  save(): string | undefined {
    if (this.unchanged()) return undefined;
    const texts: string[] = [];
    const numbers = new Map<string, number>();
    const textNumber = (t: string): number => {
      let n = numbers.get(t);
      if (n === undefined) numbers.set(t, (n = texts.push(t) - 1));
      return n;
    };
    const entries: Record<string, StoredEntry> = {};
    for (const [p, e] of this.old) if (isWhole(e) && !this.fresh.has(p) && this.keeps(p)) entries[p] = encodeEntry(e, textNumber);
    // An entry whose messages were never made (its run stopped short of the output) is not written: linted again next time.
    for (const [p, e] of this.fresh) if (isWhole(e)) entries[p] = encodeEntry(e, textNumber);
    const others: Record<string, StoredMeta> = {};
    for (const [p, m] of this.oldOthers) if (!this.freshOthers.has(p) && !this.fresh.has(p) && this.keeps(p)) others[p] = encodeMeta(m);
    for (const [p, m] of this.freshOthers) if (!this.fresh.has(p)) others[p] = encodeMeta(m);
    const data: CacheFile = { format: CACHE_FORMAT, schema: CACHE_SCHEMA, version: VERSION, key: this.key, texts, entries, others };
    const dir = dirname(this.file);
    const tmp = join(dir, `.${CACHE_FILE_NAME}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(tmp, JSON.stringify(data, replacer).replace(NON_ASCII, asciiEscape));
      renameSync(tmp, this.file);
      return undefined;
    } catch (e) {
      rmSync(tmp, { force: true });
      return (e as Error).message;
    }
  }
}

/**
 * The result cache of `ml-runbooks lint --cache` (in the spirit of ESLint's): one JSON file that
 * holds, per file, its findings and the facts other files' findings are made of (runbook names,
 * alert data, a rule file as read). An entry is used only when everything the findings depend on is
 * unchanged:
 *
 * - the whole cache: the product version, the resolved configuration, the working folder and the
 *   UTC day (staleness, RB007, counts in days);
 * - the file: a SHA-256 of its content, its kind and classification (`wholeFile`);
 * - cross-file inputs, checked again on every run: the other definitions of its runbook names
 *   (RB009), the answers of every file-existence question its lint asked (PM011 `runbook:`
 *   targets), and the alert graph's findings of the file (AL000–AL005);
 * - a finding that quotes the current minute (a skeleton fix with today's time) is used only in
 *   that minute.
 *
 * A missing, unreadable, corrupt, foreign or oversized cache file is ignored and rewritten. Writing
 * is atomic (a temporary file in the same folder, then a rename): processes sharing a location
 * never read half a file; the last writer wins.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Finding, ResolvedConfig, RuleFile, RunbookAlertInfo, RelatedInformation } from '../core/index';
import { isRegularFileInside, readRegularFileSync } from '../safeFs';
import { VERSION } from '../version';

/** Format tag and schema number of the cache file: anything else is foreign and ignored. */
export const CACHE_FORMAT = 'ml-runbooks-lint-cache';
export const CACHE_SCHEMA = 1;
/** Default location, relative to the working folder (as ESLint and Prettier keep theirs). */
export const DEFAULT_CACHE_DIR = join('node_modules', '.cache', 'ml-runbooks');
/** File name used when `--cache-location` names a folder. */
export const CACHE_FILE_NAME = 'lint-cache.json';
/** A larger cache file is not read (and is rewritten). */
export const MAX_CACHE_BYTES = 256 * 1024 * 1024;

/** A runbook `metadata.name` definition, as the names index holds it. */
export type NameDef = RelatedInformation & { name: string };

/** What the cache keeps of one file. */
export interface CacheEntry {
  /** SHA-256 of the content (hex). */
  hash: string;
  kind: 'runbook' | 'postmortem' | 'alerts';
  wholeFile: boolean;
  findings: Finding[];
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
}

interface CacheFile {
  format: string;
  schema: number;
  version: string;
  key: string;
  entries: Record<string, CacheEntry>;
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
const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);

function isRelated(v: unknown): boolean {
  return isObject(v) && typeof v.file === 'string' && isNum(v.start) && isNum(v.end) && typeof v.message === 'string' &&
    (v.line === undefined || isNum(v.line)) && (v.character === undefined || isNum(v.character));
}

/** A finding as the formatters read it (a cache file is input like any other: its shape is checked, not trusted). */
function isFinding(v: unknown): boolean {
  if (!isObject(v) || typeof v.code !== 'string' || typeof v.severity !== 'string' || !SEVERITIES.has(v.severity) || typeof v.message !== 'string' || !isNum(v.start) || !isNum(v.end)) return false;
  if (v.fixes !== undefined && !(Array.isArray(v.fixes) && v.fixes.every((f) => isObject(f) && typeof f.title === 'string' && Array.isArray(f.edits) && f.edits.every((e) => isObject(e) && isNum(e.start) && isNum(e.end) && typeof e.newText === 'string')))) return false;
  if (v.related !== undefined && !(Array.isArray(v.related) && v.related.every(isRelated))) return false;
  if (v.tags !== undefined && !(Array.isArray(v.tags) && v.tags.every((t) => t === 'unnecessary' || t === 'deprecated'))) return false;
  return true;
}

function isEntry(e: unknown): e is CacheEntry {
  if (!isObject(e)) return false;
  return (
    typeof e.hash === 'string' && (e.kind === 'runbook' || e.kind === 'postmortem' || e.kind === 'alerts') && typeof e.wholeFile === 'boolean' &&
    Array.isArray(e.findings) && e.findings.every(isFinding) &&
    Array.isArray(e.names) && e.names.every((n) => isRelated(n) && typeof (n as { name?: unknown }).name === 'string') &&
    Array.isArray(e.exists) && e.exists.every((x) => Array.isArray(x) && x.length === 2 && typeof x[0] === 'string' && typeof x[1] === 'boolean') &&
    typeof e.names2 === 'string' && typeof e.graph === 'string' && (e.minute === undefined || typeof e.minute === 'string') &&
    (e.alerts === undefined || (Array.isArray(e.alerts) && e.alerts.every(isObject))) &&
    (e.ruleFile === undefined || (isObject(e.ruleFile) && typeof e.ruleFile.file === 'string' && Array.isArray(e.ruleFile.alerts) && Array.isArray(e.ruleFile.records) && Array.isArray(e.ruleFile.problems)))
  );
}

/** One run's view of the cache: entries read at the start, entries to write at the end, hit and miss counts. */
export class LintCache {
  hits = 0;
  misses = 0;
  private readonly old = new Map<string, CacheEntry>();
  private readonly fresh = new Map<string, CacheEntry>();
  /** The whole cache's key: version, configuration, working folder, UTC day. */
  readonly key: string;

  constructor(
    readonly file: string,
    private readonly cwd: string,
    config: ResolvedConfig,
    now: Date,
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
      data = JSON.parse(text, reviver);
    } catch {
      return;
    }
    if (!data || typeof data !== 'object') return;
    const d = data as Partial<CacheFile>;
    if (d.format !== CACHE_FORMAT || d.schema !== CACHE_SCHEMA || d.version !== VERSION || d.key !== this.key) return;
    if (!d.entries || typeof d.entries !== 'object' || Array.isArray(d.entries)) return;
    for (const [path, e] of Object.entries(d.entries)) if (isEntry(e)) this.old.set(path, e);
  }

  /** The entry of a file whose content, kind and classification are unchanged (its cross-file inputs are checked by the caller). */
  lookup(path: string, text: string, kind: CacheEntry['kind'], wholeFile: boolean): CacheEntry | undefined {
    const e = this.old.get(path);
    if (!e || e.kind !== kind || e.wholeFile !== wholeFile || e.hash !== sha256(text)) return undefined;
    return e;
  }

  /** Forgets everything read and counted (the cache's data turned out unusable): the run goes on as a cold one. */
  reset(): void {
    this.old.clear();
    this.fresh.clear();
    this.hits = 0;
    this.misses = 0;
  }

  /** Records a file's entry for this run's cache file. */
  store(path: string, entry: CacheEntry): void {
    this.fresh.set(path, entry);
  }

  /**
   * Writes the cache: this run's entries, and earlier entries of files not in this run that still
   * exist (a run over a subset of the paths keeps the others'); entries of deleted files are dropped.
   * Returns an error message when the file could not be written (the run's result stands).
   */
  save(): string | undefined {
    const entries: Record<string, CacheEntry> = {};
    for (const [p, e] of this.old) if (!this.fresh.has(p) && isRegularFileInside(this.cwd, resolve(this.cwd, p))) entries[p] = e;
    for (const [p, e] of this.fresh) entries[p] = e;
    const data: CacheFile = { format: CACHE_FORMAT, schema: CACHE_SCHEMA, version: VERSION, key: this.key, entries };
    const dir = dirname(this.file);
    const tmp = join(dir, `.${CACHE_FILE_NAME}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(tmp, JSON.stringify(data, replacer));
      renameSync(tmp, this.file);
      return undefined;
    } catch (e) {
      rmSync(tmp, { force: true });
      return (e as Error).message;
    }
  }
}

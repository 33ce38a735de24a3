/**
 * Linting many files: each runbook's `metadata.name` definitions go into a workspace index (RB009
 * duplicates across files) and each file is linted once; the runbooks whose name turns out to be
 * defined in another file are linted again with the complete index. Large runs are shared between
 * the main thread and worker threads (the same bundle, started in worker mode), each with its own
 * core and caches.
 */
import { isRegularFileInside } from '../safeFs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Finding, LintEnv, RelatedInformation, ResolvedConfig } from '../core/index';
import type { AlertGraph } from '../core/alerts/graph';
import type { RuleFile } from '../core/alerts/ruleFile';
import type { RunbookAlertInfo } from '../core/alerts/runbookInfo';
import type { LanguageService } from '../service/service';
import type { SourceFile } from './discover';
import { minuteOf, nameDef, sameMeta, sha256, type CacheEntry, type LintCache, type NameDef } from './cache';

/**
 * The linter: the language service with its rules, parsers and grammars, and the runbook readers.
 * Required on first use, not imported: a `--cache` run whose files are all unchanged never loads it.
 */
let linterModules:
  | { createService: typeof import('../service/service').createService; runbookNames: typeof import('../core/runbook/names').runbookNames; runbookAlertInfo: typeof import('../core/alerts/runbookInfo').runbookAlertInfo; dropTextParses: typeof import('../core/caches').dropTextParses }
  | undefined;
function linter(): NonNullable<typeof linterModules> {
  return (linterModules ??= {
    createService: (require('../service/service') as typeof import('../service/service')).createService,
    runbookNames: (require('../core/runbook/names') as typeof import('../core/runbook/names')).runbookNames,
    runbookAlertInfo: (require('../core/alerts/runbookInfo') as typeof import('../core/alerts/runbookInfo')).runbookAlertInfo,
    dropTextParses: (require('../core/caches') as typeof import('../core/caches')).dropTextParses,
  });
}

/** The part of a source file a worker needs. */
type Job = Pick<SourceFile, 'path' | 'text' | 'kind' | 'wholeFile'>;


interface ChunkResult {
  findings: Finding[];
  names: NameDef[];
  /** The file-existence questions the lint asked, with their answers (the cache checks them again). */
  exists: Array<[string, boolean]>;
  /** A runbook's documents as the alert graph reads them (when the run has rule files), from the parse the lint just made. */
  alerts?: RunbookAlertInfo[];
}

/** `workerData` of a lint worker: what every batch it is given is linted with. */
export interface WorkerRequest {
  type: 'ml-runbooks-lint';
  config: ResolvedConfig;
  cwd: string;
  /** Whether runbooks' alert data is collected for the alert graph. */
  collectAlerts: boolean;
}

/** A batch of files sent to a worker (`ids` are the files' places in the run). */
interface Batch {
  ids: number[];
  files: Job[];
}

/** A worker's answer to one batch. */
interface BatchResult {
  ids: number[];
  results: ChunkResult[];
}

/** Runs below this many files stay on the main thread (a worker costs a bundle load and its own JIT warm-up). */
export const PARALLEL_MIN_FILES = 400;
const FILES_PER_THREAD = 200;
const MAX_THREADS = 8;
/** Batches per thread: enough that a thread given larger files than the others does not finish last. */
const BATCHES_PER_THREAD = 12;

/** A runbook's name definitions, placed with the parse's own line index (no second index of the text). */
function namesOf(f: Job): NameDef[] {
  return linter().runbookNames(f.text).map((n) => nameDef(n.name, f.path, n.start, n.end, n.line, n.character));
}

function addToIndex(index: Map<string, RelatedInformation[]>, defs: NameDef[]): void {
  for (const { name, ...def } of defs) {
    const list = index.get(name) ?? [];
    list.push(def);
    index.set(name, list);
  }
}

function envFor(config: ResolvedConfig, cwd: string, index: Map<string, RelatedInformation[]>): LintEnv {
  return {
    config,
    workspaceRoot: cwd,
    otherRunbookDefinitions: (name, file) => (index.get(name) ?? []).filter((d) => d.file !== file),
  };
}

/**
 * The language service of this thread: the CLI is one of its hosts (the clock, and files inside the
 * working folder: PM011 looks up runbooks inside the project only, links resolved, regular files only).
 * Each worker thread has its own, caches included.
 */
const services = new Map<string, LanguageService>();
function serviceFor(cwd: string): LanguageService {
  let s = services.get(cwd);
  if (!s) services.set(cwd, (s = linter().createService({ host: { exists: (p) => isRegularFileInside(cwd, p), now: () => new Date() } })));
  return s;
}

/** Lints one file with the run's index of names and alert graph (`env`); `fileExists` replaces the host's answers (to record them). */
function lintFile(f: Job, env: LintEnv, cwd: string, fileExists?: (p: string) => boolean): Finding[] {
  return serviceFor(cwd).diagnose(f.path, f.text, {
    kind: f.kind,
    wholeFile: f.wholeFile,
    config: env.config,
    root: cwd,
    env: { ...(fileExists ? { fileExists } : {}), otherRunbookDefinitions: env.otherRunbookDefinitions, alerts: env.alerts },
  });
}

/** Lints one file, recording the file-existence questions asked and their answers. */
function lintRecorded(f: Job, env: LintEnv, cwd: string): { findings: Finding[]; exists: Array<[string, boolean]> } {
  const exists: Array<[string, boolean]> = [];
  const fileExists = (p: string): boolean => {
    const b = isRegularFileInside(cwd, p);
    exists.push([p, b]);
    return b;
  };
  return { findings: lintFile(f, env, cwd, fileExists), exists };
}

/**
 * Lints a chunk with the index of the names seen so far (runbook names are indexed right before the
 * file is linted, so the core's parse cache serves both; the parse is dropped when the file is done).
 */
export function lintChunk(files: Job[], config: ResolvedConfig, cwd: string, index = new Map<string, RelatedInformation[]>(), collectAlerts = false): ChunkResult[] {
  if (!files.length) return []; // the linter is not loaded for nothing
  const env = envFor(config, cwd, index);
  const service = serviceFor(cwd);
  // Names, lint and alert data of a file share one parse: all three run in the service's caches.
  return service.run(() =>
    files.map((f) => {
      const names = f.kind === 'runbook' ? namesOf(f) : [];
      addToIndex(index, names);
      const r: ChunkResult = { ...lintRecorded(f, env, cwd), names };
      if (collectAlerts && f.kind === 'runbook') r.alerts = linter().runbookAlertInfo(f.path, f.text, { wholeFile: f.wholeFile || undefined });
      // Each file is read once: its parse is not kept for the next (trees kept across files survived the
      // young generation, and copying and promoting them was most of the run's garbage-collection time).
      linter().dropTextParses();
      return r;
    }),
  );
}

/**
 * `auto` starts workers only on machines with at least this many cores. A worker loads the bundle and
 * warms up its own JIT: linting 1,600 files on two threads took about 35 % more CPU in all than on one,
 * so on 2 cores it saved at most a fifth of the wall time when the second core was idle and cost a
 * third or more when other work used it (docs/benchmarks.md).
 */
export const MIN_CORES_FOR_WORKERS = 3;

/**
 * How many threads lint a run of `n` files under a `--concurrency` setting: 1 is the main thread
 * alone; more adds that many minus one worker threads, the main thread linting alongside them.
 */
export function threadCount(n: number, concurrency: number | 'auto', cores = availableParallelism()): number {
  if (concurrency === 'auto') {
    if (n < PARALLEL_MIN_FILES || cores < MIN_CORES_FOR_WORKERS) return 1;
    return Math.max(1, Math.min(cores, MAX_THREADS, Math.ceil(n / FILES_PER_THREAD)));
  }
  return Math.max(1, Math.min(concurrency, n));
}

/**
 * Lints `jobs` on the main thread and `threads - 1` workers. Work is handed out in batches, largest
 * files first; a worker gets its next batch when it answers one (it holds two, so it never waits for
 * the main thread) and the main thread takes the next batch itself between messages: the threads
 * finish together however the sizes are spread over the paths, and no core is left to a thread that
 * only waits.
 */
function lintOnThreads(jobs: Job[], req: WorkerRequest, threads: number): Promise<ChunkResult[]> {
  const order = jobs.map((_, i) => i).sort((a, b) => jobs[b]!.text.length - jobs[a]!.text.length || a - b);
  const size = Math.max(4, Math.ceil(jobs.length / (threads * BATCHES_PER_THREAD)));
  const batches: Batch[] = [];
  for (let i = 0; i < order.length; i += size) {
    const ids = order.slice(i, i + size);
    batches.push({ ids, files: ids.map((id) => jobs[id]!) });
  }
  const results: ChunkResult[] = new Array(jobs.length);
  const mainIndex = new Map<string, RelatedInformation[]>();
  return new Promise((resolvePromise, reject) => {
    let next = 0;
    let answered = 0;
    let settled = false;
    const pool: Worker[] = [];
    const finish = (e?: Error) => {
      if (settled) return;
      settled = true;
      for (const w of pool) void w.terminate();
      if (e) reject(e);
      else resolvePromise(results);
    };
    const take = (b: BatchResult) => {
      b.ids.forEach((id, j) => (results[id] = b.results[j]!));
      if (++answered === batches.length) finish();
    };
    const give = (w: Worker) => {
      if (next < batches.length) w.postMessage(batches[next++]);
    };
    for (let k = 1; k < threads; k++) {
      const w = new Worker(__filename, { workerData: req });
      pool.push(w);
      w.on('message', (m: BatchResult) => {
        take(m);
        give(w);
      });
      w.once('error', finish);
      w.once('exit', (code) => finish(new Error(`lint worker exited with code ${code} before answering`)));
      give(w);
      give(w);
    }
    const mainStep = () => {
      if (settled || next >= batches.length) return;
      const b = batches[next++]!;
      try {
        take({ ids: b.ids, results: lintChunk(b.files, req.config, req.cwd, mainIndex, req.collectAlerts) });
      } catch (e) {
        finish(e as Error);
      }
      setImmediate(mainStep);
    };
    setImmediate(mainStep);
  });
}

/** Entry of a worker thread: lints each batch it is given (with one index of the names it has seen) and answers it. */
export function workerMain(req: WorkerRequest, port: { on(event: 'message', f: (b: Batch) => void): void; postMessage(r: BatchResult): void }): void {
  const index = new Map<string, RelatedInformation[]>();
  port.on('message', (b) => port.postMessage({ ids: b.ids, results: lintChunk(b.files, req.config, req.cwd, index, req.collectAlerts) }));
}

/**
 * Lints every file (on `threads` threads, or as many as a function of the number of files to lint
 * says) and returns the findings per file, in order; undefined for a file whose findings are those of
 * its cache entry (its messages are in the entry). Results are the same whatever the number of
 * threads, and with or without a cache.
 *
 * With an alert graph (the run has rule files, spec §8), each runbook's alert data is read from the
 * parse its lint just made; the graph is completed on the main thread with the rule files, which are
 * linted last, with it; a runbook the graph has findings for (AL003–AL005) is linted again with them,
 * as a runbook whose name another file defines is (RB009), so suppression comments apply to them.
 *
 * With a cache, an unchanged file's names, alert data and rule file come from its entry (it is not
 * parsed); its findings are used when its cross-file inputs are unchanged too (the other definitions
 * of its names, the existence answers, its graph findings), and it is linted again otherwise.
 */
export async function lintAll(
  files: SourceFile[],
  config: ResolvedConfig,
  cwd: string,
  threads: number | ((jobs: number) => number),
  alerts?: { graph: AlertGraph; repoPath: (f: SourceFile) => string },
  cache?: LintCache,
): Promise<Array<Finding[] | undefined>> {
  const startMinute = minuteOf(new Date());
  const collectAlerts = !!alerts;
  const cached = new Map<string, CacheEntry>();
  if (cache) {
    for (const f of files) {
      const e = cache.lookup(f);
      // A runbook entry written without alert data (no rule files then) cannot serve a run with them.
      if (e && (f.kind !== 'runbook' || !collectAlerts || e.alerts) && (f.kind !== 'alerts' || e.ruleFile)) cached.set(f.path, e);
    }
  }
  const first = files.filter((f) => f.kind !== 'alerts' && !cached.has(f.path));
  const jobs: Job[] = first.map((f) => ({ path: f.path, text: f.text, kind: f.kind, wholeFile: f.wholeFile }));
  const n = typeof threads === 'number' ? threads : threads(jobs.length);
  // No worker is started when there is nothing (or one file) to lint.
  const chunks = n > 1 && jobs.length > 1 ? await lintOnThreads(jobs, { type: 'ml-runbooks-lint', config, cwd, collectAlerts }, n) : lintChunk(jobs, config, cwd, undefined, collectAlerts);
  // The complete index; runbooks whose name another file also defines are linted again with it.
  const index = new Map<string, RelatedInformation[]>();
  for (const c of chunks) addToIndex(index, c.names);
  for (const e of cached.values()) addToIndex(index, e.names);
  const duplicated = (name: string) => new Set(index.get(name)?.map((d) => d.file)).size > 1;
  // A file's first lint stands unless one of its names is defined in another file too (RB009) or the graph has findings for the runbook.
  const lintAgain = (f: SourceFile, names: NameDef[]): boolean =>
    names.some((x) => duplicated(x.name)) || (!!alerts && f.kind === 'runbook' && alerts.graph.findingsFor(f.path).length > 0);
  const env = envFor(config, cwd, index);
  const byPath = new Map<string, ChunkResult>();
  first.forEach((f, i) => byPath.set(f.path, chunks[i]!));
  const ruleFiles = new Map<string, RuleFile>();
  if (alerts) {
    for (const f of files) if (f.kind === 'runbook') alerts.graph.setRunbookData(f.path, byPath.get(f.path)?.alerts ?? cached.get(f.path)?.alerts ?? [], alerts.repoPath(f));
    for (const f of files) {
      if (f.kind !== 'alerts') continue;
      const rf = cached.get(f.path)?.ruleFile;
      if (rf) alerts.graph.setRuleFileData(rf, alerts.repoPath(f));
      else ruleFiles.set(f.path, alerts.graph.setRuleFile(f.path, f.text, alerts.repoPath(f)));
    }
  }
  const withAlerts: LintEnv = alerts ? { ...env, alerts: alerts.graph } : env;
  return files.map((f) => {
    const c = byPath.get(f.path);
    const e = cached.get(f.path);
    const names = c?.names ?? e?.names ?? [];
    let out: { findings: Finding[]; exists: Array<[string, boolean]> };
    if (!cache) {
      if (!c) return lintFile(f, withAlerts, cwd); // a rule file
      return lintAgain(f, names) ? lintFile(f, withAlerts, cwd) : c.findings;
    }
    // The cross-file inputs of the file's findings, as they stand in this run (no other definition of its names: no hash to make).
    const others = names.map((x) => env.otherRunbookDefinitions!(x.name, f.path));
    const namesKey = others.some((o) => o.length) ? sha256(JSON.stringify(others)) : '';
    const graphKey = alerts && f.kind !== 'postmortem' ? sha256(JSON.stringify(alerts.graph.findingsFor(f.path))) : '-';
    const minute = minuteOf(new Date());
    if (e && e.names2 === namesKey && e.graph === graphKey && (!e.minute || e.minute === minute) && e.exists.every(([p, b]) => isRegularFileInside(cwd, p) === b)) {
      cache.hits++;
      // A file read (its metadata had changed, or the content strategy) keeps its entry under its new metadata.
      cache.store(f.path, f.meta && !(e.meta && sameMeta(e.meta, f.meta)) ? { ...e, meta: f.meta } : e);
      return undefined;
    }
    cache.misses++;
    if (c && !lintAgain(f, names)) out = c;
    else out = lintRecorded(f, withAlerts, cwd);
    const hash = sha256(f.text);
    // Its messages are added once the findings are placed (lint.ts).
    const entry: CacheEntry = { hash, kind: f.kind, wholeFile: f.wholeFile, names, exists: out.exists, names2: namesKey, graph: graphKey };
    // The metadata key, unless an unread file turned out to have changed since it was matched by it.
    if (f.meta && !(f.unread && e && e.hash !== hash)) entry.meta = f.meta;
    const alertData = c?.alerts ?? e?.alerts;
    if (alertData) entry.alerts = alertData;
    const rf = ruleFiles.get(f.path) ?? e?.ruleFile;
    if (rf) entry.ruleFile = rf;
    // A finding that quotes the current time (a front-matter skeleton) holds only in that minute.
    const text = JSON.stringify(out.findings);
    const quoted = [startMinute, minute].find((m) => text.includes(m));
    if (quoted) entry.minute = quoted;
    cache.store(f.path, entry);
    return out.findings;
  });
}

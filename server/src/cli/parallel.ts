/**
 * Linting many files: each runbook's `metadata.name` definitions go into a workspace index (RB009
 * duplicates across files) and each file is linted once; the runbooks whose name turns out to be
 * defined in another file are linted again with the complete index. Large runs are split across
 * worker threads (the same bundle, started in worker mode), each with its own core and caches.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { lint, LineIndex, type Finding, type LintEnv, type RelatedInformation, type ResolvedConfig } from '../core/index';
import { runbookNames } from '../core/runbook/names';
import type { SourceFile } from './discover';

/** The part of a source file a worker needs. */
type Job = Pick<SourceFile, 'path' | 'text' | 'kind'>;

/** A `metadata.name` definition, placed (0-based line/character) so other files can point at it. */
type NameDef = RelatedInformation & { name: string };

interface ChunkResult {
  findings: Finding[];
  names: NameDef[];
}

/** Message that starts a worker. */
export interface WorkerRequest {
  type: 'ml-runbooks-lint';
  files: Job[];
  config: ResolvedConfig;
  cwd: string;
}

/** Runs below this many files stay on the main thread (a worker costs a bundle load). */
export const PARALLEL_MIN_FILES = 400;
const FILES_PER_WORKER = 200;
const MAX_WORKERS = 8;

function namesOf(f: Job): NameDef[] {
  const names = runbookNames(f.text);
  if (!names.length) return [];
  const lines = new LineIndex(f.text);
  return names.map((n) => {
    const p = lines.positionAt(n.start);
    return { name: n.name, file: f.path, start: n.start, end: n.end, line: p.line, character: p.character, message: `'${n.name}' is also defined here` };
  });
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
    fileExists: (p) => existsSync(resolve(cwd, p)),
    otherRunbookDefinitions: (name, file) => (index.get(name) ?? []).filter((d) => d.file !== file),
  };
}

/**
 * Lints a chunk with the index of the names seen so far (runbook names are indexed right before the
 * file is linted, so the core's parse cache serves both).
 */
export function lintChunk(files: Job[], config: ResolvedConfig, cwd: string, index = new Map<string, RelatedInformation[]>()): ChunkResult[] {
  const env = envFor(config, cwd, index);
  return files.map((f) => {
    const names = f.kind === 'runbook' ? namesOf(f) : [];
    addToIndex(index, names);
    return { findings: lint(f.path, f.text, env, f.kind).findings, names };
  });
}

/** How many worker threads a run of `n` files uses under a `--concurrency` setting (0 = main thread only). */
export function workerCount(n: number, concurrency: number | 'auto'): number {
  if (concurrency === 'auto') {
    if (n < PARALLEL_MIN_FILES) return 0;
    const w = Math.min(availableParallelism(), MAX_WORKERS, Math.ceil(n / FILES_PER_WORKER));
    return w > 1 ? w : 0;
  }
  return concurrency > 1 ? Math.min(concurrency, n) : 0;
}

function runWorker(req: WorkerRequest): Promise<ChunkResult[]> {
  return new Promise((resolvePromise, reject) => {
    const w = new Worker(__filename, { workerData: req });
    let done = false;
    w.once('message', (m: ChunkResult[]) => {
      done = true;
      resolvePromise(m);
    });
    w.once('error', reject);
    w.once('exit', (code) => {
      if (!done) reject(new Error(`lint worker exited with code ${code} before answering`));
    });
  });
}

/** Entry of a worker thread: lints its chunk and posts the results. */
export function workerMain(req: WorkerRequest, post: (r: ChunkResult[]) => void): void {
  post(lintChunk(req.files, req.config, req.cwd));
}

/**
 * Lints every file (in parallel when `workers` > 0) and returns the findings per file, in order.
 * Results are the same whatever the number of workers.
 */
export async function lintAll(files: SourceFile[], config: ResolvedConfig, cwd: string, workers: number): Promise<Finding[][]> {
  const jobs: Job[] = files.map((f) => ({ path: f.path, text: f.text, kind: f.kind }));
  let chunks: ChunkResult[];
  if (workers > 0) {
    const size = Math.ceil(jobs.length / workers);
    const parts: Job[][] = [];
    for (let i = 0; i < jobs.length; i += size) parts.push(jobs.slice(i, i + size));
    chunks = (await Promise.all(parts.map((p) => runWorker({ type: 'ml-runbooks-lint', files: p, config, cwd })))).flat();
  } else {
    chunks = lintChunk(jobs, config, cwd);
  }
  // The complete index; runbooks whose name another file also defines are linted again with it.
  const index = new Map<string, RelatedInformation[]>();
  for (const c of chunks) addToIndex(index, c.names);
  const duplicated = (name: string) => new Set(index.get(name)?.map((d) => d.file)).size > 1;
  const env = envFor(config, cwd, index);
  return chunks.map((c, i) => (c.names.some((n) => duplicated(n.name)) ? lint(jobs[i]!.path, jobs[i]!.text, env, jobs[i]!.kind).findings : c.findings));
}

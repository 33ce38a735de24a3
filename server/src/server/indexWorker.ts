/**
 * The workspace scan on a worker thread. Parsing every runbook of a large workspace takes seconds
 * and its parse trees would stay in the server's heap; on a worker the editor's own validations never
 * wait behind it, and the memory goes when the worker ends. The worker is the server bundle itself,
 * started in worker mode (main.ts); it sends the name definitions of the files it reads in batches.
 */
import { readFile, readdir } from 'node:fs/promises';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { runbookNames } from '../core/runbook/names';
import { scanFolders, type IndexedName, type ScanFs } from './workspaceIndex';

/** `workerData` that starts a bundle as the index worker. */
export interface IndexWorkerData {
  type: 'ml-runbooks-index';
  folders: string[];
}

type IndexMessage = { type: 'files'; files: Array<{ file: string; defs: IndexedName[] }> } | { type: 'done'; count: number };

/** Scans folders for runbooks and reports each file's name definitions; resolves with the number of files read. */
export type WorkspaceScanner = (folders: string[], onFile: (file: string, defs: IndexedName[]) => void, isCancelled: () => boolean) => Promise<number>;

export const INDEX_WORKER = 'ml-runbooks-index';
/** Files per message: small enough that the index fills in steadily, large enough to keep messages few. */
const BATCH = 32;

const nodeFs: ScanFs = {
  readFile: (p) => readFile(p, 'utf8'),
  readDir: async (p) => (await readdir(p, { withFileTypes: true })).map((e) => ({ name: e.name, isDirectory: e.isDirectory(), isFile: e.isFile() })),
};

/** Niceness of the index worker's thread: background work yields the CPU to validations and the editor. */
const BACKGROUND_NICENESS = 10;

/** Entry of the index worker: scans, posts batches, then `done`. */
export async function indexWorkerMain(data: IndexWorkerData, post: (m: IndexMessage) => void): Promise<void> {
  // On Linux a priority set for "process 0" applies to the calling thread only (threads are tasks);
  // elsewhere it would lower the whole server, so it is left alone there.
  if (process.platform === 'linux') {
    try {
      setPriority(0, BACKGROUND_NICENESS);
    } catch {
      /* not permitted: scan at normal priority */
    }
  }
  let batch: Array<{ file: string; defs: IndexedName[] }> = [];
  const count = await scanFolders(nodeFs, data.folders, join, (text) => runbookNames(text, { cache: false }), (file, defs) => {
    batch.push({ file, defs });
    if (batch.length >= BATCH) {
      post({ type: 'files', files: batch });
      batch = [];
    }
  });
  if (batch.length) post({ type: 'files', files: batch });
  post({ type: 'done', count });
}

/**
 * A scanner that runs the scan in a worker thread started from `bundle` (the server bundle). The
 * worker's stdout/stderr are kept apart from the server's (stdout carries the protocol). Cancelling
 * stops the worker at its next message.
 */
export function workerScanner(bundle: string): WorkspaceScanner {
  return (folders, onFile, isCancelled) =>
    new Promise((resolve, reject) => {
      const data: IndexWorkerData = { type: INDEX_WORKER, folders };
      const w = new Worker(bundle, { workerData: data, stdout: true, stderr: true });
      w.stdout.resume();
      w.stderr.resume();
      let read = 0;
      let settled = false;
      const end = (e?: Error) => {
        if (settled) return;
        settled = true;
        void w.terminate();
        if (e) reject(e);
        else resolve(read);
      };
      w.on('message', (m: IndexMessage) => {
        if (isCancelled()) return end();
        if (m.type === 'files') {
          for (const f of m.files) onFile(f.file, f.defs);
          read += m.files.length;
        } else {
          read = m.count;
          end();
        }
      });
      w.once('error', end);
      w.once('exit', (code) => end(code === 0 ? undefined : new Error(`index worker exited with code ${code}`)));
    });
}

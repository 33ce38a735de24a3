/**
 * The workspace scan in a child process. Parsing every runbook of a large workspace takes seconds;
 * in a process of its own, at a lower priority, the editor's validations never wait behind it, and
 * everything the scan touched — parse trees, the parser's compiled code, the allocator's pages —
 * goes back to the system when it exits (a worker thread would leave its native memory in the
 * server). The child is the server bundle itself, started with {@link INDEX_PROCESS_ARG} (main.ts); it
 * is given the folders in its first message and sends the name definitions of the files it reads in
 * batches, then `done`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { MAX_SOURCE_BYTES, readRegularFile } from '../safeFs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { scanFolders, type ScanFolder, type ScanFs } from './workspaceIndex';
import type { IndexedName } from '../service/workspaceIndex';
import type { ScannedAlerts } from '../service/alertWorkspace';

/** The argument that starts the server bundle as the index process. */
export const INDEX_PROCESS_ARG = '--ml-runbooks-index';

/** The index process's first (and only) message in: what to scan. */
export interface IndexRequest {
  type: 'scan';
  folders: ScanFolder[];
}

type ScannedFile = { file: string; defs: IndexedName[]; alerts?: ScannedAlerts };
type IndexMessage = { type: 'files'; files: ScannedFile[] } | { type: 'done'; count: number };

/**
 * Scans folders for runbooks and rule files and reports each file's name definitions and what it
 * contributes to the alert graph; resolves with the number of files read.
 */
export type WorkspaceScanner = (
  folders: ScanFolder[],
  onFile: (file: string, defs: IndexedName[], alerts?: ScannedAlerts) => void,
  isCancelled: () => boolean,
) => Promise<number>;

/** Files per message: small enough that the index fills in steadily, large enough to keep messages few. */
const BATCH = 32;

/** The file system of the scan, on Node's own `fs` (the server uses it for its other reads too). */
export const nodeFs: ScanFs = {
  // Regular files only, opened without blocking (a FIFO), at most the core's 5 MB cap + 1 byte (the core refuses more).
  readFile: async (p) => (await readRegularFile(p, MAX_SOURCE_BYTES)).text,
  readDir: async (p) => (await readdir(p, { withFileTypes: true })).map((e) => ({ name: e.name, isDirectory: e.isDirectory(), isFile: e.isFile() })),
};

/** Characters of the index process's stderr kept for the error message when it fails. */
const STDERR_KEPT = 2000;

/** Niceness of the index process: background work yields the CPU to validations and the editor. */
const BACKGROUND_NICENESS = 10;

/**
 * Entry of the index process: waits for its request, scans, posts batches, then `done`. It exits
 * when the server disconnects (done, cancelled, or gone).
 */
export function indexProcessMain(proc: NodeJS.Process = process): void {
  proc.once('disconnect', () => proc.exit(0));
  proc.once('message', (req: IndexRequest) => {
    try {
      setPriority(0, BACKGROUND_NICENESS);
    } catch {
      /* not permitted: scan at normal priority */
    }
    const post = (m: IndexMessage) => proc.send!(m);
    let batch: ScannedFile[] = [];
    const onFile = (file: string, defs: IndexedName[], alerts?: ScannedAlerts) => {
      batch.push(alerts ? { file, defs, alerts } : { file, defs });
      if (batch.length >= BATCH) {
        post({ type: 'files', files: batch });
        batch = [];
      }
    };
    void scanFolders(nodeFs, req.folders, join, onFile).then(
      (count) => {
        if (batch.length) post({ type: 'files', files: batch });
        post({ type: 'done', count });
      },
      (e: unknown) => {
        console.error(`index process: ${String(e)}`);
        proc.exit(1);
      },
    );
  });
}

/**
 * A scanner that runs the scan in a child process started from `bundle` (the server bundle) with the
 * same runtime. The child's stdin and stdout are not connected (the server's stdout may carry the
 * protocol); the last line it wrote to stderr goes into the error when it fails. Cancelling stops the
 * child at its next message. `onChild` sees each child started (tests watch it exit).
 */
export function processScanner(bundle: string, onChild?: (child: ChildProcess) => void): WorkspaceScanner {
  return (folders, onFile, isCancelled) =>
    // Started one turn later: the scan is asked for right after the first diagnostics are published,
    // whose write to the client is queued for the next turn; forking takes a while, and goes after it.
    new Promise<void>((started) => setImmediate(started)).then(() => scanInChild(bundle, folders, onFile, isCancelled, onChild));
}

/** One scan in a child process started from `bundle` (see {@link processScanner}). */
function scanInChild(bundle: string, folders: ScanFolder[], onFile: Parameters<WorkspaceScanner>[1], isCancelled: () => boolean, onChild?: (child: ChildProcess) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = fork(bundle, [INDEX_PROCESS_ARG], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [] });
    onChild?.(child);
    // The end of what the child wrote to stderr, for the error when it fails.
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-STDERR_KEPT)));
    let read = 0;
    let settled = false;
    const end = (e?: Error) => {
      if (settled) return;
      settled = true;
      if (child.connected) child.disconnect();
      if (child.exitCode === null && child.signalCode === null) child.kill();
      if (e) reject(e);
      else resolve(read);
    };
    child.on('message', (m: IndexMessage) => {
      if (isCancelled()) return end();
      if (m.type === 'files') {
        for (const f of m.files) onFile(f.file, f.defs, f.alerts);
        read += m.files.length;
      } else {
        read = m.count;
        end();
      }
    });
    child.once('error', end);
    // 'close', not 'exit': by then stderr has been read to its end.
    child.once('close', (code, signal) => {
      const said = stderr.trim().split('\n').pop();
      end(new Error(`index process exited (${signal ?? `code ${code}`}) before it was done${said ? `: ${said}` : ''}`));
    });
    const request: IndexRequest = { type: 'scan', folders };
    child.send(request);
  });
}

/**
 * The workspace scan: the runbooks and rule files on disk under the workspace folders, read once in
 * the background (bounded), for the service's name index (RB009) and alert graph (spec §8).
 */
import * as path from 'node:path';
import { globKind } from '../core/index';
import type { IndexedName } from '../service/workspaceIndex';
import { scanFile, type ScannedAlerts } from '../service/alertWorkspace';

/** Directory entry as the file-system dependency lists it. */
export interface DirEntry {
  name: string;
  isDirectory: boolean;
  isFile: boolean;
}

/** The file access the scan needs (injected; the real one wraps `node:fs/promises`). */
export interface ScanFs {
  readDir(path: string): Promise<DirEntry[]>;
  readFile(path: string): Promise<string>;
}

/** Folders never descended into. */
export const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
/** At most this many runbook files are indexed from disk. */
export const MAX_INDEXED_FILES = 5000;
/** Runbook files by name. */
export const RUNBOOK_NAME_RE = /\.runbook\.ya?ml$/i;
/** YAML files: with an alert analysis, every one is read (rule files are recognised by content). */
export const YAML_NAME_RE = /\.ya?ml$/i;

/**
 * Lists runbook files under a folder, breadth-first, skipping `node_modules` and VCS folders, at most
 * `max` files. Yields to the event loop between directories so it never blocks the message loop.
 */
export async function findRunbookFiles(
  fs: ScanFs,
  root: string,
  join: (a: string, b: string) => string,
  max = MAX_INDEXED_FILES,
  isCancelled: () => boolean = () => false,
  accept?: (name: string) => boolean,
): Promise<string[]> {
  const take = accept ?? ((n: string) => RUNBOOK_NAME_RE.test(n));
  // Runbooks and other accepted files (YAML for the alert graph) are counted apart, each up to `max`:
  // a repository full of manifests never crowds the runbooks out of the name index.
  const out: string[] = [];
  const queue = [root];
  let dirs = 0;
  let runbooks = 0;
  let others = 0;
  const full = () => runbooks >= max && (!accept || others >= max);
  while (queue.length && !full() && !isCancelled()) {
    const dir = queue.shift()!;
    if (++dirs > 50_000) break;
    let entries: DirEntry[];
    try {
      entries = await fs.readDir(dir);
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.isDirectory) {
        if (!SKIP_DIRS.has(e.name)) queue.push(join(dir, e.name));
      } else if (e.isFile && take(e.name)) {
        const runbook = RUNBOOK_NAME_RE.test(e.name);
        if (runbook ? runbooks >= max : others >= max) continue;
        if (runbook) runbooks++;
        else others++;
        out.push(join(dir, e.name));
      }
    }
    await new Promise<void>((r) => setImmediate(r));
  }
  return out;
}

/** A folder to scan, with its project file's `files.runbooks` globs (runbooks not named `*.runbook.yaml`). */
export interface ScanFolder {
  path: string;
  runbooks: string[];
}

/**
 * Reads the runbooks and rule files on disk under `folders`: lists every YAML file (`findRunbookFiles`),
 * reads each and hands what it contributes (`scanFile`: a runbook's placed names and alert data, a rule
 * file's rules; one parse per file) to `onFile`, yielding to the event loop between files. Unreadable
 * files and YAML files that are neither are skipped. Resolves with the number of files read. The
 * language server runs it in a child process (indexProcess.ts), or on its own thread when it is given
 * an injected file system (tests, the browser host).
 */
export async function scanFolders(
  fs: ScanFs,
  folders: readonly ScanFolder[],
  join: (a: string, b: string) => string,
  onFile: (file: string, defs: IndexedName[], alerts?: ScannedAlerts) => void,
  isCancelled: () => boolean = () => false,
): Promise<number> {
  let files = 0;
  for (const folder of folders) {
    const list = await findRunbookFiles(fs, folder.path, join, undefined, isCancelled, (n) => YAML_NAME_RE.test(n));
    const byGlob = (file: string) => folder.runbooks.length > 0 && globKind(path.relative(folder.path, file).split(path.sep).join('/'), { runbooks: folder.runbooks, postmortems: [] }) === 'runbook';
    for (const file of list) {
      if (isCancelled()) return files;
      let text: string;
      try {
        text = await fs.readFile(file);
      } catch {
        continue; // unreadable: skip
      }
      const scanned = scanFile(file, text, byGlob(file));
      if (!scanned) continue;
      onFile(file, scanned.defs, scanned.alerts);
      files++;
      await new Promise<void>((r) => setImmediate(r));
    }
  }
  return files;
}

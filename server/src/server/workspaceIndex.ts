/**
 * The workspace scan: the runbooks and rule files on disk under the workspace folders, read once in
 * the background (bounded), for the service's name index (RB009) and alert graph (spec §8).
 */
import * as path from 'node:path';
import { globKind, isRunbookFileName } from '../core/index';
import type { IndexedName } from '../service/workspaceIndex';
import { scanFile, type ScannedAlerts } from '../service/alertWorkspace';
import { walk, type DirEntry } from '../core/walk';

export type { DirEntry } from '../core/walk';

/** The file access the scan needs (injected; the real one wraps `node:fs/promises`). */
export interface ScanFs {
  readDir(path: string): Promise<DirEntry[]>;
  readFile(path: string): Promise<string>;
}

/** At most this many runbook files are indexed from disk. */
export const MAX_INDEXED_FILES = 5000;
/** YAML files: with an alert analysis, every one is read (rule files are recognised by content). */
export const YAML_NAME_RE = /\.ya?ml$/i;

/**
 * Lists runbook files under a folder with the core's walker (breadth-first, skipping dependency, VCS,
 * build and hidden folders, never following a link), at most `max` files. Yields to the event loop
 * between folders so it never blocks the message loop. An unreadable folder is passed over.
 */
export async function findRunbookFiles(
  fs: ScanFs,
  root: string,
  join: (a: string, b: string) => string,
  max = MAX_INDEXED_FILES,
  isCancelled: () => boolean = () => false,
  accept?: (name: string) => boolean,
): Promise<string[]> {
  const take = accept ?? isRunbookFileName;
  // Runbooks and other accepted files (YAML for the alert graph) are counted apart, each up to `max`:
  // a repository full of manifests never crowds the runbooks out of the name index.
  const out: string[] = [];
  let runbooks = 0;
  let others = 0;
  const full = () => runbooks >= max && (!accept || others >= max);
  const readDir = async (dir: string): Promise<DirEntry[] | undefined> => {
    let entries: DirEntry[] | undefined;
    try {
      entries = await fs.readDir(dir);
    } catch {
      entries = undefined;
    }
    await new Promise<void>((r) => setImmediate(r));
    return entries;
  };
  await walk(root, readDir, {
    join,
    stop: () => full() || isCancelled(),
    onFile(path, e) {
      if (!e.isFile || !take(e.name)) return false;
      const runbook = isRunbookFileName(e.name);
      if (runbook ? runbooks >= max : others >= max) return false;
      if (runbook) runbooks++;
      else others++;
      out.push(path);
      return true;
    },
  });
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

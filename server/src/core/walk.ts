/**
 * The one directory walker: the command line's discovery, the language server's workspace index (in
 * its child process or on its own thread) and the browser host (folders listed by the client through
 * `workspace.fs`) all list folders with it, so they skip the same folders and stop at the same bounds.
 *
 * It reads nothing itself: it asks its host to list one folder at a time (`walkSteps` is a generator
 * that yields the folder to list and is resumed with its entries), so the same code serves a
 * synchronous host ({@link walkSync}) and an asynchronous one ({@link walk}).
 *
 * - Breadth-first, entries in code-unit order of their names: the same tree gives the same order.
 * - Never follows a symbolic link: only entries the host lists as real folders (`isDirectory`, which
 *   a link to a folder is not) are entered. A link to a file is handed to `onFile` like a file; the
 *   host decides (the command line reads one that stays inside the current folder).
 * - Skips the folders of {@link SKIP_DIRS} and every hidden entry (a name starting with `.`), folders
 *   and files alike; the root itself is walked whatever its name.
 * - Bounded: at most `maxDirs` folders listed, `maxDepth` levels below the root, `maxFiles` files
 *   taken; the result says which bound stopped the walk. Work is linear in the entries listed.
 */

/** A folder entry as a host lists it. `isDirectory` is true for a real folder only, never for a link to one. */
export interface DirEntry {
  name: string;
  isDirectory: boolean;
  isFile: boolean;
  /** A symbolic link (to anything); hosts that cannot tell leave it out. */
  isSymbolicLink?: boolean;
}

/** Folders never descended into: dependencies, version-control data, build output. Hidden folders are skipped too. */
export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn', 'dist']);

/**
 * The skipped folders as glob patterns, for hosts that search with globs (tinyglobby, `workspace.findFiles`).
 * Hidden folders are not among them: a glob that names one (`.ops/*.runbook.yaml`) is the user's choice.
 */
export const SKIP_GLOBS: readonly string[] = [...SKIP_DIRS].map((d) => `**/${d}/**`);

/** Whether the walk passes over an entry of this name (a skipped or hidden folder, a hidden file). */
export function isSkipped(name: string, isDirectory: boolean): boolean {
  return name.startsWith('.') || (isDirectory && SKIP_DIRS.has(name));
}

/** Default bounds of a walk. */
export const MAX_WALK_DIRS = 50_000;
export const MAX_WALK_DEPTH = 64;
export const MAX_WALK_FILES = 100_000;

/** Options of a walk. */
export interface WalkOptions {
  /** Joins a folder and an entry name into the path handed back (`node:path`'s `join`, or `a + '/' + b`). */
  join(dir: string, name: string): string;
  /**
   * Called for each entry that is not a folder (a file, a link, a device), in walk order. Returns
   * whether the entry was taken: only taken entries count towards `maxFiles`.
   */
  onFile(path: string, entry: DirEntry): boolean;
  /** Called for a folder left out because it lies deeper than `maxDepth`. */
  onTooDeep?(path: string): void;
  /** Checked before each folder is listed: true ends the walk (cancellation, the caller's own bounds). */
  stop?(): boolean;
  maxDirs?: number;
  maxDepth?: number;
  maxFiles?: number;
}

/** What a walk did. */
export interface WalkResult {
  /** Folders listed (unreadable ones included). */
  dirs: number;
  /** Entries taken by `onFile`. */
  files: number;
  /** Why the walk ended early: a bound reached, or `stop()`. Undefined when every folder was walked. */
  stopped?: 'maxDirs' | 'maxFiles' | 'stop';
  /** Folders left out for their depth. */
  tooDeep: number;
}

function byName(a: DirEntry, b: DirEntry): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * The walk as a generator: yields each folder to list and expects its entries back (`undefined`
 * when the folder cannot be read: it is passed over). Returns the {@link WalkResult}.
 */
export function* walkSteps(root: string, opts: WalkOptions): Generator<string, WalkResult, DirEntry[] | undefined> {
  const maxDirs = opts.maxDirs ?? MAX_WALK_DIRS;
  const maxDepth = opts.maxDepth ?? MAX_WALK_DEPTH;
  const maxFiles = opts.maxFiles ?? MAX_WALK_FILES;
  const result: WalkResult = { dirs: 0, files: 0, tooDeep: 0 };
  const queue: Array<{ path: string; depth: number }> = [{ path: root, depth: 0 }];
  for (let head = 0; head < queue.length; head++) {
    if (opts.stop?.()) return { ...result, stopped: 'stop' };
    if (result.dirs >= maxDirs) return { ...result, stopped: 'maxDirs' };
    const { path: dir, depth } = queue[head]!;
    result.dirs++;
    const entries = yield dir;
    if (!entries) continue;
    for (const e of [...entries].sort(byName)) {
      if (isSkipped(e.name, e.isDirectory)) continue;
      const p = opts.join(dir, e.name);
      if (e.isDirectory) {
        if (depth + 1 > maxDepth) {
          result.tooDeep++;
          opts.onTooDeep?.(p);
        } else queue.push({ path: p, depth: depth + 1 });
      } else if (opts.onFile(p, e) && ++result.files >= maxFiles) return { ...result, stopped: 'maxFiles' };
    }
  }
  return result;
}

/** Walks with a synchronous lister (`readdirSync`). A lister that throws ends the walk with its error. */
export function walkSync(root: string, readDir: (dir: string) => DirEntry[] | undefined, opts: WalkOptions): WalkResult {
  const steps = walkSteps(root, opts);
  for (let r = steps.next(); ; r = steps.next(readDir(r.value))) if (r.done) return r.value;
}

/** Walks with an asynchronous lister (`fs.promises.readdir`, the browser client's `workspace.fs`). */
export async function walk(root: string, readDir: (dir: string) => Promise<DirEntry[] | undefined>, opts: WalkOptions): Promise<WalkResult> {
  const steps = walkSteps(root, opts);
  for (let r = steps.next(); ; r = steps.next(await readDir(r.value))) if (r.done) return r.value;
}

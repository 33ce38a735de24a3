/**
 * Reading files written by anyone (a cloned repository, a pull request in CI): only regular files,
 * never blocking, never more than a cap, and never through a symbolic link that leaves the workspace.
 *
 * - The file is opened with `O_NONBLOCK` (opening a FIFO does not wait for a writer) and checked with
 *   `fstat` on the opened descriptor (no race between a check and the read): a device, FIFO, socket
 *   or folder is refused with {@link SafeReadError} `ENOTREG`.
 * - At most `cap + 1` bytes are read: a larger file comes back cut at `cap + 1` bytes with
 *   `truncated: true`, so the caller can report it (the core refuses text over its caps with one
 *   finding) without holding the whole file.
 * - {@link isInside} resolves symbolic links (`realpath`) and says whether the target lies in a root.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Why a file was not read. */
export class SafeReadError extends Error {
  constructor(
    readonly code: 'ENOTREG',
    message: string,
  ) {
    super(message);
  }
}

/** What was read: the text (at most `cap + 1` bytes of the file) and whether the file was longer than the cap. */
export interface SafeRead {
  text: string;
  truncated: boolean;
  /** The opened file's `fstat`, taken before reading (the synchronous read only). */
  stats?: Stats;
}

const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function kindOf(st: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Reads an open file into `buf` until it is full or the file ends; returns the number of bytes read. */
export function readFully(fd: number, buf: Buffer): number {
  let got = 0;
  while (got < buf.length) {
    const n = readSync(fd, buf, got, buf.length - got, null);
    if (n === 0) break;
    got += n;
  }
  return got;
}

/** Reads a regular file as UTF-8, at most `cap + 1` bytes. Throws SafeReadError for anything else, or the fs error. */
export function readRegularFileSync(path: string, cap: number): SafeRead {
  const fd = openSync(path, FLAGS);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new SafeReadError('ENOTREG', `${kindOf(st)}, not a regular file`);
    const buf = Buffer.allocUnsafe(Math.min(st.size, cap) + 1);
    const got = readFully(fd, buf);
    return { text: buf.toString('utf8', 0, got), truncated: got > cap, stats: st };
  } finally {
    closeSync(fd);
  }
}

/** The same, asynchronously (the language server and the index process). */
export async function readRegularFile(path: string, cap: number): Promise<SafeRead> {
  const fh = await open(path, FLAGS);
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new SafeReadError('ENOTREG', `${kindOf(st)}, not a regular file`);
    const want = Math.min(st.size, cap) + 1;
    const buf = Buffer.allocUnsafe(want);
    let got = 0;
    while (got < want) {
      const { bytesRead } = await fh.read(buf, got, want - got, null);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return { text: buf.toString('utf8', 0, got), truncated: got > cap };
  } finally {
    await fh.close();
  }
}

/**
 * The resolved path of a root folder, resolved once per process: a run asks about thousands of files
 * under the same one or two roots (the working folder), and resolving it again for each file was a
 * sixth of a cached lint run.
 */
const realRoots = new Map<string, string>();
function realRoot(root: string): string {
  let r = realRoots.get(root);
  if (r === undefined) {
    r = realpathSync(root);
    if (realRoots.size >= 8) realRoots.clear();
    realRoots.set(root, r);
  }
  return r;
}

/** Whether `path`, with every symbolic link resolved, lies inside `root` (also resolved). False when it cannot be resolved. */
export function isInside(root: string, path: string): boolean {
  try {
    const r = realRoot(root);
    const p = realpathSync(resolve(root, path));
    const rel = relative(r, p);
    return rel === '' || (rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel));
  } catch {
    return false;
  }
}

/** Whether `path` is a regular file inside `root` (links resolved): the `fileExists` of PM011, which must not probe the rest of the machine. */
export function isRegularFileInside(root: string, path: string): boolean {
  if (!isInside(root, path)) return false;
  try {
    const fd = openSync(resolve(root, path), FLAGS);
    try {
      return fstatSync(fd).isFile();
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/**
 * Largest file the hosts read: the core's own caps (runbooks and post-mortems: 5 MB) refuse anything
 * larger with one finding, so reading one byte more than this is enough to let them.
 */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;
/** Largest project file `.ml-runbooks.yaml` read (larger: reported, defaults apply). */
export const MAX_CONFIG_BYTES = 256 * 1024;

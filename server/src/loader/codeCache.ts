/**
 * The V8 code cache of the product's Node bundles (dist/server.js, dist/cli.js and the SQL dialect
 * grammars in dist/sql/). Node 20 keeps no compiled code between runs, so every start of the language
 * server or the CLI compiled the whole bundle again; with the cache, V8 deserialises the bytecode it
 * produced last time (including the functions that ran, which it would otherwise compile lazily).
 *
 * The entry files dist/server.js and dist/cli.js are small loaders (server/src/loader/server.ts and
 * cli.ts): they compile the real bundle beside them (dist/server.bundle.js, dist/cli.bundle.js) with
 * `vm.Script` and its cached data, and run it as their own module — so `__filename` and `require.main`
 * are still the entry file's, and the lint worker threads and the workspace index process, started from
 * `__filename`, go through the loader too. Modules the bundle then requires from dist/sql/ are compiled
 * the same way (a `Module.prototype._compile` hook that handles only the files of that folder).
 *
 * Safe and never fatal:
 * - the cache lives in a per-user directory (`$ML_RUNBOOKS_CODE_CACHE_DIR`, else
 *   `$XDG_CACHE_HOME/ml-runbooks/code-cache`, `~/.cache/ml-runbooks/code-cache`,
 *   `%LOCALAPPDATA%\ml-runbooks\code-cache`, or `<tmpdir>/ml-runbooks-<uid>/code-cache`), created with
 *   mode 0700 and used only if it is a directory (not a link) owned by the current user and not writable
 *   by group or others;
 * - a cache file is read only if it is a regular file (never through a link) owned by the current user,
 *   not writable by group or others, and at most {@link MAX_CACHE_BYTES} long; its name and its header
 *   carry the bundle's identity (path, size, modification time, the Node and V8 versions, the CPU
 *   architecture), and its header a SHA-1 of the data, checked before V8 sees a byte: a new build or
 *   another Node never loads a stale cache, and a truncated, corrupt or foreign file is ignored (V8
 *   itself rejects data made with other flags); such a file, or one refused, is then replaced;
 * - it is written once the work is done (the CLI at exit, the server after its first diagnostics), to a
 *   temporary file renamed over the old one, and only when there was none or V8 rejected it; V8 flags
 *   set at run time go through {@link CodeCache.setFlags}, which keeps the cache valid;
 * - any error (unwritable directory, full disk, a race with another process) only means no cache.
 *
 * Off with `ML_RUNBOOKS_DISABLE_CODE_CACHE=1` or Node's own `NODE_DISABLE_COMPILE_CACHE=1`.
 * `ML_RUNBOOKS_CODE_CACHE_DEBUG=1` reports on stderr, per file, whether its cache was accepted,
 * rejected, missing or refused, and when one is written (the tests read it).
 *
 * This module runs before anything of the product is loaded: it imports only Node built-ins and the
 * file reader of safeFs.ts (itself built on them alone).
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import * as vm from 'node:vm';
import { CODE_CACHE_SLOT } from './slot';
import { readFully } from '../safeFs';

/** The largest cache file read or written (the server bundle's cache is about 2–3 MB). */
export const MAX_CACHE_BYTES = 64 * 1024 * 1024;
/** A temporary file this old is left over from a process that died while writing it. */
const STALE_TEMP_MS = 10 * 60 * 1000;
/** Bumped when the file format or what the key covers changes. */
const FORMAT = 'ml-runbooks-code-cache-1';
const MAGIC = Buffer.from('MLRBCC01', 'latin1');
const KEY_BYTES = 32; // SHA-256 of the identity
const DIGEST_BYTES = 20; // SHA-1 of the data
const HEADER_BYTES = MAGIC.length + KEY_BYTES + DIGEST_BYTES;

type Env = Record<string, string | undefined>;
/** The current user, on systems with POSIX owners. */
const UID = process.getuid?.();

/** What happened to one compiled file's cache (reported with ML_RUNBOOKS_CODE_CACHE_DEBUG=1). */
export type CacheEvent =
  | 'accepted' // V8 used the cached code
  | 'rejected' // V8 refused it (other flags, another V8): rewritten at the end
  | 'missing' // no cache file yet
  | 'invalid' // not ours, truncated, corrupt or for another build: ignored, rewritten at the end
  | 'refused' // not a regular file of this user, writable by others, or too large: not read, replaced at the end
  | 'written'
  | 'write-failed';

/** The cache's directory, or undefined when the cache is off. */
export function cacheDirectory(env: Env = process.env): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE === '1' || env.ML_RUNBOOKS_DISABLE_CODE_CACHE === '1') return undefined;
  const own = env.ML_RUNBOOKS_CODE_CACHE_DIR;
  if (own) return path.resolve(own);
  const home = safeHomedir();
  if (process.platform === 'win32' && env.LOCALAPPDATA && path.isAbsolute(env.LOCALAPPDATA)) return path.join(env.LOCALAPPDATA, 'ml-runbooks', 'code-cache');
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'ml-runbooks', 'code-cache');
  if (home && process.platform !== 'win32') return path.join(home, '.cache', 'ml-runbooks', 'code-cache');
  return path.join(os.tmpdir(), UID === undefined ? 'ml-runbooks' : `ml-runbooks-${UID}`, 'code-cache');
}

function safeHomedir(): string | undefined {
  try {
    const h = os.homedir();
    return h && path.isAbsolute(h) ? h : undefined;
  } catch {
    return undefined;
  }
}

/** Owned by the user `uid` (where there are owners) and not writable by group or others. */
export function privateTo(st: Pick<fs.Stats, 'uid' | 'mode'>, uid: number | undefined): boolean {
  if (uid === undefined) return true; // Windows: no POSIX owner or mode bits to check
  return st.uid === uid && (st.mode & 0o022) === 0;
}

/**
 * Creates the directory (mode 0700) if needed; true when it can be used: a real directory of this
 * user that nobody else may write to.
 */
function usableDirectory(dir: string): boolean {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(dir);
    return st.isDirectory() && privateTo(st, UID);
  } catch {
    return false;
  }
}

/** One file compiled through the cache. */
class CachedFile {
  private script: vm.Script | undefined;
  private state: CacheEvent = 'missing';
  private readonly key: Buffer;
  private readonly file: string;
  private saved = false;

  constructor(
    private readonly cache: CodeCache,
    readonly filename: string,
    stat: fs.Stats,
    flags: string,
  ) {
    const identity = [FORMAT, filename, flags, stat.size, stat.mtimeMs, process.version, process.versions.v8, process.arch, process.platform].join('\0');
    this.key = createHash('sha256').update(identity).digest();
    // The file's place and the V8 flags set at run time name its cache; the build and the runtime key it.
    const where = createHash('sha256').update(`${filename}\0${flags}`).digest('hex').slice(0, 12);
    this.file = path.join(cache.dir, `${path.basename(filename)}.${where}.${this.key.toString('hex').slice(0, 16)}.v8`);
  }

  /** Compiles the CommonJS-wrapped source, with the cached code when there is a usable one. */
  compile(source: string): (...args: unknown[]) => unknown {
    const data = this.read();
    const script = new vm.Script(Module.wrap(source), { filename: this.filename, ...(data ? { cachedData: data } : {}) });
    if (data) this.state = script.cachedDataRejected ? 'rejected' : 'accepted';
    this.cache.report(this.filename, this.state);
    this.script = script;
    return script.runInThisContext() as (...args: unknown[]) => unknown;
  }

  /** The cache file's data when it is ours, intact and for this build; undefined otherwise. */
  private read(): Buffer | undefined {
    let fd: number | undefined;
    try {
      // Never through a symbolic link; never waiting on a FIFO (a FIFO opens at once, and fstat refuses it).
      fd = fs.openSync(this.file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
    } catch {
      this.state = 'missing'; // absent, a symbolic link (O_NOFOLLOW) or unreadable
      return undefined;
    }
    try {
      const st = fs.fstatSync(fd);
      if (!st.isFile() || !privateTo(st, UID) || st.size > MAX_CACHE_BYTES) {
        this.state = 'refused';
        return undefined;
      }
      const buf = Buffer.allocUnsafe(st.size);
      const got = readFully(fd, buf);
      const data = buf.subarray(HEADER_BYTES, got);
      const ok =
        got > HEADER_BYTES &&
        buf.subarray(0, MAGIC.length).equals(MAGIC) &&
        buf.subarray(MAGIC.length, MAGIC.length + KEY_BYTES).equals(this.key) &&
        buf.subarray(MAGIC.length + KEY_BYTES, HEADER_BYTES).equals(createHash('sha1').update(data).digest());
      if (!ok) {
        this.state = 'invalid';
        return undefined;
      }
      return data;
    } catch {
      this.state = 'invalid';
      return undefined;
    } finally {
      fs.closeSync(fd);
    }
  }

  /**
   * Writes the cache when there was none or it was not used (once; never throws). A file that was
   * refused is replaced too: the rename swaps the directory entry (the directory is this user's alone)
   * and never writes through a link or into another user's file.
   */
  save(): void {
    if (this.saved || !this.script || this.state === 'accepted') return;
    this.saved = true;
    let tmp: string | undefined;
    try {
      const data = this.script.createCachedData();
      if (data.length === 0 || data.length + HEADER_BYTES > MAX_CACHE_BYTES) return;
      const digest = createHash('sha1').update(data).digest();
      tmp = path.join(this.cache.dir, `.${path.basename(this.file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
      const fd = fs.openSync(tmp, 'wx', 0o600);
      try {
        fs.writeSync(fd, Buffer.concat([MAGIC, this.key, digest]));
        fs.writeSync(fd, data);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, this.file);
      tmp = undefined;
      this.cache.report(this.filename, 'written');
      this.removeOlder();
    } catch {
      this.cache.report(this.filename, 'write-failed');
    } finally {
      if (tmp) fs.rmSync(tmp, { force: true });
    }
  }

  /**
   * Removes the cache files of earlier builds of this same file (same name and place, another key), and
   * temporary files of this file that a process which died while writing left behind (older than
   * {@link STALE_TEMP_MS}: a younger one may be another process's write in progress). Never throws.
   */
  private removeOlder(): void {
    try {
      const mine = path.basename(this.file);
      const prefix = mine.slice(0, mine.lastIndexOf('.', mine.length - '.v8'.length - 1) + 1);
      const now = Date.now();
      for (const name of fs.readdirSync(this.cache.dir)) {
        const p = path.join(this.cache.dir, name);
        if (name !== mine && name.startsWith(prefix) && name.endsWith('.v8')) fs.rmSync(p, { force: true });
        else if (name.startsWith(`.${prefix}`) && name.endsWith('.tmp') && now - fs.lstatSync(p).mtimeMs > STALE_TEMP_MS) fs.rmSync(p, { force: true });
      }
    } catch {
      // another process removed them first, or the directory cannot be listed: nothing to tidy
    }
  }
}

/** The code cache of one process or thread: the files it compiled. */
export class CodeCache {
  private readonly files: CachedFile[] = [];
  /** The V8 flags set through {@link setFlags} so far (part of the key of the files compiled after). */
  private flags = '';

  constructor(
    readonly dir: string,
    private readonly debug: boolean,
  ) {}

  /** Opens the cache for this process; undefined when it is off or its directory cannot be used. */
  static open(env: Env = process.env): CodeCache | undefined {
    const dir = cacheDirectory(env);
    const debug = env.ML_RUNBOOKS_CODE_CACHE_DEBUG === '1';
    if (!dir) {
      if (debug) process.stderr.write('ml-runbooks code cache: off\n');
      return undefined;
    }
    if (!usableDirectory(dir)) {
      if (debug) process.stderr.write('ml-runbooks code cache: directory not usable, no cache\n');
      return undefined;
    }
    return new CodeCache(dir, debug);
  }

  report(filename: string, event: CacheEvent): void {
    if (this.debug) process.stderr.write(`ml-runbooks code cache: ${path.basename(filename)} ${event}\n`);
  }

  /** Compiles `filename` (CommonJS source) through the cache and returns its module function. */
  compile(filename: string, source: string, stat: fs.Stats): (...args: unknown[]) => unknown {
    const f = new CachedFile(this, filename, stat, this.flags);
    this.files.push(f);
    return f.compile(source);
  }

  /** Writes the caches that were missing or not used, each file once (a later call writes the files compiled since). */
  save(): void {
    for (const f of this.files) f.save();
  }

  /**
   * Sets V8 flags at run time without losing the cache. V8 stamps a cache with a hash of the flags in
   * force when it is made and rejects it under others, so the files compiled so far are saved first,
   * and the flags become part of the key of the files compiled after (a grammar loaded before and one
   * loaded after have caches of their own).
   */
  setFlags(flags: string): void {
    this.save();
    setFlagsFromString(flags);
    this.flags = `${this.flags} ${flags}`.trim();
    if (this.debug) process.stderr.write(`ml-runbooks code cache: flags ${this.flags}\n`);
  }
}

type CompileFn = (this: NodeModule, content: string, filename: string) => unknown;

/**
 * Compiles the modules Node loads from `dir` (the SQL dialect grammars) through the cache. Files of
 * any other folder, and everything when the cache is off, go to Node's own `_compile`.
 */
function hookFolder(cache: CodeCache, dir: string): void {
  const proto = Module.prototype as unknown as { _compile: CompileFn };
  const original = proto._compile;
  const prefix = dir + path.sep;
  proto._compile = function (this: NodeModule, content: string, filename: string) {
    if (!filename.startsWith(prefix) || filename.indexOf(path.sep, prefix.length) !== -1 || !filename.endsWith('.js')) return original.call(this, content, filename);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(filename);
    } catch {
      return original.call(this, content, filename);
    }
    const fn = cache.compile(filename, content, stat);
    return fn.call(this.exports, this.exports, Module.createRequire(filename), this, filename, path.dirname(filename));
  };
}

/**
 * Runs `bundle` (a CommonJS bundle next to the entry file) as the entry module itself — `entry` and
 * `entryRequire` are the loader's own `module` and `require` —, through the code cache when it is on.
 * Returns the cache (undefined when off) so that the host can save it when its work is done.
 */
export function runBundle(entry: NodeModule, entryRequire: NodeJS.Require, bundle: string): CodeCache | undefined {
  const filename = path.join(path.dirname(entry.filename), bundle);
  let cache: CodeCache | undefined;
  try {
    cache = CodeCache.open();
  } catch {
    cache = undefined;
  }
  const source = fs.readFileSync(filename, 'utf8');
  let fn: (...args: unknown[]) => unknown;
  if (cache) {
    fn = cache.compile(filename, source, fs.statSync(filename));
    hookFolder(cache, path.join(path.dirname(filename), 'sql'));
    (globalThis as Record<symbol, unknown>)[CODE_CACHE_SLOT] = cache;
  } else {
    fn = new vm.Script(Module.wrap(source), { filename }).runInThisContext() as (...args: unknown[]) => unknown;
  }
  fn.call(entry.exports, entry.exports, entryRequire, entry, entry.filename, path.dirname(entry.filename));
  return cache;
}

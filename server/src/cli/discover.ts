import { readdirSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { classifyFile } from '../core/kind';
import { globKind } from '../core/files';
import type { ResolvedConfig } from '../core/config';
import { SKIP_GLOBS, MAX_WALK_FILES, MAX_WALK_DEPTH, MAX_WALK_DIRS, walkSync, type DirEntry } from '../core/walk';
import { UsageError } from './io';
import { describeFsError, displayPath } from './config';
import { MAX_SOURCE_BYTES, SafeReadError, isInside, readRegularFileSync } from '../safeFs';

/** A file the run did not read, and why (printed on stderr; the run goes on). */
export interface SkippedFile {
  path: string;
  reason: string;
}

/** A runbook, post-mortem or rule file found on disk, read and classified. */
export interface SourceFile {
  /** Absolute path. */
  abs: string;
  /** Path shown to the user and given to the core: relative to cwd when inside it. */
  path: string;
  text: string;
  kind: 'runbook' | 'postmortem' | 'alerts';
  /** Every YAML document is a runbook (by name or a `files.runbooks` glob), not only the declared ones. */
  wholeFile: boolean;
  /** Size, times and inode of the file as opened (what `lint --cache-strategy metadata` compares). */
  meta?: FileMeta;
  /**
   * Not read: a cache holds the file's classification and findings for exactly this metadata
   * (`lint --cache-strategy metadata`). `text` reads the file on first use.
   */
  unread?: boolean;
}

/** What tells a file's version without reading it: size, modification and change times (ms) and inode. */
export interface FileMeta {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export const metaOf = (st: Stats): FileMeta => ({ size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino });

/** What a lint cache knows of files by their metadata (`lint --cache-strategy metadata`). */
export interface KnownFiles {
  /**
   * The classification the cache holds for a file with exactly this metadata (`Stats` will do), with
   * the metadata as the cache holds it; `null` when the file was read before and is not a runbook,
   * post-mortem or rule file; undefined when it must be read.
   */
  classify(path: string, meta: FileMeta): { kind: SourceFile['kind']; wholeFile: boolean; meta: FileMeta } | null | undefined;
  /** A file read and found to be no runbook, post-mortem or rule file. */
  other(path: string, meta: FileMeta): void;
  /** A file classified from the cache was read after all (something needed its text). */
  readAfterAll(path: string): void;
}

const CANDIDATE_EXT = /\.(ya?ml|md|markdown)$/i;

/**
 * The walk's `join`: a folder's path and the name of an entry listed in it. The folder is the resolved
 * root or a path made here, so already normal, and a listed name is never `.`, `..` or holds a
 * separator: nothing for `path.join` to normalise, per file.
 */
const joinName = (dir: string, name: string): string => (dir.endsWith(sep) ? dir + name : dir + sep + name);

// Loaded through `require` so the bundler takes tinyglobby's CommonJS build: its ES module build
// (and fdir's) calls createRequire(import.meta.url), which is undefined in the CommonJS bundle. And
// loaded only when a path argument does not exist (it may be a glob): a plain run never needs it.
let globber: typeof import('tinyglobby') | undefined;
const tinyglobby = (): typeof import('tinyglobby') => (globber ??= require('tinyglobby') as typeof import('tinyglobby'));

/**
 * Finds the runbooks, post-mortems and alerting rule files (spec §8) under the given paths (files, folders searched recursively,
 * or globs). A file is taken when the core's `classifyFile` recognises it: the configured `files` globs
 * (relative to cwd), its name or its content (a rule file by its `groups:` or `PrometheusRule`); anything else (plain Markdown, unrelated
 * YAML, the configuration file itself) is skipped silently. A path that does not exist and is not a
 * glob, or a glob that matches nothing, is a usage error (exit 2). Results are sorted by path.
 *
 * Hostile trees: only regular files are read (a device, FIFO or socket is skipped with a reason, and
 * opening never blocks); at most {@link MAX_SOURCE_BYTES} + 1 bytes of a file are read (the core then
 * reports the file as too large); a symbolic link found in a folder or by a glob, or named on the
 * command line from inside the current folder, must resolve inside the current folder. A path
 * argument that itself lies outside the current folder is read: the user named it.
 */
export function discoverFiles(paths: string[], cwd: string, config: ResolvedConfig, onSkip: (s: SkippedFile) => void = () => {}, known?: KnownFiles): SourceFile[] {
  /** Files named on the command line outside cwd: the user's choice, read without the inside check. */
  const outsideByChoice = new Set<string>();
  const candidates = new Set<string>();
  /**
   * Regular files found by walking a folder that lies inside cwd: inside by construction (the walk never
   * follows a link), so their paths need not be resolved again (the check costs a realpath per file).
   */
  const insideByWalk = new Map<string, string>();
  /** Lists a folder for the walker; an unreadable folder ends the run (exit 2). */
  const readDir = (dir: string): DirEntry[] => {
    try {
      return readdirSync(dir, { withFileTypes: true }).map((e) => ({ name: e.name, isDirectory: e.isDirectory(), isFile: e.isFile(), isSymbolicLink: e.isSymbolicLink() }));
    } catch (e) {
      throw new UsageError(`cannot read '${displayPath(cwd, dir)}': ${describeFsError(e)}`);
    }
  };
  /** Searches a folder with the core's walker (the same skip list and bounds as the editor's index). */
  const visitDir = (root: string, inside: boolean, relRoot: string): void => {
    const r = walkSync(root, readDir, {
      join: joinName,
      onTooDeep: (p) => onSkip({ path: displayPath(cwd, p), reason: `a folder more than ${MAX_WALK_DEPTH} levels deep (not searched)` }),
      onFile(p, ent) {
        if (ent.isSymbolicLink) {
          // Follow links to files inside cwd; links to folders are not followed (no cycles).
          try {
            if (!statSync(p).isFile()) {
              if (CANDIDATE_EXT.test(p) && !statSync(p).isDirectory()) onSkip({ path: displayPath(cwd, p), reason: 'a symbolic link to a device, FIFO or socket, not a regular file' });
              return false;
            }
          } catch {
            return false;
          }
        } else if (!ent.isFile) {
          if (CANDIDATE_EXT.test(p)) onSkip({ path: displayPath(cwd, p), reason: 'a device, FIFO or socket, not a regular file' });
          return false;
        }
        candidates.add(p);
        // Its path relative to cwd, from the walk root's (no path.relative per file).
        if (inside && ent.isFile) {
          const tail = p.startsWith(sep, root.length) ? p.slice(root.length + 1) : p.slice(root.length);
          insideByWalk.set(p, relRoot ? relRoot + sep + tail : tail);
        }
        return true;
      },
    });
    if (r.stopped === 'maxFiles' || r.stopped === 'maxDirs') {
      const what = r.stopped === 'maxFiles' ? `${MAX_WALK_FILES.toLocaleString('en-US')} files` : `${MAX_WALK_DIRS.toLocaleString('en-US')} folders`;
      onSkip({ path: displayPath(cwd, root), reason: `the search stopped after ${what}; name smaller folders or globs to check the rest` });
    }
  };
  for (const raw of paths.length ? paths : ['.']) {
    const abs = resolve(cwd, raw);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      const { globSync, isDynamicPattern } = tinyglobby();
      if (isDynamicPattern(raw)) {
        const found = globSync(raw, { cwd, absolute: true, onlyFiles: true, dot: false, ignore: [...SKIP_GLOBS], followSymbolicLinks: false });
        if (!found.length) throw new UsageError(`no files match '${raw}'`);
        for (const f of found) candidates.add(resolve(f));
        continue;
      }
      throw new UsageError(`cannot read '${raw}': ${describeFsError(e)}`);
    }
    if (st.isDirectory()) {
      const inside = isInside(cwd, abs);
      visitDir(abs, inside, inside ? relative(cwd, abs) : '');
    }
    else {
      const rel = relative(cwd, abs);
      if (rel.startsWith('..') || isAbsolute(rel)) outsideByChoice.add(abs);
      candidates.add(abs);
    }
  }

  const out: SourceFile[] = [];
  for (const abs of [...candidates].sort()) {
    const relNative = insideByWalk.get(abs) ?? relative(cwd, abs);
    const rel = sep === '/' ? relNative : relNative.split(sep).join('/');
    // Another extension needs a configured glob; the glob of a Markdown or YAML file is looked up when it is read.
    let byGlob: ReturnType<typeof globKind> | undefined;
    if (!CANDIDATE_EXT.test(abs) && !(byGlob = globKind(rel, config.files))) continue;
    // displayPath(cwd, abs), from the relative path just computed.
    const path = relNative && !relNative.startsWith('..') && !isAbsolute(relNative) ? relNative : abs;
    if (!outsideByChoice.has(abs) && !insideByWalk.has(abs) && !isInside(cwd, abs)) {
      onSkip({ path, reason: 'a symbolic link to a file outside the current folder (not followed)' });
      continue;
    }
    if (known) {
      // A file the cache holds with the same size, times and inode is not read: its classification comes from the cache.
      let st: Stats | undefined;
      try {
        st = statSync(abs);
      } catch {
        st = undefined;
      }
      if (st?.isFile()) {
        // The Stats themselves are compared (no metadata record made per file); an unread file keeps the cache's.
        const k = known.classify(path, st);
        if (k === null) continue;
        if (k) {
          out.push(new UnreadFile(abs, path, k.kind, k.wholeFile, k.meta, known));
          continue;
        }
      }
    }
    let read;
    try {
      read = readRegularFileSync(abs, MAX_SOURCE_BYTES);
    } catch (e) {
      if (e instanceof SafeReadError) {
        onSkip({ path, reason: e.message });
        continue;
      }
      throw new UsageError(`cannot read '${path}': ${describeFsError(e)}`);
    }
    const { text } = read;
    const meta = read.stats ? metaOf(read.stats) : undefined;
    const c = classifyFile(path, text, byGlob ?? globKind(rel, config.files));
    if (c && (c.kind === 'runbook' || c.kind === 'postmortem' || c.kind === 'alerts')) out.push({ abs, path, text, kind: c.kind, wholeFile: c.wholeFile, meta });
    else if (known && meta) known.other(path, meta);
  }
  return out;
}

/** A file known to the cache by its metadata: read only if something asks for its text (a cross-file input of its findings changed). */
class UnreadFile implements SourceFile {
  readonly unread = true;
  private read: string | undefined;
  constructor(
    readonly abs: string,
    readonly path: string,
    readonly kind: SourceFile['kind'],
    readonly wholeFile: boolean,
    readonly meta: FileMeta,
    private readonly known: KnownFiles,
  ) {}

  get text(): string {
    if (this.read === undefined) {
      this.known.readAfterAll(this.path);
      try {
        this.read = readRegularFileSync(this.abs, MAX_SOURCE_BYTES).text;
      } catch (e) {
        throw new UsageError(`cannot read '${this.path}': ${e instanceof SafeReadError ? e.message : describeFsError(e)}`);
      }
    }
    return this.read;
  }
}

import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { classifyFile, globKind, type ResolvedConfig } from '../core/index';
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
}

const CANDIDATE_EXT = /\.(ya?ml|md|markdown)$/i;

// Loaded through `require` so the bundler takes tinyglobby's CommonJS build: its ES module build
// (and fdir's) calls createRequire(import.meta.url), which is undefined in the CommonJS bundle.
const { globSync, isDynamicPattern } = require('tinyglobby') as typeof import('tinyglobby');

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
export function discoverFiles(paths: string[], cwd: string, config: ResolvedConfig, onSkip: (s: SkippedFile) => void = () => {}): SourceFile[] {
  /** Files named on the command line outside cwd: the user's choice, read without the inside check. */
  const outsideByChoice = new Set<string>();
  const candidates = new Set<string>();
  /**
   * Regular files found by walking a folder that lies inside cwd: inside by construction (the walk never
   * follows a link), so their paths need not be resolved again (the check costs a realpath per file).
   */
  const insideByWalk = new Set<string>();
  /** Lists a folder for the walker; an unreadable folder ends the run (exit 2). */
  const readDir = (dir: string): DirEntry[] => {
    try {
      return readdirSync(dir, { withFileTypes: true }).map((e) => ({ name: e.name, isDirectory: e.isDirectory(), isFile: e.isFile(), isSymbolicLink: e.isSymbolicLink() }));
    } catch (e) {
      throw new UsageError(`cannot read '${displayPath(cwd, dir)}': ${describeFsError(e)}`);
    }
  };
  /** Searches a folder with the core's walker (the same skip list and bounds as the editor's index). */
  const visitDir = (root: string, inside: boolean): void => {
    const r = walkSync(root, readDir, {
      join,
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
        if (inside && ent.isFile) insideByWalk.add(p);
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
      if (isDynamicPattern(raw)) {
        const found = globSync(raw, { cwd, absolute: true, onlyFiles: true, dot: false, ignore: [...SKIP_GLOBS], followSymbolicLinks: false });
        if (!found.length) throw new UsageError(`no files match '${raw}'`);
        for (const f of found) candidates.add(resolve(f));
        continue;
      }
      throw new UsageError(`cannot read '${raw}': ${describeFsError(e)}`);
    }
    if (st.isDirectory()) visitDir(abs, isInside(cwd, abs));
    else {
      const rel = relative(cwd, abs);
      if (rel.startsWith('..') || isAbsolute(rel)) outsideByChoice.add(abs);
      candidates.add(abs);
    }
  }

  const out: SourceFile[] = [];
  for (const abs of [...candidates].sort()) {
    const rel = relative(cwd, abs).split(sep).join('/');
    const byGlob = globKind(rel, config.files);
    if (!byGlob && !CANDIDATE_EXT.test(abs)) continue;
    const path = displayPath(cwd, abs);
    if (!outsideByChoice.has(abs) && !insideByWalk.has(abs) && !isInside(cwd, abs)) {
      onSkip({ path, reason: 'a symbolic link to a file outside the current folder (not followed)' });
      continue;
    }
    let text: string;
    try {
      text = readRegularFileSync(abs, MAX_SOURCE_BYTES).text;
    } catch (e) {
      if (e instanceof SafeReadError) {
        onSkip({ path, reason: e.message });
        continue;
      }
      throw new UsageError(`cannot read '${path}': ${describeFsError(e)}`);
    }
    const c = classifyFile(path, text, byGlob);
    if (c && (c.kind === 'runbook' || c.kind === 'postmortem' || c.kind === 'alerts')) out.push({ abs, path, text, kind: c.kind, wholeFile: c.wholeFile });
  }
  return out;
}

import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { classifyFile, globKind, type ResolvedConfig } from '../core/index';
import { UsageError } from './io';
import { describeFsError, displayPath } from './config';

/** A runbook or post-mortem found on disk, read and classified. */
export interface SourceFile {
  /** Absolute path. */
  abs: string;
  /** Path shown to the user and given to the core: relative to cwd when inside it. */
  path: string;
  text: string;
  kind: 'runbook' | 'postmortem';
  /** Every YAML document is a runbook (by name or a `files.runbooks` glob), not only the declared ones. */
  wholeFile: boolean;
}

/** Folders never searched: dependencies, VCS data, build output. Hidden folders are skipped too. */
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist']);
const CANDIDATE_EXT = /\.(ya?ml|md|markdown)$/i;
const GLOB_IGNORE = ['**/node_modules/**', '**/.git/**', '**/dist/**'];

// Loaded through `require` so the bundler takes tinyglobby's CommonJS build: its ES module build
// (and fdir's) calls createRequire(import.meta.url), which is undefined in the CommonJS bundle.
const { globSync, isDynamicPattern } = require('tinyglobby') as typeof import('tinyglobby');

/**
 * Finds the runbooks and post-mortems under the given paths (files, folders searched recursively,
 * or globs). A file is taken when it matches the configured `files` globs (relative to cwd) or when
 * `detectKind` recognises it from its name or content; anything else (plain Markdown, unrelated
 * YAML, the configuration file itself) is skipped silently. A path that does not exist and is not a
 * glob, or a glob that matches nothing, is a usage error (exit 2). Results are sorted by path.
 */
export function discoverFiles(paths: string[], cwd: string, config: ResolvedConfig): SourceFile[] {
  const candidates = new Set<string>();
  /** Files named explicitly: read even without a known extension when they match a config glob. */
  const visitDir = (dir: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      throw new UsageError(`cannot read '${displayPath(cwd, dir)}': ${describeFsError(e)}`);
    }
    for (const ent of entries) {
      const name = ent.name;
      const p = join(dir, name);
      if (ent.isDirectory()) {
        if (!SKIP_DIRS.has(name) && !name.startsWith('.')) visitDir(p);
      } else if (ent.isFile() || ent.isSymbolicLink()) {
        if (name.startsWith('.')) continue;
        if (ent.isSymbolicLink()) {
          // Follow links to files; links to folders are not followed (no cycles).
          try {
            if (!statSync(p).isFile()) continue;
          } catch {
            continue;
          }
        }
        candidates.add(p);
      }
    }
  };
  for (const raw of paths.length ? paths : ['.']) {
    const abs = resolve(cwd, raw);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      if (isDynamicPattern(raw)) {
        const found = globSync(raw, { cwd, absolute: true, onlyFiles: true, dot: false, ignore: GLOB_IGNORE });
        if (!found.length) throw new UsageError(`no files match '${raw}'`);
        for (const f of found) candidates.add(resolve(f));
        continue;
      }
      throw new UsageError(`cannot read '${raw}': ${describeFsError(e)}`);
    }
    if (st.isDirectory()) visitDir(abs);
    else candidates.add(abs);
  }

  const out: SourceFile[] = [];
  for (const abs of [...candidates].sort()) {
    const rel = relative(cwd, abs).split(sep).join('/');
    const byGlob = globKind(rel, config.files);
    if (!byGlob && !CANDIDATE_EXT.test(abs)) continue;
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read '${displayPath(cwd, abs)}': ${describeFsError(e)}`);
    }
    const path = displayPath(cwd, abs);
    const c = classifyFile(path, text, byGlob);
    if (c && (c.kind === 'runbook' || c.kind === 'postmortem')) out.push({ abs, path, text, kind: c.kind, wholeFile: c.wholeFile });
  }
  return out;
}

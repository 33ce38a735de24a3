import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { detectKind, type ResolvedConfig } from '../core/index';
import { UsageError } from './io';
import { describeFsError, displayPath } from './config';

/** A runbook, post-mortem or rule file found on disk, read and classified. */
export interface SourceFile {
  /** Absolute path. */
  abs: string;
  /** Path shown to the user and given to the core: relative to cwd when inside it. */
  path: string;
  text: string;
  kind: 'runbook' | 'postmortem' | 'alerts';
}

/** Folders never searched: dependencies, VCS data, build output. Hidden folders are skipped too. */
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist']);
const CANDIDATE_EXT = /\.(ya?ml|md|markdown)$/i;
const GLOB_IGNORE = ['**/node_modules/**', '**/.git/**', '**/dist/**'];

// Loaded through `require` so the bundler takes tinyglobby's CommonJS build: its ES module build
// (and fdir's) calls createRequire(import.meta.url), which is undefined in the CommonJS bundle.
const { globSync, isDynamicPattern } = require('tinyglobby') as typeof import('tinyglobby');

/**
 * Finds the runbooks, post-mortems and alerting rule files (spec §8) under the given paths (files, folders searched recursively,
 * or globs). A file is taken when it matches the configured `files` globs (relative to cwd) or when
 * `detectKind` recognises it from its name or content (a rule file by its `groups:` or `PrometheusRule`); anything else (plain Markdown, unrelated
 * YAML, the configuration file itself) is skipped silently. A path that does not exist and is not a
 * glob, or a glob that matches nothing, is a usage error (exit 2). Results are sorted by path.
 */
export function discoverFiles(paths: string[], cwd: string, config: ResolvedConfig): SourceFile[] {
  const isRunbookGlob = picomatch(config.files.runbooks, { dot: false });
  const isPostmortemGlob = picomatch(config.files.postmortems, { dot: false });
  const isAlertRulesGlob = config.files.alertRules.length ? picomatch(config.files.alertRules, { dot: false }) : () => false;
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
    const byGlob: SourceFile['kind'] | undefined = rel.startsWith('../')
      ? undefined
      : isRunbookGlob(rel)
        ? 'runbook'
        : isPostmortemGlob(rel)
          ? 'postmortem'
          : isAlertRulesGlob(rel)
            ? 'alerts'
            : undefined;
    if (!byGlob && !CANDIDATE_EXT.test(abs)) continue;
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read '${displayPath(cwd, abs)}': ${describeFsError(e)}`);
    }
    const path = displayPath(cwd, abs);
    const detected = detectKind(path, text);
    const kind = byGlob ?? (detected === 'runbook' || detected === 'postmortem' || detected === 'alerts' ? detected : undefined);
    if (kind) out.push({ abs, path, text, kind });
  }
  return out;
}

/**
 * The project file's `files` globs: which kind a path relative to the project root is given by them.
 * One compiled matcher per glob list, shared by the CLI's discovery and the language server, so both
 * classify a file the same way (with `classifyFile`).
 */
import picomatch from 'picomatch';
import type { ResolvedConfig } from './config';
import type { GlobKind } from './kind';

type Matcher = (path: string) => boolean;

/** Compiled glob lists, by their text; bounded (a project has a handful of lists). */
const compiled = new Map<string, Matcher>();
const MAX_COMPILED = 32;

function matcherFor(globs: readonly string[]): Matcher {
  const key = JSON.stringify(globs);
  let m = compiled.get(key);
  if (!m) {
    // The project file's globs were checked by `globProblem` (bounded matching time); extended globs stay literal.
    m = globs.length ? picomatch([...globs], { dot: false, noextglob: true }) : () => false;
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, m);
  }
  return m;
}

/**
 * The kind the `files` globs give a path (relative to the project root, `/`-separated), or undefined
 * when no list matches or the path leaves the root. Runbook globs are tried first, then post-mortems,
 * then alerting rule files.
 *
 * @example
 * globKind('ops/latency.yaml', { runbooks: ['ops/**\/*.yaml'], postmortems: [] }) // 'runbook'
 */
export function globKind(relPath: string, files: Pick<ResolvedConfig['files'], 'runbooks' | 'postmortems'> & { alertRules?: readonly string[] }): GlobKind | undefined {
  if (relPath === '' || relPath === '..' || relPath.startsWith('../') || relPath.startsWith('/')) return undefined;
  if (matcherFor(files.runbooks)(relPath)) return 'runbook';
  if (matcherFor(files.postmortems)(relPath)) return 'postmortem';
  if (files.alertRules && matcherFor(files.alertRules)(relPath)) return 'alerts';
  return undefined;
}

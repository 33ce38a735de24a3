/**
 * The CLI's side of the alert graph (spec §8): the graph of the files a command was given — rule
 * files and runbooks, with repository paths relative to the working directory — and the project's
 * `alerts.runbookUrl` template.
 */
import { relative, sep } from 'node:path';
import { AlertGraph } from '../core/alerts/graph';
import type { ResolvedConfig } from '../core/config';
import type { SourceFile } from './discover';

/** The graph of the discovered files. Runbook parses are kept out of the core's caches (each file is read once). */
export function buildAlertGraph(files: readonly SourceFile[], config: ResolvedConfig, cwd: string): AlertGraph {
  const graph = new AlertGraph({ runbookUrl: config.alerts.runbookUrl });
  for (const f of files) {
    if (f.kind === 'alerts') graph.setRuleFile(f.path, f.text, repoPath(cwd, f));
    else if (f.kind === 'runbook') graph.setRunbook(f.path, f.text, repoPath(cwd, f), { cache: false });
  }
  return graph;
}

/** A file's repository path: relative to the working directory (the project root), `/`-separated. */
export function repoPath(cwd: string, f: Pick<SourceFile, 'abs'>): string {
  return relative(cwd, f.abs).split(sep).join('/');
}

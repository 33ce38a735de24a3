/**
 * Loads a fixture workspace of rule files and runbooks into an AlertGraph, the way the CLI does:
 * every YAML file under the folder, classified by `detectKind`, the project file's `alerts.runbookUrl`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { AlertGraph, detectKind, lint, mergeConfig, parseConfigText, type Finding, type ResolvedConfig } from '../../server/src/core/index';

export interface LoadedFile {
  rel: string;
  text: string;
  kind: string | undefined;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

/** Reads the workspace, builds the graph, and lints every file with it. */
export function loadAlertWorkspace(root: string): { graph: AlertGraph; config: ResolvedConfig; files: LoadedFile[]; lintFile: (rel: string, text?: string) => Finding[] } {
  const cfgPath = join(root, '.ml-runbooks.yaml');
  const config = mergeConfig(existsSync(cfgPath) ? parseConfigText(readFileSync(cfgPath, 'utf8')).layer : undefined);
  const graph = new AlertGraph({ runbookUrl: config.alerts.runbookUrl });
  const files: LoadedFile[] = walk(root).map((abs) => {
    const rel = relative(root, abs).split(sep).join('/');
    const text = readFileSync(abs, 'utf8');
    return { rel, text, kind: detectKind(rel, text) };
  });
  for (const f of files) {
    if (f.kind === 'alerts') graph.setRuleFile(f.rel, f.text);
    else if (f.kind === 'runbook') graph.setRunbook(f.rel, f.text);
  }
  const lintFile = (rel: string, text = files.find((f) => f.rel === rel)!.text) => lint(rel, text, { config, alerts: graph, now: new Date('2026-11-25T00:00:00Z') }).findings;
  return { graph, config, files, lintFile };
}

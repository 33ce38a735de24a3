/**
 * The `cache` section of `npm run bench`: `ml-runbooks lint --cache` on the generated workspace, a
 * cold run against a second run on the unchanged tree (issue 15's target: ≥ 10× faster, identical
 * findings). Each round runs, back to back: the plain lint (no cache), a `--cache` run on an empty
 * cache (it lints everything and writes the cache), then warm `--cache` runs with each strategy.
 * Rounds repeat the same order, so a burst of load on the shared machine hits every row alike.
 */
import { rmSync } from 'node:fs';
import { run } from './procs';
import { ms, ratio, summarize, type Summary } from './stats';

export interface CacheResult {
  /** Files in the workspace. */
  workspaceFiles: number;
  /** Files the lint reported. */
  files: number;
  runs: number;
  /** `lint <workspace> --format json`, no cache. */
  cold?: Summary;
  /** The same with `--cache` on an empty cache (lints everything and writes the cache). */
  coldCache?: Summary;
  /** A second `--cache` run on the unchanged tree, the default (metadata) strategy. */
  warm?: Summary;
  /** The same with `--cache-strategy content`. */
  warmContent?: Summary;
  /** Whether every warm run printed exactly what the run without the cache printed. */
  identical?: boolean;
  error?: string;
}

/** Runs the section on `workspace` (the current folder of every run); the cache file is `cacheFile`. */
export async function cacheSection(cli: string, workspace: string, workspaceFiles: number, cacheFile: string, runs: number): Promise<CacheResult> {
  const res: CacheResult = { workspaceFiles, files: 0, runs };
  try {
    const base = ['lint', '.', '--format', 'json'];
    const cache = ['--cache', '--cache-location', cacheFile];
    const lint = async (args: string[]) => {
      const r = await run(process.execPath, [cli, ...args], { cwd: workspace, timeoutMs: 600_000 });
      if (r.code !== 0 && r.code !== 1) throw new Error(`exit ${r.code}: ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
      return r;
    };
    const times: Record<'cold' | 'coldCache' | 'warm' | 'warmContent', number[]> = { cold: [], coldCache: [], warm: [], warmContent: [] };
    let identical = true;
    for (let i = 0; i < runs; i++) {
      const plain = await lint(base);
      times.cold.push(plain.ms);
      res.files = (JSON.parse(plain.stdout) as unknown[]).length;
      rmSync(cacheFile, { force: true });
      const first = await lint([...base, ...cache]);
      times.coldCache.push(first.ms);
      const warm = await lint([...base, ...cache]);
      times.warm.push(warm.ms);
      const content = await lint([...base, ...cache, '--cache-strategy', 'content']);
      times.warmContent.push(content.ms);
      identical &&= first.stdout === plain.stdout && warm.stdout === plain.stdout && content.stdout === plain.stdout;
    }
    res.cold = summarize(times.cold);
    res.coldCache = summarize(times.coldCache);
    res.warm = summarize(times.warm);
    res.warmContent = summarize(times.warmContent);
    res.identical = identical;
  } catch (e) {
    res.error = (e as Error).message.slice(0, 300);
  } finally {
    rmSync(cacheFile, { force: true });
  }
  return res;
}

/** How many times faster the warm (metadata) run is than the cold run without a cache, by medians. */
export function cacheSpeedup(r: CacheResult | undefined): number | undefined {
  return r?.cold && r.warm ? r.cold.median / r.warm.median : undefined;
}

/** The section's table (Markdown). */
export function renderCache(r: CacheResult | undefined): string {
  if (!r) return '';
  const row = (label: string, s: Summary | undefined) => `| ${label} | ${s ? ms(s.median) : '—'} | ${s ? ms(s.p95) : '—'} | ${s && r.cold ? ratio(r.cold.median / s.median) : '—'} |`;
  return [
    `Lint cache: \`ml-runbooks lint . --format json\` in the ${r.workspaceFiles}-file workspace (${r.files} files linted), ${r.runs} rounds; output of every cached run ${r.identical === undefined ? '—' : r.identical ? 'identical to the run without the cache' : '**different** from the run without the cache'}.${r.error ? ` Not measured: ${r.error}` : ''}`,
    '',
    '| lint cache (whole process) | median ms | p95 ms | speed-up over cold |',
    '|---|---:|---:|---:|',
    row('cold: no cache', r.cold),
    row('cold: --cache, empty cache (lints, writes the cache)', r.coldCache),
    row('warm: --cache, unchanged tree (metadata strategy, the default)', r.warm),
    row('warm: --cache --cache-strategy content (reads and hashes every file)', r.warmContent),
  ].join('\n');
}

import { parseArgs } from 'node:util';
import type { AlertGraph } from '../core/alerts/graph';
import { LineIndex } from '../core/lineIndex';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIO } from './io';
import { displayPath, loadConfig } from './config';
import { CACHE_STRATEGIES, DEFAULT_CACHE_STRATEGY, LintCache, cacheFilePath, type CacheStrategy } from './cache';
import type { SourceFile } from './discover';
import { findFiles } from './reportArgs';
import { lintAll, threadCount } from './parallel';
import { placeFindings, toFileResult, toMessageRows, totals, type FileResult } from './results';
import { formatStylish } from './formatters/stylish';
import { writeJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatGithub } from './formatters/github';
import { LINT_USAGE } from './usage';
import { VERSION } from '../version';

const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
type LintFormat = (typeof FORMATS)[number];

/** Parses `lint` arguments (strict: unknown options are usage errors). */
export function parseLintArgs(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'stylish' },
      'max-warnings': { type: 'string' },
      'include-hints': { type: 'boolean', default: false },
      config: { type: 'string', short: 'c' },
      quiet: { type: 'boolean', short: 'q', default: false },
      'no-color': { type: 'boolean', default: false },
      color: { type: 'boolean', default: false },
      concurrency: { type: 'string', default: 'auto' },
      cache: { type: 'boolean', default: false },
      'cache-location': { type: 'string' },
      'cache-strategy': { type: 'string', default: DEFAULT_CACHE_STRATEGY },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const format = values.format as string;
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format '${format}' for lint; expected one of ${FORMATS.join(', ')}`, LINT_USAGE);
  }
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    const raw = values['max-warnings'];
    if (!/^\d+$/.test(raw)) throw new UsageError(`--max-warnings expects a whole number ≥ 0, got '${raw}'`, LINT_USAGE);
    maxWarnings = Number(raw);
  }
  const c = values.concurrency as string;
  let concurrency: number | 'auto' = 'auto';
  if (c === 'off') concurrency = 1;
  else if (c !== 'auto') {
    if (!/^[1-9]\d*$/.test(c)) throw new UsageError(`--concurrency expects auto, off or a whole number ≥ 1, got '${c}'`, LINT_USAGE);
    concurrency = Number(c);
  }
  const strategy = values['cache-strategy'] as string;
  if (!(CACHE_STRATEGIES as readonly string[]).includes(strategy)) {
    throw new UsageError(`unknown cache strategy '${strategy}'; expected one of ${CACHE_STRATEGIES.join(', ')}`, LINT_USAGE);
  }
  return {
    paths: positionals,
    concurrency,
    format: format as LintFormat,
    maxWarnings,
    includeHints: values['include-hints'] === true,
    config: values.config,
    quiet: values.quiet === true,
    noColor: values['no-color'] === true,
    forceColor: values.color === true,
    cache: values.cache === true,
    cacheLocation: values['cache-location'],
    cacheStrategy: strategy as CacheStrategy,
    help: values.help === true,
  };
}

/** `ml-runbooks lint`: returns the exit code. */
export async function runLint(args: string[], io: CliIO): Promise<number> {
  const opts = parseLintArgs(args);
  if (opts.help) {
    io.out(LINT_USAGE);
    return EXIT_OK;
  }
  const config = loadConfig(io, opts.config);
  const cache = opts.cache ? new LintCache(cacheFilePath(io.cwd, opts.cacheLocation), io.cwd, config, new Date(), opts.cacheStrategy) : undefined;
  // With the metadata strategy, files the cache holds with the same size, times and inode are not read.
  const files = findFiles(opts.paths, io, config, cache?.knownFiles());
  // The alert graph (spec §8) only when rule files are among the paths: without them a runbook has no AL finding.
  // Loaded then only (like the linter, see parallel.ts: a cached run of unchanged files initialises neither).
  const newGraph = (): AlertGraph => new (require('../core/alerts/graph') as typeof import('../core/alerts/graph')).AlertGraph({ runbookUrl: config.alerts.runbookUrl });
  let alerts: { graph: AlertGraph; repoPath: (f: SourceFile) => string } | undefined;
  if (files.some((f) => f.kind === 'alerts')) {
    const { repoPath } = require('./alerts') as typeof import('./alerts');
    alerts = { graph: newGraph(), repoPath: (f) => repoPath(io.cwd, f) };
  }
  const threads = (n: number) => threadCount(n, opts.concurrency);
  let findings;
  try {
    findings = await lintAll(files, config, io.cwd, threads, alerts, cache);
  } catch (e) {
    if (!cache) throw e;
    // Cached data the checks let through but the run could not use: a cold run (the cache is rewritten).
    cache.reset();
    const fresh = alerts ? { ...alerts, graph: newGraph() } : undefined;
    findings = await lintAll(files, config, io.cwd, threads, fresh, cache);
  }
  // Line indexes of other files, for related locations given by offset: only a file linted in this run asks.
  let byPath: Map<string, SourceFile> | undefined;
  const lineCache = new Map<string, LineIndex>();
  const linesOf = (p: string): LineIndex | undefined => {
    const f = (byPath ??= new Map(files.map((x) => [x.path, x] as const))).get(p);
    if (!f) return undefined;
    let idx = lineCache.get(p);
    if (!idx) lineCache.set(p, (idx = new LineIndex(f.text)));
    return idx;
  };
  const results: FileResult[] = files.map((f, i) => {
    // A cached file's messages come from its entry (its text is not needed); others are placed now and kept in their entries.
    const entry = cache?.stored(f.path);
    let rows = entry?.messages;
    if (!rows) {
      const found = findings[i] ?? [];
      rows = toMessageRows(found, placeFindings(f.path, f.text, found, linesOf));
      if (entry) entry.messages = rows;
    }
    return toFileResult(f.abs, f.path, rows, opts);
  });
  if (cache) {
    const failed = cache.save();
    if (failed) io.err(`ml-runbooks: could not write the cache ${displayPath(io.cwd, cache.file)}: ${failed}\n`);
    if (io.env.ML_RUNBOOKS_CACHE_STATS === '1') io.err(`cache: ${cache.hits} hits, ${cache.misses} misses, ${cache.unread} files not read\n`);
  }

  const color = opts.forceColor || (io.stdoutIsTTY && !opts.noColor && !io.env.NO_COLOR);
  switch (opts.format) {
    case 'stylish':
      io.out(formatStylish(results, { color: color && !opts.noColor, fileCount: files.length, quiet: opts.quiet }));
      break;
    case 'json':
      writeJson(results, io.cwd, io.out);
      break;
    case 'sarif': {
      // The rule catalogue is read from the rules themselves: loaded for this format only.
      const { ruleCatalog, PROJECT_HOME_URL } = require('../core/meta') as typeof import('../core/meta');
      io.out(formatSarif(results, { cwd: io.cwd, rules: ruleCatalog(), version: VERSION, informationUri: PROJECT_HOME_URL }));
      break;
    }
    case 'github':
      io.out(formatGithub(results));
      break;
  }
  if (!files.length && !opts.quiet) io.err('ml-runbooks: no runbooks or post-mortems found\n');
  const t = totals(results);
  if (t.errors) return EXIT_PROBLEMS;
  if (opts.maxWarnings !== undefined && t.foundWarnings > opts.maxWarnings) {
    io.err(`ml-runbooks: too many warnings (${t.foundWarnings}; maximum: ${opts.maxWarnings})\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

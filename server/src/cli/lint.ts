import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { lint, LineIndex, type Finding, type LintEnv, type RelatedInformation } from '../core/index';
import { runbookNames } from '../core/runbook/names';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIO } from './io';
import { loadConfig } from './config';
import { discoverFiles, type SourceFile } from './discover';
import { toFileResult, totals, type FileResult } from './results';
import { formatStylish } from './formatters/stylish';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatGithub } from './formatters/github';
import { allRules, INFORMATION_URI } from './rules';
import { LINT_USAGE } from './usage';
import { VERSION } from './version';

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
  return {
    paths: positionals,
    format: format as LintFormat,
    maxWarnings,
    includeHints: values['include-hints'] === true,
    config: values.config,
    quiet: values.quiet === true,
    noColor: values['no-color'] === true,
    forceColor: values.color === true,
    help: values.help === true,
  };
}

/** Adds a runbook's `metadata.name` definitions to the workspace index (RB009 duplicates across files). */
function indexNames(index: Map<string, RelatedInformation[]>, f: SourceFile): string[] {
  const names = runbookNames(f.text);
  if (!names.length) return [];
  const lines = new LineIndex(f.text);
  for (const n of names) {
    const p = lines.positionAt(n.start);
    const list = index.get(n.name) ?? [];
    list.push({ file: f.path, start: n.start, end: n.end, line: p.line, character: p.character, message: `'${n.name}' is also defined here` });
    index.set(n.name, list);
  }
  return names.map((n) => n.name);
}

/**
 * Lints the files with a workspace index of runbook names, parsing each file once in the common case:
 * each runbook is indexed and linted right away (the core's parse cache serves both), and only the
 * runbooks whose name turns out to be defined in another file are linted again once the index is
 * complete (the other definitions only matter to them).
 */
export function lintFiles(files: SourceFile[], env: Omit<LintEnv, 'otherRunbookDefinitions'>): Map<SourceFile, Finding[]> {
  const index = new Map<string, RelatedInformation[]>();
  const others = (name: string, file: string) => (index.get(name) ?? []).filter((d) => d.file !== file);
  const full: LintEnv = { ...env, otherRunbookDefinitions: others };
  const out = new Map<SourceFile, Finding[]>();
  const namesOf = new Map<SourceFile, string[]>();
  for (const f of files) {
    if (f.kind === 'runbook') namesOf.set(f, indexNames(index, f));
    out.set(f, lint(f.path, f.text, full, f.kind).findings);
  }
  const isDuplicated = (name: string) => new Set(index.get(name)?.map((d) => d.file)).size > 1;
  for (const [f, names] of namesOf) {
    if (names.some(isDuplicated)) out.set(f, lint(f.path, f.text, full, f.kind).findings);
  }
  return out;
}

/** `ml-runbooks lint`: returns the exit code. */
export function runLint(args: string[], io: CliIO): number {
  const opts = parseLintArgs(args);
  if (opts.help) {
    io.out(LINT_USAGE);
    return EXIT_OK;
  }
  const config = loadConfig(io, opts.config);
  const files = discoverFiles(opts.paths, io.cwd, config);
  const findings = lintFiles(files, { config, workspaceRoot: io.cwd, fileExists: (p) => existsSync(resolve(io.cwd, p)) });
  const byPath = new Map(files.map((f) => [f.path, f] as const));
  const lineCache = new Map<string, LineIndex>();
  const linesOf = (p: string): LineIndex | undefined => {
    const f = byPath.get(p);
    if (!f) return undefined;
    let idx = lineCache.get(p);
    if (!idx) lineCache.set(p, (idx = new LineIndex(f.text)));
    return idx;
  };
  const results: FileResult[] = files.map((f) => toFileResult(f.abs, f.path, f.text, findings.get(f) ?? [], opts, linesOf));

  const color = opts.forceColor || (io.stdoutIsTTY && !opts.noColor && !io.env.NO_COLOR);
  switch (opts.format) {
    case 'stylish':
      io.out(formatStylish(results, { color: color && !opts.noColor, fileCount: files.length, quiet: opts.quiet }));
      break;
    case 'json':
      io.out(formatJson(results, io.cwd));
      break;
    case 'sarif':
      io.out(formatSarif(results, { cwd: io.cwd, rules: allRules(), version: VERSION, informationUri: INFORMATION_URI }));
      break;
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

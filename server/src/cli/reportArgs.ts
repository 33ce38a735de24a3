import { parseArgs } from 'node:util';
import type { ResolvedConfig } from '../core/index';
import { UsageError, type CliIO } from './io';
import { loadConfig } from './config';
import { discoverFiles, type KnownFiles, type SourceFile } from './discover';

/** The output formats of the report commands (`report`, `graph`). */
export const REPORT_FORMATS = ['table', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * The files of a run, found and read as `lint` finds them (the project file's globs, regular files
 * inside the folder only); a file that is skipped is said on stderr and the run goes on.
 */
export function findFiles(paths: string[], io: CliIO, config: ResolvedConfig, known?: KnownFiles): SourceFile[] {
  return discoverFiles(paths, io.cwd, config, (s) => io.err(`ml-runbooks: skipped '${s.path}': ${s.reason}\n`), known);
}

/**
 * What the report commands share: `[paths…] [--format table|json] [--config FILE] [--help]`, the
 * project configuration and the files found. Undefined when `--help` was printed.
 */
export function reportArgs(args: string[], io: CliIO, command: string, usage: string): { format: ReportFormat; config: ResolvedConfig; files: SourceFile[] } | undefined {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'table' },
      config: { type: 'string', short: 'c' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.out(usage);
    return undefined;
  }
  const format = values.format!;
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format '${format}' for ${command}; expected one of ${REPORT_FORMATS.join(', ')}`, usage);
  }
  const config = loadConfig(io, values.config);
  return { format: format as ReportFormat, config, files: findFiles(positionals, io, config) };
}

import { parseArgs } from 'node:util';
import { buildSurfaceReport, formatSurfaceReportTable } from '../core/postmortem/report';
import { EXIT_OK, UsageError, type CliIO } from './io';
import { loadConfig } from './config';
import { discoverFiles } from './discover';
import { REPORT_USAGE } from './usage';

const FORMATS = ['table', 'json'] as const;

/** `ml-runbooks report`: the surface report over every post-mortem found; returns the exit code. */
export function runReport(args: string[], io: CliIO): number {
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
    io.out(REPORT_USAGE);
    return EXIT_OK;
  }
  const format = values.format!;
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format '${format}' for report; expected one of ${FORMATS.join(', ')}`, REPORT_USAGE);
  }
  const config = loadConfig(io, values.config);
  const files = discoverFiles(positionals, io.cwd, config, (s) => io.err(`ml-runbooks: skipped '${s.path}': ${s.reason}\n`)).filter((f) => f.kind === 'postmortem');
  const report = buildSurfaceReport(files.map((f) => ({ file: f.path, text: f.text })));
  if (format === 'json') io.out(`${JSON.stringify(report, null, 2)}\n`);
  else {
    const table = formatSurfaceReportTable(report);
    io.out(table.endsWith('\n') ? table : `${table}\n`);
  }
  if (!files.length) io.err('ml-runbooks: no post-mortems found\n');
  return EXIT_OK;
}

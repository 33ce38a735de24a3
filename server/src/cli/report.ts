import { buildSurfaceReport, formatSurfaceReportTable } from '../core/postmortem/report';
import { EXIT_OK, type CliIO } from './io';
import { reportArgs } from './reportArgs';
import { REPORT_USAGE } from './usage';

/** `ml-runbooks report`: the surface report over every post-mortem found; returns the exit code. */
export function runReport(args: string[], io: CliIO): number {
  const run = reportArgs(args, io, 'report', REPORT_USAGE);
  if (!run) return EXIT_OK;
  const { format } = run;
  const files = run.files.filter((f) => f.kind === 'postmortem');
  const report = buildSurfaceReport(files.map((f) => ({ file: f.path, text: f.text })));
  if (format === 'json') io.out(`${JSON.stringify(report, null, 2)}\n`);
  else {
    const table = formatSurfaceReportTable(report);
    io.out(table.endsWith('\n') ? table : `${table}\n`);
  }
  if (!files.length) io.err('ml-runbooks: no post-mortems found\n');
  return EXIT_OK;
}

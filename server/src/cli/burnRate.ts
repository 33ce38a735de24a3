import { parseArgs } from 'node:util';
import {
  computeBurnRateTable,
  formatPrometheusRules,
  parseDuration,
  parseErrorRateInput,
  parseObjectiveInput,
  parsePeriodInput,
  reverseBurnRate,
  SLOTH_TIERS,
  WORKBOOK_TIERS,
  type BurnRateTable,
  type ReverseResult,
} from '../core/slo/index';
import { EXIT_OK, UsageError, type CliIO } from './io';
import { BURN_RATE_USAGE } from './usage';

const FORMATS = ['table', 'json', 'prometheus'] as const;
const PRESETS = { workbook: WORKBOOK_TIERS, sloth: SLOTH_TIERS } as const;

function parseBurnRateArgs(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      objective: { type: 'string', short: 'o' },
      period: { type: 'string', short: 'p' },
      preset: { type: 'string', default: 'workbook' },
      'error-rate': { type: 'string', short: 'e' },
      after: { type: 'string' },
      format: { type: 'string', short: 'f', default: 'table' },
      metric: { type: 'string' },
      slo: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  return { values, positionals };
}

/** A usage problem: the message and the command's help. */
const bad = (message: string): UsageError => new UsageError(message, BURN_RATE_USAGE);
/** An invalid value: the message and a pointer to the help (the help itself would bury the message). */
const invalid = (message: string): UsageError => new UsageError(`${message}\n(see: ml-runbooks burn-rate --help)`);

/** Fractions as percents without float noise: 0.0144 → "1.44". */
const pct = (fraction: number): string => String(Number((fraction * 100).toPrecision(6)));

/** Left-aligned text columns separated by two spaces (numbers right-aligned). */
export function alignTable(header: string[], rows: string[][], rightAligned: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAligned[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

/** The burn-rate table as aligned text. */
export function formatBurnRateText(t: BurnRateTable): string {
  const header = ['severity', 'long', 'short', 'burn rate', 'budget consumed %', 'error-rate threshold %', 'time to exhaustion'];
  const rows = t.tiers.map((x) => [x.severity, x.longWindow, x.shortWindow, String(x.burnRate), pct(x.budgetConsumed), pct(x.errorRateThreshold), x.timeToExhaustion]);
  return `SLO ${pct(t.objective)} % over ${t.period} (error budget ${pct(1 - t.objective)} %)\n\n${alignTable(header, rows, [false, false, false, true, true, true, false])}`;
}

/** The reverse result as aligned text. */
export function formatReverseText(r: ReverseResult, objectivePercent: number, period: string): string {
  const rows = [
    ['error rate', `${pct(r.errorRate)} %`],
    ['burn rate', `${r.burnRate}×`],
    [`budget consumed after ${r.afterHours}h`, `${pct(r.budgetConsumedAfter)} %`],
    [`budget left after ${r.afterHours}h`, `${pct(r.budgetLeftAfter)} %`],
    ['time to exhaustion', r.timeToExhaustion],
  ];
  const w = Math.max(...rows.map((x) => x[0]!.length));
  return `SLO ${objectivePercent} % over ${period}\n\n${rows.map(([k, v]) => `${k!.padEnd(w)}  ${v}`).join('\n')}\n`;
}

/** `ml-runbooks burn-rate`: returns the exit code. */
export function runBurnRate(args: string[], io: CliIO): number {
  const { values, positionals } = parseBurnRateArgs(args);
  if (values.help) {
    io.out(BURN_RATE_USAGE);
    return EXIT_OK;
  }
  if (positionals.length) throw bad(`unexpected argument '${positionals[0]}'`);
  const format = values.format!;
  if (!(FORMATS as readonly string[]).includes(format)) throw bad(`unknown format '${format}' for burn-rate; expected one of ${FORMATS.join(', ')}`);
  const preset = values.preset!;
  if (!Object.hasOwn(PRESETS, preset)) throw bad(`unknown preset '${preset}'; expected workbook or sloth`);
  if (values.objective === undefined) throw bad('--objective is required (a percent, e.g. --objective 99.9)');
  if (values.period === undefined) throw bad('--period is required (a duration, e.g. --period 30d)');
  const objective = parseObjectiveInput(values.objective);
  if (objective.error !== undefined || objective.value === undefined) throw invalid(`--objective: ${objective.error ?? 'invalid value'}`);
  const period = parsePeriodInput(values.period);
  if (period.error !== undefined || period.value === undefined) throw invalid(`--period: ${period.error ?? 'invalid value'}`);
  if (values.after !== undefined && values['error-rate'] === undefined) throw bad('--after needs --error-rate');

  try {
    if (values['error-rate'] !== undefined) {
      if (format === 'prometheus') throw bad('--error-rate cannot be combined with --format prometheus');
      const rate = parseErrorRateInput(values['error-rate']);
      if (rate.error !== undefined || rate.value === undefined) throw invalid(`--error-rate: ${rate.error ?? 'invalid value'}`);
      let afterHours: number | undefined;
      if (values.after !== undefined) {
        const raw = values.after.trim();
        const seconds = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) * 3600 : parseDuration(raw);
        if (seconds === undefined) throw invalid(`--after: "${raw}" is not a duration; use e.g. 24h, 90m or 2d`);
        afterHours = seconds / 3600;
      }
      const r = reverseBurnRate(objective.value, period.value, rate.value, afterHours);
      if (format === 'json') io.out(`${JSON.stringify(r, null, 2)}\n`);
      else {
        io.out(formatReverseText(r, objective.value, period.value));
        for (const w of r.warnings) io.err(`warning: ${w}\n`);
      }
      return EXIT_OK;
    }
    const table = computeBurnRateTable(objective.value, period.value, PRESETS[preset as keyof typeof PRESETS]);
    if (format === 'json') {
      io.out(`${JSON.stringify(table, null, 2)}\n`);
    } else if (format === 'prometheus') {
      io.out(formatPrometheusRules(table, { sloName: values.slo ?? 'slo', errorRatioMetric: values.metric ?? 'slo:error_ratio' }));
      for (const w of table.warnings) io.err(`warning: ${w}\n`);
    } else {
      io.out(formatBurnRateText(table));
      for (const w of table.warnings) io.err(`warning: ${w}\n`);
    }
    return EXIT_OK;
  } catch (e) {
    // The core validates again and throws RangeError for anything the input checks let through.
    if (e instanceof RangeError) throw invalid(e.message);
    throw e;
  }
}

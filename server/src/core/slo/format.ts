/**
 * Formatters for a burn-rate table: a Markdown table, a runbook `slos:` block and Prometheus
 * multi-window alerting rules. All return text ending with a newline.
 */
import { stringify } from 'yaml';
import type { BurnRateTable } from './burnRate';
import { formatPercent, roundSig } from './burnRate';

/** The objective of a table in percent without noise (0.999 → 99.9). */
function objectivePercent(table: BurnRateTable): number {
  return roundSig(table.objective * 100, 12);
}

/**
 * The burn-rate table as Markdown: a caption line, the table, and any warnings as quoted lines.
 *
 * @example
 * formatMarkdownTable(computeBurnRateTable(99.9, '30d'))
 * // 'Objective 99.9 % over 30d (error budget 0.1 %).\n\n| Severity | Long window | … |\n…| page | 1h | 5m | 14.4 | 2 % | 1.44 % | 50h |\n…'
 */
export function formatMarkdownTable(table: BurnRateTable): string {
  const lines = [
    `Objective ${objectivePercent(table)} % over ${table.period} (error budget ${formatPercent(1 - table.objective)}).`,
    '',
    '| Severity | Long window | Short window | Burn rate | Budget consumed | Error-rate threshold | Time to exhaustion |',
    '|---|---|---|---:|---:|---:|---|',
  ];
  for (const t of table.tiers) {
    lines.push(
      `| ${t.severity} | ${t.longWindow} | ${t.shortWindow} | ${t.burnRate} | ${formatPercent(t.budgetConsumed)} | ${formatPercent(t.errorRateThreshold)} | ${t.timeToExhaustion} |`,
    );
  }
  if (table.warnings.length) {
    lines.push('');
    for (const w of table.warnings) lines.push(`> Warning: ${w}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * The table as a runbook `slos:` block (one SLO with one alert per tier), ready to paste at the top
 * level of a runbook. `budgetConsumed` is written as a percent string (`2%`), as the spec's examples do.
 *
 * @example
 * formatSlosBlock(computeBurnRateTable(99.9, '30d'), 'prediction-quality')
 * // 'slos:\n  - name: prediction-quality\n    objective: 99.9\n    period: 30d\n    alerts:\n      - severity: page\n …'
 */
export function formatSlosBlock(table: BurnRateTable, sloName: string): string {
  const slo = {
    name: sloName,
    objective: objectivePercent(table),
    period: table.period,
    alerts: table.tiers.map((t) => ({
      severity: t.severity,
      longWindow: t.longWindow,
      shortWindow: t.shortWindow,
      burnRate: t.burnRate,
      budgetConsumed: formatPercent(t.budgetConsumed, false),
    })),
  };
  return stringify({ slos: [slo] }, { lineWidth: 0 });
}

/** Options of {@link formatPrometheusRules}. */
export interface PrometheusRuleOptions {
  /** SLO name, used in the group name, alert names, the `slo` label and the summary. */
  sloName: string;
  /**
   * The error-ratio metric the alerts read, as recording-rule names per window. Accepted forms:
   * `job:slo_errors_per_request:ratio_rate` (the window is appended), a name ending in a window
   * (`…:ratio_rate5m`, the window is replaced), or a plain metric name `slo_errors_per_request`
   * (becomes `job:slo_errors_per_request:ratio_rate<window>`).
   * Default `job:slo_errors_per_request:ratio_rate`.
   */
  errorRatioMetric?: string;
}

/**
 * The recording-rule metric name of an error ratio over a window.
 *
 * @example
 * errorRatioMetricName('job:slo_errors_per_request:ratio_rate', '1h')     // 'job:slo_errors_per_request:ratio_rate1h'
 * errorRatioMetricName('job:slo_errors_per_request:ratio_rate5m', '6h')   // 'job:slo_errors_per_request:ratio_rate6h'
 * errorRatioMetricName('slo_errors_per_request', '5m')                    // 'job:slo_errors_per_request:ratio_rate5m'
 */
export function errorRatioMetricName(metric: string | undefined, window: string): string {
  const m = (metric ?? '').trim() || 'job:slo_errors_per_request:ratio_rate';
  const prefix = withoutWindows(m);
  if (prefix !== m && /[:_]rate$|ratio$/.test(prefix)) return `${prefix}${window}`;
  if (m.includes(':')) return /rate$/.test(m) ? `${m}${window}` : `${m}_rate${window}`;
  return `job:${m}:ratio_rate${window}`;
}

/** `m` without its trailing windows (`rate5m1h` → `rate`), by a scan from the end (`/^(.*?)(\d+[smhdwy])+$/` backtracked on long digit runs). */
function withoutWindows(m: string): string {
  let i = m.length;
  while (i > 1 && 'smhdwy'.includes(m[i - 1]!) && m[i - 2]! >= '0' && m[i - 2]! <= '9') {
    let j = i - 2;
    while (j > 0 && m[j - 1]! >= '0' && m[j - 1]! <= '9') j--;
    i = j;
  }
  return m.slice(0, i);
}

function pascal(s: string): string {
  const p = s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  return /^[A-Za-z_]/.test(p) ? p : `Slo${p}`;
}

/**
 * Prometheus alerting rules for the table: one rule per tier whose `expr` fires when the error
 * ratio exceeds the tier's threshold over both its long and its short window:
 * `(ratio_rate<long> > threshold) and (ratio_rate<short> > threshold)`.
 * The named recording rules must exist (the header comment says so).
 *
 * @example
 * formatPrometheusRules(computeBurnRateTable(99.9, '30d'), { sloName: 'checkout-availability' })
 * // …expr: (job:slo_errors_per_request:ratio_rate1h > 0.0144) and (job:slo_errors_per_request:ratio_rate5m > 0.0144)
 */
export function formatPrometheusRules(table: BurnRateTable, options: PrometheusRuleOptions): string {
  const name = options.sloName.trim() || 'slo';
  const base = pascal(name);
  const used = new Map<string, number>();
  const rules = table.tiers.map((t) => {
    let alert = `${base}ErrorBudgetBurn${t.longWindow.replace(/[^A-Za-z0-9]/g, '')}`;
    const n = (used.get(alert) ?? 0) + 1;
    used.set(alert, n);
    if (n > 1) alert = `${alert}${n}`;
    const long = errorRatioMetricName(options.errorRatioMetric, t.longWindow);
    const short = errorRatioMetricName(options.errorRatioMetric, t.shortWindow);
    return {
      alert,
      expr: `(${long} > ${t.errorRateThreshold}) and (${short} > ${t.errorRateThreshold})`,
      labels: { severity: t.severity, slo: name },
      annotations: {
        summary: `${name}: error budget burning at ${t.burnRate}× over ${t.longWindow} and ${t.shortWindow} (${formatPercent(t.budgetConsumed)} of the ${table.period} budget in ${t.longWindow}; all of it in ${t.timeToExhaustion})`,
      },
    };
  });
  const header =
    `# Multi-window, multi-burn-rate alerts for ${name}: objective ${objectivePercent(table)} % over ${table.period}.\n` +
    `# Needs recording rules for the error ratio over each window (${[...new Set(table.tiers.flatMap((t) => [t.longWindow, t.shortWindow]))]
      .map((w) => errorRatioMetricName(options.errorRatioMetric, w))
      .join(', ')}).\n`;
  return header + stringify({ groups: [{ name: `${name}-slo-alerts`, rules }] }, { lineWidth: 0 });
}

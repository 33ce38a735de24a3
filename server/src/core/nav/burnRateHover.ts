/**
 * Hover text for the numbers of an SLO block: what a burn rate means over its long window and the
 * SLO's period (via the SLO module's `explainBurnRate`), whether `budgetConsumed` agrees, what the
 * objective leaves as error budget.
 */
import { parseDocument } from 'yaml';
import { explainBurnRate, formatDuration, parseDuration } from '../slo/index';
import type { NavPath, Region } from './yamlCursor';
import { YAML_PARSE_OPTIONS } from '../yamlKeys';

const ALERT_KEYS = new Set(['burnRate', 'budgetConsumed', 'longWindow', 'shortWindow']);
/** Regions larger than this are not re-parsed for a hover. */
const MAX_REGION = 1024 * 1024;

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const round = (x: number, d = 4): number => Math.round(x * 10 ** d) / 10 ** d;

/** `2%` → 0.02, `0.02` → 0.02, `2` → 0.02 (a bare number above 1 is read as percent). */
export function budgetFraction(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v > 1 ? v / 100 : v;
  if (typeof v === 'string') {
    const m = /^([0-9]+(?:\.[0-9]+)?|\.[0-9]+)[ \t]*(%?)$/.exec(v.trim());
    if (!m) return undefined;
    const n = Number(m[1]);
    return m[2] ? n / 100 : n > 1 ? n / 100 : n;
  }
  return undefined;
}

function objectiveOf(slo: Record<string, unknown>): number | undefined {
  const o = typeof slo.objective === 'string' ? Number(String(slo.objective).replace('%', '')) : slo.objective;
  return typeof o === 'number' && o > 0 && o < 100 ? o : undefined;
}

function explainAlert(alert: Record<string, unknown>, period: string, objective: number | undefined): string[] {
  const lines: string[] = [];
  const long = typeof alert.longWindow === 'string' ? alert.longWindow : undefined;
  const p = parseDuration(period);
  const l = long ? parseDuration(long) : undefined;
  let burn = typeof alert.burnRate === 'number' ? alert.burnRate : undefined;
  const consumed = budgetFraction(alert.budgetConsumed);
  if (burn === undefined && consumed !== undefined && p && l) burn = (consumed * p) / l;
  if (burn === undefined || !long || !p || !l) return lines;
  const text = explainBurnRate(burn, long, period);
  if (text) lines.push(text + '.');
  if (objective !== undefined) {
    const threshold = burn * (1 - objective / 100);
    lines.push(
      threshold > 1
        ? `Error-rate threshold = ${round(burn)} × (1 − ${objective} %) = ${round(threshold * 100, 3)} % — above 100 %, so this alert can never fire.`
        : `Error-rate threshold = ${round(burn)} × (1 − ${objective} %) = ${round(threshold * 100, 3)} % of requests failing.`,
    );
  }
  if (consumed !== undefined) {
    const expected = (burn * l) / p;
    const ok = Math.abs(consumed - expected) <= 0.05 * expected;
    lines.push(`budgetConsumed stated ${round(consumed * 100, 2)} %, computed ${round(expected * 100, 2)} %${ok ? ' — consistent.' : ' — they disagree (RB005).'}`);
  }
  return lines;
}

/**
 * Markdown for a hover on `slos[i].objective` or `slos[i].alerts[j].{burnRate,budgetConsumed,longWindow,shortWindow}`,
 * or undefined for any other path.
 *
 * @example
 * // on `burnRate: 14.4` in an alert of a 99.9 % / 30d SLO:
 * // "**Burn rate** 14.4× over 1h of a 30d period = 2 % of the error budget; at this rate the whole budget lasts 50h. …"
 */
export function burnRateHover(text: string, region: Region, path: NavPath): string | undefined {
  if (path[0] !== 'slos' || typeof path[1] !== 'number') return undefined;
  const isAlert = path[2] === 'alerts' && typeof path[3] === 'number' && ALERT_KEYS.has(String(path[4])) && path.length === 5;
  const isObjective = (path[2] === 'objective' || path[2] === 'period') && path.length === 3;
  if (!isAlert && !isObjective) return undefined;
  if (region.end - region.start > MAX_REGION) return undefined;
  let value: unknown;
  try {
    const doc = parseDocument(text.slice(region.start, region.end), YAML_PARSE_OPTIONS);
    value = doc.toJS({ maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  if (!isRecord(value) || !Array.isArray(value.slos)) return undefined;
  const slo = value.slos[path[1]];
  if (!isRecord(slo)) return undefined;
  const period = typeof slo.period === 'string' ? slo.period : undefined;
  const objective = objectiveOf(slo);
  if (!period || !parseDuration(period)) return undefined;
  if (isAlert) {
    const alerts = Array.isArray(slo.alerts) ? slo.alerts : [];
    const alert = alerts[path[3] as number];
    if (!isRecord(alert)) return undefined;
    const lines = explainAlert(alert, period, objective);
    return lines.length ? `**Burn-rate arithmetic** (SLO \`${String(slo.name ?? '')}\`: ${objective ?? '?'} % over ${period})\n\n${lines.map((l) => `- ${l}`).join('\n')}` : undefined;
  }
  if (objective === undefined) return undefined;
  const p = parseDuration(period)!;
  const budget = (1 - objective / 100) * p;
  const lines = [`Error budget = (1 − ${objective} %) × ${period} = ${budget >= 60 ? formatDuration(Math.round(budget / 60) * 60) : `${round(budget, 1)}s`} of full outage.`];
  const alerts = Array.isArray(slo.alerts) ? slo.alerts : [];
  alerts.forEach((a, i) => {
    if (!isRecord(a)) return;
    const sub = explainAlert(a, period, objective);
    if (sub.length) lines.push(`Alert ${i + 1} (${String(a.severity ?? '?')}): ${sub.join(' ')}`);
  });
  return `**Error budget** (SLO \`${String(slo.name ?? '')}\`)\n\n${lines.map((l) => `- ${l}`).join('\n')}`;
}

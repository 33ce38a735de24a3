/**
 * Multi-window, multi-burn-rate arithmetic (SRE workbook, "Alerting on SLOs"):
 * - burn rate = budget consumed × period ÷ long window
 * - error-rate threshold = burn rate × (1 − objective)
 * - time to exhaust the whole budget at a burn rate = period ÷ burn rate
 * All functions are pure; results are rounded so that printed values carry no floating-point noise.
 */
import { formatDuration, formatWindow, parseDuration } from './duration';

/** One alerting tier as the user describes it: windows and the share of the budget it may burn. */
export interface TierSpec {
  severity: 'page' | 'ticket';
  longWindow: string;
  shortWindow: string;
  /** Fraction of the period's error budget consumed over the long window (0.02 = 2 %). */
  budgetConsumed: number;
}

/** One computed tier (the JSON the CLI prints with `burn-rate --format json`). */
export interface BurnRateTier {
  severity: 'page' | 'ticket';
  longWindow: string;
  shortWindow: string;
  /** Multiple of the sustainable error rate, rounded to 4 decimals (14.4). */
  burnRate: number;
  /** Fraction of the budget consumed over the long window (0.02). */
  budgetConsumed: number;
  /** Error ratio above which the tier fires: burn rate × (1 − objective), as a fraction (0.0144). */
  errorRateThreshold: number;
  /** How long the whole budget lasts at this burn rate (`50h`, `5d`, `30d`). */
  timeToExhaustion: string;
}

/** A burn-rate table for one objective and period. */
export interface BurnRateTable {
  /** The objective as a fraction (0.999). */
  objective: number;
  /** The period as given (`30d`). */
  period: string;
  tiers: BurnRateTier[];
  /** Tiers that can never fire, windows in the wrong order, tiers skipped for bad input. */
  warnings: string[];
}

/** The reverse calculation: what an observed error rate means for the budget. */
export interface ReverseResult {
  /** Observed error rate ÷ (1 − objective), rounded to 4 decimals. */
  burnRate: number;
  /** The observed error rate as a fraction. */
  errorRate: number;
  /** Fraction of the whole budget consumed if the rate lasts `afterHours` (may exceed 1). */
  budgetConsumedAfter: number;
  /** Fraction of the budget left after `afterHours`, starting from a full budget (never below 0). */
  budgetLeftAfter: number;
  afterHours: number;
  /** How long a full budget lasts at this rate (`∞` when the error rate is 0). */
  timeToExhaustion: string;
  warnings: string[];
}

/**
 * The SRE workbook's recommended tiers (the product's standard): at 99.9 % over 30d they give burn
 * rates 14.4, 6 and 1.
 */
export const WORKBOOK_TIERS: readonly TierSpec[] = Object.freeze([
  { severity: 'page', longWindow: '1h', shortWindow: '5m', budgetConsumed: 0.02 },
  { severity: 'page', longWindow: '6h', shortWindow: '30m', budgetConsumed: 0.05 },
  { severity: 'ticket', longWindow: '3d', shortWindow: '6h', budgetConsumed: 0.1 },
] as const satisfies readonly TierSpec[]);

/**
 * Sloth's four default tiers (two pages, two tickets); over Sloth's default 28d period they give
 * burn rates 13.44, 5.6, 2.8 and 0.9333.
 */
export const SLOTH_TIERS: readonly TierSpec[] = Object.freeze([
  { severity: 'page', longWindow: '1h', shortWindow: '5m', budgetConsumed: 0.02 },
  { severity: 'page', longWindow: '6h', shortWindow: '30m', budgetConsumed: 0.05 },
  { severity: 'ticket', longWindow: '1d', shortWindow: '2h', budgetConsumed: 0.1 },
  { severity: 'ticket', longWindow: '3d', shortWindow: '6h', budgetConsumed: 0.1 },
] as const satisfies readonly TierSpec[]);

/**
 * Rounds to a number of decimals without floating-point noise.
 *
 * @example
 * roundTo(14.400000000000002, 4) // 14.4
 */
export function roundTo(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

/**
 * Rounds to significant digits (for fractions such as thresholds, which may be tiny).
 *
 * @example
 * roundSig(0.014400000000000013) // 0.0144
 */
export function roundSig(x: number, digits = 6): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(digits));
}

/**
 * A fraction as a percent for people, without noise: `0.02` → `2 %`, `0.0144` → `1.44 %`.
 *
 * @example
 * formatPercent(0.0009333) // '0.09333 %'
 */
export function formatPercent(fraction: number, space = true): string {
  const p = roundSig(fraction * 100, 6);
  return `${p}${space ? ' ' : ''}%`;
}

/**
 * The objective fraction from a percent, without noise.
 *
 * @example
 * objectiveFraction(99.9) // 0.999 (not 0.9990000000000001)
 */
export function objectiveFraction(objectivePercent: number): number {
  return roundSig(objectivePercent / 100, 12);
}

/**
 * The error budget (1 − objective) from a percent, without noise.
 *
 * @example
 * errorBudget(99.9) // 0.001
 */
export function errorBudget(objectivePercent: number): number {
  return roundSig((100 - objectivePercent) / 100, 12);
}

function checkObjective(objectivePercent: number): void {
  if (!Number.isFinite(objectivePercent) || objectivePercent <= 0 || objectivePercent >= 100) {
    throw new RangeError(`objective must be a percent between 0 and 100 (exclusive), got ${objectivePercent}`);
  }
}

function checkPeriod(period: string): number {
  const s = parseDuration(period);
  if (s === undefined || s <= 0) throw new RangeError(`period must be a duration such as 30d or 4w, got "${period}"`);
  return s;
}

/**
 * The multi-window burn-rate table for an objective and period.
 * Tiers whose windows do not parse, or whose budget share is not in (0, 1], are skipped with a warning;
 * a tier whose error-rate threshold exceeds 100 % (it can never fire) or whose short window is not
 * shorter than its long window is kept and warned about.
 *
 * @throws RangeError when the objective is not in (0, 100) or the period does not parse.
 * @example
 * computeBurnRateTable(99.9, '30d').tiers.map((t) => t.burnRate) // [14.4, 6, 1]
 * computeBurnRateTable(99.9, '30d').tiers[0].timeToExhaustion    // '50h'
 */
export function computeBurnRateTable(objectivePercent: number, period: string, tiers: readonly TierSpec[] = WORKBOOK_TIERS): BurnRateTable {
  checkObjective(objectivePercent);
  const periodSeconds = checkPeriod(period);
  const budget = errorBudget(objectivePercent);
  const out: BurnRateTable = { objective: objectiveFraction(objectivePercent), period: period.trim(), tiers: [], warnings: [] };
  for (const t of tiers) {
    const label = `${t.severity} ${t.longWindow}/${t.shortWindow}`;
    const long = parseDuration(t.longWindow);
    const short = parseDuration(t.shortWindow);
    if (!long || short === undefined || short <= 0) {
      out.warnings.push(`${label}: windows must be durations such as 1h and 5m; tier skipped`);
      continue;
    }
    if (!(t.budgetConsumed > 0 && t.budgetConsumed <= 1)) {
      out.warnings.push(`${label}: budget consumed must be between 0 and 100 %, got ${formatPercent(t.budgetConsumed)}; tier skipped`);
      continue;
    }
    const exactBurn = (t.budgetConsumed * periodSeconds) / long;
    const burnRate = roundTo(exactBurn, 4);
    const errorRateThreshold = roundSig(burnRate * budget, 6);
    out.tiers.push({
      severity: t.severity,
      longWindow: t.longWindow,
      shortWindow: t.shortWindow,
      burnRate,
      budgetConsumed: roundSig(t.budgetConsumed, 6),
      errorRateThreshold,
      // period ÷ burn rate, computed exactly as long window ÷ budget share (no rounding drift).
      timeToExhaustion: formatDuration(long / t.budgetConsumed),
    });
    if (errorRateThreshold > 1) {
      out.warnings.push(
        `${label}: burn rate ${burnRate} needs an error rate of ${formatPercent(errorRateThreshold)} at a ${roundSig(objectivePercent, 12)} % objective — this tier can never fire; use a longer window or a smaller budget share`,
      );
    }
    if (burnRate < 1) {
      // The same finding as RB005's warning: below 1× the tier fires while the SLO is met.
      out.warnings.push(
        `${label}: burn rate ${burnRate} is below 1 — this tier fires while the service is meeting its SLO; use a longer period, a long window that is a smaller share of the period, or a budget share of at least ${formatPercent(roundSig(long / periodSeconds, 4))}`,
      );
    }
    if (short >= long) {
      out.warnings.push(`${label}: the short window must be shorter than the long window (about ${formatWindow(long / 12)}, long ÷ 12)`);
    }
  }
  return out;
}

/**
 * The reverse calculation: from an observed error rate to a burn rate, the budget left after some
 * hours (starting from a full budget), and how long a full budget lasts at that rate.
 *
 * @throws RangeError when the objective, period, error rate (0…1) or hours (≥ 0) are invalid.
 * @example
 * reverseBurnRate(99.9, '30d', 0.005, 24)
 * // { burnRate: 5, errorRate: 0.005, budgetConsumedAfter: 0.166667, budgetLeftAfter: 0.833333,
 * //   afterHours: 24, timeToExhaustion: '6d', warnings: [] }
 */
export function reverseBurnRate(objectivePercent: number, period: string, errorRate: number, afterHours = 1): ReverseResult {
  checkObjective(objectivePercent);
  const periodSeconds = checkPeriod(period);
  if (!Number.isFinite(errorRate) || errorRate < 0 || errorRate > 1) throw new RangeError(`error rate must be a fraction between 0 and 1, got ${errorRate}`);
  if (!Number.isFinite(afterHours) || afterHours < 0) throw new RangeError(`afterHours must be zero or more, got ${afterHours}`);
  const budget = errorBudget(objectivePercent);
  const exactBurn = errorRate / budget;
  const consumed = (exactBurn * afterHours * 3600) / periodSeconds;
  const warnings: string[] = [];
  if (consumed >= 1) {
    warnings.push(`at ${formatPercent(errorRate)} errors the whole budget is gone after ${formatDuration(periodSeconds / exactBurn)}, before ${roundSig(afterHours, 6)}h`);
  }
  if (exactBurn === 0) warnings.push('an error rate of 0 never consumes the budget');
  return {
    burnRate: roundTo(exactBurn, 4),
    errorRate: roundSig(errorRate, 12),
    budgetConsumedAfter: roundSig(consumed, 6),
    budgetLeftAfter: roundSig(Math.max(0, 1 - consumed), 6),
    afterHours,
    timeToExhaustion: exactBurn === 0 ? formatDuration(Infinity) : formatDuration(periodSeconds / exactBurn),
    warnings,
  };
}

/**
 * Hover text for a burn rate in a runbook: the budget share it consumes over its long window and how
 * long the whole budget lasts at that rate. Returns an empty string when a duration does not parse.
 *
 * @example
 * explainBurnRate(14.4, '1h', '30d')
 * // '14.4× over 1h of a 30d period = 2 % of the error budget; at this rate the whole budget lasts 50h'
 */
export function explainBurnRate(burnRate: number, longWindow: string, period: string): string {
  const long = parseDuration(longWindow);
  const p = parseDuration(period);
  if (!long || !p || !Number.isFinite(burnRate) || burnRate <= 0) return '';
  const share = (burnRate * long) / p;
  return `${roundTo(burnRate, 4)}× over ${longWindow.trim()} of a ${period.trim()} period = ${roundTo(share * 100, 2)} % of the error budget; at this rate the whole budget lasts ${formatDuration(p / burnRate)}`;
}

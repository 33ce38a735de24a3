/**
 * Arguments of `mlRunbooks.burnRateCalculator` and their validation (pure: no vscode).
 */
import {
  parseObjectiveInput,
  parsePeriodInput,
  parseErrorRateInput,
  WORKBOOK_TIERS,
  SLOTH_TIERS,
  type TierSpec,
  type BurnRateTable,
  type ReverseResult,
} from '../../../server/src/core/slo/index';

/** Arguments of the command (all optional except objective and period). */
export interface BurnRateArgs {
  /** Percent, e.g. 99.9 or "99.9%". */
  objective: number | string;
  /** Duration, e.g. "30d". */
  period: string;
  preset?: 'workbook' | 'sloth' | 'custom';
  /** The tiers of the `custom` preset (budgetConsumed as a fraction). */
  tiers?: TierSpec[];
  /** Observed error rate: a fraction (0.005) or a string ("0.5%", "0.005"). */
  errorRate?: number | string;
  /** Hours the observed rate lasts, for the budget left (default 1, as the CLI). */
  afterHours?: number;
  /** Insert the result at the cursor of the active editor. Default none. */
  insert?: 'markdown' | 'slos' | 'prometheus' | 'none';
  errorRatioMetric?: string;
  sloName?: string;
  /** Also show the result panel (default: false with arguments). */
  show?: boolean;
}

export type BurnRateResult = BurnRateTable | ReverseResult;

export const PRESET_LABEL = { workbook: 'SRE workbook tiers', sloth: 'Sloth tiers', custom: 'custom windows' } as const;

/** The tiers a preset stands for (`custom` starts from the workbook's until its own are given). */
export function presetTiers(preset: keyof typeof PRESET_LABEL): readonly TierSpec[] {
  return preset === 'sloth' ? SLOTH_TIERS : WORKBOOK_TIERS;
}

/** Validates the command arguments into core inputs; throws an Error with a clear message. */
export function resolveArgs(args: BurnRateArgs): { objective: number; period: string; preset: keyof typeof PRESET_LABEL; tiers: readonly TierSpec[]; errorRate?: number; afterHours?: number } {
  if (!args || typeof args !== 'object') throw new Error('burnRateCalculator: expected an argument object { objective, period, … }');
  const o = parseObjectiveInput(String(args.objective ?? ''));
  if (o.value === undefined) throw new Error(`objective: ${o.error ?? 'invalid'}`);
  const p = parsePeriodInput(String(args.period ?? ''));
  if (p.value === undefined) throw new Error(`period: ${p.error ?? 'invalid'}`);
  const preset = args.preset ?? (args.tiers ? 'custom' : 'workbook');
  if (!(preset in PRESET_LABEL)) throw new Error(`preset: expected workbook, sloth or custom, got "${String(preset)}"`);
  let tiers = presetTiers(preset);
  if (preset === 'custom') {
    if (!Array.isArray(args.tiers) || !args.tiers.length) throw new Error('tiers: the custom preset needs at least one tier { severity, longWindow, shortWindow, budgetConsumed }');
    tiers = args.tiers.map((t, i) => {
      if (!t || (t.severity !== 'page' && t.severity !== 'ticket') || typeof t.longWindow !== 'string' || typeof t.shortWindow !== 'string' || typeof t.budgetConsumed !== 'number') {
        throw new Error(`tiers[${i}]: expected { severity: 'page' | 'ticket', longWindow: '1h', shortWindow: '5m', budgetConsumed: 0.02 }`);
      }
      return { severity: t.severity, longWindow: t.longWindow, shortWindow: t.shortWindow, budgetConsumed: t.budgetConsumed };
    });
  }
  const out: ReturnType<typeof resolveArgs> = { objective: o.value, period: p.value, preset, tiers };
  if (args.errorRate !== undefined && args.errorRate !== null && args.errorRate !== '') {
    const r = typeof args.errorRate === 'number' ? (args.errorRate >= 0 && args.errorRate <= 1 ? { value: args.errorRate } : { error: `${args.errorRate} is not a fraction between 0 and 1` }) : parseErrorRateInput(args.errorRate);
    if (r.value === undefined) throw new Error(`errorRate: ${r.error ?? 'invalid'}`);
    out.errorRate = r.value;
  }
  if (args.afterHours !== undefined) {
    if (typeof args.afterHours !== 'number' || !Number.isFinite(args.afterHours) || args.afterHours < 0) throw new Error('afterHours: expected a number of hours ≥ 0');
    out.afterHours = args.afterHours;
  }
  return out;
}

/**
 * RB005 burn-rate — the burn-rate arithmetic of an SLO alert tier is wrong.
 *
 * Rationale: a multi-window, multi-burn-rate alert is only as good as its numbers. Three mistakes
 * are common and silent: a `budgetConsumed` that does not match `burnRate × longWindow ÷ period`
 * (±5 %), a burn rate so high that `burnRate × (1 − objective)` exceeds 100 % (the alert can never
 * fire), and a short window that is not shorter than the long one (it no longer confirms a recent
 * burn). Quick fixes set `budgetConsumed` from the burn rate or `burnRate` from the budget share,
 * written in the user's own style (`2%`, `2 %` or `0.02`). A fourth finding is a warning: a burn
 * rate below 1 fires while the service is meeting its SLO (the workbook's 3d / 10 % tier re-derived
 * for a 7-day period gives 0.233×); which of period, window or budget share to change is the
 * author's choice, so its one quick fix (not preferred) keeps the windows and makes the tier 1×.
 */
import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { YAMLMap } from 'yaml';
import type { Fix } from '../../types';
import type { RunbookContext, RunbookRule } from '../context';
import { keyOf, nodeAt } from '../context';
import { errorBudget, formatWindow, parseDuration, roundSig, roundTo } from '../../slo';

/** Relative tolerance between `budgetConsumed` and `burnRate × longWindow ÷ period`. */
export const BUDGET_TOLERANCE = 0.05;

/** One alert tier of an SLO, with its scalar nodes and parsed values (undefined when absent or invalid). */
export interface AlertTier {
  objective?: number;
  period?: number;
  periodText?: string;
  longWindow?: number;
  longText?: string;
  shortWindow?: number;
  shortText?: string;
  shortNode?: Scalar;
  burnRate?: number;
  burnNode?: Scalar;
  budgetConsumed?: number;
  budgetNode?: Scalar;
}

/** The scalar value (with a range) of `key` in a mapping, as `nodeAt(doc, [...path, key])` finds it. */
function scalarIn(map: YAMLMap, key: string): Scalar | undefined {
  const pair = map.items.find((p) => keyOf(p) === key);
  const n = pair?.value;
  return isScalar(n) && n.range ? n : undefined;
}

function durationOf(s: Scalar | undefined): number | undefined {
  if (!s || typeof s.value !== 'string') return undefined;
  const v = parseDuration(s.value);
  return v && v > 0 ? v : undefined;
}

/**
 * `budgetConsumed` as a fraction: `2%` / `2 %` (a percent string) or a number in (0, 1] (a fraction).
 *
 * @example
 * parseBudgetConsumed('2%') // 0.02
 * parseBudgetConsumed(0.05) // 0.05
 */
export function parseBudgetConsumed(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 && v <= 1 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*%\s*$/.exec(v);
  if (!m) return undefined;
  const f = Number(m[1]) / 100;
  return f > 0 && f <= 1 ? roundSig(f, 12) : undefined;
}

/** The alert tiers per document: every tier's nodes belong to that document, so they stay valid with it. */
const tiersCache = new WeakMap<object, AlertTier[]>();

/**
 * Every alert tier of every SLO in the document, with its scalar nodes and parsed values (shared by
 * RB005 and RB006).
 *
 * @example
 * alertTiers(ctx).filter((t) => t.shortWindow !== undefined && t.shortWindow >= (t.longWindow ?? Infinity))
 */
export function alertTiers(ctx: RunbookContext): AlertTier[] {
  // RB005 and RB006 both read the tiers of the same document (and a cached parse reuses the document).
  const cached = tiersCache.get(ctx.doc);
  if (cached) return cached;
  const out: AlertTier[] = [];
  tiersCache.set(ctx.doc, out);
  const slos = nodeAt(ctx.doc.doc, ['slos']);
  if (!isSeq(slos)) return out;
  for (let i = 0; i < slos.items.length; i++) {
    const slo = slos.items[i];
    if (!isMap(slo)) continue;
    const objNode = scalarIn(slo, 'objective');
    const objective = typeof objNode?.value === 'number' && objNode.value > 0 && objNode.value < 100 ? objNode.value : undefined;
    const periodNode = scalarIn(slo, 'period');
    const alertsPair = slo.items.find((p) => keyOf(p) === 'alerts');
    const alerts = alertsPair?.value;
    if (!isSeq(alerts)) continue;
    for (let j = 0; j < alerts.items.length; j++) {
      const alert = alerts.items[j];
      if (!isMap(alert)) continue;
      const longNode = scalarIn(alert, 'longWindow');
      const shortNode = scalarIn(alert, 'shortWindow');
      const burnNode = scalarIn(alert, 'burnRate');
      const budgetNode = scalarIn(alert, 'budgetConsumed');
      out.push({
        objective,
        period: durationOf(periodNode),
        periodText: typeof periodNode?.value === 'string' ? periodNode.value.trim() : undefined,
        longWindow: durationOf(longNode),
        longText: typeof longNode?.value === 'string' ? longNode.value.trim() : undefined,
        shortWindow: durationOf(shortNode),
        shortText: typeof shortNode?.value === 'string' ? shortNode.value.trim() : undefined,
        shortNode,
        burnRate: typeof burnNode?.value === 'number' && Number.isFinite(burnNode.value) && burnNode.value > 0 ? burnNode.value : undefined,
        burnNode,
        budgetConsumed: parseBudgetConsumed(budgetNode?.value),
        budgetNode,
      });
    }
  }
  return out;
}

/**
 * An edit that replaces a scalar's text, keeping its quote style.
 *
 * @example
 * // node is the scalar written "10 %" (double-quoted)
 * replaceScalar(node, '20 %') // { start, end, newText: '"20 %"' }
 */
export function replaceScalar(node: Scalar, newValue: string): { start: number; end: number; newText: string } {
  const [start, end] = node.range!;
  const q = node.type === Scalar.QUOTE_DOUBLE ? '"' : node.type === Scalar.QUOTE_SINGLE ? "'" : '';
  return { start, end, newText: `${q}${newValue}${q}` };
}

/** A budget share written like the user's own value: `2%`, `2 %` or a fraction `0.02`. */
function formatBudgetLike(original: unknown, fraction: number): string {
  if (typeof original === 'string') {
    const pct = roundSig(fraction * 100, 4);
    return /\s%\s*$/.test(original) ? `${pct} %` : `${pct}%`;
  }
  return String(roundSig(fraction, 4));
}

function pct(fraction: number): string {
  return `${roundSig(fraction * 100, 4)} %`;
}

export const burnRate: RunbookRule = {
  id: 'RB005',
  name: 'burn-rate',
  description: 'The burn-rate arithmetic of an SLO alert must add up: budgetConsumed = burnRate × longWindow ÷ period (±5 %), the alert must be able to fire, and shortWindow < longWindow.',
  defaultSeverity: 'error',
  check(ctx, report) {
    for (const t of alertTiers(ctx)) {
      // Short window not shorter than the long one.
      if (t.shortWindow && t.longWindow && t.shortNode && t.shortWindow >= t.longWindow) {
        const suggested = formatWindow(t.longWindow / 12);
        const fixes: Fix[] = [{ title: `Set shortWindow to ${suggested} (longWindow ÷ 12)`, edits: [replaceScalar(t.shortNode, suggested)], isPreferred: true }];
        report({
          message: `shortWindow ${t.shortText} is not shorter than longWindow ${t.longText}; use about longWindow ÷ 12 (${suggested})`,
          start: t.shortNode.range![0],
          end: t.shortNode.range![1],
          fixes,
        });
      }
      // The alert can never fire.
      if (t.burnRate !== undefined && t.objective !== undefined && t.burnNode) {
        const budget = errorBudget(t.objective);
        const threshold = t.burnRate * budget;
        if (threshold > 1) {
          report({
            message: `burnRate ${t.burnRate} needs an error rate of ${pct(threshold)} at a ${t.objective} % objective, so this alert can never fire; use a burnRate of at most ${roundTo(1 / budget, 4)}`,
            start: t.burnNode.range![0],
            end: t.burnNode.range![1],
          });
        }
      }
      // A tier below 1× fires while the service is meeting its SLO (a warning, not an error).
      if (t.burnRate !== undefined && t.burnRate < 1 && t.burnNode) {
        const parts = [`burnRate ${t.burnRate} is below 1: this tier fires while the service is meeting its SLO`];
        if (t.objective !== undefined) {
          const budget = errorBudget(t.objective);
          parts[0] += ` (it fires at an error rate of ${pct(t.burnRate * budget)}, under the ${pct(budget)} a ${t.objective} % objective allows)`;
        }
        let fix = 'use a longer period, or a long window that is a smaller share of the period';
        const fixes: Fix[] = [];
        if (t.period && t.longWindow && t.longWindow < t.period) {
          const share = t.longWindow / t.period;
          fix += `, or a budgetConsumed of at least ${pct(share)} (longWindow ÷ period ${t.longText} ÷ ${t.periodText})`;
          // The one repair that keeps the author's windows: a 1× tier (the workbook's slow-burn ticket),
          // which fires only when the error rate reaches what the objective allows.
          const edits = [replaceScalar(t.burnNode, '1')];
          if (t.budgetNode) edits.push(replaceScalar(t.budgetNode, formatBudgetLike(t.budgetNode.value, share)));
          fixes.push({ title: `Make it a 1× tier: burnRate 1${t.budgetNode ? `, budgetConsumed ${formatBudgetLike(t.budgetNode.value, share)}` : ''} (longWindow ÷ period)`, edits });
        }
        report({
          message: `${parts[0]}; ${fix}.`,
          severity: 'warning',
          start: t.burnNode.range![0],
          end: t.burnNode.range![1],
          ...(fixes.length ? { fixes } : {}),
        });
      }
      // budgetConsumed vs burnRate × longWindow ÷ period.
      if (t.burnRate !== undefined && t.budgetConsumed !== undefined && t.period && t.longWindow && t.budgetNode && t.burnNode) {
        const expected = (t.burnRate * t.longWindow) / t.period;
        if (Math.abs(t.budgetConsumed - expected) > BUDGET_TOLERANCE * expected) {
          const fixes: Fix[] = [];
          if (expected <= 1) {
            const v = formatBudgetLike(t.budgetNode.value, expected);
            fixes.push({ title: `Set budgetConsumed to ${v} (burnRate × longWindow ÷ period)`, edits: [replaceScalar(t.budgetNode, v)], isPreferred: true });
          }
          const impliedBurn = roundTo((t.budgetConsumed * t.period) / t.longWindow, 4);
          fixes.push({ title: `Set burnRate to ${impliedBurn} (implied by budgetConsumed ${String(t.budgetNode.value).trim()})`, edits: [replaceScalar(t.burnNode, String(impliedBurn))] });
          report({
            message: `budgetConsumed ${String(t.budgetNode.value).trim()} disagrees with burnRate ${t.burnRate}: over ${t.longText} of ${t.periodText} it consumes ${pct(expected)} of the budget; make them agree`,
            start: t.budgetNode.range![0],
            end: t.budgetNode.range![1],
            fixes,
          });
        }
      }
    }
  },
};

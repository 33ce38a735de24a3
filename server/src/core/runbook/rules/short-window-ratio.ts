/**
 * RB006 short-window-ratio — `shortWindow` far from `longWindow ÷ 12`.
 *
 * Rationale: the SRE workbook pairs each long window with a short one of 1/12 its length (1h/5m,
 * 6h/30m, 3d/6h). Much longer, and the alert keeps firing long after the burn stopped; much shorter,
 * and it flaps on noise. A hint, because other ratios can be deliberate. Outside ×0.5–×2 of the
 * workbook's ratio it suggests `longWindow ÷ 12`. A short window that is not shorter than the long
 * one is RB005's error instead.
 */
import type { RunbookRule } from '../context';
import { formatWindow, parseDuration } from '../../slo';
import { alertTiers, replaceScalar } from './burn-rate';

/** The accepted band around longWindow ÷ 12, as multiples of it. */
export const SHORT_WINDOW_BAND: readonly [number, number] = [0.5, 2];

export const shortWindowRatio: RunbookRule = {
  id: 'RB006',
  name: 'short-window-ratio',
  description: "An alert's shortWindow should be about longWindow ÷ 12 (the SRE workbook's ratio).",
  defaultSeverity: 'hint',
  check(ctx, report) {
    for (const t of alertTiers(ctx)) {
      if (!t.shortWindow || !t.longWindow || !t.shortNode || t.shortWindow >= t.longWindow) continue;
      const ideal = t.longWindow / 12;
      const ratio = t.shortWindow / ideal;
      if (ratio >= SHORT_WINDOW_BAND[0] && ratio <= SHORT_WINDOW_BAND[1]) continue;
      const suggested = formatWindow(ideal);
      if (suggested === t.shortText || parseDuration(suggested) === t.shortWindow) continue;
      report({
        message: `shortWindow ${t.shortText} is ${ratio > 1 ? 'long' : 'short'} for longWindow ${t.longText}; the workbook uses longWindow ÷ 12 (${suggested}) so the alert resets quickly without flapping`,
        start: t.shortNode.range![0],
        end: t.shortNode.range![1],
        fixes: [{ title: `Set shortWindow to ${suggested}`, edits: [replaceScalar(t.shortNode, suggested)], isPreferred: true }],
      });
    }
  },
};

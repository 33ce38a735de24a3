import type { RunbookRule } from '../context';
import { rangeAt } from '../context';
import { isRecord } from '../schema';
import { ISO_DATE, parseDate } from '../../time';

const DAY_MS = 86_400_000;

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * RB007 — `metadata.lastReviewed` is older than `mlRunbooks.staleAfterDays` (180 days by default),
 * in the future, or not a real date.
 *
 * Rationale: runbooks rot. Dashboards move, metrics are renamed, the team that owned the model is
 * re-orged; a runbook nobody has read for six months sends the on-call engineer down dead ends at
 * the worst moment. The review date makes the rot visible. A missing date is not flagged (the key is
 * optional); a malformed one is a schema error (RB001), an impossible one (2026-02-30) is flagged here.
 */
export const staleReview: RunbookRule = {
  id: 'RB007',
  name: 'stale-review',
  description: 'metadata.lastReviewed is a real date, not in the future, and no older than staleAfterDays.',
  defaultSeverity: 'warning',
  check(ctx, report) {
    const v = ctx.doc.value;
    if (!isRecord(v) || !isRecord(v.metadata)) return;
    const raw = v.metadata.lastReviewed;
    if (typeof raw !== 'string' || !ISO_DATE.test(raw.trim())) return; // RB001 reports other shapes
    const [start, end] = rangeAt(ctx.doc, ['metadata', 'lastReviewed'], 'value');
    const date = parseDate(raw);
    if (!date) {
      report({ message: `'metadata.lastReviewed' is not a real date (${raw}): write the date of the last review as YYYY-MM-DD.`, start, end });
      return;
    }
    const now = ctx.env.now ?? new Date();
    const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const age = Math.round((today.getTime() - date.getTime()) / DAY_MS);
    const limit = ctx.env.config.staleAfterDays;
    const fix = {
      title: `Mark as reviewed today (${isoDay(today)})`,
      edits: [{ start, end, newText: isoDay(today) }],
    };
    if (age < -1) {
      report({ message: `'metadata.lastReviewed' (${raw}) is in the future: use the date the runbook was last reviewed.`, start, end, fixes: [fix] });
    } else if (age > limit) {
      report({
        message: `Runbook last reviewed ${age} days ago (${raw}), more than the ${limit} allowed: review it with the on-call team, then update lastReviewed.`,
        start,
        end,
        fixes: [fix],
      });
    }
  },
};

import type { PostmortemRule } from '../context';
import type { ParsedPostmortem, Section } from '../parse';
import { itemsIn, sectionsOf, tablesIn } from '../parse';
import { headingRange } from '../util';

/** An action item: a list item (checkbox or not) or a table row of an Action items section. */
export interface ActionItem {
  text: string;
  /** Offsets of the item's first line text (the finding range). */
  start: number;
  end: number;
}

/** What a loop-closing action changes, for messages and docs. */
export const LOOP_CLOSERS: ReadonlyArray<[string, RegExp]> = [
  ['monitoring', /\b(monitor\w*|alert\w*|dashboards?|detectors?|paging|pager|slos?|slis?|thresholds?|observability|drift checks?|burn[- ]rate)\b/i],
  ['a runbook', /\b(runbooks?|playbooks?)\b/i],
  ['a guardrail', /\b(guardrails?|validation|validate[sd]?|schema (?:checks?|contracts?|tests?)|data contracts?|contract tests?|circuit[- ]breakers?|fallbacks?|kill[- ]switch\w*|rate[- ]limit\w*|input checks?|sanity checks?)\b/i],
  ['a promotion gate', /\b(promotion|gates?|gating|shadow (?:mode|deploy\w*|traffic)|canar(?:y|ies)|offline eval\w*|backtest\w*|release checks?)\b/i],
  ['the severity rubric', /\b(severity|rubric|sev[123])\b/i],
];

const OWNER = /(^|[^\w@/.])@[A-Za-z0-9][\w.-]*/;
const DUE = /\b\d{4}-\d{2}-\d{2}\b/;
const TICKET = /\b[A-Z][A-Z0-9]{1,9}-\d+\b|(^|\s|\()#\d+\b|https?:\/\/\S+/;

/** The action items of the post-mortem (all its Action items sections). */
export function actionItems(pm: ParsedPostmortem, secs: Section[] = sectionsOf(pm, 'action-items')): ActionItem[] {
  const out: ActionItem[] = [];
  for (const s of secs) {
    for (const it of itemsIn(pm, s)) out.push({ text: it.fullText.replace(/<!--[\s\S]*?-->/g, ''), start: it.textStart, end: it.textEnd });
    for (const t of tablesIn(pm, s)) {
      for (const r of t.rows) {
        const text = pm.text.slice(r.start, r.end);
        const first = r.cells[0];
        out.push({ text: text.replace(/<!--[\s\S]*?-->/g, ''), start: first ? first.start : r.start, end: first ? first.end : r.end });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * PM007 — action items close the loop.
 *
 * Rationale: a post-mortem whose actions change nothing that would catch or prevent the next
 * incident has not closed the loop. At least one action must change monitoring, a runbook, a
 * guardrail, a promotion gate or the severity rubric (error). Every action needs an owner (`@handle`)
 * and a due date (`YYYY-MM-DD`) or a ticket (`ABC-123`, `#123`, a URL) (warning), or it will not happen.
 */
export const actionItemsRule: PostmortemRule = {
  id: 'PM007',
  name: 'action-items',
  description: 'Action items must close the loop and each needs an @owner and a due date or ticket.',
  defaultSeverity: 'error',
  check(ctx, report) {
    const { pm } = ctx;
    const secs = sectionsOf(pm, 'action-items');
    if (!secs.length) return;
    const [hs, he] = headingRange(secs[0]!);
    const items = actionItems(pm, secs);
    if (!items.length) {
      report({
        message: 'No action items: add owned, dated changes (list items) — at least one to monitoring, a runbook, a guardrail, a promotion gate or the severity rubric.',
        start: hs,
        end: he,
      });
      return;
    }
    if (!items.some((it) => LOOP_CLOSERS.some(([, re]) => re.test(it.text)))) {
      report({
        message: 'The loop is not closed: no action item changes monitoring, a runbook, a guardrail, a promotion gate or the severity rubric.',
        start: hs,
        end: he,
      });
    }
    for (const it of items) {
      const noOwner = !OWNER.test(it.text);
      const noWhen = !DUE.test(it.text) && !TICKET.test(it.text);
      if (!noOwner && !noWhen) continue;
      const what = noOwner && noWhen ? 'an owner (@handle) and a due date (YYYY-MM-DD) or ticket' : noOwner ? 'an owner (@handle)' : 'a due date (YYYY-MM-DD) or a ticket (ABC-123, #123, URL)';
      report({ severity: 'warning', message: `Action item without ${what}: unowned, undated actions do not get done.`, start: it.start, end: it.end });
    }
  },
};

import type { PostmortemRule } from '../context';
import type { ParsedPostmortem, Section } from '../parse';
import { itemsIn, sectionsOf, tablesIn } from '../parse';
import { headingRange, normLabel } from '../util';
import { TEMPLATE_ACTIONS } from '../sections';
import { replaceHtmlComments } from '../../htmlComments';

/** An action item: a list item (checkbox or not) or a table row of an Action items section. */
export interface ActionItem {
  text: string;
  /** The first line's text after the list marker and checkbox. */
  head: string;
  /** The item's checkbox, when it has one. */
  checked?: boolean;
  /** Offsets of the item's first line text (the finding range). */
  start: number;
  end: number;
}

/**
 * The playbook's five action categories with the highest rate of preventing recurrence, and the words
 * that put an action item in each. The template's own options map to them: "Update drift detector
 * reference window / threshold" and "Add/improve quality SLI" → a detection signal, "Fix/add runbook
 * step" → the runbook, "Reduce tool/data blast radius for LLM incidents" → the blast radius, "Tighten
 * model promotion gate" → promotion gates.
 */
export const ACTION_CATEGORIES: ReadonlyArray<{ id: 'detection' | 'runbook' | 'blast-radius' | 'promotion-gate' | 'severity-rubric'; label: string; pattern: RegExp }> = [
  {
    id: 'detection',
    label: 'add or tighten a detection signal',
    pattern: /\b(detection signal|signal|detect\w*|monitor\w*|alert\w*|dashboards?|paging|pager|slos?|slis?|thresholds?|reference window|observability|drift checks?|burn[- ]rate|null[- ]rate)\b/i,
  },
  { id: 'runbook', label: 'fix the runbook', pattern: /\b(runbooks?|playbooks?)\b/i },
  {
    id: 'blast-radius',
    label: 'reduce the blast radius',
    pattern: /\b(blast radius|least[- ]privilege|segregat\w*|isolat\w*|sandbox\w*|guardrails?|validation|validate[sd]?|schema (?:checks?|contracts?|tests?)|data contracts?|contract (?:checks?|tests?)|circuit[- ]breakers?|fallbacks?|kill[- ]switch\w*|rate[- ]limit\w*|input checks?|sanity checks?|replica floor|load[- ]shed\w*|shed load)\b/i,
  },
  { id: 'promotion-gate', label: 'improve promotion gates', pattern: /\b(promotion|gates?|gating|shadow (?:mode|deploy\w*|traffic)|canar(?:y|ies)|offline eval\w*|backtest\w*|release checks?)\b/i },
  { id: 'severity-rubric', label: 'update the severity rubric', pattern: /\b(severity|rubric|sev[123])\b/i },
];

/** The categories an action item's text falls in. */
export function actionCategories(text: string): Array<(typeof ACTION_CATEGORIES)[number]['id']> {
  return ACTION_CATEGORIES.filter((c) => c.pattern.test(text)).map((c) => c.id);
}

const CATEGORY_LIST = 'add or tighten a detection signal, fix the runbook, reduce the blast radius, improve promotion gates, or update the severity rubric';
const TEMPLATE_OPTIONS = new Set(TEMPLATE_ACTIONS.map((a) => normLabel(a)));

const OWNER = /(^|[^\w@/.])@[A-Za-z0-9][\w.-]*/;
const DUE = /\b\d{4}-\d{2}-\d{2}\b/;
const TICKET = /\b[A-Z][A-Z0-9]{1,9}-\d+\b|(^|\s|\()#\d+\b|https?:\/\/\S+/;

/** The action items of the post-mortem (all its Action items sections). */
export function actionItems(pm: ParsedPostmortem, secs: Section[] = sectionsOf(pm, 'action-items')): ActionItem[] {
  const out: ActionItem[] = [];
  for (const s of secs) {
    for (const it of itemsIn(pm, s)) {
      out.push({
        text: replaceHtmlComments(it.fullText),
        head: replaceHtmlComments(it.text),
        ...(it.checkbox ? { checked: it.checkbox.checked } : {}),
        start: it.textStart,
        end: it.textEnd,
      });
    }
    for (const t of tablesIn(pm, s)) {
      for (const r of t.rows) {
        const text = pm.text.slice(r.start, r.end);
        const first = r.cells[0];
        const clean = replaceHtmlComments(text);
        out.push({ text: clean, head: clean, start: first ? first.start : r.start, end: first ? first.end : r.end });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Whether an action item has an owner (`@handle`) and a due date or a ticket. */
export function isOwned(text: string): boolean {
  return OWNER.test(text) && (DUE.test(text) || TICKET.test(text));
}

/** Whether an item is one of the template's options left as pasted: unticked, unassigned, word for word. */
export function isTemplateLeftover(it: ActionItem): boolean {
  return it.checked !== true && !OWNER.test(it.text) && !DUE.test(it.text) && !TICKET.test(it.text) && TEMPLATE_OPTIONS.has(normLabel(it.head));
}

/**
 * PM007 — action items close the loop, in the playbook's five categories: (1) add or tighten a
 * detection signal (drift detector, alert, SLI, monitoring), (2) fix the runbook, (3) reduce the blast
 * radius, (4) improve promotion gates, (5) update the severity rubric.
 *
 * Rationale: "a post-mortem that ends without a concrete change to monitoring, the runbook, or a
 * guardrail has not closed the loop". Only an owned item — an `@handle` and a due date (`YYYY-MM-DD`)
 * or a ticket (`ABC-123`, `#123`, a URL) — in one of the categories closes it (error otherwise). Any
 * other item without an owner or a due date / ticket is a warning. The template's options left
 * unticked and unassigned, word for word, are leftovers of the paste: a hint ("remove it or assign
 * it"); they neither close the loop nor get owner warnings.
 */
export const actionItemsRule: PostmortemRule = {
  id: 'PM007',
  name: 'action-items',
  description: 'An owned action item (@owner and a due date or ticket) in one of the playbook\'s five categories must close the loop; every action item needs an owner and a due date or ticket.',
  defaultSeverity: 'error',
  check(ctx, report) {
    const { pm } = ctx;
    const secs = sectionsOf(pm, 'action-items');
    if (!secs.length) return;
    const [hs, he] = headingRange(secs[0]!);
    const items = actionItems(pm, secs);
    if (!items.length) {
      report({ message: `No action items: add owned changes (an @owner and a due date or ticket) that ${CATEGORY_LIST}.`, start: hs, end: he });
      return;
    }
    const leftovers = items.filter(isTemplateLeftover);
    const real = items.filter((it) => !leftovers.includes(it));
    if (!real.some((it) => isOwned(it.text) && actionCategories(it.text).length > 0)) {
      report({
        message: `The loop is not closed: no owned action item (an @owner and a due date or ticket) that would ${CATEGORY_LIST}.`,
        start: hs,
        end: he,
      });
    }
    for (const it of leftovers) {
      report({
        severity: 'hint',
        message: `Template option left as pasted: remove it or assign it (an @owner and a due date or ticket) — unassigned, it does not close the loop.`,
        start: it.start,
        end: it.end,
      });
    }
    for (const it of real) {
      const noOwner = !OWNER.test(it.text);
      const noWhen = !DUE.test(it.text) && !TICKET.test(it.text);
      if (!noOwner && !noWhen) continue;
      const what = noOwner && noWhen ? 'an owner (@handle) and a due date (YYYY-MM-DD) or ticket' : noOwner ? 'an owner (@handle)' : 'a due date (YYYY-MM-DD) or a ticket (ABC-123, #123, URL)';
      report({ severity: 'warning', message: `Action item without ${what}: unowned, undated actions do not get done.`, start: it.start, end: it.end });
    }
  },
};

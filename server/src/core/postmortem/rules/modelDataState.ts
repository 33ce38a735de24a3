import type { PostmortemRule } from '../context';
import type { ListItem } from '../parse';
import { itemsIn, sectionsOf } from '../parse';
import { STATE_FIELDS } from '../sections';
import { parseTimestamp, formatUtc } from '../time';
import { appendToSection, headingRange, isUnanswered, normLabel, splitQA, type QA } from '../util';

const LEADING_TS = /^(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})(?![\w]))?)/i;
const ANY_DATE = /\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:\s*(?:Z|UTC|[+-]\d{2}:?\d{2})(?![\w]))?/gi;
const NOT_APPLICABLE = /^(n\/a|na|none|not applicable|no deploy|no pipeline)\b/i;

/**
 * PM005 — model and data state. The section records, as list items `- Field: value`:
 * Model version, Last model deploy (timestamp), Feature pipeline run (timestamp), Training data window
 * and Reference data window (`2026-08-01 → 2026-10-31` or free text like "rolling 28 days").
 *
 * Rationale: an ML incident cannot be replayed without knowing which model served, when it was last
 * deployed and which data it saw. An empty or missing field is a warning; a timestamp that does not
 * parse is a warning; a last deploy after `incidentStart` is a warning (the deploy that matters is the
 * one before the impact — or the incident start is wrong).
 */
export const modelDataStateRule: PostmortemRule = {
  id: 'PM005',
  name: 'model-data-state',
  description: 'Model and data state fields filled in, timestamps parse, and the last deploy precedes the incident.',
  defaultSeverity: 'warning',
  check(ctx, report) {
    const { pm } = ctx;
    const secs = sectionsOf(pm, 'model-data-state');
    if (!secs.length) return;
    const found = new Map<string, { item: ListItem; qa: QA }>();
    for (const s of secs) {
      for (const item of itemsIn(pm, s)) {
        const qa = splitQA(item);
        const label = normLabel(qa.label);
        const f = STATE_FIELDS.find((x) => label.startsWith(normLabel(x.label)));
        if (f && !found.has(f.label)) found.set(f.label, { item, qa });
      }
    }
    const sec = secs[0]!;
    const [hs, he] = headingRange(sec);
    for (const field of STATE_FIELDS) {
      const hit = found.get(field.label);
      if (!hit) {
        report({
          message: `Model and data state does not record "${field.label}": add \`- ${field.label}: …\`.`,
          start: hs,
          end: he,
          fixes: [{ title: `Add the "${field.label}" field`, edits: [appendToSection(pm, sec, `- ${field.label}: \n`)] }],
        });
        continue;
      }
      const { item, qa } = hit;
      const answer = qa.answer.replace(/<!--[\s\S]*?(-->|$)/g, '').replace(/[`*]/g, '').trim();
      const range = { start: qa.answerStart, end: qa.answerEnd };
      if (isUnanswered(answer) && !qa.hasMore) {
        report({ message: `"${field.label}" is empty: record it (or write n/a and why).`, start: item.textStart, end: item.textEnd });
        continue;
      }
      if (field.kind === 'timestamp') {
        if (NOT_APPLICABLE.test(answer)) continue;
        const m = LEADING_TS.exec(answer);
        const t = m ? parseTimestamp(m[1]!.trim()) : undefined;
        if (!t) {
          report({ message: `"${field.label}" should start with a timestamp like 2026-11-20T09:14Z, not "${answer.slice(0, 40)}".`, ...range });
          continue;
        }
        const start = pm.meta.incidentStart?.date;
        if (field.label === 'Last model deploy' && start && t.date.getTime() > start.getTime()) {
          report({
            message: `Last model deploy (${formatUtc(t.date)}) is after incidentStart (${formatUtc(start)}): record the deploy that was serving when the impact began, or correct incidentStart.`,
            ...range,
          });
        }
      } else if (field.kind === 'window') {
        ANY_DATE.lastIndex = 0;
        const dates: Date[] = [];
        let bad = false;
        for (let m = ANY_DATE.exec(answer); m; m = ANY_DATE.exec(answer)) {
          const t = parseTimestamp(m[0].trim());
          if (!t) {
            report({ message: `"${field.label}": "${m[0]}" is not a valid date.`, ...range });
            bad = true;
            break;
          }
          dates.push(t.date);
        }
        if (!bad && dates.length >= 2 && dates[1]!.getTime() < dates[0]!.getTime()) {
          report({ message: `"${field.label}" ends before it starts: write the window as start → end.`, ...range });
        }
      }
    }
  },
};

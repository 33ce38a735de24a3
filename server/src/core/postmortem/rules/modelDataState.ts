import type { PostmortemRule } from '../context';
import { sectionsOf } from '../parse';
import { STATE_FIELDS } from '../sections';
import { formatUtc } from '../time';
import { leadingTimestamp, timestampsIn } from '../../time';
import { appendToSection, compileQuestions, headingRange, isUnanswered, readQuestions } from '../util';

const WINDOW_JOIN = /^\s{0,4}(?:→|->|–|—|-|to|until|through)\s{0,4}$/i;
const NOT_APPLICABLE = /^(n\/a|na|none|not applicable|no deploy|no pipeline)\b/i;

const COMPILED = compileQuestions(STATE_FIELDS);
type FieldKey = (typeof STATE_FIELDS)[number]['key'];

/**
 * PM005 — model and data state, on the playbook template's four fields (`- Field: value`):
 * "Model version in production at incident start:", "Last deploy timestamp:", "Feature pipeline last
 * successful run:" and "Reference dataset / training cut-off date:" (a date, a window
 * `2026-08-01 → 2026-10-31`, or free text like "rolling 28 days"). The product's earlier names
 * ("Model version", "Last model deploy", "Feature pipeline run", "Training data window", "Reference data
 * window") are accepted too.
 *
 * Rationale: an ML incident cannot be replayed without knowing which model served, when it was last
 * deployed and which data it saw. A missing or empty field is a warning; a timestamp that does not
 * parse is a warning; a last deploy or a last successful pipeline run after `incidentStart` is a
 * warning (the template asks for the state at incident start — or the incident start is wrong).
 */
export const modelDataStateRule: PostmortemRule = {
  id: 'PM005',
  name: 'model-data-state',
  description: 'Model and data state fields filled in, timestamps parse, and the last deploy and pipeline run precede the incident.',
  defaultSeverity: 'warning',
  check(ctx, report) {
    const { pm } = ctx;
    const secs = sectionsOf(pm, 'model-data-state');
    if (!secs.length) return;
    const found = readQuestions<FieldKey>(pm, secs, COMPILED);
    const sec = secs[0]!;
    const [hs, he] = headingRange(sec);
    for (const field of STATE_FIELDS) {
      const hit = found.get(field.key);
      if (!hit) {
        report({
          message: `Model and data state does not record "${field.text}": add the field and fill it in.`,
          start: hs,
          end: he,
          fixes: [{ title: `Add the field "${field.text}"`, edits: [appendToSection(pm, sec, `- ${field.text} \n`)], isPreferred: true }],
        });
        continue;
      }
      const answer = hit.answer.replace(/[`*]/g, '').trim();
      const range = { start: hit.answerStart, end: hit.answerEnd };
      if (isUnanswered(answer)) {
        report({ message: `"${field.text}" is empty: record it (or write n/a and why).`, ...range });
        continue;
      }
      if (field.kind === 'timestamp') {
        if (NOT_APPLICABLE.test(answer)) continue;
        const t = leadingTimestamp(answer)?.parsed;
        if (!t) {
          report({ message: `"${field.text}" should start with a timestamp like 2026-11-20T09:14Z, not "${answer.slice(0, 40)}".`, ...range });
          continue;
        }
        const start = pm.meta.incidentStart?.date;
        if (start && t.date.getTime() > start.getTime()) {
          const what = field.key === 'lastDeploy' ? 'the deploy that was serving when the impact began' : 'the last successful run before the impact began';
          report({
            message: `${field.text.replace(/:$/, '')} (${formatUtc(t.date)}) is after incidentStart (${formatUtc(start)}): the template asks for the state at incident start — record ${what}, or correct incidentStart.`,
            ...range,
          });
        }
      } else if (field.kind === 'window') {
        const dates: Array<{ date: Date; index: number; end: number }> = [];
        let bad = false;
        for (const found of timestampsIn(answer)) {
          if (!found.parsed) {
            report({ message: `"${field.text}": "${found.text}" is not a valid date.`, ...range });
            bad = true;
            break;
          }
          dates.push({ date: found.parsed.date, index: found.index, end: found.end });
        }
        // A window is two dates joined by an arrow, a dash or "to" (a cut-off date followed by other dates is not).
        const isWindow = dates.length >= 2 && WINDOW_JOIN.test(answer.slice(dates[0]!.end, dates[1]!.index));
        if (!bad && isWindow && dates[1]!.date.getTime() < dates[0]!.date.getTime()) {
          report({ message: `"${field.text}" ends before it starts: write the window as start → end.`, ...range });
        }
      }
    }
  },
};

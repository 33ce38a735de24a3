import type { PostmortemRule } from '../context';
import type { ParsedPostmortem } from '../parse';
import { sectionsOf } from '../parse';
import { GAP_QUESTIONS } from '../sections';
import { findDuration, formatInStyle, formatMinutes, type DurationMatch } from '../time';
import { appendToSection, compileQuestions, eolOf, headingRange, isUnanswered, readQuestions, type AnsweredQuestion } from '../util';
import { replaceHtmlComments } from '../../htmlComments';

type GapKey = keyof typeof GAP_QUESTIONS;
const GAP_KEYS = Object.keys(GAP_QUESTIONS) as GapKey[];
const COMPILED = compileQuestions(GAP_KEYS.map((key) => ({ key, ...GAP_QUESTIONS[key] })));

/** The stated and computed detection gap of a post-mortem. */
export interface DetectionGap {
  /** `detected − incidentStart` in minutes, when both parse. */
  computedMinutes: number | undefined;
  /** The gap the Detection gap section states, with its offsets in the file. */
  stated: (DurationMatch & { start: number; end: number; line: number }) | undefined;
  /** The playbook's questions found in the section, with their answers. */
  questions: Map<GapKey, AnsweredQuestion<GapKey>>;
}

/**
 * Reads the detection gap: the computed one from the front matter and the stated one from the
 * Detection gap section — the answer to "How long between incident start and page?" (or a
 * `Detection gap:` line), else, when neither is asked, the first duration in the section's prose
 * (code and quotes ignored).
 */
export function detectionGap(pm: ParsedPostmortem): DetectionGap {
  const a = pm.meta.incidentStart?.date;
  const b = pm.meta.detected?.date;
  const computedMinutes = a && b ? Math.round((b.getTime() - a.getTime()) / 60000) : undefined;
  const secs = sectionsOf(pm, 'detection-gap');
  const questions = readQuestions(pm, secs, COMPILED);
  let stated: DetectionGap['stated'];
  const howLong = questions.get('howLong');
  if (howLong) {
    const d = findDuration(howLong.answer);
    if (d) {
      const at = pm.text.indexOf(howLong.answer, howLong.answerStart);
      const base = at >= 0 ? at : howLong.answerStart;
      stated = { ...d, start: base + d.index, end: base + d.index + d.length, line: pm.lines.positionAt(base).line };
    }
    return { computedMinutes, stated, questions };
  }
  for (const s of secs) {
    for (let l = s.contentLine; l < s.endLine && !stated; l++) {
      if (pm.codeLines.has(l) || pm.quoteLines.has(l)) continue;
      if ([...questions.values()].some((q) => q.line === l)) continue;
      const ls = pm.lines.lineStart(l);
      const line = pm.text.slice(ls, pm.lines.offsetAt({ line: l, character: Number.MAX_SAFE_INTEGER }));
      // Code spans and comments blanked (per line: a comment does not span lines here).
      const masked = replaceHtmlComments(line.replace(/`[^`]*`/g, (m) => ' '.repeat(m.length)), (m) => ' '.repeat(m.length));
      const d = findDuration(masked);
      if (d) stated = { ...d, start: ls + d.index, end: ls + d.index + d.length, line: l };
    }
    if (stated) break;
  }
  return { computedMinutes, stated, questions };
}

/**
 * The detection gap when `offset` is on the stated gap's line (for hover), else undefined.
 *
 * @example
 * detectionGapAt(parsePostmortem(text), offset)?.computedMinutes // 108
 */
export function detectionGapAt(pm: ParsedPostmortem, offset: number): DetectionGap | undefined {
  const g = detectionGap(pm);
  const l = pm.lines.positionAt(offset).line;
  if (g.stated && l === g.stated.line) return g;
  const q = g.questions.get('howLong');
  return q && l === q.line ? g : undefined;
}

/**
 * PM006 — the detection gap, on the playbook template's questions: "How long between incident start
 * and page?" (or a `Detection gap:` line) must agree with `detected − incidentStart` (±1 minute);
 * "Which signal detected it first?" must be answered. "What signal, if any, could have detected it
 * earlier?" left unanswered is a hint ("none" is an answer).
 *
 * Rationale: the detection gap is the number the post-mortem exists to shrink; a hand-typed number
 * that disagrees with the front matter makes the surface report's medians wrong, and the first signal
 * is what the next detection-signal action item builds on. Fixes write the computed gap in the style
 * of the stated one, answer the question with it, or add a missing question. Hovering the gap shows
 * the computed value.
 */
export const detectionGapRule: PostmortemRule = {
  id: 'PM006',
  name: 'detection-gap',
  description: 'The stated detection gap must equal detected − incidentStart (±1 minute) and the first signal must be named.',
  defaultSeverity: 'warning',
  check(ctx, report) {
    const { pm } = ctx;
    const secs = sectionsOf(pm, 'detection-gap');
    if (!secs.length) return;
    const sec = secs[0]!;
    const g = detectionGap(pm);
    const computed = g.computedMinutes !== undefined && g.computedMinutes >= 0 ? formatMinutes(g.computedMinutes) : undefined;
    const howLong = g.questions.get('howLong');
    const q1 = GAP_QUESTIONS.howLong.text;
    if (!g.stated) {
      if (howLong) {
        const empty = isUnanswered(howLong.answer);
        report({
          message: empty
            ? `Unanswered: "${q1}"${computed ? ` — \`detected − incidentStart\` = ${computed}` : ''}.`
            : `"${q1}" is answered without a duration (like 1h48m or 108 minutes)${computed ? `: \`detected − incidentStart\` = ${computed}` : ''}.`,
          start: howLong.answerStart,
          end: howLong.answerEnd,
          fixes:
            computed && empty
              ? [{ title: `Answer with the computed gap (${computed})`, edits: [{ start: howLong.afterQuestion, end: howLong.afterQuestion, newText: ` ${computed}` }], isPreferred: true }]
              : [],
        });
      } else if (computed) {
        report({
          message: `State the detection gap: ask "${q1}" and answer it — \`detected − incidentStart\` = ${computed}.`,
          ...range(headingRange(sec)),
          fixes: [{ title: `Add "${q1} ${computed}"`, edits: [insertFirst(pm, sec.contentStart, `- ${q1} ${computed}`)], isPreferred: true }],
        });
      }
    } else if (g.computedMinutes !== undefined && g.computedMinutes >= 0) {
      const diff = g.stated.minutes - g.computedMinutes;
      if (Math.abs(diff) > 1) {
        const fixed = formatInStyle(g.computedMinutes, g.stated.style);
        report({
          message: `Stated detection gap ${formatMinutes(g.stated.minutes)} differs from \`detected − incidentStart\` = ${computed}: correct the number or the front-matter timestamps.`,
          start: g.stated.start,
          end: g.stated.end,
          fixes: [{ title: `Write the computed gap (${fixed})`, edits: [{ start: g.stated.start, end: g.stated.end, newText: fixed }], isPreferred: true }],
        });
      }
    }
    const first = g.questions.get('firstSignal');
    const q2 = GAP_QUESTIONS.firstSignal.text;
    if (!first) {
      report({
        message: `Detection gap does not ask "${q2}": add the question and name the alert, dashboard or person that noticed first.`,
        ...range(headingRange(sec)),
        fixes: [{ title: `Add the question "${q2}"`, edits: [appendToSection(pm, sec, `- ${q2} \n`)], isPreferred: true }],
      });
    } else if (isUnanswered(first.answer)) {
      report({ message: `Unanswered: "${q2}" — name the alert, dashboard or person that noticed first.`, start: first.answerStart, end: first.answerEnd });
    }
    const earlier = g.questions.get('earlierSignal');
    if (earlier && isUnanswered(earlier.answer)) {
      report({
        severity: 'hint',
        message: `Unanswered: "${GAP_QUESTIONS.earlierSignal.text}" — name the signal (it is the next detection-signal action item), or write "none".`,
        start: earlier.answerStart,
        end: earlier.answerEnd,
      });
    }
  },
};

/** An edit putting a line first in a section's content (a blank line after the heading kept). */
function insertFirst(pm: ParsedPostmortem, at: number, line: string): { start: number; end: number; newText: string } {
  const eol = eolOf(pm.text);
  const prefix = at === pm.text.length && !pm.text.endsWith('\n') ? eol + eol : eol;
  const rest = pm.text.slice(at);
  const suffix = rest === '' || /^[ \t]*\r?\n/.test(rest) ? '' : eol;
  return { start: at, end: at, newText: `${prefix}${line}${eol}${suffix}` };
}

function range(r: [number, number]): { start: number; end: number } {
  return { start: r[0], end: r[1] };
}

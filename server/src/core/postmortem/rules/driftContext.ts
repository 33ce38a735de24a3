import type { PostmortemRule } from '../context';
import type { ListItem } from '../parse';
import { itemsIn, sectionsOf } from '../parse';
import { DRIFT_QUESTIONS } from '../sections';
import { appendToSection, headingRange, isUnanswered, normLabel, splitQA, type QA } from '../util';

/** The drift taxonomy of the Drift type question. */
export type DriftType = 'none' | 'data' | 'prior' | 'concept' | 'detector';

const DRIFT_TYPES: Array<[DriftType, RegExp]> = [
  ['none', /^(none|no drift|no|n\/a)\b/],
  ['data', /^(data|covariate|feature|input|virtual)\b/],
  ['prior', /^(prior|label|class balance|target)\b/],
  ['concept', /^(concept|real)\b/],
  ['detector', /^(detector|false page|false positive|false alarm|monitor)\b/],
];

/** Reads a Drift type answer; undefined when it names none of the taxonomy. */
export function parseDriftType(answer: string): DriftType | undefined {
  const a = answer.replace(/[`*_]/g, '').trim().toLowerCase();
  // The untouched skeleton lists every option: not an answer.
  if ((a.match(/\|/g) ?? []).length >= 2) return undefined;
  for (const [t, re] of DRIFT_TYPES) if (re.test(a)) return t;
  return undefined;
}

/** Reads a Y/N answer (`Y`, `N`, `yes`, `no`, case-insensitive, optionally followed by details). */
export function parseYesNo(answer: string): boolean | undefined {
  const m = /^(y|yes|n|no)\b(?![/])/i.exec(answer.replace(/[`*_]/g, '').trim());
  if (!m) return undefined;
  return /^y/i.test(m[1]!);
}

type QuestionKey = keyof typeof DRIFT_QUESTIONS;
const MATCHERS: Array<[QuestionKey, RegExp]> = [
  ['driftType', /^(drift type|type of drift|drift)\b/],
  ['sloBreached', /^((was the )?quality slo breached|quality slo|slo breached)\b/],
  ['slices', /^(which slices|slices|affected slices|slice)\b/],
  ['referenceWindow', /^(reference window|reference data window|baseline window|reference)\b/],
];

/**
 * PM004 — drift/quality context. The section asks four questions, as list items `- Question: answer`:
 *
 * - `Drift type:` none | data (covariate) | prior (label) | concept | detector (false page)
 * - `Quality SLO breached?` Y/N
 * - `Which slices?` the segments where quality moved (or "all")
 * - `Reference window?` the baseline the drift was measured against
 *
 * Rationale: drift pages are ambiguous until someone says which kind of drift it was and whether
 * quality actually moved. An unanswered question or a non-Y/N SLO answer is a warning; claiming real
 * (concept) drift while the quality SLO was not breached contradicts the taxonomy — concept drift
 * changes P(y|x) and shows in quality — and is an error. A detector false page with a breached SLO
 * is a warning (if quality dropped, the page was not false).
 */
export const driftContextRule: PostmortemRule = {
  id: 'PM004',
  name: 'drift-quality-context',
  description: 'Drift/quality questions answered, the SLO answer Y/N, and no contradiction with the drift taxonomy.',
  defaultSeverity: 'warning',
  check(ctx, report) {
    const { pm } = ctx;
    const secs = sectionsOf(pm, 'drift-quality-context');
    if (!secs.length) return;
    const found = new Map<QuestionKey, { item: ListItem; qa: QA }>();
    for (const s of secs) {
      for (const item of itemsIn(pm, s)) {
        const qa = splitQA(item);
        const label = normLabel(qa.label);
        const hit = MATCHERS.find(([, re]) => re.test(label));
        if (hit && !found.has(hit[0])) found.set(hit[0], { item, qa });
      }
    }
    const sec = secs[0]!;
    const [hs, he] = headingRange(sec);
    const missing = (Object.keys(DRIFT_QUESTIONS) as QuestionKey[]).filter((k) => !found.has(k));
    for (const k of missing) {
      const q = DRIFT_QUESTIONS[k];
      const line = k === 'driftType' ? `- ${q}: none | data (covariate) | prior (label) | concept | detector (false page)\n` : k === 'sloBreached' ? `- ${q} Y/N\n` : `- ${q}\n`;
      report({
        message: `Drift/quality context does not answer "${q}": add \`- ${q} …\`.`,
        start: hs,
        end: he,
        fixes: [{ title: `Add the "${q}" question`, edits: [appendToSection(pm, sec, line)] }],
      });
    }
    let drift: DriftType | undefined;
    let breached: boolean | undefined;
    for (const [k, { item, qa }] of found) {
      const q = DRIFT_QUESTIONS[k];
      const range = qa.answer.trim() ? { start: qa.answerStart, end: qa.answerEnd } : { start: item.textStart, end: item.textEnd };
      const answer = qa.answer.replace(/<!--[\s\S]*?(-->|$)/g, '').trim();
      const placeholder = k === 'driftType' && (answer.match(/\|/g) ?? []).length >= 2;
      if ((isUnanswered(answer) || placeholder) && !qa.hasMore) {
        report({ message: `Unanswered: "${q}"${k === 'driftType' ? ' — pick one of none, data (covariate), prior (label), concept, detector (false page)' : k === 'sloBreached' ? ' — answer Y or N' : ''}.`, ...range });
        continue;
      }
      if (k === 'driftType') {
        drift = parseDriftType(answer);
        if (!drift && answer) report({ message: `Drift type "${answer}" is not in the taxonomy: use none, data (covariate), prior (label), concept or detector (false page).`, ...range });
      } else if (k === 'sloBreached') {
        breached = parseYesNo(answer);
        if (breached === undefined && answer) report({ message: `"${q}" must be answered Y or N (yes/no), not "${answer}".`, ...range });
      }
    }
    const driftItem = found.get('driftType');
    if (driftItem && drift === 'concept' && breached === false) {
      report({
        severity: 'error',
        message: 'Contradiction: concept (real) drift claimed while the quality SLO was not breached — real drift changes P(y|x) and shows in quality. Either it was data (covariate) drift or a detector false page, or the SLO answer is wrong.',
        start: driftItem.qa.answerStart,
        end: driftItem.qa.answerEnd,
      });
    }
    if (driftItem && drift === 'detector' && breached === true) {
      report({
        message: 'A detector false page cannot breach the quality SLO: if quality dropped, the drift was real — re-check the drift type.',
        start: driftItem.qa.answerStart,
        end: driftItem.qa.answerEnd,
      });
    }
  },
};

import type { PostmortemRule } from '../context';
import { sectionsOf } from '../parse';
import { DRIFT_QUESTIONS } from '../sections';
import { appendToSection, compileQuestions, headingRange, isUnanswered, readQuestions } from '../util';

/**
 * What a drift answer says, in the playbook's taxonomy (Gama et al.): real drift (concept drift,
 * P(y|X) changed), virtual drift (covariate shift, P(X) changed), label drift (P(y) shifted), neither
 * (e.g. a pipeline break), or — the product's earlier wording — a detector false page.
 */
export type DriftKind = 'real' | 'virtual' | 'label' | 'neither' | 'detector';

/** Terms of each kind, matched as words; the earliest one in the answer that is not negated wins. */
const KIND_TERMS: Array<[DriftKind, RegExp]> = [
  ['label', /\b(?:label drift|prior drift|prior \(label\)|prior probability shift|p\s?\(\s?y\s?\)(?!\s?\|)|class (?:balance|frequenc\w*|prior))(?![a-z])/gi],
  ['real', /\b(?:real drift|concept drift|real|concept|p\s?\(\s?y\s?\|\s?x\s?\))(?![a-z])/gi],
  ['virtual', /\b(?:virtual drift|covariate shift|virtual|covariate|data drift|data \(covariate\)|input drift|feature drift|p\s?\(\s?x\s?\))(?![a-z])/gi],
  ['neither', /\b(?:neither|no drift|none|not drift|n\/a)\b/gi],
  ['detector', /\b(?:detector|false page|false positive|false alarm)\b/gi],
];

const NEGATION = /\b(?:not|no|nor|never|rather than|instead of|ruled out)\s+(?:a\s+|an\s+)?$/i;

/**
 * Reads an answer to "Was this real drift (concept drift) or virtual drift (covariate shift)?";
 * undefined when it names none of the kinds. The untouched choice list of older skeletons
 * (`none | data (covariate) | …`) is not an answer.
 *
 * @example
 * parseDriftKind('Virtual drift (covariate shift): the model was still valid') // 'virtual'
 * parseDriftKind('Neither: a pipeline break') // 'neither'
 */
export function parseDriftKind(answer: string): DriftKind | undefined {
  const a = answer.replace(/[`*_]/g, '').trim();
  if ((a.match(/\|/g) ?? []).length >= 2) return undefined;
  let best: { kind: DriftKind; at: number } | undefined;
  for (const [kind, re] of KIND_TERMS) {
    re.lastIndex = 0;
    for (let m = re.exec(a); m; m = re.exec(a)) {
      if (NEGATION.test(a.slice(Math.max(0, m.index - 24), m.index))) continue;
      if (!best || m.index < best.at) best = { kind, at: m.index };
      break;
    }
  }
  return best?.kind;
}

/** Reads a Y/N answer (`Y`, `N`, `yes`, `no`, case-insensitive, optionally followed by details). */
export function parseYesNo(answer: string): boolean | undefined {
  const m = /^(y|yes|n|no)\b(?![/])/i.exec(answer.replace(/[`*_]/g, '').trim());
  if (!m) return undefined;
  return /^y/i.test(m[1]!);
}

type QuestionKey = keyof typeof DRIFT_QUESTIONS;
const KEYS = Object.keys(DRIFT_QUESTIONS) as QuestionKey[];
const COMPILED = compileQuestions(KEYS.map((key) => ({ key, ...DRIFT_QUESTIONS[key] })));

/**
 * PM004 — drift/quality context, on the playbook template's three questions:
 *
 * - "Was a quality SLO breached? (Y/N, which SLO, for how long)"
 * - "Was this real drift (concept drift) or virtual drift (covariate shift)?"
 * - "Was label lag a contributing factor?"
 *
 * The answer follows the question (same line, after a colon or dash, or the line below). The
 * product's earlier wordings ("Quality SLO breached?", "Drift type:") are accepted too.
 *
 * Rationale: a drift page is ambiguous until someone says whether quality actually moved and which
 * kind of drift it was. An unanswered question, a SLO answer that is not Y/N, or a drift answer that
 * names no kind is a warning. Claiming real (concept) drift while the quality SLO was not breached
 * contradicts the playbook — real drift shows in quality, and retraining is the path only once a
 * quality SLO breach is confirmed — and is an error. Label drift (P(y) shifted) and "neither" (a
 * pipeline break) are answers, not findings.
 */
export const driftContextRule: PostmortemRule = {
  id: 'PM004',
  name: 'drift-quality-context',
  description: 'The three drift/quality questions answered, the SLO answer Y/N, and no real drift claimed without a quality SLO breach.',
  defaultSeverity: 'warning',
  check(ctx, report) {
    const { pm } = ctx;
    const secs = sectionsOf(pm, 'drift-quality-context');
    if (!secs.length) return;
    const found = readQuestions(pm, secs, COMPILED);
    const sec = secs[0]!;
    const [hs, he] = headingRange(sec);
    for (const k of KEYS) {
      if (found.has(k)) continue;
      const q = DRIFT_QUESTIONS[k].text;
      report({
        message: `Drift/quality context does not ask "${q}": add the question and answer it.`,
        start: hs,
        end: he,
        fixes: [{ title: `Add the question "${q}"`, edits: [appendToSection(pm, sec, `- ${q} \n`)], isPreferred: true }],
      });
    }
    let kind: DriftKind | undefined;
    let breached: boolean | undefined;
    for (const [k, a] of found) {
      const q = DRIFT_QUESTIONS[k].text;
      const range = { start: a.answerStart, end: a.answerEnd };
      const choiceList = (a.answer.match(/\|/g) ?? []).length >= 2;
      if (isUnanswered(a.answer) || choiceList) {
        const how =
          k === 'sloBreached'
            ? ' — answer Y or N, which SLO, for how long'
            : k === 'driftKind'
              ? ' — real drift (concept drift), virtual drift (covariate shift), label drift (P(y) shifted) or neither'
              : ' — yes or no: say whether labels for the evaluation window were complete';
        report({ message: `Unanswered: "${q}"${how}.`, ...range });
        continue;
      }
      if (k === 'sloBreached') {
        breached = parseYesNo(a.answer);
        if (breached === undefined) report({ message: `"${q}" starts with Y or N (then which SLO, for how long), not "${a.answer.slice(0, 40)}".`, ...range });
      } else if (k === 'driftKind') {
        kind = parseDriftKind(a.answer);
        if (!kind) {
          report({
            message: `The drift answer "${a.answer.slice(0, 40)}" names no kind of drift: say real drift (concept drift), virtual drift (covariate shift), label drift (P(y) shifted) or neither (e.g. a pipeline break).`,
            ...range,
          });
        }
      }
    }
    const drift = found.get('driftKind');
    if (drift && kind === 'real' && breached === false) {
      report({
        severity: 'error',
        message:
          'Contradiction: real drift (concept drift) claimed while no quality SLO was breached. Real drift changes P(y|X) and shows in quality; with quality inside SLO the playbook reads input drift as virtual drift (covariate shift) — the model is still valid. Correct the drift answer or the SLO answer.',
        start: drift.answerStart,
        end: drift.answerEnd,
      });
    }
    if (drift && kind === 'detector' && breached === true) {
      report({
        message: 'A detector false page cannot breach the quality SLO: if quality dropped, the drift was real — re-check the drift answer.',
        start: drift.answerStart,
        end: drift.answerEnd,
      });
    }
  },
};

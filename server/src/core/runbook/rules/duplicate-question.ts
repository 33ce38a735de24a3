import type { RunbookRule } from '../context';
import { rangeAt } from '../context';
import { isRecord } from '../schema';

/** A question reduced to its words: lowercase, punctuation and extra whitespace removed. */
export function normaliseQuestion(q: string): string {
  return q
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * RB010 — two diagnostics ask the same question (compared without case, punctuation or extra spaces).
 *
 * Rationale: each diagnostic should narrow the search. A repeated question is usually a copy-paste
 * left over from a template, and it costs the on-call engineer a step and hides the question that
 * should have been there. The finding sits on the later question and points at the earlier one.
 */
export const duplicateQuestion: RunbookRule = {
  id: 'RB010',
  name: 'duplicate-question',
  description: 'No two diagnostics ask the same question.',
  defaultSeverity: 'warning',
  check(ctx, report) {
    const v = ctx.doc.value;
    if (!isRecord(v) || !Array.isArray(v.diagnostics)) return;
    const seen = new Map<string, number>();
    v.diagnostics.forEach((item, i) => {
      if (!isRecord(item) || typeof item.question !== 'string') return;
      const key = normaliseQuestion(item.question);
      if (!key) return;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, i);
        return;
      }
      const [start, end] = rangeAt(ctx.doc, ['diagnostics', i, 'question'], 'value');
      const [s, e] = rangeAt(ctx.doc, ['diagnostics', first, 'question'], 'value');
      report({
        message: `'diagnostics[${i}]' asks the same question as 'diagnostics[${first}]': merge the two, or make this one ask what the first does not.`,
        start,
        end,
        related: [{ file: ctx.file, start: s, end: e, message: 'The same question is asked here first' }],
      });
    });
  },
};

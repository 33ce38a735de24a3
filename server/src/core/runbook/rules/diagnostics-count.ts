import { isSeq } from 'yaml';
import type { RunbookRule } from '../context';
import { nodeAt, rangeAt } from '../context';
import { appendToSeq } from '../edits';
import { isRecord } from '../schema';

/**
 * RB002 — fewer than three `diagnostics` (error); more than three (hint).
 *
 * Rationale: triage for an ML system asks three questions in order — is serving healthy, did the
 * data change, did the model get worse — and the first three diagnostics are that path. With fewer,
 * the on-call engineer improvises under pressure; with more, the hint reminds the author that only
 * the first three are read first, so the most decisive questions belong there.
 */
export const diagnosticsCount: RunbookRule = {
  id: 'RB002',
  name: 'diagnostics-count',
  description: 'A runbook has at least three diagnostics; the first three are the triage path.',
  defaultSeverity: 'error',
  check(ctx, report) {
    const v = ctx.doc.value;
    if (!isRecord(v) || !Array.isArray(v.diagnostics)) return;
    const n = v.diagnostics.length;
    const [start, end] = rangeAt(ctx.doc, ['diagnostics'], 'key');
    if (n < 3) {
      const missing = 3 - n;
      const message =
        n === 0
          ? 'No diagnostics: add three triage questions in the order to ask them (rule out serving, then data, then model).'
          : `Only ${n} diagnostic${n === 1 ? '' : 's'}: add ${missing} more — the first three diagnostics are the triage path on-call follows.`;
      const seq = nodeAt(ctx.doc.doc, ['diagnostics']);
      // Numbered placeholders, so the new questions are not duplicates of each other (RB010).
      const items = Array.from({ length: missing }, (_, i) => [`question: <question ${n + i + 1}>`, `check: <check ${n + i + 1}>`]);
      const ed = seq && isSeq(seq) ? appendToSeq(ctx.text, seq, items) : undefined;
      report({
        message,
        start,
        end,
        ...(ed ? { fixes: [{ title: `Add ${missing} diagnostic${missing === 1 ? '' : 's'} to fill in`, edits: [ed], isPreferred: true }] } : {}),
      });
    } else if (n > 3) {
      report({
        message: `${n} diagnostics: the first three are the triage path — keep the three most decisive questions first.`,
        start,
        end,
        severity: 'hint',
      });
    }
  },
};

import type { PostmortemRule } from '../context';

/**
 * PM010 — `status: final` with open errors.
 *
 * Rationale: "final" is the promise that the document is complete and agreed; a final post-mortem
 * with a missing section, no surface or an unclosed loop breaks the surface report and the learning
 * that relies on it. Runs after every other rule and counts their errors after configuration and
 * suppression comments. The fix moves the status back to `review`.
 */
export const finalStatusRule: PostmortemRule = {
  id: 'PM010',
  name: 'final-status',
  description: 'A post-mortem with status: final must have no open errors.',
  defaultSeverity: 'error',
  check(ctx, report) {
    const { pm } = ctx;
    if (pm.meta.status !== 'final') return;
    const errors = ctx.earlier.filter((f) => f.severity === 'error');
    if (!errors.length) return;
    const r = pm.fmRange('status');
    if (!r) return;
    const codes = [...new Set(errors.map((f) => f.code))].sort();
    report({
      message: `status is final but ${errors.length} error${errors.length === 1 ? '' : 's'} remain${errors.length === 1 ? 's' : ''} open (${codes.join(', ')}): fix them or set the status back to review.`,
      start: r[0],
      end: r[1],
      fixes: [{ title: 'Set status to review', edits: [{ start: r[0], end: r[1], newText: 'review' }] }],
    });
  },
};

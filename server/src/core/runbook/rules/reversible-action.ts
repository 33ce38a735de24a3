import { isMap } from 'yaml';
import type { RunbookRule } from '../context';
import { nodeAt, rangeAt } from '../context';
import { appendToMap } from '../edits';
import { isRecord } from '../schema';

/**
 * RB008 — no fast, reversible action: `rollback.actions` is empty and no mitigation is marked
 * `reversible: true`.
 *
 * Rationale: while the cause of an ML incident is still unknown, the on-call engineer needs one safe
 * move that stops the bleeding and can be undone — roll back the model version, pin the previous
 * feature snapshot, shift traffic, raise the replica floor. A runbook without one leaves only slow or
 * irreversible choices for 3 a.m.
 */
export const reversibleAction: RunbookRule = {
  id: 'RB008',
  name: 'reversible-action',
  description: 'The runbook offers at least one fast, reversible action: a rollback action or a mitigation with reversible: true.',
  defaultSeverity: 'warning',
  check(ctx, report) {
    const v = ctx.doc.value;
    if (!isRecord(v) || !isRecord(v.rollback)) return; // a missing rollback is an RB001 error already
    const actions = v.rollback.actions;
    if (actions !== undefined && actions !== null && !Array.isArray(actions)) return; // RB001: not a list
    const hasAction = Array.isArray(actions) && actions.some((a) => typeof a === 'string' && a.trim() !== '');
    const hasReversible = Array.isArray(v.mitigations) && v.mitigations.some((m) => isRecord(m) && m.reversible === true);
    if (hasAction || hasReversible) return;
    const where = actions === undefined ? ['rollback'] : ['rollback', 'actions'];
    const [start, end] = rangeAt(ctx.doc, where, 'key');
    const rollback = nodeAt(ctx.doc.doc, ['rollback']);
    const ed = actions === undefined && rollback && isMap(rollback)
      ? appendToMap(ctx.text, rollback, ['actions:', '  - <fast reversible action>'])
      : undefined;
    report({
      message:
        "No fast, reversible action: add a rollback action (e.g. roll back to the previous model version) or a mitigation with 'reversible: true', so on-call has a safe first move.",
      start,
      end,
      ...(ed ? { fixes: [{ title: 'Add a rollback action to fill in', edits: [ed], isPreferred: true }] } : {}),
    });
  },
};

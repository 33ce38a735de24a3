import { isMap } from 'yaml';
import type { RunbookRule } from '../context';
import { nodeAt, rangeAt } from '../context';
import { insertKeyEdit, isRecord } from '../schema';

/** The placeholder the quick fix inserts; RB003 flags it until someone names the real owner. */
export const MODEL_OWNER_PLACEHOLDER = '<model-owner>';

/**
 * RB011 — nobody owns ML quality: the runbook's likely surface is `data` or `model` and
 * `metadata.owners.model` is missing.
 *
 * Rationale: the playbook splits ownership by design — the platform team owns the request path and
 * observability; the ML engineer and model owner own quality thresholds and the decision to roll
 * back or retrain. "The most common organisational failure here is alert-only monitoring with no one
 * on the hook for ML quality — drift alerts that fire into a vacuum." A data- or model-surface
 * runbook is exactly the page that needs that second owner. The finding sits on the `owners` key
 * (on the `metadata` key when `owners` is missing — RB001 reports that too); a serving runbook is
 * not flagged. The quick fix inserts `model: <model-owner>` under `owners`.
 */
export const modelOwner: RunbookRule = {
  id: 'RB011',
  name: 'model-owner',
  description: 'A runbook whose likely surface is data or model names the model owner (metadata.owners.model), who owns quality thresholds and the rollback-or-retrain decision.',
  defaultSeverity: 'warning',
  check(ctx, report) {
    const v = ctx.doc.value;
    if (!isRecord(v) || !isRecord(v.surface) || !isRecord(v.metadata)) return;
    const likely = v.surface.likely;
    if (likely !== 'data' && likely !== 'model') return;
    const owners = v.metadata.owners;
    if (owners !== undefined && owners !== null && !isRecord(owners)) return; // RB001: owners is not a mapping
    if (isRecord(owners) && owners.model !== undefined) return; // present (an empty or wrong value is RB001's)
    const [start, end] = rangeAt(ctx.doc, ['metadata', 'owners'], 'key');
    const map = nodeAt(ctx.doc.doc, ['metadata', 'owners']);
    const ed = isMap(map) && map.items.length ? insertKeyEdit(ctx.text, map, 'model', { type: 'string', default: MODEL_OWNER_PLACEHOLDER }) : undefined;
    report({
      message: `Nobody owns ML quality: the likely surface is ${likely} but metadata.owners has no 'model' — drift alerts that fire into a vacuum. Add owners.model: the ML engineer / model owner who owns quality thresholds and the decision to roll back or retrain.`,
      start,
      end,
      ...(ed ? { fixes: [{ title: 'Add owners.model (the model owner) to fill in', edits: [ed], isPreferred: true }] } : {}),
    });
  },
};

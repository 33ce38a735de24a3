import type { RunbookRule } from '../context';
import { validateRunbookDocument } from '../schema';

/**
 * RB001 — the runbook does not match `schemas/runbook.schema.json`.
 *
 * Rationale: the schema is the contract between the person writing the runbook and the person paged
 * by it. A missing `owners` means an alert that fires into a vacuum; a misspelt `diagnositcs` means
 * a triage path that silently is not there; `severity: sev2` means no one agrees what was declared.
 * Each problem sits on the offending key or value (a missing key on its parent's key) and comes with
 * a quick fix where one is obvious: insert the missing key, pick an allowed value, rename a misspelt key.
 */
export const schemaViolation: RunbookRule = {
  id: 'RB001',
  name: 'schema-violation',
  description: 'Every required key is present, every key is known and every value has the right type, format and allowed value.',
  defaultSeverity: 'error',
  check(ctx, report) {
    for (const f of validateRunbookDocument(ctx.text, ctx.doc)) report(f);
  },
};

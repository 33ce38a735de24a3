import type { RelatedInformation } from '../../types';
import type { RunbookDocument, RunbookRule } from '../context';
import { rangeAt } from '../context';
import { isRecord } from '../schema';
import { editDistance } from '../../yamlSchema';

function nameOf(d: RunbookDocument): string | undefined {
  const v = d.value;
  if (!isRecord(v) || !isRecord(v.metadata)) return undefined;
  return typeof v.metadata.name === 'string' && v.metadata.name !== '' ? v.metadata.name : undefined;
}

/**
 * RB009 — a name that does not resolve or is not unique: `signal.slo` names no SLO under `slos`, or
 * `metadata.name` is used by another runbook in the same file or elsewhere in the workspace.
 *
 * Rationale: the SLO behind a page is how on-call judges urgency (how much budget is burning); a
 * dangling reference means the runbook's alert maths describes a different objective than the one
 * paging. Runbook names are how alerts, dashboards and post-mortems link to a runbook: two runbooks
 * with one name send half the links to the wrong page.
 */
export const unresolvedName: RunbookRule = {
  id: 'RB009',
  name: 'unresolved-name',
  description: 'signal.slo names an SLO defined under slos, and metadata.name is unique in the workspace.',
  defaultSeverity: 'error',
  check(ctx, report) {
    const v = ctx.doc.value;
    if (!isRecord(v)) return;

    // signal.slo → slos[].name
    const slo = isRecord(v.signal) ? v.signal.slo : undefined;
    if (typeof slo === 'string' && slo !== '') {
      const names = Array.isArray(v.slos) ? v.slos.flatMap((s) => (isRecord(s) && typeof s.name === 'string' ? [s.name] : [])) : [];
      if (!names.includes(slo)) {
        const [start, end] = rangeAt(ctx.doc, ['signal', 'slo'], 'value');
        if (names.length) {
          const ranked = [...names].sort((a, b) => editDistance(slo, a) - editDistance(slo, b));
          report({
            message: `'signal.slo' names '${slo}', which is not an SLO of this runbook; use one of: ${names.join(', ')}.`,
            start,
            end,
            fixes: ranked.map((n, i) => ({ title: `Change to '${n}'`, edits: [{ start, end, newText: n }], ...(i === 0 ? { isPreferred: true } : {}) })),
          });
        } else {
          report({
            message: `'signal.slo' names '${slo}' but this runbook defines no 'slos': add the SLO (the burn-rate calculator writes the block) or remove 'signal.slo'.`,
            start,
            end,
          });
        }
      }
    }

    // metadata.name unique in the file and the workspace
    const name = nameOf(ctx.doc);
    if (!name) return;
    const [start, end] = rangeAt(ctx.doc, ['metadata', 'name'], 'value');
    const related: RelatedInformation[] = [];
    for (const other of ctx.fileDocs ?? []) {
      if (other === ctx.doc || nameOf(other) !== name) continue;
      const [s, e] = rangeAt(other, ['metadata', 'name'], 'value');
      related.push({ file: ctx.file, start: s, end: e, message: `'${name}' is also defined here (document ${other.index + 1} of this file)` });
    }
    const inFile = related.length;
    const elsewhere = ctx.env.otherRunbookDefinitions?.(name, ctx.file) ?? [];
    related.push(...elsewhere);
    if (!related.length) return;
    const where =
      inFile && elsewhere.length
        ? 'by another runbook in this file and elsewhere in the workspace'
        : inFile
          ? 'by another runbook in this file'
          : `by another runbook in the workspace${elsewhere[0]?.file ? ` (${elsewhere[0].file})` : ''}`;
    report({
      message: `Runbook name '${name}' is already used ${where}: names must be unique so alerts and post-mortems link to the right runbook; rename one.`,
      start,
      end,
      related,
    });
  },
};

/**
 * The playbook's three runbook stubs, in its own words, and a check that a runbook (a snippet expanded,
 * or an example) carries them: shared by the snippet and example tests.
 */
import assert from 'node:assert/strict';

/**
 * What the playbook's three runbook stubs say, in its own words: the signal, the likely cause, the
 * first three diagnostic questions in order (with the sense of each), the rollback criterion, the fast
 * reversible levers and the false pages that belong to each. The phrases are copied from the
 * playbook, not from the snippets.
 */
export const PLAYBOOK_STUBS: Record<string, { signal: string; cause?: string; questions: string[][]; criterion: string[]; levers: string[]; falsePages: string[][]; absent?: RegExp[] }> = {
  drift: {
    signal: 'A monitoring job reports input-feature drift or prediction-distribution drift above threshold',
    cause: 'Data issue (most often) or concept drift crossing quality SLO',
    questions: [
      ['Did the detector itself change?', 'A notable fraction of drift pages are the detector drifting, not the data', 'Check the monitoring change log for a re-baselined reference window, a new threshold deployment, or a monitoring version bump'],
      ['Which features, which slice, since when?', 'Broad drift across every feature suggests an upstream schema change or pipeline break', 'Narrow drift on one feature in one segment suggests a single data source', 'Pin the start time against the feature-pipeline and deploy timelines'],
      ['Is the prediction quality SLO still intact?', 'Query the quality SLI over the same window', 'virtual drift (covariate shift)', 'the model is still valid', 'real concept drift', 'the severity escalates'],
    ],
    criterion: ['If the drift traces to a feature-pipeline break, roll back or fix the pipeline.', 'If concept drift is confirmed and quality SLO is breached, escalate to a retraining decision.', 'Drift alone, with quality inside SLO, is SEV3 — do not retrain reflexively.'],
    levers: ['Roll back the feature pipeline'],
    falsePages: [
      ['The monitor moved, not the system', 'Check the monitoring change log before the data'],
      ['Label lag masquerading as quality drop', 'Confirm the labelling completeness of the evaluation window before declaring a model issue'],
      ['Seasonality read as drift', 'The fix is a seasonality-aware reference window, not a retrain'],
    ],
    // The old dialect: unchanged quality called noise, and a model rollback where the playbook escalates.
    absent: [/monitoring noise/i, /roll(?:s|ing)? back (?:the|to the previous) model/i, /retrain or roll back/i],
  },
  latency: {
    signal: 'The inference p99 latency SLO error budget is burning above the fast-burn threshold',
    cause: 'Serving issue — saturation, autoscaler thrash, cold-start tail, large-input tail, or a recent serving-layer change',
    questions: [
      ['Read the latency histogram at p50 and p99, not the mean', 'A p99 spike with a flat p50 is a tail problem', 'The mean hides exactly the requests that fired the page'],
      ['Separate queue time from compute time', 'split time-in-queue from time-on-accelerator', 'Rising queue time points at saturation or autoscaler lag', 'Rising compute time points at larger inputs or a model/runtime change'],
      ['Check saturation and recent scaling events', 'Inspect accelerator utilisation, batch queue depth, and replica count', 'Autoscaler thrash'],
    ],
    criterion: ['If a recent serving-layer deploy correlates with the spike, roll it back — a serving regression is faster to revert than to debug live.'],
    levers: ['Raise the replica floor to absorb the tail', 'Cap maximum batch size or input length', 'Shed or queue non-critical traffic'],
    falsePages: [['Cold-start latency after a scale event', 'warm-up behaviour, not a regression', 'raise the replica floor or pre-warm replicas']],
  },
  injection: {
    signal: 'A guardrail or input/output filter flags suspected prompt injection',
    questions: [
      ['Classify the injection type', 'Direct injection arrives in the user\'s own prompt', 'Indirect injection arrives via content the model retrieves or ingests'],
      ['Determine the blast radius', 'treat reachable secrets and side-effecting tools as potentially exercised'],
      ['Preserve evidence before anything is purged', 'Capture the offending request, the retrieved context that carried the payload, and the model\'s output', 'snapshot the upstream source the payload rode in on'],
    ],
    criterion: ['Block or rate-limit the source, then close the gap', 'enforce least-privilege on tool and data access', 'segregate untrusted retrieved content from instruction context', 'add the observed pattern to input/output validation', 'defence-in-depth, not by a single filter'],
    levers: ['Block or rate-limit the source'],
    falsePages: [['The monitor moved, not the system']],
  },
};

/** Checks a runbook document (a snippet expanded, or an example) against the playbook's stub. */
export function assertCarriesStub(label: string, doc: Record<string, any>, stub: (typeof PLAYBOOK_STUBS)[string], opts: { localised?: boolean } = {}): void {
  const text = JSON.stringify(doc);
  if (!opts.localised) assert.ok(String(doc.signal.summary).includes(stub.signal), `${label}: signal`);
  if (stub.cause) assert.ok(String(doc.surface.rationale).includes(stub.cause), `${label}: likely cause`);
  const diags = doc.diagnostics as Array<Record<string, unknown>>;
  assert.ok(diags.length >= 3, `${label}: three diagnostics`);
  stub.questions.forEach((phrases, i) => {
    const d = JSON.stringify(diags[i]);
    for (const p of phrases) assert.ok(d.includes(p), `${label}: diagnostic ${i + 1} says "${p}":\n${d}`);
  });
  for (const p of stub.criterion) assert.ok(String(doc.rollback.criterion).includes(p), `${label}: rollback criterion says "${p}"`);
  const levers = [...(doc.rollback.actions ?? []), ...(doc.mitigations ?? []).map((m: { action: string }) => m.action)].join('\n');
  for (const p of stub.levers) assert.ok(levers.includes(p), `${label}: lever "${p}"`);
  const fps = JSON.stringify(doc.falsePages ?? []);
  for (const fp of stub.falsePages) for (const p of fp) assert.ok(fps.includes(p), `${label}: false page "${p}"`);
  for (const re of stub.absent ?? []) assert.doesNotMatch(text, re, label);
}


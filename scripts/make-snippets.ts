#!/usr/bin/env -S npx tsx
// Generates snippets/runbook.code-snippets and snippets/postmortem.code-snippets (the committed JSON).
// The post-mortem snippets are built from the core's section skeletons (SECTIONS), so they agree with
// the quick fixes; test/unit/snippets.test.ts expands every snippet and lints the result.
// Usage: npx tsx scripts/make-snippets.ts
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ML_ADDITIONS_HEADING, SECTIONS, isMlSection, skeletonAtLevel, type SectionId } from '../server/src/core/postmortem/sections';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

// ---- runbooks ----------------------------------------------------------------------------------
const DATE = '$CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE';
const sloBlock = (name: string, objective: string, sli: string, n: number): string => `slos:
  - name: ${name}
    objective: \${${n}:${objective}}
    period: 30d
    sli: \${${n + 1}:${sli}}
    alerts:
      # Multi-window, multi-burn-rate (SRE workbook): burnRate = budgetConsumed × period ÷ longWindow.
      - severity: page
        longWindow: 1h
        shortWindow: 5m
        burnRate: 14.4
        budgetConsumed: 2%
      - severity: page
        longWindow: 6h
        shortWindow: 30m
        burnRate: 6
        budgetConsumed: 5%
      - severity: ticket
        longWindow: 3d
        shortWindow: 6h
        burnRate: 1
        budgetConsumed: 10%`;

const header = (_name: string, title: string, tags: string): string => `apiVersion: ml-runbooks/v1
kind: Runbook
metadata:
  name: \${1:\${TM_FILENAME_BASE/(\\.runbook\$)|([^a-zA-Z0-9]+)|([a-zA-Z0-9]+)/\${2:+-}\${3:/downcase}/g}}
  title: \${2:${title}}
  service: \${3:<service>}
  owners:
    team: \${4:<team>}
    escalation: "\${5:#<team>-oncall}"
    model: "\${6:@<model-owner>}"
  lastReviewed: ${DATE}
  tags: [${tags}]`;

// The three playbook runbooks carry the playbook's stubs: its signal, likely cause, first three
// diagnostic queries in its order and sense, its rollback criterion, its fast reversible levers, and
// the false pages that belong to each. test/unit/snippets.test.ts asserts the playbook's phrases.
const drift = `${header('drift-alert', 'Drift alert on <service>', 'drift, data-quality')}
signal:
  summary: \${7:A monitoring job reports input-feature drift or prediction-distribution drift above threshold}
  alert: \${8:FeatureDriftHigh}
  slo: prediction-quality
surface:
  likely: data
  alternatives: [model]
  rationale: Data issue (most often) or concept drift crossing quality SLO. Rule out the serving surface first; if nothing in your control plane changed, the change is in the world.
severity:
  default: SEV3
  escalations:
    - to: SEV2
      when: The prediction quality SLO is breached (real concept drift) — quality degraded on a slice
    - to: SEV1
      when: Wrong predictions affecting users at scale
diagnostics:
  - question: Did the detector itself change?
    why: A notable fraction of drift pages are the detector drifting, not the data.
    check: Check the monitoring change log for a re-baselined reference window, a new threshold deployment, or a monitoring version bump.
    query:
      language: promql
      text: |
        changes(drift_detector_config_version[24h]) > 0
    dashboard: https://\${9:grafana.example.com}/d/drift
    decides: The detector or its reference window changed -> the monitor moved, not the system (false page)
  - question: Which features, which slice, since when?
    why: Broad drift across every feature suggests an upstream schema change or pipeline break. Narrow drift on one feature in one segment suggests a single data source.
    check: Pin the start time against the feature-pipeline and deploy timelines.
    query:
      language: promql
      text: |
        topk(10, max by (feature, segment) (feature_drift_score))
    dashboard: https://\${9:grafana.example.com}/d/feature-drift
    decides: Every feature -> upstream schema change or pipeline break; one feature in one segment -> a single data source
  - question: Is the prediction quality SLO still intact?
    why: Query the quality SLI over the same window.
    query:
      language: sql
      dialect: postgresql
      text: |
        SELECT date_trunc('hour', scored_at) AS hour,
               AVG(CASE WHEN label = prediction THEN 1.0 ELSE 0.0 END) AS quality_sli,
               COUNT(label) * 1.0 / COUNT(*) AS labelled_fraction
        FROM prediction_outcomes
        WHERE scored_at > NOW() - INTERVAL '24 hours'
        GROUP BY 1
        ORDER BY 1
    decides: Quality within SLO despite input drift -> virtual drift (covariate shift), the model is still valid (SEV3); quality breached -> real concept drift, the severity escalates
rollback:
  criterion: \${10:If the drift traces to a feature-pipeline break, roll back or fix the pipeline. If concept drift is confirmed and quality SLO is breached, escalate to a retraining decision. Drift alone, with quality inside SLO, is SEV3 — do not retrain reflexively.}
  actions:
    - Roll back the feature pipeline to the last good run, or fix the pipeline
    - Escalate to the model owner for a retraining decision (concept drift confirmed and quality SLO breached)
falsePages:
  - pattern: The monitor moved, not the system
    check: A re-baselined drift reference window, a redeployed detector, or a threshold change presents as a step in the metric. Check the monitoring change log before the data.
  - pattern: Label lag masquerading as quality drop
    check: When ground-truth labels arrive late, a quality metric computed over a partially-labelled recent window looks like degradation. Confirm the labelling completeness of the evaluation window before declaring a model issue.
  - pattern: Seasonality read as drift
    check: Genuine, expected periodic shifts — weekday/weekend traffic patterns, end-of-month spikes — trip naive drift detectors. The fix is a seasonality-aware reference window, not a retrain.
${sloBlock('prediction-quality', '99.9', 'Fraction of requests meeting the quality threshold', 11)}
references:
  - https://sre.google/workbook/alerting-on-slos/
  - https://doi.org/10.1145/2523813
$0`;

const latency = `${header('p99-latency-spike', 'p99 latency spike on <service>', 'latency, serving')}
signal:
  summary: \${7:The inference p99 latency SLO error budget is burning above the fast-burn threshold}
  alert: \${8:InferenceLatencyP99BudgetBurn}
  slo: inference-latency
surface:
  likely: serving
  alternatives: [model, data]
  rationale: Serving issue — saturation, autoscaler thrash, cold-start tail, large-input tail, or a recent serving-layer change.
severity:
  default: SEV2
  escalations:
    - to: SEV1
      when: Full serving outage
diagnostics:
  - question: Read the latency histogram at p50 and p99, not the mean — is it a tail problem?
    why: A p99 spike with a flat p50 is a tail problem — a subset of requests (large inputs, cold replicas, slow downstream calls) — not a uniform slowdown. The mean hides exactly the requests that fired the page.
    query:
      language: promql
      text: |
        histogram_quantile(0.99, sum by (le) (rate(inference_request_duration_seconds_bucket[5m])))
          / histogram_quantile(0.5, sum by (le) (rate(inference_request_duration_seconds_bucket[5m])))
    dashboard: https://\${9:grafana.example.com}/d/inference-latency
    decides: p99 up with a flat p50 -> a tail problem (large inputs, cold replicas, slow downstream calls); both up -> a uniform slowdown
  - question: Separate queue time from compute time — which one rose?
    why: If your observability pipeline emits GenAI semantic convention spans, split time-in-queue from time-on-accelerator.
    query:
      language: promql
      text: |
        sum by (phase) (rate(inference_phase_duration_seconds_sum{phase=~"queue|compute"}[5m]))
          / sum by (phase) (rate(inference_phase_duration_seconds_count{phase=~"queue|compute"}[5m]))
    dashboard: https://\${9:grafana.example.com}/d/inference-phases
    decides: Rising queue time points at saturation or autoscaler lag. Rising compute time points at larger inputs or a model/runtime change.
  - question: Check saturation and recent scaling events — is the autoscaler thrashing?
    why: Autoscaler thrash — scale up, cold start, scale down, repeat — is a classic tail-latency generator for model servers with slow warm-up.
    check: Inspect accelerator utilisation, batch queue depth, and replica count.
    query:
      language: promql
      text: |
        changes(kube_deployment_status_replicas{namespace="ml-serving"}[1h])
    dashboard: https://\${9:grafana.example.com}/d/serving-capacity
    decides: Replica count going up and down -> autoscaler thrash (raise the replica floor); pinned at the maximum -> saturation (shed or queue non-critical traffic)
rollback:
  criterion: \${10:If a recent serving-layer deploy correlates with the spike, roll it back — a serving regression is faster to revert than to debug live.}
  actions:
    - Roll back the recent serving-layer deploy
mitigations:
  - action: Raise the replica floor to absorb the tail
    reversible: true
  - action: Cap maximum batch size or input length
    reversible: true
  - action: Shed or queue non-critical traffic
    reversible: true
falsePages:
  - pattern: Cold-start latency after a scale event
    check: A p99 spike that resolves on its own within minutes of a scale-up or rollout is warm-up behaviour, not a regression — though it is a signal to raise the replica floor or pre-warm replicas.
${sloBlock('inference-latency', '99.5', 'Fraction of inference requests served under the latency threshold', 11)}
references:
  - https://sre.google/workbook/alerting-on-slos/
$0`;

const injection = `${header('prompt-injection-attempt', 'Prompt-injection attempt on <service>', 'security, llm, owasp-llm01')}
signal:
  summary: \${7:A guardrail or input/output filter flags suspected prompt injection (OWASP LLM01:2025)}
  alert: \${8:PromptInjectionSuspected}
  slo: guardrail-coverage
surface:
  likely: model
  alternatives: [data, serving]
  rationale: Prompt injection is ranked LLM01:2025 — the top entry in the OWASP Top 10 for LLM Applications 2025. It applies to any LLM-backed system where user-supplied or retrieved content can influence model behaviour; indirect injection rides in on retrieved content (data).
severity:
  default: SEV2
  escalations:
    - to: SEV1
      when: The injected turn could reach secrets or side-effecting tools beyond a read scope
diagnostics:
  - question: Classify the injection type — direct or indirect?
    why: Direct injection arrives in the user's own prompt. Indirect injection arrives via content the model retrieves or ingests — a document, a web page, a tool result — and is the harder case because the payload is not visible in the conversation the operator sees.
    query:
      language: logql
      text: |
        sum by (channel) (count_over_time({app="llm-gateway"} |= "prompt_injection" [1h]))
    dashboard: https://\${9:grafana.example.com}/d/llm-guardrails
    decides: User prompt channel -> direct injection; retrieved document, web page or tool result -> indirect injection (find the upstream source)
  - question: Determine the blast radius — what could the injected turn reach?
    why: Which tools, which data scopes, which downstream actions? If the session has tool or data access beyond a read scope, treat reachable secrets and side-effecting tools as potentially exercised.
    query:
      language: sql
      dialect: postgresql
      text: |
        SELECT session_id, tool_name, data_scope, COUNT(*) AS calls
        FROM llm_tool_calls
        WHERE created_at > NOW() - INTERVAL '1 hour' AND injection_flagged = TRUE
        GROUP BY session_id, tool_name, data_scope
        ORDER BY calls DESC
        LIMIT 50
    decides: Tool or data access beyond a read scope -> treat reachable secrets and side-effecting tools as potentially exercised (SEV1, with the security team)
  - question: Preserve evidence before anything is purged — is it captured?
    why: For an indirect attack, snapshot the upstream source the payload rode in on — that source is the entry point to close.
    check: Capture the offending request, the retrieved context that carried the payload, and the model's output.
    query:
      language: logql
      text: |
        {app="llm-gateway", stream="audit"} |= "prompt_injection"
    decides: Request, retrieved context and output captured (and the upstream source snapshotted) -> safe to block and purge
rollback:
  criterion: "\${10:Block or rate-limit the source, then close the gap: enforce least-privilege on tool and data access, segregate untrusted retrieved content from instruction context, and add the observed pattern to input/output validation. Prompt injection is mitigated by defence-in-depth, not by a single filter.}"
  actions:
    - Block or rate-limit the source
mitigations:
  - action: Enforce least-privilege on tool and data access
    reversible: false
  - action: Segregate untrusted retrieved content from instruction context
    reversible: false
  - action: Add the observed pattern to input/output validation
    reversible: true
falsePages:
  - pattern: The monitor moved, not the system
    check: A redeployed guardrail or a threshold change presents as a step in flagged requests. Check the guardrail's change log before the traffic.
${sloBlock('guardrail-coverage', '99.9', 'Fraction of LLM requests evaluated by the guardrail before reaching the model', 11)}
references:
  - https://genai.owasp.org/llmrisk/llm01-prompt-injection/
  - https://sre.google/workbook/alerting-on-slos/
$0`;

const blank = `apiVersion: ml-runbooks/v1
kind: Runbook
metadata:
  name: \${1:\${TM_FILENAME_BASE/(\\.runbook\$)|([^a-zA-Z0-9]+)|([a-zA-Z0-9]+)/\${2:+-}\${3:/downcase}/g}}
  title: \${2:TODO (what pages)}
  service: \${3:<service>}
  owners:
    team: \${4:<team>}
    escalation: "\${5:#<team>-oncall}"
    model: "\${6:@<model-owner>}"
  lastReviewed: ${DATE}
signal:
  summary: \${7:TODO (the symptom that pages)}
  alert: \${8:<AlertName>}
surface:
  likely: \${9|data,model,serving|}
  alternatives: [\${10|model,data,serving|}]
  rationale: \${11:TODO (why this surface is the likely one)}
severity:
  default: \${12|SEV3,SEV2,SEV1|}
diagnostics:
  - question: \${13:TODO (first triage question (rule out serving first))}
    check: \${14:TODO (the query or the place to look)}
  - question: \${15:TODO (second triage question)}
    check: \${16:TODO (the query or the place to look)}
  - question: \${17:TODO (third triage question)}
    check: \${18:TODO (the query or the place to look)}
rollback:
  criterion: \${19:TODO (when to roll back)}
  actions:
    - \${20:TODO (the fastest reversible action)}
$0`;

const slosOnly = `${sloBlock('${1:prediction-quality}', '99.9', 'TODO (what fraction of events is good)', 2)}
$0`;

const rb: Record<string, { prefix: string[]; description: string; body: string | string[] }> = {
  'ML runbook: drift alert': { prefix: ['runbook-drift', 'mlrb-drift'], description: 'The playbook\'s drift-alert runbook: did the detector itself change; which features, which slice, since when; is the prediction quality SLO still intact (virtual vs real drift); its rollback criterion and false pages; quality SLO with the three standard burn-rate tiers.', body: drift },
  'ML runbook: p99 latency spike': { prefix: ['runbook-latency', 'mlrb-latency'], description: 'The playbook\'s p99 latency runbook: p50 vs p99 histogram (not the mean), queue vs compute time, saturation and scaling events; its fast levers (replica floor, cap batch size or input length, shed load); latency SLO with the three standard tiers.', body: latency },
  'ML runbook: prompt-injection attempt': { prefix: ['runbook-prompt-injection', 'mlrb-prompt-injection'], description: 'The playbook\'s prompt-injection runbook (OWASP LLM01:2025): classify direct vs indirect injection, determine the blast radius, preserve evidence; block the source, least privilege, segregate retrieved content; guardrail SLO.', body: injection },
  'ML runbook: blank': { prefix: ['runbook', 'mlrb'], description: 'A blank ML on-call runbook with every required key and three triage diagnostics.', body: blank },
  'ML runbook: slos block': { prefix: ['slos', 'mlrb-slos'], description: 'An SLO with the three standard multi-window, multi-burn-rate alert tiers (14.4× / 6× / 1× over 30d = 2 % / 5 % / 10 % of the budget).', body: slosOnly },
};
for (const v of Object.values(rb)) v.body = (v.body as string).split('\n');
writeFileSync(join(ROOT, 'snippets', 'runbook.code-snippets'), JSON.stringify(rb, null, 2) + '\n');

// ---- post-mortems -------------------------------------------------------------------------------

const esc = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\$/g, '\\$').replace(/\}/g, '\\}');

/**
 * Section snippet bodies with tab stops numbered from `n`, heading at `level`; returns [body, next n].
 * The text is the core's skeleton — the playbook's template, word for word — with a tab stop after
 * each question or field for its answer.
 */
function section(id: SectionId, n: number, opts: { gap?: string; level?: number } = {}): [string, number] {
  const raw = skeletonAtLevel(id, opts.level ?? 2);
  const lines = raw.replace(/\n$/, '').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    let l = esc(line);
    if (/^#+ /.test(line) || line === '' || /^\|[-| ]+\|$/.test(line) || /^\| Time \| Type \| Event \|$/.test(line)) {
      out.push(l);
      continue;
    }
    switch (id) {
      case 'surface-attribution':
        // The template's one-line checkbox. The first surface is ticked by default so an unfilled
        // template has no error, and its tab stop is a choice the author passes through; the other two
        // offer the tick as a choice.
        l = l
          .replace('- [ ] Data issue', () => `- [\${${n++}|x, |}] Data issue`)
          .replace('[ ] Model issue', () => `[\${${n++}| ,x|}] Model issue`)
          .replace('[ ] Serving issue', () => `[\${${n++}| ,x|}] Serving issue`);
        break;
      case 'drift-quality-context':
      case 'model-data-state':
        l = `${l} \$${n++}`;
        break;
      case 'detection-gap':
        l = line.startsWith('- How long between incident start and page?') && opts.gap ? `${l} \${${n++}:${opts.gap}}` : `${l} \$${n++}`;
        break;
      case 'action-items':
        // Each of the template's options, with an owner and a due date: only owned items close the loop.
        l = l.replace(/^- \[ \] (.*)$/, (_m, what: string) => `- [ ] \${${n++}:${what}} — @\${${n++}:owner}, due \${${n++}:${DATE}}`);
        break;
      case 'timeline': {
        const m = /^\| (\d\d:\d\d) \| (\w+) \| (.*) \|$/.exec(line);
        if (m) l = `| \${${n++}:${m[1]}} | \${${n++}:${m[2]}} | \${${n++}:${esc(m[3]!)}} |`;
        break;
      }
      default:
        l = `\${${n++}:${l}}`;
    }
    out.push(l);
  }
  return [out.join('\n'), n];
}

const snippets: Record<string, { prefix: string[]; description: string; body: string[] }> = {};
// Full post-mortem: the PagerDuty-style sections, then the playbook's "ML-specific post-mortem
// additions" with its five sections at level 3, as the playbook writes them.
{
  let n = 5;
  const general: string[] = [];
  const ml: string[] = [];
  for (const s of SECTIONS) {
    const isMl = isMlSection(s.id);
    const [body, next] = section(s.id, n, { ...(s.id === 'detection-gap' ? { gap: '1h48m' } : {}), level: isMl ? 3 : 2 });
    (isMl ? ml : general).push(body);
    n = next;
  }
  const body = [
    '---',
    'kind: postmortem',
    'title: "${1:Incident title: symptom and trigger}"',
    'severity: ${2|SEV2,SEV1,SEV3|}',
    'status: draft',
    'incidentStart: ${3:$CURRENT_YEAR-$CURRENT_MONTH-${CURRENT_DATE}T09:14Z}',
    'detected: ${4:$CURRENT_YEAR-$CURRENT_MONTH-${CURRENT_DATE}T11:02Z}',
    'resolved: $CURRENT_YEAR-$CURRENT_MONTH-${CURRENT_DATE}T12:30Z',
    '---',
    '',
    '# $1',
    '',
    general.join('\n\n'),
    '',
    `## ${ML_ADDITIONS_HEADING}`,
    '',
    ml.join('\n\n'),
    '$0',
  ].join('\n');
  snippets['ML post-mortem: full'] = {
    prefix: ['postmortem', 'pm'],
    description: 'A blameless ML post-mortem: front matter, the PagerDuty-style sections (summary, impact, timeline, root cause) and the playbook\'s "ML-specific post-mortem additions" word for word (surface attribution, drift/quality context, model and data state at incident time, detection gap, action items).',
    body: body.split('\n'),
  };
}
const one: Array<[SectionId, string, string]> = [
  ['surface-attribution', 'pm-surface', 'Surface attribution, as the playbook\'s template writes it: "- [ ] Data issue  [ ] Model issue  [ ] Serving issue" — tick exactly one primary surface.'],
  ['drift-quality-context', 'pm-drift', 'Drift/quality context: the playbook\'s three questions — quality SLO breached (Y/N, which SLO, for how long), real (concept) or virtual (covariate shift) drift, label lag.'],
  ['model-data-state', 'pm-state', 'Model and data state at incident time: model version in production, last deploy timestamp, feature pipeline last successful run, reference dataset / training cut-off date.'],
  ['detection-gap', 'pm-detection-gap', 'Detection gap: how long between incident start and page, which signal detected it first, what signal could have detected it earlier.'],
  ['action-items', 'pm-actions', 'Action items (surface-specific): the playbook\'s five options, each with an @owner and a due date — keep the ones that apply.'],
];
for (const [id, prefix, description] of one) {
  const spec = SECTIONS.find((s) => s.id === id)!;
  const [body] = section(id, 1, { level: 3 });
  snippets[`ML post-mortem section: ${spec.title}`] = { prefix: [prefix], description, body: `${body}\n$0`.split('\n') };
}
writeFileSync(join(ROOT, 'snippets', 'postmortem.code-snippets'), JSON.stringify(snippets, null, 2) + '\n');
console.log('wrote snippets/runbook.code-snippets and snippets/postmortem.code-snippets');

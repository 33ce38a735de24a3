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
  lastReviewed: ${DATE}
  tags: [${tags}]`;

const drift = `${header('drift-alert', 'Drift alert on <service>', 'drift, data-quality')}
signal:
  summary: \${6:A monitoring job reports input-feature or prediction drift above its threshold}
  alert: \${7:FeatureDriftHigh}
  slo: prediction-quality
surface:
  likely: data
  alternatives: [model, serving]
  rationale: Inputs changing is the most common cause; concept drift when the quality SLO breaches with clean inputs. Serving is ruled out first because it is the cheapest to check.
severity:
  default: SEV3
  escalations:
    - to: SEV2
      when: The prediction-quality SLO is breached on a slice
diagnostics:
  - question: Did the drift detector itself change?
    why: A notable share of drift pages are the detector drifting (re-baselined reference window, new thresholds), not the data
    query:
      language: promql
      text: |
        changes(drift_detector_config_version[24h]) > 0
    dashboard: https://\${8:grafana.example.com}/d/drift
    decides: Detector or reference window changed -> false page; fix the monitor, not the model
  - question: Did an upstream feature pipeline fail or change its output?
    why: Schema changes, late partitions and null floods upstream are the usual data-surface causes
    query:
      language: logql
      text: |
        sum by (job) (count_over_time({namespace="feature-pipelines"} |= "error" [6h]))
    dashboard: https://\${8:grafana.example.com}/d/feature-pipelines
    decides: Pipeline errors or a schema change at drift onset -> data surface; roll back or fix the pipeline
  - question: Is prediction quality degraded on any slice?
    why: Drift with unchanged quality is monitoring noise; drift with a quality drop on a slice is a real incident
    query:
      language: sql
      dialect: postgresql
      text: |
        SELECT slice, AVG(CASE WHEN label = prediction THEN 1.0 ELSE 0.0 END) AS accuracy, COUNT(*) AS n
        FROM prediction_outcomes
        WHERE scored_at > NOW() - INTERVAL '24 hours'
        GROUP BY slice
        ORDER BY accuracy ASC
        LIMIT 20
    decides: Quality down with clean inputs -> model surface (concept drift); retrain or roll back the model
rollback:
  criterion: \${9:If the drift traces to a feature-pipeline break, roll back the pipeline to the last good run; if quality dropped on a slice with clean inputs, roll back to the previous model version}
  actions:
    - Roll back the feature pipeline to the last good run
    - Roll back the model to the previous registered version
mitigations:
  - action: Route the affected slices to the fallback rules
    reversible: true
falsePages:
  - pattern: The monitor moved, not the system
    check: Check the monitoring change log (thresholds, reference window) before the data
  - pattern: Expected seasonal shift in the traffic mix
    check: Compare with the same window last week before escalating
${sloBlock('prediction-quality', '99.9', 'Fraction of predictions meeting the quality threshold', 10)}
references:
  - https://sre.google/workbook/alerting-on-slos/
$0`;

const latency = `${header('p99-latency-spike', 'p99 latency spike on <service>', 'latency, serving')}
signal:
  summary: \${6:The p99 inference latency exceeds its objective and burns the latency error budget}
  alert: \${7:InferenceLatencyP99High}
  slo: inference-latency
surface:
  likely: serving
  alternatives: [model, data]
  rationale: Latency is a request-path symptom first (deploys, saturation, dependencies); a heavier model version or larger inputs come next.
severity:
  default: SEV2
  escalations:
    - to: SEV1
      when: Requests time out for users, or the fast-burn page tier fires for more than 30 minutes
diagnostics:
  - question: Is the spike on every model of the serving fleet or on one model?
    why: Fleet-wide points at the serving stack or a shared dependency; one model points at that model's version or inputs
    query:
      language: promql
      text: |
        histogram_quantile(0.99, sum by (le, model) (rate(inference_request_duration_seconds_bucket[5m])))
    dashboard: https://\${8:grafana.example.com}/d/inference-latency
    decides: All models -> serving stack; one model -> check its last deploy and input sizes
  - question: Did a deploy or configuration change land just before the spike?
    why: Most latency regressions start with a change; rolling it back is faster than diagnosing it
    query:
      language: promql
      text: |
        changes(kube_deployment_status_observed_generation{namespace="ml-serving"}[1h]) > 0
    dashboard: https://\${8:grafana.example.com}/d/deployments
    decides: A change at spike onset -> roll it back first, then investigate
  - question: Is the serving fleet saturated?
    why: Queueing grows latency before errors appear; saturation calls for capacity, not a rollback
    query:
      language: promql
      text: |
        max by (pod) (inference_queue_depth) > 10
    dashboard: https://\${8:grafana.example.com}/d/serving-capacity
    decides: Queues building on all pods -> scale out; on a few pods -> drain and replace them
rollback:
  criterion: \${9:If the spike started with a deploy or a configuration change, roll it back now; diagnose afterwards}
  actions:
    - Roll back the serving deployment to the previous revision
mitigations:
  - action: Raise the replica floor
    reversible: true
  - action: Shed low-priority batch traffic at the gateway
    reversible: true
falsePages:
  - pattern: Cold starts right after a scale-up
    check: Check whether the spike is limited to new pods in their first minutes
  - pattern: One client sending oversized batches
    check: Break the latency down by client before scaling the fleet
${sloBlock('inference-latency', '99.5', 'Fraction of inference requests served under the latency threshold', 10)}
references:
  - https://sre.google/workbook/alerting-on-slos/
$0`;

const injection = `${header('prompt-injection-attempt', 'Prompt-injection attempt on <service>', 'security, llm, owasp-llm01')}
signal:
  summary: \${6:The prompt-injection detector flags requests that try to override the system prompt or steer tool calls (OWASP LLM01:2025)}
  alert: \${7:PromptInjectionDetected}
  slo: guardrail-coverage
surface:
  likely: model
  alternatives: [data, serving]
  rationale: Direct injection shows as the model following crafted instructions; indirect injection arrives through retrieved documents (data); the guardrail sits in the request path (serving) and is ruled out first.
severity:
  default: SEV2
  escalations:
    - to: SEV1
      when: An injected instruction reached a tool call or exposed customer data
diagnostics:
  - question: Is the guardrail evaluating every request?
    why: Rule out serving first; a guardrail that is down or bypassed turns attempts into incidents
    query:
      language: promql
      text: |
        sum(rate(guardrail_evaluations_total[5m])) / sum(rate(llm_requests_total[5m]))
    dashboard: https://\${8:grafana.example.com}/d/llm-guardrails
    decides: Coverage below 100 % -> serving surface; restore the guardrail before anything else
  - question: Which sessions and detector rules fired, and through which input channel?
    why: Direct prompts point at the users sending them; hits on retrieved content point at poisoned documents (indirect injection)
    query:
      language: logql
      text: |
        sum by (rule, channel) (count_over_time({app="llm-gateway"} |= "prompt_injection" [1h]))
    dashboard: https://\${8:grafana.example.com}/d/llm-gateway
    decides: Retrieved-content channel -> data surface (quarantine the documents); user channel -> block the sessions
  - question: Did any flagged request reach a tool call or return sensitive data?
    why: An attempt that only changed the wording is contained; one that acted through tools is a security incident
    query:
      language: sql
      dialect: postgresql
      text: |
        SELECT session_id, tool_name, COUNT(*) AS calls
        FROM llm_tool_calls
        WHERE created_at > NOW() - INTERVAL '1 hour' AND injection_flagged = TRUE
        GROUP BY session_id, tool_name
        ORDER BY calls DESC
        LIMIT 50
    decides: Any row -> escalate to SEV1 with the security team; none -> contained, keep monitoring
rollback:
  criterion: \${9:If an injected instruction reached a tool call or exposed data, disable tool use on the affected route and roll back the last prompt or guardrail change}
  actions:
    - Disable tool use on the affected model route
    - Roll back the system prompt and guardrail configuration to the last reviewed version
mitigations:
  - action: Block the offending sessions at the gateway
    reversible: true
  - action: Quarantine the retrieved documents that carried the injection
    reversible: true
falsePages:
  - pattern: Scheduled red-team or penetration-test traffic
    check: Check the security team's test calendar and the source accounts
  - pattern: Benign prompts that quote instructions (support tickets pasting documentation)
    check: Read a sample of the flagged prompts before escalating
${sloBlock('guardrail-coverage', '99.9', 'Fraction of LLM requests evaluated by the guardrail before reaching the model', 10)}
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
  lastReviewed: ${DATE}
signal:
  summary: \${6:TODO (the symptom that pages)}
  alert: \${7:<AlertName>}
surface:
  likely: \${8|data,model,serving|}
  alternatives: [\${9|model,data,serving|}]
  rationale: \${10:TODO (why this surface is the likely one)}
severity:
  default: \${11|SEV3,SEV2,SEV1|}
diagnostics:
  - question: \${12:TODO (first triage question (rule out serving first))}
    check: \${13:TODO (the query or the place to look)}
  - question: \${14:TODO (second triage question)}
    check: \${15:TODO (the query or the place to look)}
  - question: \${16:TODO (third triage question)}
    check: \${17:TODO (the query or the place to look)}
rollback:
  criterion: \${18:TODO (when to roll back)}
  actions:
    - \${19:TODO (the fastest reversible action)}
$0`;

const slosOnly = `${sloBlock('${1:prediction-quality}', '99.9', 'TODO (what fraction of events is good)', 2)}
$0`;

const rb: Record<string, { prefix: string[]; description: string; body: string | string[] }> = {
  'ML runbook: drift alert': { prefix: ['runbook-drift', 'mlrb-drift'], description: 'Playbook runbook for an input-feature / prediction drift alert: detector change, feature pipeline, quality on slices; SLO with the three standard burn-rate tiers.', body: drift },
  'ML runbook: p99 latency spike': { prefix: ['runbook-latency', 'mlrb-latency'], description: 'Playbook runbook for a p99 inference latency spike: fleet-wide or one model, recent change, saturation; latency SLO with the three standard tiers.', body: latency },
  'ML runbook: prompt-injection attempt': { prefix: ['runbook-prompt-injection', 'mlrb-prompt-injection'], description: 'Playbook runbook for a prompt-injection attempt (OWASP LLM01:2025): guardrail coverage, detector hits by channel, tool calls; guardrail SLO.', body: injection },
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

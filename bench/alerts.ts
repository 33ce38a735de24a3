/**
 * The alert-graph section of `npm run bench` (spec §8): a generated workspace of 1,000 alerting rules
 * in 50 rule files (workbook, Sloth and Pyrra shapes) and 300 runbooks; `ml-runbooks graph` and `lint`
 * timed cold (whole process), and the re-check after an edit to one rule file timed in process: the
 * graph updated from the file's new text, then the findings of the rule file and of every runbook it
 * touches — what the language server recomputes before publishing.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AlertGraph, lint } from '../server/src/core/index';
import { run } from './procs';
import { summarize, ms, type Summary } from './stats';

export const ALERT_RULES = 1000;
export const ALERT_RULE_FILES = 50;
export const ALERT_RUNBOOKS = 300;

export interface AlertsResult {
  rules: number;
  ruleFiles: number;
  runbooks: number;
  graph?: Summary;
  lint?: Summary;
  recheck?: Summary;
  /** Runbooks re-checked per edit (median). */
  touched?: number;
  error?: string;
}

function runbook(i: number): string {
  return `apiVersion: ml-runbooks/v1
kind: Runbook
metadata:
  name: svc-${i}
  title: Service ${i} error budget burn
  owners:
    team: team-${i % 12}
    escalation: "#oncall-${i % 12}"
signal:
  summary: Service ${i} burns its error budget faster than allowed
  alert: Svc${i}ErrorBudgetBurn
  slo: svc-${i}-availability
surface:
  likely: serving
severity:
  default: SEV2
diagnostics:
  - question: Are the errors on all replicas?
    query:
      language: promql
      text: sum by (pod) (rate(http_requests_total{service="svc-${i}",code=~"5.."}[5m]))
  - question: Did a deploy just happen?
    check: Look at the deploy log of svc-${i}
  - question: Is a dependency failing?
    check: Compare dependency error rates with the alert start
rollback:
  criterion: Errors started with a deploy
  actions:
    - Roll back svc-${i} to the previous revision
slos:
  - name: svc-${i}-availability
    objective: 99.9
    period: 30d
    alerts:
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
`;
}

/** One alerting rule; rules for the first 300 services link their runbooks, the rest are plain threshold alerts. */
function rule(k: number, shape: number): string {
  if (k >= ALERT_RUNBOOKS) {
    return `      - alert: Threshold${k}
        expr: sum(rate(http_requests_total{service="svc-${k}",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="svc-${k}"}[5m])) > 0.05
        labels:
          severity: warning
        annotations:
          runbook_url: https://runbooks.acme.internal/ml/svc-${k % ALERT_RUNBOOKS}
`;
  }
  const sel = `{sloth_id="svc-${k}-availability", sloth_service="svc-${k}", sloth_slo="availability"}`;
  const expr =
    shape === 0
      ? `(
            max(slo:sli_error:ratio_rate5m${sel} > (14.4 * 0.0009999999999999432)) without (sloth_window)
            and
            max(slo:sli_error:ratio_rate1h${sel} > (14.4 * 0.0009999999999999432)) without (sloth_window)
          )
          or
          (
            max(slo:sli_error:ratio_rate30m${sel} > (6 * 0.0009999999999999432)) without (sloth_window)
            and
            max(slo:sli_error:ratio_rate6h${sel} > (6 * 0.0009999999999999432)) without (sloth_window)
          )`
      : `(sum(rate(http_requests_total{service="svc-${k}",code=~"5.."}[1h])) / sum(rate(http_requests_total{service="svc-${k}"}[1h])) > 14.4 * (1 - 0.999))
          and (sum(rate(http_requests_total{service="svc-${k}",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="svc-${k}"}[5m])) > 14.4 * (1 - 0.999))
          or (sum(rate(http_requests_total{service="svc-${k}",code=~"5.."}[6h])) / sum(rate(http_requests_total{service="svc-${k}"}[6h])) > 6 * (1 - 0.999))
          and (sum(rate(http_requests_total{service="svc-${k}",code=~"5.."}[30m])) / sum(rate(http_requests_total{service="svc-${k}"}[30m])) > 6 * (1 - 0.999))`;
  return `      - alert: Svc${k}ErrorBudgetBurn
        expr: |
          ${expr}
        labels:
          severity: page
        annotations:
          runbook_url: https://runbooks.acme.internal/ml/svc-${k}
`;
}

/** Writes the workspace (deterministic) and returns the rule files' texts by path. */
export function generateAlertWorkspace(dir: string): Map<string, string> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'runbooks'), { recursive: true });
  mkdirSync(join(dir, 'monitoring'), { recursive: true });
  writeFileSync(join(dir, '.ml-runbooks.yaml'), 'alerts:\n  runbookUrl: "https://runbooks.acme.internal/ml/{name}"\n');
  for (let i = 0; i < ALERT_RUNBOOKS; i++) writeFileSync(join(dir, 'runbooks', `svc-${i}.runbook.yaml`), runbook(i));
  const perFile = ALERT_RULES / ALERT_RULE_FILES;
  const rules = new Map<string, string>();
  for (let f = 0; f < ALERT_RULE_FILES; f++) {
    let text = `groups:\n  - name: group-${f}\n    rules:\n`;
    for (let j = 0; j < perFile; j++) {
      // Rules of the linked services are spread over the files, the threshold alerts fill the rest.
      const k = j * ALERT_RULE_FILES + f;
      text += rule(k, k % 2);
    }
    const rel = `monitoring/group-${f}.rules.yaml`;
    writeFileSync(join(dir, rel), text);
    rules.set(rel, text);
  }
  return rules;
}

/** Runs the section: `runs` cold runs of each command, `edits` measured edits (after warm-up ones). */
export async function alertsSection(cli: string, dir: string, runs: number, edits: number): Promise<AlertsResult> {
  const res: AlertsResult = { rules: ALERT_RULES, ruleFiles: ALERT_RULE_FILES, runbooks: ALERT_RUNBOOKS };
  try {
    const rules = generateAlertWorkspace(dir);
    const time = async (args: string[], check: (stdout: string) => void): Promise<Summary> => {
      const xs: number[] = [];
      for (let i = 0; i < runs; i++) {
        const r = await run(process.execPath, [cli, ...args], { cwd: dir, timeoutMs: 120_000 });
        if (r.code !== 0 && r.code !== 1) throw new Error(`${args[0]} exit ${r.code}: ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
        check(r.stdout);
        xs.push(r.ms);
      }
      return summarize(xs);
    };
    res.graph = await time(['graph', '.', '--format', 'json'], (out) => {
      const g = JSON.parse(out) as { alerts: unknown[]; orphans: unknown[] };
      if (g.alerts.length !== ALERT_RULES) throw new Error(`graph listed ${g.alerts.length} alerts, expected ${ALERT_RULES}`);
    });
    res.lint = await time(['lint', '.', '--format', 'json'], (out) => {
      const n = (JSON.parse(out) as unknown[]).length;
      if (n !== ALERT_RUNBOOKS + ALERT_RULE_FILES) throw new Error(`lint listed ${n} files`);
    });
    // In process: the graph of the whole workspace, then edits to one rule file.
    const graph = new AlertGraph({ runbookUrl: 'https://runbooks.acme.internal/ml/{name}' });
    for (let i = 0; i < ALERT_RUNBOOKS; i++) graph.setRunbook(`runbooks/svc-${i}.runbook.yaml`, runbook(i), undefined, { cache: false });
    for (const [rel, text] of rules) graph.setRuleFile(rel, text);
    const target = 'monitoring/group-8.rules.yaml'; // even group: its linked rules are Sloth-shaped
    const base = rules.get(target)!;
    const xs: number[] = [];
    const touched: number[] = [];
    const warm = 20;
    for (let e = 0; e < warm + edits; e++) {
      // Alternate the first tier's factor of the file's Sloth rules, 14.4 ↔ 3: every other edit makes AL004 appear, the next clears it.
      const text = e % 2 ? base : base.replace('(14.4 * 0.0009999999999999432)', '(3 * 0.0009999999999999432)');
      if (e === 0 && text === base) throw new Error(`the edit to ${target} changes nothing`);
      const t0 = performance.now();
      const before = graph.runbooksAffectedBy(target);
      graph.setRuleFile(target, text);
      const after = graph.runbooksAffectedBy(target);
      const affected = new Set([...before, ...after]);
      lint(target, text, { alerts: graph });
      for (const rb of affected) graph.findingsFor(rb);
      const dt = performance.now() - t0;
      if (e >= warm) {
        xs.push(dt);
        touched.push(affected.size);
      }
    }
    res.recheck = summarize(xs);
    res.touched = summarize(touched).median;
  } catch (e) {
    res.error = (e as Error).message.slice(0, 300);
  }
  return res;
}

/** The section's table (Markdown). */
export function renderAlerts(r: AlertsResult | undefined): string {
  if (!r) return '';
  const row = (label: string, s: Summary | undefined, target: string) => `| ${label} | ${s ? ms(s.median) : '—'} | ${s ? ms(s.p95) : '—'} | ${target} |`;
  return [
    `Alert graph: ${r.rules} alerting rules in ${r.ruleFiles} rule files, ${r.runbooks} runbooks.${r.error ? ` Not measured: ${r.error}` : ''}`,
    '',
    '| alert graph | median ms | p95 ms | target |',
    '|---|---:|---:|---|',
    row('ml-runbooks graph --format json (whole process, cold)', r.graph, '< 2000'),
    row('ml-runbooks lint --format json (whole process, cold)', r.lint, '< 2000'),
    row(`re-check after an edit to one rule file (${r.touched ?? '—'} runbook(s) touched; in process)`, r.recheck, '< 20'),
  ].join('\n');
}

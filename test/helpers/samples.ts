/** Sample documents and reference values that several test files share. */

/**
 * A minimal runbook that lints clean: three diagnostics with manual checks, no SLOs. `extra` is
 * appended after the last line (more top-level keys, another `---` document).
 */
export function minimalRunbook(name: string, opts: { title?: string; extra?: string } = {}): string {
  return `apiVersion: ml-runbooks/v1
kind: Runbook
metadata:
  name: ${name}
  title: ${opts.title ?? 'Drift alert'}
  owners:
    team: ml-platform
    escalation: "#ml-oncall"
    model: "@fraud-model-owners"
signal:
  summary: A monitoring job reports feature drift above threshold
surface:
  likely: data
severity:
  default: SEV3
diagnostics:
  - question: Did the detector itself change?
    check: Look at the monitoring change log
  - question: Did an upstream feature pipeline change?
    check: Look at the pipeline run log
  - question: Is the prediction distribution shifted?
    check: Compare the score histogram with last week
rollback:
  criterion: If the drift traces to a pipeline break, roll back the pipeline
  actions:
    - Roll back the feature pipeline to the last good run
${opts.extra ?? ''}`;
}

/** The spec's reference burn-rate table (§6): the workbook tiers for a 99.9 % objective over 30d. */
export const REFERENCE_TABLE_999_30D = {
  objective: 0.999,
  period: '30d',
  tiers: [
    { severity: 'page', longWindow: '1h', shortWindow: '5m', burnRate: 14.4, budgetConsumed: 0.02, errorRateThreshold: 0.0144, timeToExhaustion: '50h' },
    { severity: 'page', longWindow: '6h', shortWindow: '30m', burnRate: 6, budgetConsumed: 0.05, errorRateThreshold: 0.006, timeToExhaustion: '5d' },
    { severity: 'ticket', longWindow: '3d', shortWindow: '6h', burnRate: 1, budgetConsumed: 0.1, errorRateThreshold: 0.001, timeToExhaustion: '30d' },
  ],
  warnings: [],
};

/** The reverse calculation for a 0.5 % error rate held for 24h, against 99.9 % over 30d. */
export const REVERSE_05PCT_24H_999_30D = {
  burnRate: 5,
  errorRate: 0.005,
  budgetConsumedAfter: 0.166667,
  budgetLeftAfter: 0.833333,
  afterHours: 24,
  timeToExhaustion: '6d',
  warnings: [],
};

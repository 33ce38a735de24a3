/** Shared helpers of the runbook unit tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, type Finding, type LintEnv } from '../../server/src/core/index';

export const NOW = new Date('2026-11-25T00:00:00Z');
export const ENV: LintEnv = { now: NOW };
export const ROOT = join(import.meta.dirname ?? __dirname, '..', '..');

export function fixture(name: string): string {
  return readFileSync(join(ROOT, 'test', 'fixtures', 'runbooks', name), 'utf8');
}

export function lintText(text: string, file = 'test.runbook.yaml', env: LintEnv = ENV): Finding[] {
  return lint(file, text, env).findings;
}

/** The text a finding covers. */
export function covered(text: string, f: Finding): string {
  return text.slice(f.start, f.end);
}

/** A valid runbook to derive test cases from (lints clean). */
export const VALID = `apiVersion: ml-runbooks/v1
kind: Runbook
metadata:
  name: drift-alert
  title: Drift alert
  service: fraud-scorer
  owners:
    team: ml-platform
    escalation: "#ml-oncall"
    model: "@fraud-model-owners"
  lastReviewed: 2026-10-01
signal:
  summary: Feature drift above threshold
  slo: prediction-quality
surface:
  likely: data
  alternatives: [model]
severity:
  default: SEV3
diagnostics:
  - question: Did the detector itself change?
    query:
      language: promql
      text: |
        changes(drift_detector_config_version[24h]) > 0
  - question: Did a pipeline run change the features?
    check: Look at the feature pipeline runs
  - question: Did prediction quality drop?
    check: Look at the quality dashboard
rollback:
  criterion: The drift traces to a feature-pipeline break
  actions:
    - Roll back the feature pipeline to the last good run
slos:
  - name: prediction-quality
    objective: 99.9
    period: 30d
    alerts:
      - severity: page
        longWindow: 1h
        shortWindow: 5m
        burnRate: 14.4
        budgetConsumed: 2%
`;

/**
 * Alerting rules ↔ runbooks (spec §8): rule-file detection and reading, burn-rate tier recovery
 * from PromQL trees, link resolution, and the workspace graph. Pure: text in, findings out.
 */
import type { RuleMeta } from '../meta';

export { isAlertRulesText, isLokiPath, readRuleFile, MAX_RULE_FILE_CHARS, type AlertRule, type RuleFile, type RuleFileProblem, type Placed } from './ruleFile';
export { recoverTiers, promDuration, windowOfRecordingName, type AlertTier } from './tiers';
export { expandUrlTemplate, LinkResolver, normalizePath, type LinkTarget, type LinkResolution } from './links';
export { parseAlertSelector, selectorMatches, type AlertSelector, type LabelMatcher } from './selector';
export { runbookAlertInfo, type RunbookAlertInfo, type DocumentedTier } from './runbookInfo';
export { AlertGraph, TIER_TOLERANCE, type AlertGraphOptions, type AlertGraphJson, type AlertLink, type AlertRef, type RunbookRef, type GraphFinding, type TierJson } from './graph';

/** The codes of spec §8, reported by the alert graph rather than a per-file rule registry. */
export const ALERT_CODES: readonly RuleMeta[] = [
  { id: 'AL000', name: 'alert-expr-syntax', description: 'An alerting or recording rule expr that does not parse (PromQL, or LogQL in a Loki rule file).', defaultSeverity: 'error' },
  { id: 'AL001', name: 'alert-without-runbook', description: 'An alerting rule without annotations.runbook_url.', defaultSeverity: 'warning' },
  { id: 'AL002', name: 'runbook-url-unresolved', description: 'A runbook_url that resolves to no runbook in the workspace.', defaultSeverity: 'error' },
  { id: 'AL003', name: 'signal-alert-undefined', description: 'signal.alert names no alerting rule in the workspace (only when the workspace has rule files).', defaultSeverity: 'warning' },
  { id: 'AL004', name: 'burn-rate-tiers-disagree', description: "The alert's burn-rate tiers disagree with the runbook's slos alerts (reported on both sides).", defaultSeverity: 'error' },
  { id: 'AL005', name: 'orphan-runbook', description: 'No alert links to this runbook (only when the workspace has rule files).', defaultSeverity: 'hint' },
];

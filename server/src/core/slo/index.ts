/**
 * SLO error-budget arithmetic shared by the runbook rules (RB005, RB006), hovers, the CLI
 * `burn-rate` command and the editor's burn-rate calculator. Pure functions only.
 */
export { parseDuration, formatDuration, formatWindow } from './duration';
export type { TierSpec, BurnRateTier, BurnRateTable, ReverseResult } from './burnRate';
export {
  WORKBOOK_TIERS,
  SLOTH_TIERS,
  computeBurnRateTable,
  reverseBurnRate,
  explainBurnRate,
  roundTo,
  roundSig,
  formatPercent,
  objectiveFraction,
  errorBudget,
} from './burnRate';
export type { InputResult } from './inputs';
export { parseObjectiveInput, parsePeriodInput, parseErrorRateInput } from './inputs';
export type { PrometheusRuleOptions } from './format';
export { formatMarkdownTable, formatSlosBlock, formatPrometheusRules, errorRatioMetricName } from './format';

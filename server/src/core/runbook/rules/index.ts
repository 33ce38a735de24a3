/**
 * The runbook rule registry: every runbook rule, in code order. Adding a rule = one import and one
 * entry here, plus docs/rules/<CODE>.md and a fixture (see docs/architecture.md).
 */
import type { RunbookRule } from '../context';
import { yamlSyntax } from './yaml-syntax';
import { schemaViolation } from './schema-violation';
import { diagnosticsCount } from './diagnostics-count';
import { notLocalised } from './not-localised';
import { querySyntax } from './query-syntax';
import { burnRate } from './burn-rate';
import { shortWindowRatio } from './short-window-ratio';
import { staleReview } from './stale-review';
import { reversibleAction } from './reversible-action';
import { unresolvedName } from './unresolved-name';
import { duplicateQuestion } from './duplicate-question';
import { modelOwner } from './model-owner';

export const runbookRules: RunbookRule[] = [
  yamlSyntax,
  schemaViolation,
  diagnosticsCount,
  notLocalised,
  querySyntax,
  burnRate,
  shortWindowRatio,
  staleReview,
  reversibleAction,
  unresolvedName,
  duplicateQuestion,
  modelOwner,
];

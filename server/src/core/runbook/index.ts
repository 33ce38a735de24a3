import type { Finding } from '../types';
import type { LintEnv } from '../index';
import type { ResolvedConfig } from '../config';

/** Lints a runbook file (all its YAML documents). Implemented by the runbook module. */
export function lintRunbookText(_file: string, _text: string, _env: LintEnv & { config: ResolvedConfig }): Finding[] {
  return [];
}

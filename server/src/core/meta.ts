/**
 * What the linter can report, in one list: every runbook rule, every post-mortem rule, the alert
 * graph's codes (AL000–AL005, `alerts/`), and the two
 * codes reported outside the rule registries — ML001 (unused suppression comment, `suppress.ts`) and
 * ML002 (invalid `.ml-runbooks.yaml`, `config.ts`). Hosts that list rules (the CLI's SARIF output)
 * read it here.
 */
import type { Severity } from './types';
import { DOCS_BASE_URL } from './registry';
import { runbookRules } from './runbook/rules/index';
import { postmortemRules } from './postmortem/rules/index';
import { ALERT_CODES } from './alerts/index';

/** What a rule listing shows about a rule. */
export interface RuleMeta {
  /** Stable code, e.g. `RB004`. */
  id: string;
  /** Kebab-case slug, e.g. `query-syntax`. */
  name: string;
  /** One sentence. */
  description: string;
  defaultSeverity: Severity;
}

const CORE_CODES: readonly RuleMeta[] = [
  { id: 'ML001', name: 'unused-suppression', description: 'A suppression comment that suppresses no problem on the next line.', defaultSeverity: 'hint' },
  { id: 'ML002', name: 'invalid-config', description: 'The project configuration file .ml-runbooks.yaml is invalid; the defaults apply to the broken parts.', defaultSeverity: 'error' },
];

/**
 * Every code the linter can report, sorted. A registry rule that reports under several codes is
 * listed under its id.
 *
 * @example
 * ruleCatalog().find((r) => r.id === 'ML001')?.defaultSeverity // 'hint'
 */
export function ruleCatalog(): RuleMeta[] {
  const seen = new Set<string>();
  const out: RuleMeta[] = [];
  for (const r of [...runbookRules, ...postmortemRules, ...ALERT_CODES, ...CORE_CODES]) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push({ id: r.id, name: r.name, description: r.description, defaultSeverity: r.defaultSeverity });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The project's home page, derived from the rule documentation base URL. */
export const PROJECT_HOME_URL = DOCS_BASE_URL.replace(/\/blob\/[^/]+\/docs\/rules\/?$/, '');

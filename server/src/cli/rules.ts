import type { Severity } from '../core/index';
import { DOCS_BASE_URL } from '../core/index';
import { runbookRules } from '../core/runbook/rules/index';
import { postmortemRules } from '../core/postmortem/rules/index';

/** What the SARIF driver lists about a rule. */
export interface RuleMeta {
  id: string;
  name: string;
  description: string;
  defaultSeverity: Severity;
}

/**
 * The two codes the core reports outside the rule registries: ML001 (unused suppression comment,
 * core/suppress.ts) and ML002 (invalid `.ml-runbooks.yaml`, core/config.ts).
 */
const CORE_CODES: RuleMeta[] = [
  { id: 'ML001', name: 'unused-suppression', description: 'A suppression comment that suppresses no problem on the next line.', defaultSeverity: 'hint' },
  { id: 'ML002', name: 'invalid-config', description: 'The project configuration file .ml-runbooks.yaml is invalid; the defaults apply to the broken parts.', defaultSeverity: 'error' },
];

/**
 * Every rule the linter can report, from the registries (runbook rules, post-mortem rules) plus ML001
 * and ML002, sorted by code. A registry rule that reports under several codes is listed under its id.
 */
export function allRules(): RuleMeta[] {
  const seen = new Set<string>();
  const out: RuleMeta[] = [];
  for (const r of [...runbookRules, ...postmortemRules, ...CORE_CODES]) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push({ id: r.id, name: r.name, description: r.description, defaultSeverity: r.defaultSeverity });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The project's home page, derived from the rule documentation base URL. */
export const INFORMATION_URI = DOCS_BASE_URL.replace(/\/blob\/[^/]+\/docs\/rules\/?$/, '');

import type { Finding, RawFinding, Rule, Severity } from './types';
import type { ResolvedConfig } from './config';

/** Where each rule's documentation lives; the LSP adapter turns it into `codeDescription.href`. */
export const DOCS_BASE_URL = 'https://github.com/ml-runbooks/ml-runbooks/blob/main/docs/rules/';

/** The documentation page of a rule code. */
export function docUrl(code: string): string {
  return `${DOCS_BASE_URL}${code}.md`;
}

/**
 * Runs every rule of a registry on one context. Configured severities are applied here (a rule set to
 * `off` is not run at all); a rule that throws becomes one error finding at the top of the file
 * instead of killing the run.
 *
 * Severity resolution: when the user configures a severity for a code, findings the rule reports at
 * its default severity take the configured one; findings the rule explicitly reports at another
 * severity (e.g. RB002's hint for more than three diagnostics) keep it, unless the code is `off`.
 */
export function runRules<C>(rules: ReadonlyArray<Rule<C>>, ctx: C, config: ResolvedConfig, out: Finding[] = []): Finding[] {
  for (const rule of rules) {
    const configured = config.rules[rule.id];
    if (configured === 'off') continue;
    const report = (f: RawFinding): void => {
      const code = f.code ?? rule.id;
      const codeConfigured = config.rules[code] ?? configured;
      if (codeConfigured === 'off') return;
      const base: Severity = f.severity ?? rule.defaultSeverity;
      const severity: Severity = codeConfigured && base === rule.defaultSeverity ? codeConfigured : base;
      const finding: Finding = { code, severity, message: f.message, start: f.start, end: Math.max(f.start, f.end) };
      if (f.fixes?.length) finding.fixes = f.fixes;
      if (f.related?.length) finding.related = f.related;
      if (f.tags?.length) finding.tags = f.tags;
      out.push(finding);
    };
    try {
      rule.check(ctx, report);
    } catch (e) {
      out.push({
        code: rule.id,
        severity: 'error',
        message: `Internal error in rule ${rule.id} (${rule.name}): ${(e as Error)?.message ?? String(e)}. Please report this; other rules still ran.`,
        start: 0,
        end: 0,
      });
    }
  }
  return out;
}

/** Sorts findings by position, then code, for stable output. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.start - b.start || a.end - b.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

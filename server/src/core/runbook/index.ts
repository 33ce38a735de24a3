import type { Finding, Severity } from '../types';
import type { LintEnv } from '../index';
import type { ResolvedConfig } from '../config';
import { runRules } from '../registry';
import type { RunbookContext, RunbookDocument, RunbookRule } from './context';
import { parseRunbookFile } from './parse';
import { runbookRules } from './rules/index';
import { yamlSyntax } from './rules/yaml-syntax';
import { isRecord } from './schema';

const RUNBOOK_FILE = /\.runbook\.ya?ml$/i;
const SYNTAX_ONLY: RunbookRule[] = [yamlSyntax];

/**
 * Whether a document is a runbook the rules should check: any non-empty document of a
 * `*.runbook.yaml` file, or a document with `apiVersion: ml-runbooks/v1` and `kind: Runbook`.
 */
export function isRunbookDocument(d: RunbookDocument, runbookFile: boolean): boolean {
  if (d.doc.contents === null || d.doc.contents === undefined) return false;
  if (d.value === null || d.value === undefined) return false; // `---` followed by nothing
  if (runbookFile) return true;
  const v = d.value;
  return isRecord(v) && v.apiVersion === 'ml-runbooks/v1' && v.kind === 'Runbook';
}

/**
 * Lints a runbook file: every YAML document is checked on its own. Syntax errors (RB000) are reported
 * in every document; the other rules run on the documents that are runbooks (see
 * {@link isRunbookDocument}); a document that could not be built (alias bomb, runaway nesting) gets
 * only its RB000; a file that cannot be read at all (too large, binary) gets exactly one RB000.
 */
export function lintRunbookText(file: string, text: string, env: LintEnv & { config: ResolvedConfig }): Finding[] {
  const parsed = parseRunbookFile(text);
  const out: Finding[] = [];
  if (parsed.fatal) {
    const configured = env.config.rules.RB000;
    if (configured === 'off') return out;
    const severity: Severity = configured ?? 'error';
    out.push({ code: 'RB000', severity, message: parsed.fatal.message, start: parsed.fatal.start, end: parsed.fatal.end });
    return out;
  }
  const byName = RUNBOOK_FILE.test(file);
  const runbooks = parsed.docs.filter((d) => !d.unusable && isRunbookDocument(d, byName));
  for (const d of parsed.docs) {
    const ctx: RunbookContext = { file, text, lines: parsed.lines, doc: d, env, fileDocs: runbooks };
    runRules(runbooks.includes(d) ? runbookRules : SYNTAX_ONLY, ctx, env.config, out);
  }
  return out;
}

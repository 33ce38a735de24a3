import type { Finding, Severity } from '../types';
import type { LintEnv } from '../index';
import type { ResolvedConfig } from '../config';
import type { LineIndex } from '../lineIndex';
import { runRules } from '../registry';
import type { RunbookContext, RunbookDocument, RunbookRule } from './context';
import { parseRunbookFile } from './parse';
import { runbookRules } from './rules/index';
import { yamlSyntax } from './rules/yaml-syntax';
import { isRecord } from './schema';
import { isRunbookFileName } from '../kind';

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
 * `out.lines` receives the text's {@link LineIndex} from the parse (not for an unreadable file), so
 * the caller need not build another.
 */
export function lintRunbookText(file: string, text: string, env: LintEnv & { config: ResolvedConfig }, out: { lines?: LineIndex } = {}): Finding[] {
  const parsed = parseRunbookFile(text);
  if (!parsed.fatal) out.lines = parsed.lines;
  const findings: Finding[] = [];
  if (parsed.fatal) {
    const configured = env.config.rules.RB000;
    if (configured === 'off') return findings;
    const severity: Severity = configured ?? 'error';
    findings.push({ code: 'RB000', severity, message: parsed.fatal.message, start: parsed.fatal.start, end: parsed.fatal.end });
    return findings;
  }
  const byName = env.runbookFile ?? isRunbookFileName(file);
  const runbooks = parsed.docs.filter((d) => !d.unusable && isRunbookDocument(d, byName));
  const isRunbook = new Set(runbooks);
  for (const d of parsed.docs) {
    const ctx: RunbookContext = { file, text, lines: parsed.lines, doc: d, env, fileDocs: runbooks };
    runRules(isRunbook.has(d) ? runbookRules : SYNTAX_ONLY, ctx, env.config, findings);
  }
  return findings;
}

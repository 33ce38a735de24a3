import { resolve } from 'node:path';
import type { FileResult } from '../results';

/** One message of ESLint's JSON format. */
export interface EslintMessage {
  ruleId: string;
  /** 2 error, 1 warning, 0 info/hint (present only with --include-hints). */
  severity: 2 | 1 | 0;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One file of ESLint's JSON format. */
export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  errorCount: number;
  warningCount: number;
  /** Always 0: the CLI applies no fixes (quick fixes are offered in the editor). */
  fixableErrorCount: number;
  fixableWarningCount: number;
}

/**
 * ESLint's JSON formatter shape: an array with one entry per linted file (clean files included),
 * `filePath` absolute, positions 1-based, end column exclusive (one past the last character).
 */
export function toEslintJson(results: FileResult[], cwd: string): EslintResult[] {
  return results.map((r) => ({
    filePath: resolve(cwd, r.abs),
    messages: r.messages.map((m) => ({
      ruleId: m.code,
      severity: m.severity === 'error' ? 2 : m.severity === 'warning' ? 1 : 0,
      message: m.message,
      line: m.line,
      column: m.column,
      endLine: m.endLine,
      endColumn: m.endColumn,
    })),
    errorCount: r.errorCount,
    warningCount: r.warningCount,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  }));
}

export function formatJson(results: FileResult[], cwd: string): string {
  return `${JSON.stringify(toEslintJson(results, cwd), null, 2)}\n`;
}

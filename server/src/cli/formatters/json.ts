import { isAbsolute, resolve } from 'node:path';
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

/**
 * `JSON.stringify(toEslintJson(results, cwd), null, 2)` and a newline, byte for byte, written out
 * directly: the output of a run of thousands of files without building an object per message first.
 */
export function formatJson(results: FileResult[], cwd: string): string {
  let text = '';
  writeJson(results, cwd, (t) => void (text += t));
  return text;
}

/** Characters of output handed to `out` at a time by {@link writeJson}. */
const CHUNK_CHARS = 64 * 1024;

/**
 * {@link formatJson}'s text, handed to `out` in pieces of about {@link CHUNK_CHARS} characters: a report
 * of thousands of files is written as it is made, not held whole (and copied by the garbage collector)
 * first.
 */
export function writeJson(results: FileResult[], cwd: string, out: (text: string) => void): void {
  if (!results.length) return out('[]\n');
  let chunk = '[';
  results.forEach((r, i) => {
    // `abs` is absolute and normal as discovery makes it: resolved again only if not absolute.
    const filePath = isAbsolute(r.abs) ? r.abs : resolve(cwd, r.abs);
    chunk += `${i ? ',' : ''}\n  {\n    "filePath": ${JSON.stringify(filePath)},\n    "messages": ${r.messages.length ? messagesJson(r.messages) : '[]'},\n`;
    chunk += `    "errorCount": ${r.errorCount},\n    "warningCount": ${r.warningCount},\n    "fixableErrorCount": 0,\n    "fixableWarningCount": 0\n  }`;
    if (chunk.length >= CHUNK_CHARS) {
      out(chunk);
      chunk = '';
    }
  });
  out(`${chunk}\n]\n`);
}

/** A file's messages as {@link formatJson} writes them (nested two levels deep). */
function messagesJson(messages: FileResult['messages']): string {
  let out = '[';
  for (const m of messages) {
    const severity = m.severity === 'error' ? 2 : m.severity === 'warning' ? 1 : 0;
    out += `${out.length > 1 ? ',' : ''}\n      {\n        "ruleId": ${JSON.stringify(m.code)},\n        "severity": ${severity},\n        "message": ${JSON.stringify(m.message)},\n`;
    out += `        "line": ${num(m.line)},\n        "column": ${num(m.column)},\n        "endLine": ${num(m.endLine)},\n        "endColumn": ${num(m.endColumn)}\n      }`;
  }
  return `${out}\n    ]`;
}

/** A number as JSON writes it (`null` when not finite). */
const num = (n: number): string => (Number.isFinite(n) ? String(n) : 'null');

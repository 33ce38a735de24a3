import { sep } from 'node:path';
import type { FileResult } from '../results';

/** Escapes the message part of a workflow command (GitHub: `%`, `\r`, `\n`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value of a workflow command (GitHub: also `:` and `,`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands, one per problem:
 * `::error file=path,line=1,col=2,endLine=1,endColumn=9,title=RB003::message`.
 * Errors → `error`, warnings → `warning`, info/hint (with --include-hints) → `notice`.
 * Paths are relative to the working directory (run from the repository root) with `/` separators.
 */
export function formatGithub(results: FileResult[]): string {
  let out = '';
  for (const r of results) {
    const file = r.path.split(sep).join('/');
    for (const m of r.messages) {
      const level = m.severity === 'error' ? 'error' : m.severity === 'warning' ? 'warning' : 'notice';
      const props = [
        `file=${escapeProperty(file)}`,
        `line=${m.line}`,
        `col=${m.column}`,
        `endLine=${m.endLine}`,
        `endColumn=${m.endColumn}`,
        `title=${escapeProperty(m.code)}`,
      ].join(',');
      out += `::${level} ${props}::${escapeData(m.message)}\n`;
    }
  }
  return out;
}

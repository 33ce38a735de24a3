import type { FileResult } from '../results';
import { totals } from '../results';

/** ANSI styles, or identity functions when colour is off. */
function palette(color: boolean) {
  const wrap = (open: number, close: number) => (s: string) => (color ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return {
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
    green: wrap(32, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22),
    underline: wrap(4, 24),
  };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * ESLint's "stylish" layout: per file, the path on its own line, then one line per problem
 * `  line:col  severity  message  CODE` (columns aligned, at least two spaces before the code), and
 * a summary `✖ N problems (E errors, W warnings)`. The contributed `ml-runbooks` problem matcher
 * (package.json) reads exactly these lines.
 */
export function formatStylish(results: FileResult[], opts: { color: boolean; fileCount: number; quiet: boolean }): string {
  const c = palette(opts.color);
  const withMessages = results.filter((r) => r.messages.length);
  const t = totals(results);
  const total = t.errors + t.warnings + t.infos;
  if (!total) {
    if (opts.quiet || !opts.fileCount) return '';
    return `${c.green('✔')} ${plural(opts.fileCount, 'file')} checked, no problems\n`;
  }
  let out = '';
  for (const r of withMessages) {
    const rows = r.messages.map((m) => ({ m, line: String(m.line), col: String(m.column) }));
    const wLine = Math.max(...rows.map((x) => x.line.length));
    const wCol = Math.max(...rows.map((x) => x.col.length));
    const wSev = Math.max(...rows.map((x) => x.m.severity.length));
    const wMsg = Math.max(...rows.map((x) => x.m.message.length));
    out += `\n${c.underline(r.path)}\n`;
    for (const { m, line, col } of rows) {
      const sevText = m.severity.padEnd(wSev);
      const sev = m.severity === 'error' ? c.red(sevText) : m.severity === 'warning' ? c.yellow(sevText) : c.cyan(sevText);
      out += `  ${c.dim(`${line.padStart(wLine)}:${col.padEnd(wCol)}`)}  ${sev}  ${m.message.padEnd(wMsg)}  ${c.dim(m.code)}\n`;
    }
  }
  const parts = [plural(t.errors, 'error'), plural(t.warnings, 'warning')];
  if (t.infos) parts.push(`${t.infos} info/hint${t.infos === 1 ? '' : 's'}`);
  const summary = `✖ ${plural(total, 'problem')} (${parts.join(', ')})`;
  const colour = t.errors ? c.red : t.warnings ? c.yellow : c.cyan;
  out += `\n${colour(c.bold(summary))}\n`;
  return out;
}

import { LineIndex } from '../core/lineIndex';
import type { Finding, RelatedInformation, Severity } from '../core/types';

/** A finding placed on 1-based lines and columns (columns in UTF-16 code units; end column exclusive). */
export interface Message {
  code: string;
  severity: Severity;
  /** Single line (newlines in rule messages are folded into spaces). */
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  related: Array<{ path: string; line: number; column: number; endLine: number; endColumn: number; message: string }>;
  hasFix: boolean;
}

/** The result of linting one file, as the formatters see it. */
export interface FileResult {
  /** Absolute path. */
  abs: string;
  /** Path relative to cwd (when inside it), with the platform's separators. */
  path: string;
  messages: Message[];
  errorCount: number;
  warningCount: number;
  /** Info and hint messages (present only with --include-hints). */
  infoCount: number;
  /** Warnings found, shown or not (--quiet hides them; --max-warnings still counts them). */
  foundWarningCount: number;
}

export interface SelectOptions {
  includeHints: boolean;
  quiet: boolean;
}

/** Whether a finding is shown under the options (hints/info need --include-hints; --quiet keeps errors only). */
export function isShown(severity: Severity, o: SelectOptions): boolean {
  if (severity === 'error') return true;
  if (o.quiet) return false;
  if (severity === 'warning') return true;
  return o.includeHints;
}

const oneLine = (s: string): string => (s.includes('\n') ? s.split('\n').map((l) => l.trim()).filter(Boolean).join(' ') : s.trim());

/**
 * Places a file's findings on 1-based lines and columns: one row per finding, its start line, column,
 * end line, column, then the same four for each related location (0 0 0 0 when it has no place).
 * `linesOf` gives the line index of another linted file (for related locations given by offset only).
 * The rows do not depend on the output options, so the lint cache keeps them.
 */
export function placeFindings(path: string, text: string, findings: Finding[], linesOf: (file: string) => LineIndex | undefined): number[][] {
  if (!findings.length) return [];
  const lines = new LineIndex(text);
  return findings.map((f) => {
    const s = lines.positionAt(f.start);
    const e = lines.positionAt(f.end);
    const row = [s.line + 1, s.character + 1, e.line + 1, e.character + 1];
    for (const r of f.related ?? []) {
      const p = placeRelated(r, path, lines, linesOf);
      row.push(...(p ? [p.line, p.column, p.endLine, p.endColumn] : [0, 0, 0, 0]));
    }
    return row;
  });
}

/** Converts a file's findings, placed by {@link placeFindings}, to the messages shown under the options. */
export function toFileResult(abs: string, path: string, findings: Finding[], o: SelectOptions, placed: number[][]): FileResult {
  const messages: Message[] = [];
  let errorCount = 0;
  let warningCount = 0;
  let infoCount = 0;
  let foundWarningCount = 0;
  findings.forEach((f, i) => {
    if (f.severity === 'warning') foundWarningCount++;
    if (!isShown(f.severity, o)) return;
    const p = placed[i]!;
    const related: Message['related'] = [];
    (f.related ?? []).forEach((r, j) => {
      const k = 4 + 4 * j;
      if (p[k]) related.push({ path: r.file, line: p[k]!, column: p[k + 1]!, endLine: p[k + 2]!, endColumn: p[k + 3]!, message: oneLine(r.message) });
    });
    messages.push({
      code: f.code,
      severity: f.severity,
      message: oneLine(f.message),
      line: p[0]!,
      column: p[1]!,
      endLine: p[2]!,
      endColumn: p[3]!,
      related,
      hasFix: !!f.fixes?.length,
    });
    if (f.severity === 'error') errorCount++;
    else if (f.severity === 'warning') warningCount++;
    else infoCount++;
  });
  return { abs, path, messages, errorCount, warningCount, infoCount, foundWarningCount };
}

type Place = Pick<Message, 'line' | 'column' | 'endLine' | 'endColumn'>;

function placeRelated(r: RelatedInformation, path: string, lines: LineIndex, linesOf: (file: string) => LineIndex | undefined): Place | undefined {
  const idx = r.file === path ? lines : linesOf(r.file);
  if (idx) {
    const s = idx.positionAt(r.start);
    const e = idx.positionAt(r.end);
    return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
  }
  if (r.line !== undefined) {
    const c = (r.character ?? 0) + 1;
    return { line: r.line + 1, column: c, endLine: r.line + 1, endColumn: c };
  }
  return undefined;
}

/** Totals over all files. */
export function totals(results: FileResult[]): { errors: number; warnings: number; infos: number; foundWarnings: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let foundWarnings = 0;
  for (const r of results) {
    errors += r.errorCount;
    warnings += r.warningCount;
    infos += r.infoCount;
    foundWarnings += r.foundWarningCount;
  }
  return { errors, warnings, infos, foundWarnings };
}

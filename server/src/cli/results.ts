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
  related: ReadonlyArray<{ path: string; line: number; column: number; endLine: number; endColumn: number; message: string }>;
  hasFix: boolean;
}

/** The result of linting one file, as the formatters see it. */
export interface FileResult {
  /** Absolute path (normal, as discovery makes it). */
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

/**
 * A file's findings as the output is made of them and the lint cache keeps them: placed (by
 * {@link placeFindings}), folded to one line, every severity, in one flat array (a cached run reads
 * back one array per file, not objects per finding): for each finding its code, severity, message,
 * line, column, end line, end column, 1 when it has a fix (else 0) and the number of its placed
 * related locations, then for each of those its path, message, line, column, end line and end column.
 */
export type MessageRows = Array<string | number>;

/** Numbers per related location in {@link MessageRows} after its path and message. */
const RELATED_NUMBERS = 4;
/** Values per finding in {@link MessageRows} before its related locations (the last is their number). */
const FINDING_VALUES = 9;
/** Values per related location in {@link MessageRows}: its path, message and numbers. */
const RELATED_VALUES = 2 + RELATED_NUMBERS;

/** A file's findings, placed by {@link placeFindings}, as {@link MessageRows}. */
export function toMessageRows(findings: Finding[], placed: number[][]): MessageRows {
  const rows: MessageRows = [];
  findings.forEach((f, i) => {
    const p = placed[i]!;
    rows.push(f.code, f.severity, oneLine(f.message), p[0]!, p[1]!, p[2]!, p[3]!, f.fixes?.length ? 1 : 0, 0);
    const count = rows.length - 1;
    (f.related ?? []).forEach((r, j) => {
      const k = 4 + 4 * j;
      // A related location with no place (0) is not shown.
      if (!p[k]) return;
      rows.push(r.file, oneLine(r.message), p[k]!, p[k + 1]!, p[k + 2]!, p[k + 3]!);
      (rows[count] as number)++;
    });
  });
  return rows;
}

const SEVERITY_NAMES = new Set<unknown>(['error', 'warning', 'info', 'hint']);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/**
 * {@link MessageRows} with each text (code, severity, message, related path and message) replaced by
 * its number in a table of texts: how the lint cache writes them, each text once for the whole file.
 */
export function encodeMessageRows(rows: MessageRows, textNumber: (text: string) => number): number[] {
  return rows.map((v) => (typeof v === 'string' ? textNumber(v) : v));
}

/**
 * {@link MessageRows} back from {@link encodeMessageRows}'s form and the table of texts, or undefined
 * when the value read (from a cache file: input like any other) does not have that shape.
 */
export function decodeMessageRows(v: unknown[], texts: readonly string[]): MessageRows | undefined {
  // Decoded in place: the array is the caller's own, just parsed (and dropped if it turns out malformed).
  const out = v as MessageRows;
  const text = (i: number): boolean => {
    const n = v[i];
    if (!isCount(n) || n >= texts.length) return false;
    out[i] = texts[n]!;
    return true;
  };
  const count = (i: number): boolean => isCount(v[i]);
  let i = 0;
  while (i < v.length) {
    if (!text(i) || !text(i + 1) || !SEVERITY_NAMES.has(out[i + 1]) || !text(i + 2)) return undefined;
    for (let k = 3; k < FINDING_VALUES; k++) if (!count(i + k)) return undefined;
    if (out[i + 7] !== 0 && out[i + 7] !== 1) return undefined;
    const n = out[i + FINDING_VALUES - 1] as number;
    i += FINDING_VALUES;
    for (let j = 0; j < n; j++, i += RELATED_VALUES) {
      if (!text(i) || !text(i + 1)) return undefined;
      for (let k = 2; k < RELATED_VALUES; k++) if (!count(i + k)) return undefined;
    }
  }
  return out;
}

const NO_RELATED: Message['related'] = Object.freeze([]);

/** A file's result from its {@link MessageRows}: the messages shown under the options, and the counts. */
export function toFileResult(abs: string, path: string, rows: MessageRows, o: SelectOptions): FileResult {
  const messages: Message[] = [];
  let errorCount = 0;
  let warningCount = 0;
  let infoCount = 0;
  let foundWarningCount = 0;
  for (let i = 0; i < rows.length; ) {
    const severity = rows[i + 1] as Severity;
    const n = rows[i + FINDING_VALUES - 1] as number;
    const next = i + FINDING_VALUES + n * RELATED_VALUES;
    if (severity === 'warning') foundWarningCount++;
    if (isShown(severity, o)) {
      // Most findings have none: one shared empty list (read-only), not one per message.
      let related = NO_RELATED;
      if (n) {
        const list: Array<Message['related'][number]> = [];
        for (let k = i + FINDING_VALUES; k < next; k += RELATED_VALUES) {
          list.push({ path: rows[k] as string, line: rows[k + 2] as number, column: rows[k + 3] as number, endLine: rows[k + 4] as number, endColumn: rows[k + 5] as number, message: rows[k + 1] as string });
        }
        related = list;
      }
      messages.push({
        code: rows[i] as string,
        severity,
        message: rows[i + 2] as string,
        line: rows[i + 3] as number,
        column: rows[i + 4] as number,
        endLine: rows[i + 5] as number,
        endColumn: rows[i + 6] as number,
        related,
        hasFix: rows[i + 7] === 1,
      });
      if (severity === 'error') errorCount++;
      else if (severity === 'warning') warningCount++;
      else infoCount++;
    }
    i = next;
  }
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

import type { RunbookRule } from '../context';
import { excerpt } from '../../config';

/** What to do about each kind of YAML error, appended to the parser's message. */
const ADVICE: Record<string, string> = {
  BAD_INDENT: 'fix the indentation (children two spaces deeper than their parent, siblings aligned)',
  TAB_AS_INDENT: 'indent with spaces',
  MISSING_CHAR: 'add the missing character',
  BAD_DQ_ESCAPE: 'fix the escape sequence, or use single quotes',
  BLOCK_AS_IMPLICIT_KEY: "a key must fit on one line; check for a missing ':' or '- '",
  MULTILINE_IMPLICIT_KEY: "a key must fit on one line; check for a missing ':' or quote the text",
  UNEXPECTED_TOKEN: "remove or quote the unexpected text (values starting with '@', '`', '%' or a quote need quoting)",
  BAD_SCALAR_START: 'quote the value',
  BLOCK_IN_FLOW: 'inside [ ] or { } write values inline',
  BAD_ALIAS: 'define the anchor (&name) before using the alias (*name)',
  KEY_OVER_1024_CHARS: 'shorten the key',
  MULTIPLE_ANCHORS: 'give the node a single anchor',
  MULTIPLE_TAGS: 'give the node a single tag',
  BAD_DIRECTIVE: 'remove the directive or fix it',
};

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const e = nl === -1 ? text.length : nl;
  return e > offset && text[e - 1] === '\r' ? e - 1 : e;
}

function clean(message: string): string {
  return (message.split('\n')[0] ?? message)
    .replace(/ at line \d+, column \d+:?$/, '')
    .replace(/[.:]\s*$/, '')
    .trim();
}

/**
 * RB000 — YAML syntax errors, at the bad token.
 *
 * Rationale: a runbook that does not parse is a runbook nobody can read at 3 a.m. and that no tool can
 * check. The error sits on the token the parser stumbled on, with what to do about it; the other
 * documents of the file, and the rest of this one where the parser recovered, are still checked.
 * Duplicate keys are errors too (the second silently wins in most tools). A document that cannot be
 * built at all (an "alias bomb", absurd nesting) gets exactly one finding and nothing else.
 */
export const yamlSyntax: RunbookRule = {
  id: 'RB000',
  name: 'yaml-syntax',
  description: 'The runbook is valid YAML: no syntax errors, duplicate keys, alias bombs or runaway nesting.',
  defaultSeverity: 'error',
  check(ctx, report) {
    const d = ctx.doc;
    const text = ctx.text;
    if (d.unusable) {
      report({ message: d.unusable.message, start: d.unusable.start, end: d.unusable.end });
      return;
    }
    for (const err of d.doc.errors) {
      let [start, end] = err.pos;
      // Keep the range inside this document (an unclosed bracket is reported where the next document starts).
      const docEnd = Math.min(d.end, text.length);
      if (start >= docEnd) {
        let e = docEnd;
        while (e > d.start && /\s/.test(text[e - 1]!)) e--;
        start = Math.max(d.start, e - 1);
        end = e;
      }
      start = Math.max(0, Math.min(start, text.length));
      end = Math.max(start, Math.min(end, text.length));
      if (end === start && start < text.length && text[start] !== '\n' && text[start] !== '\r') end = start + 1;
      if (err.code === 'DUPLICATE_KEY') {
        const m = /^("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^:#\n]*?[^:#\s])(?=[ \t]*:(?:\s|$))/.exec(text.slice(start, lineEnd(text, start)));
        if (m) end = start + m[1]!.length;
        const key = text.slice(start, end);
        report({ message: `Duplicate key '${excerpt(key)}': a key may appear only once in a mapping; merge the two or rename one.`, start, end });
        continue;
      }
      if (err.code === 'MISSING_CHAR' && /closing ["']?quote/i.test(err.message)) {
        // Point at the opening quote: the parser reports where the text ran out.
        const q = /closing '/.test(err.message) || /'quote/.test(err.message) ? "'" : '"';
        let i = Math.min(start, text.length) - 1;
        while (i >= d.start && !(text[i] === q && (q === "'" || text[i - 1] !== '\\'))) i--;
        if (i >= d.start) {
          start = i;
          end = Math.max(i + 1, lineEnd(text, i));
          report({ message: `YAML syntax error: this ${q === '"' ? 'double' : 'single'}-quoted value is never closed — add the closing ${q}.`, start, end });
          continue;
        }
      }
      const advice = ADVICE[err.code];
      report({ message: `YAML syntax error: ${clean(err.message)}${advice ? ` — ${advice}` : ''}.`, start, end });
    }
  },
};

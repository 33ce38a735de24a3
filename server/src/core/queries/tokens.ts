/**
 * Small lexical helpers shared by the query checkers: the token at an offset, the token before it,
 * and bracket/quote balance, used to turn a parser's error position into a precise, short message.
 */

/** Options describing a language's strings and comments for {@link findBracketProblem}. */
export interface LexOptions {
  /** Quote characters; a backslash escapes inside them unless listed in `rawQuotes`. */
  quotes: string;
  /** Quotes without backslash escapes (e.g. PromQL's backtick strings). */
  rawQuotes?: string;
  /** Quotes escaped by doubling (SQL's `''`). */
  doubledQuotes?: string;
  /** Line-comment starters (`#`, `--`). */
  lineComments: string[];
  /** Whether C-style block comments exist. */
  blockComments?: boolean;
}

/** An unbalanced bracket or an unterminated string. */
export interface BracketProblem {
  kind: 'unclosed' | 'unmatched' | 'mismatch' | 'string';
  /** Offset of the offending character. */
  at: number;
  char: string;
  /** For `mismatch`: the closer that was expected. */
  expected?: string;
}

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSE: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/**
 * Finds the first bracket or quote problem, skipping strings and comments.
 *
 * @example
 * findBracketProblem('sum(rate(x[5m])', { quotes: '"\'', lineComments: ['#'] }) // { kind: 'unclosed', at: 3, char: '(' }
 */
export function findBracketProblem(text: string, o: LexOptions): BracketProblem | undefined {
  const stack: Array<{ ch: string; at: number }> = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text[i]!;
    if (o.lineComments.some((lc) => text.startsWith(lc, i))) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
      continue;
    }
    if (o.blockComments && c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) break;
      i = close + 1;
      continue;
    }
    if (o.quotes.includes(c) || o.rawQuotes?.includes(c) || o.doubledQuotes?.includes(c)) {
      const raw = !!o.rawQuotes?.includes(c);
      const doubled = !!o.doubledQuotes?.includes(c);
      let j = i + 1;
      let closed = false;
      while (j < n) {
        const d = text[j]!;
        if (!raw && !doubled && d === '\\') {
          j += 2;
          continue;
        }
        if (d === c) {
          if (doubled && text[j + 1] === c) {
            j += 2;
            continue;
          }
          closed = true;
          break;
        }
        j++;
      }
      if (!closed) return { kind: 'string', at: i, char: c };
      i = j;
      continue;
    }
    if (OPEN[c]) stack.push({ ch: c, at: i });
    else if (CLOSE[c]) {
      const top = stack.pop();
      if (!top) return { kind: 'unmatched', at: i, char: c };
      if (OPEN[top.ch] !== c) return { kind: 'mismatch', at: i, char: c, expected: OPEN[top.ch] };
    }
  }
  const last = stack.pop();
  return last ? { kind: 'unclosed', at: last.at, char: last.ch } : undefined;
}

/**
 * The text with comments replaced by spaces (same length, line breaks kept), so tokens are looked up
 * in code only. Strings are kept as they are.
 *
 * @example
 * blankComments('x > -- note', { quotes: '', lineComments: ['--'] }) // 'x >        '
 */
export function blankComments(text: string, o: LexOptions): string {
  let out = '';
  let last = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text[i]!;
    let commentEnd = -1;
    if (o.lineComments.some((lc) => text.startsWith(lc, i))) {
      const nl = text.indexOf('\n', i);
      commentEnd = nl < 0 ? n : nl;
    } else if (o.blockComments && c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      commentEnd = close < 0 ? n : close + 2;
    } else if (o.quotes.includes(c) || o.rawQuotes?.includes(c) || o.doubledQuotes?.includes(c)) {
      const escapes = o.quotes.includes(c);
      let j = i + 1;
      while (j < n && text[j] !== c) j += escapes && text[j] === '\\' ? 2 : 1;
      i = j;
      continue;
    }
    if (commentEnd >= 0) {
      out += text.slice(last, i) + text.slice(i, commentEnd).replace(/[^\n]/g, ' ');
      last = commentEnd;
      i = commentEnd - 1;
    }
  }
  return out + text.slice(last);
}

/**
 * A one-line message and range for a bracket problem.
 *
 * @example
 * bracketMessage('PromQL', { kind: 'unclosed', at: 3, char: '(' })
 * // { start: 3, end: 4, message: "PromQL does not parse: '(' is never closed; add the missing ')'" }
 */
export function bracketMessage(lang: string, p: BracketProblem): { message: string; start: number; end: number } {
  const at = { start: p.at, end: p.at + 1 };
  switch (p.kind) {
    case 'unclosed':
      return { ...at, message: `${lang} does not parse: '${p.char}' is never closed; add the missing '${OPEN[p.char]}'` };
    case 'unmatched':
      return { ...at, message: `${lang} does not parse at '${p.char}': it closes nothing; check the brackets` };
    case 'mismatch':
      return { ...at, message: `${lang} does not parse at '${p.char}': expected '${p.expected}' here; check the brackets` };
    case 'string':
      return { ...at, message: `${lang} does not parse: the string starting with ${p.char} is never closed` };
  }
}

const WORD = /[A-Za-z0-9_:.$@]/;
const OPERATOR = /[=!<>~|&^%*+\-/]/;

/**
 * The token starting at or after `pos` (skipping whitespace), or undefined at the end of the text.
 *
 * @example
 * tokenAt('foo bar', 3) // { start: 4, end: 7 }
 */
export function tokenAt(text: string, pos: number): { start: number; end: number } | undefined {
  let i = pos;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  if (i >= text.length) return undefined;
  return { start: i, end: tokenEnd(text, i) };
}

function tokenEnd(text: string, i: number): number {
  const c = text[i]!;
  let j = i + 1;
  if (WORD.test(c)) {
    while (j < text.length && WORD.test(text[j]!)) j++;
  } else if (c === '"' || c === "'" || c === '`') {
    while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' && c !== '`' ? 2 : 1;
    j = Math.min(text.length, j + 1);
  } else if (OPERATOR.test(c)) {
    while (j < text.length && j < i + 3 && OPERATOR.test(text[j]!)) j++;
  }
  return j;
}

/**
 * The last token that ends at or before `pos` (skipping whitespace backwards), or undefined.
 *
 * @example
 * tokenBefore('x > ', 4) // { start: 2, end: 3 }
 */
export function tokenBefore(text: string, pos: number): { start: number; end: number } | undefined {
  let i = Math.min(pos, text.length);
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  if (i === 0) return undefined;
  const c = text[i - 1]!;
  let s = i - 1;
  if (WORD.test(c)) while (s > 0 && WORD.test(text[s - 1]!)) s--;
  else if (OPERATOR.test(c)) while (s > 0 && s > i - 3 && OPERATOR.test(text[s - 1]!)) s--;
  return { start: s, end: i };
}

/**
 * A token's text for a message: at most 30 characters, one line.
 *
 * @example
 * showToken('foo bar', { start: 4, end: 7 }) // 'bar'
 */
export function showToken(text: string, t: { start: number; end: number }): string {
  const s = text.slice(t.start, t.end).split('\n')[0]!;
  return s.length > 30 ? `${s.slice(0, 29)}…` : s;
}

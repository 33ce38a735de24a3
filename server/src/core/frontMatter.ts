/**
 * The one front-matter splitter: where a Markdown file's YAML front matter starts and ends. The
 * post-mortem parse, file classification (`kind: postmortem`) and completion/hover in the front
 * matter all read it from here, so they never disagree on what counts as front matter. No imports:
 * the client's bundle takes it with `kind.ts`.
 *
 * The opening fence is `---` on the first line (after an optional BOM), the closing one `---` or `...`
 * at the start of a later line; both may carry trailing spaces or tabs, and lines may end in `\n`,
 * `\r\n` or a lone `\r`. Every pattern is anchored and linear in the text.
 */

/** Offsets of a front matter: the whole block with its fences, and the YAML between them. */
export interface FrontMatterSpan {
  /** Start of the opening fence (after a BOM). */
  start: number;
  /** End of the closing fence's line, line break included. */
  end: number;
  /** Start of the YAML (after the opening fence's line break). */
  contentStart: number;
  /** End of the YAML (start of the closing fence). */
  contentEnd: number;
}

/** What {@link splitFrontMatter} found: a closed front matter, an unclosed one (its YAML would start at `contentStart`), or none. */
export type FrontMatterSplit =
  | { kind: 'closed'; span: FrontMatterSpan }
  | { kind: 'unclosed'; contentStart: number }
  | { kind: 'none' };

const OPEN = /^\uFEFF?---[ \t]*(?:\r\n|\r|\n)/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|$)/gm;

/**
 * Finds the front matter of a Markdown text.
 *
 * @example
 * splitFrontMatter('---\nkind: postmortem\n---\n# X\n') // { kind: 'closed', span: { start: 0, end: 24, contentStart: 4, contentEnd: 20 } }
 */
export function splitFrontMatter(text: string): FrontMatterSplit {
  const open = OPEN.exec(text);
  if (!open) return { kind: 'none' };
  const contentStart = open[0].length;
  CLOSE.lastIndex = contentStart;
  const close = CLOSE.exec(text);
  if (!close) return { kind: 'unclosed', contentStart };
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { kind: 'closed', span: { start, end: close.index + close[0].length, contentStart, contentEnd: close.index } };
}

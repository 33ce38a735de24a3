/**
 * HTML comments (`<!-- … -->`) in Markdown text, found by a scan: the pattern `/<!--[\s\S]*?-->/g`
 * backtracks quadratically on a text of many unclosed `<!--` (each one is tried to the end of the text).
 * No import: post-mortem rules and sections use it.
 */

/**
 * `text` with each HTML comment replaced by what `replace` returns for it (default: removed), as
 * `text.replace(/<!--[\s\S]*?-->/g, replace)` would, in linear time.
 *
 * @example
 * replaceHtmlComments('a <!-- b --> c') // 'a  c'
 */
export function replaceHtmlComments(text: string, replace: (comment: string) => string = () => ''): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = text.indexOf('<!--', at);
    if (open === -1) break;
    const close = text.indexOf('-->', open + 4);
    // No `-->` after this opening: none after a later one either.
    if (close === -1) break;
    out += text.slice(at, open) + replace(text.slice(open, close + 3));
    at = close + 3;
  }
  return at === 0 ? text : out + text.slice(at);
}

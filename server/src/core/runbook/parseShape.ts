import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { ParsedRunbookFile } from './parse';

/**
 * A structural description of a runbook parse — every node's kind, range, value and source, each
 * document's value, extent, errors and warnings. Two parses describe the same tree exactly when their
 * descriptions are equal: the re-used trees (typing in place, moved documents) are checked against a
 * fresh parse with it, at run time once (parse.ts) and by the property tests.
 */
export function parseShape(p: ParsedRunbookFile): unknown {
  const node = (n: unknown): unknown => {
    if (n === null || n === undefined) return n;
    if (isPair(n)) return { pair: [node(n.key), node(n.value)] };
    if (isAlias(n)) return { alias: n.source, range: n.range };
    if (isScalar(n)) return { scalar: n.value, type: n.type, source: (n as { source?: unknown }).source, range: n.range, anchor: n.anchor, tag: n.tag, comment: n.comment };
    if (isMap(n) || isSeq(n)) return { [isMap(n) ? 'map' : 'seq']: n.items.map(node), range: n.range, flow: n.flow, anchor: n.anchor };
    return { other: String(n) };
  };
  return {
    fatal: p.fatal,
    docs: p.docs.map((d) => ({
      value: d.value,
      start: d.start,
      end: d.end,
      unusable: d.unusable,
      range: d.doc.range,
      errors: d.doc.errors.map((e) => [e.code, e.pos, e.message]),
      warnings: d.doc.warnings.map((e) => [e.code, e.pos]),
      contents: node(d.doc.contents),
    })),
  };
}

/** Whether two parses describe the same trees ({@link parseShape}). */
export function sameParse(a: ParsedRunbookFile, b: ParsedRunbookFile): boolean {
  return JSON.stringify(parseShape(a)) === JSON.stringify(parseShape(b));
}

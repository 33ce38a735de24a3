import { isMap, isPair, isScalar, isSeq, isNode } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { LintEnv } from '../index';
import type { ResolvedConfig } from '../config';
import type { LineIndex } from '../lineIndex';
import type { Rule } from '../types';

/** A path into a YAML document: mapping keys and sequence indexes. */
export type YamlPath = ReadonlyArray<string | number>;

/** One YAML document of a runbook file (a file may hold several, separated by `---`). */
export interface RunbookDocument {
  /** 0-based index of the document in the file. */
  index: number;
  /** The parsed document, with node ranges (offsets into the whole file text). */
  doc: Document.Parsed;
  /** The plain JS value of the document (`doc.toJS()`), or undefined when it could not be built. */
  value: unknown;
  /** Offsets of the document in the file. */
  start: number;
  end: number;
  /**
   * Why the document could not be turned into a value (too many aliases, nesting too deep). When set,
   * `value` is undefined and only the YAML-syntax rule (RB000) runs on this document.
   */
  unusable?: { message: string; start: number; end: number };
}

/** What a runbook rule sees: one document of the file, the whole text and the host's environment. */
export interface RunbookContext {
  file: string;
  text: string;
  lines: LineIndex;
  doc: RunbookDocument;
  env: LintEnv & { config: ResolvedConfig };
  /** Every runbook document of the file, `doc` included, in file order (for checks across documents). */
  fileDocs?: ReadonlyArray<RunbookDocument>;
}

/** A runbook rule. */
export type RunbookRule = Rule<RunbookContext>;

/** The node at a path, or undefined. Paths walk mappings by key and sequences by index. */
export function nodeAt(doc: Document, path: YamlPath): Node | undefined {
  let cur: unknown = doc.contents;
  for (const seg of path) {
    if (isMap(cur)) {
      const pair = cur.items.find((p) => keyOf(p) === String(seg));
      cur = pair?.value ?? undefined;
    } else if (isSeq(cur) && typeof seg === 'number') {
      cur = cur.items[seg];
    } else return undefined;
    if (cur === undefined || cur === null) return undefined;
  }
  return isNode(cur) ? cur : undefined;
}

/** The pair whose key is the last path segment (its parent must be a mapping), or undefined. */
export function pairAt(doc: Document, path: YamlPath): Pair | undefined {
  if (!path.length) return undefined;
  const parent = path.length === 1 ? doc.contents : nodeAt(doc, path.slice(0, -1));
  if (!isMap(parent)) return undefined;
  const last = String(path[path.length - 1]);
  const p = parent.items.find((it) => keyOf(it) === last);
  return isPair(p) ? p : undefined;
}

/** The string form of a pair's key (scalar keys only). */
export function keyOf(pair: unknown): string | undefined {
  if (!isPair(pair)) return undefined;
  const k = pair.key;
  if (isScalar(k)) return String(k.value);
  if (typeof k === 'string' || typeof k === 'number') return String(k);
  return undefined;
}

/**
 * Offsets of the key or the value at a path. Falls back to the nearest existing ancestor's key (a
 * missing key is reported on its parent's key), then to the document start.
 * `which = 'key'` prefers the key of the last segment; `'value'` prefers its value (then the key).
 */
export function rangeAt(d: RunbookDocument, path: YamlPath, which: 'key' | 'value' = 'value'): [number, number] {
  for (let n = path.length; n > 0; n--) {
    const sub = path.slice(0, n);
    const pair = pairAt(d.doc, sub);
    if (pair) {
      const k = pair.key as Node | null;
      const v = pair.value as Node | null;
      if (n === path.length && which === 'value' && v && isNode(v) && v.range) return [v.range[0], v.range[1]];
      if (k && isNode(k) && k.range) return [k.range[0], k.range[1]];
    }
    const node = nodeAt(d.doc, sub);
    if (node?.range && typeof sub[sub.length - 1] === 'number') {
      if (n === path.length || which === 'value') return [node.range[0], node.range[1]];
      return [node.range[0], node.range[1]];
    }
  }
  const c = d.doc.contents as Node | null;
  if (c && isNode(c) && c.range) {
    // The first line of the document body.
    return [c.range[0], c.range[0]];
  }
  return [d.start, d.start];
}

/**
 * The one lookup from a YAML path (mapping keys and sequence indexes) to the nodes and offsets of a
 * parsed `yaml` document. Every place that turns a path into a range uses it: the runbook rules
 * (`rangeAt` in runbook/context.ts), the schema-error mapping (yamlSchema.ts, runbook/schema.ts), the
 * project file's findings (config.ts) and the post-mortem front matter (`fmRange`).
 *
 * A key matches a segment when its scalar value, as a string, equals the segment as a string (`1` and
 * `'1'` are the same key); a number segment also indexes a sequence. Offsets are those of the parsed
 * document (add the slice's start for a document parsed from part of a file).
 */
import { isDocument, isMap, isNode, isPair, isScalar, isSeq } from 'yaml';
import type { Node, Pair } from 'yaml';

/** A path into a YAML document: mapping keys and sequence indexes. */
export type YamlPath = ReadonlyArray<string | number>;

/** The text of a mapping key (scalar keys only). */
export function keyText(k: unknown): string | undefined {
  if (isScalar(k)) return String(k.value);
  if (typeof k === 'string' || typeof k === 'number') return String(k);
  return undefined;
}

/** The string form of a pair's key (scalar keys only). */
export function keyOf(pair: unknown): string | undefined {
  return isPair(pair) ? keyText(pair.key) : undefined;
}

/** The offsets of a node, or undefined. */
export function nodeRange(n: unknown): [number, number] | undefined {
  return isNode(n) && n.range ? [n.range[0], n.range[1]] : undefined;
}

/** The pair of `key` directly inside the mapping `map`, if it is one. */
export function pairIn(map: unknown, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  const p = map.items.find((it) => keyOf(it) === key);
  return isPair(p) ? (p as Pair) : undefined;
}

/** The key node of `prop` directly inside the mapping `map`, if it is one. */
export function keyNodeIn(map: Node | undefined, prop: string): Node | undefined {
  const pair = pairIn(map, prop);
  return pair && isNode(pair.key) ? pair.key : undefined;
}

/** One resolved segment of a path: the pair it went through (a mapping key) and the node it reached. */
interface Step {
  /** The pair whose key matched (undefined for a sequence index). */
  pair: Pair | undefined;
  /** The value reached (undefined when the value is empty). */
  node: Node | undefined;
}

/** The segments of `path` that resolve, in order, stopping at the first that does not (or at an empty value). */
function steps(root: unknown, path: YamlPath): Step[] {
  const out: Step[] = [];
  let cur: unknown = isDocument(root) ? root.contents : root;
  for (const seg of path) {
    let pair: Pair | undefined;
    if (isMap(cur)) {
      pair = pairIn(cur, String(seg));
      if (!pair) break;
      cur = pair.value;
    } else if (isSeq(cur) && typeof seg === 'number' && Number.isInteger(seg) && seg >= 0 && seg < cur.items.length) {
      cur = cur.items[seg];
    } else break;
    const node = isNode(cur) ? cur : undefined;
    out.push({ pair, node });
    if (!node) break;
  }
  return out;
}

/** Where a path leads in the YAML nodes. */
export interface Located {
  /** The node at the deepest resolved segment (undefined when that value is empty). */
  node: Node | undefined;
  /** The pair whose value is `node`, when the last resolved segment was a mapping key. */
  pair: Pair | undefined;
  /** How many path segments were resolved. */
  depth: number;
}

/** Walks a path through a document's (or a node's) nodes, stopping at the nearest existing parent. `root`: a `Document` or a node. */
export function locateYamlPath(root: unknown, path: YamlPath): Located {
  const s = steps(root, path);
  const last = s[s.length - 1];
  if (last) return { node: last.node, pair: last.pair, depth: s.length };
  const top = isDocument(root) ? root.contents : root;
  return { node: isNode(top) ? top : undefined, pair: undefined, depth: 0 };
}

/** The node at a path, or undefined (the path does not exist, or its value is empty). */
export function nodeAt(root: unknown, path: YamlPath): Node | undefined {
  const loc = locateYamlPath(root, path);
  return loc.depth === path.length ? loc.node : undefined;
}

/** The pair whose key is the last path segment (its parent must be a mapping), or undefined. */
export function pairAt(root: unknown, path: YamlPath): Pair | undefined {
  if (!path.length) return undefined;
  const loc = locateYamlPath(root, path);
  return loc.depth === path.length ? loc.pair : undefined;
}

/**
 * Offsets of the key or the value at a path, falling back to the nearest existing ancestor's key (a
 * missing key is reported on its parent's key); undefined when no segment resolves.
 * `which = 'key'` prefers the key of the last segment; `'value'` prefers its value (then the key).
 * A sequence item has no key: its own range stands for both.
 *
 * @example
 * yamlRange(doc, ['metadata', 'lastReviewed'])        // the date's offsets
 * yamlRange(doc, ['metadata', 'lastReviewed'], 'key') // the offsets of `lastReviewed`
 * yamlRange(doc, ['metadata', 'missing'])             // the offsets of `metadata`
 */
export function yamlRange(root: unknown, path: YamlPath, which: 'key' | 'value' = 'value'): [number, number] | undefined {
  const s = steps(root, path);
  for (let n = s.length; n > 0; n--) {
    const { pair, node } = s[n - 1]!;
    const full = n === path.length;
    if (pair) {
      const value = full && which === 'value' ? nodeRange(node) : undefined;
      const key = value ?? nodeRange(pair.key);
      if (key) return key;
    }
    const own = typeof path[n - 1] === 'number' ? nodeRange(node) : undefined;
    if (own) return own;
  }
  return undefined;
}

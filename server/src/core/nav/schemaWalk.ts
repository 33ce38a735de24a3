/**
 * Walking a JSON Schema (draft-07 / 2019-09 style, as the project's schemas use) along a YAML path:
 * `properties`, `patternProperties`, `additionalProperties`, `items` / `prefixItems`, local `$ref`s
 * into `definitions` / `$defs`, and the branches of `oneOf` / `anyOf` / `allOf`.
 */
import type { NavPath } from './yamlCursor';

/** A JSON Schema node (only the keywords navigation reads are typed). */
export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode | boolean>;
  patternProperties?: Record<string, SchemaNode | boolean>;
  additionalProperties?: SchemaNode | boolean;
  required?: string[];
  items?: SchemaNode | boolean | Array<SchemaNode | boolean>;
  prefixItems?: Array<SchemaNode | boolean>;
  oneOf?: Array<SchemaNode | boolean>;
  anyOf?: Array<SchemaNode | boolean>;
  allOf?: Array<SchemaNode | boolean>;
  enum?: unknown[];
  const?: unknown;
  description?: string;
  markdownDescription?: string;
  title?: string;
  default?: unknown;
  examples?: unknown[];
  pattern?: string;
  format?: string;
  deprecated?: boolean;
  definitions?: Record<string, SchemaNode | boolean>;
  $defs?: Record<string, SchemaNode | boolean>;
  [key: string]: unknown;
}

const MAX_DEPTH = 32;

/** Follows a local `$ref` (`#/definitions/x`, `#/$defs/x`, any JSON pointer into the root). */
export function resolveRef(root: SchemaNode, ref: string): SchemaNode | undefined {
  if (!ref.startsWith('#')) return undefined;
  let cur: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return typeof cur === 'object' && cur !== null ? (cur as SchemaNode) : undefined;
}

/**
 * A node and everything it stands for: its `$ref` target and the branches of its combinators,
 * flattened (the node itself first, so its own description wins).
 */
export function expand(root: SchemaNode, node: SchemaNode | boolean | undefined, depth = 0, seen = new Set<SchemaNode>()): SchemaNode[] {
  if (!node || node === true || depth > MAX_DEPTH || seen.has(node)) return [];
  seen.add(node);
  const out: SchemaNode[] = [node];
  if (node.$ref) out.push(...expand(root, resolveRef(root, node.$ref), depth + 1, seen));
  for (const k of ['allOf', 'oneOf', 'anyOf'] as const) {
    for (const b of node[k] ?? []) out.push(...expand(root, b, depth + 1, seen));
  }
  return out;
}

/** The child schemas of one path segment, over all candidate nodes. */
function step(root: SchemaNode, nodes: SchemaNode[], seg: string | number): SchemaNode[] {
  const out: SchemaNode[] = [];
  for (const n of nodes) {
    if (typeof seg === 'number') {
      if (Array.isArray(n.prefixItems) && seg < n.prefixItems.length) out.push(...expand(root, n.prefixItems[seg]));
      else if (Array.isArray(n.items)) out.push(...expand(root, n.items[seg]));
      else if (n.items !== undefined) out.push(...expand(root, n.items));
      continue;
    }
    const p = n.properties && Object.hasOwn(n.properties, seg) ? n.properties[seg] : undefined;
    if (p !== undefined) {
      out.push(...expand(root, p));
      continue;
    }
    let matched = false;
    for (const [re, s] of Object.entries(n.patternProperties ?? {})) {
      try {
        if (new RegExp(re, 'u').test(seg)) {
          out.push(...expand(root, s));
          matched = true;
        }
      } catch {
        /* an invalid pattern matches nothing */
      }
    }
    if (!matched && typeof n.additionalProperties === 'object') out.push(...expand(root, n.additionalProperties));
  }
  return out;
}

/**
 * The schema nodes that describe the value at `path` (several when combinators leave a choice).
 *
 * @example
 * schemasAt(runbookSchema, ['surface', 'likely']) // [{ enum: ['data', 'model', 'serving'], … }]
 */
export function schemasAt(root: SchemaNode, path: NavPath): SchemaNode[] {
  let nodes = expand(root, root);
  for (const seg of path) {
    nodes = step(root, nodes, seg);
    if (!nodes.length) break;
  }
  return nodes;
}

/** Property names with their schema, over candidate nodes (first definition wins), and the required set. */
export function propertiesOf(root: SchemaNode, nodes: SchemaNode[]): { props: Map<string, SchemaNode[]>; required: Set<string> } {
  const props = new Map<string, SchemaNode[]>();
  const required = new Set<string>();
  for (const n of nodes) {
    for (const [k, v] of Object.entries(n.properties ?? {})) {
      const list = props.get(k) ?? [];
      list.push(...expand(root, v));
      props.set(k, list);
    }
    for (const r of n.required ?? []) required.add(r);
  }
  return { props, required };
}

/** The first description of a set of nodes (markdownDescription preferred). */
export function descriptionOf(nodes: SchemaNode[]): string | undefined {
  for (const n of nodes) if (typeof n.markdownDescription === 'string') return n.markdownDescription;
  for (const n of nodes) if (typeof n.description === 'string') return n.description;
  return undefined;
}

/** The types a set of nodes allows (from `type`, `enum`, `const`). */
export function typesOf(nodes: SchemaNode[]): string[] {
  const t = new Set<string>();
  for (const n of nodes) {
    if (typeof n.type === 'string') t.add(n.type);
    else if (Array.isArray(n.type)) n.type.forEach((x) => t.add(x));
    if (n.properties && !n.type) t.add('object');
    if (n.items && !n.type) t.add('array');
  }
  return [...t];
}

/** The allowed scalar values of a set of nodes (`enum`, `const`, `true`/`false` for booleans). */
export function valuesOf(nodes: SchemaNode[]): unknown[] {
  const out: unknown[] = [];
  const add = (v: unknown): void => {
    if (!out.some((x) => x === v)) out.push(v);
  };
  for (const n of nodes) {
    if (n.const !== undefined) add(n.const);
    for (const v of n.enum ?? []) add(v);
  }
  if (!out.length && typesOf(nodes).includes('boolean')) {
    add(true);
    add(false);
  }
  return out;
}

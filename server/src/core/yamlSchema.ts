/**
 * Validates a parsed `yaml` Document with a compiled ajv validator and maps every error back to the
 * exact range of the offending key or value. Shared by the runbook and post-mortem front-matter
 * validation.
 *
 * Mapping: ajv's `instancePath` is split on `/` and unescaped (`~1` → `/`, `~0` → `~`); the path is
 * walked through the YAML nodes, falling back to the nearest existing parent. `additionalProperties`
 * points at the unknown key, `required` at the parent's key (the document start for the root),
 * `enum`/`const`/`type`/`pattern`/`format` at the value. `oneOf`/`anyOf` noise collapses into one
 * message naming what was expected.
 *
 * Compile validators with `{ allErrors: true, verbose: true }` so messages can name the allowed keys
 * and use a schema's `patternErrorMessage`/`errorMessage` (VS Code's JSON-schema extensions).
 */
import { isMap, isNode, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node } from 'yaml';
import type { ErrorObject, ValidateFunction } from 'ajv';

/** One schema problem with its range in the file. */
export interface SchemaProblem {
  message: string;
  start: number;
  end: number;
  /** The ajv keyword (`required`, `enum`, `additionalProperties`, …), for callers that build fixes. */
  keyword: string;
  /** The path of the instance (keys and indexes). */
  path: Array<string | number>;
  /** For `required`: the missing key. For `additionalProperties`: the unknown key. */
  property?: string;
}

/** Options of {@link validateYamlDocument}. */
export interface ValidateYamlOptions {
  /** Added to every node offset (when the document was parsed from a slice of the file). Default 0. */
  offset?: number;
  /** Range used when nothing better exists (e.g. a required key missing at the root). */
  fallback?: [number, number];
  /** The JS value to validate; default `doc.toJS()`. */
  value?: unknown;
  /** Human name of the root for messages, e.g. "front matter". Default "document". */
  rootName?: string;
}

/** Unescapes a JSON-pointer instance path into segments. */
export function pointerToPath(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function keyText(k: unknown): string | undefined {
  if (isScalar(k)) return String(k.value);
  if (typeof k === 'string' || typeof k === 'number') return String(k);
  return undefined;
}

interface Located {
  /** The deepest node reached along the path. */
  node: Node | undefined;
  /** The key node of the last pair walked (the key of `node`), if any. */
  key: Node | undefined;
  /** How many path segments were resolved. */
  depth: number;
}

function walk(doc: Document, path: Array<string | number>): Located {
  let cur: unknown = doc.contents;
  let key: Node | undefined;
  let depth = 0;
  for (const seg of path) {
    if (isMap(cur)) {
      const pair = cur.items.find((p) => isPair(p) && keyText(p.key) === String(seg));
      if (!pair) break;
      key = isNode(pair.key) ? pair.key : undefined;
      cur = pair.value;
      if (cur === null || cur === undefined) {
        depth++;
        return { node: undefined, key, depth };
      }
    } else if (isSeq(cur) && typeof seg === 'number' && seg < cur.items.length) {
      key = undefined;
      cur = cur.items[seg];
    } else break;
    depth++;
  }
  return { node: isNode(cur) ? cur : undefined, key, depth };
}

function rangeOf(n: Node | undefined): [number, number] | undefined {
  return n?.range ? [n.range[0], n.range[1]] : undefined;
}

/** The key node of `prop` directly inside the mapping at `path`. */
function keyNodeIn(doc: Document, path: Array<string | number>, prop: string): Node | undefined {
  const loc = walk(doc, path);
  if (loc.depth !== path.length || !isMap(loc.node)) return undefined;
  const pair = loc.node.items.find((p) => isPair(p) && keyText(p.key) === prop);
  return pair && isNode(pair.key) ? pair.key : undefined;
}

/** Case-insensitive edit distance counting a swap of neighbours as one edit (`hgih` → `high`). */
function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[x.length]![y.length]!;
}

/** The closest candidate to `word` (case-insensitive edit distance ≤ 1/3 of its length), if one is closest. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  let tie = false;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
      tie = false;
    } else if (d === bestD) tie = true;
  }
  // A tie (SEV4 is as close to SEV1 as to SEV3) is no suggestion.
  return best !== undefined && !tie && bestD <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

function show(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function label(path: Array<string | number>, rootName: string): string {
  return path.length ? `'${path.join('.')}'` : rootName;
}

type Schemaish = Record<string, unknown> | undefined;

function describeError(e: ErrorObject, path: Array<string | number>, rootName: string): string {
  const where = label(path, rootName);
  const ps = e.parentSchema as Schemaish;
  const custom = ps && (e.keyword === 'pattern' || e.keyword === 'format') && typeof ps.patternErrorMessage === 'string'
    ? ps.patternErrorMessage
    : ps && typeof ps.errorMessage === 'string' ? ps.errorMessage : undefined;
  switch (e.keyword) {
    case 'required': {
      const prop = (e.params as { missingProperty: string }).missingProperty;
      return `Missing required key '${prop}' in ${where}.`;
    }
    case 'additionalProperties': {
      const prop = (e.params as { additionalProperty: string }).additionalProperty;
      const allowed = ps && typeof ps.properties === 'object' && ps.properties ? Object.keys(ps.properties) : [];
      const near = closest(prop, allowed);
      if (near) return `Unknown key '${prop}' in ${where}; did you mean '${near}'?`;
      return allowed.length ? `Unknown key '${prop}' in ${where}; allowed keys: ${allowed.join(', ')}.` : `Unknown key '${prop}' in ${where}.`;
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      const near = typeof e.data === 'string' ? closest(e.data, allowed.map(String)) : undefined;
      return `${show(e.data)} is not allowed for ${where}; expected one of ${allowed.map(String).join(', ')}${near ? ` (did you mean '${near}'?)` : ''}.`;
    }
    case 'const':
      return `${where} must be ${show((e.params as { allowedValue: unknown }).allowedValue)}, not ${show(e.data)}.`;
    case 'type': {
      const t = (e.params as { type: string | string[] }).type;
      return `${where} must be ${Array.isArray(t) ? t.join(' or ') : t === 'array' ? 'a list' : t === 'object' ? 'a mapping' : `a ${t}`}, not ${show(e.data)}.`;
    }
    case 'pattern':
    case 'format':
      return custom ? `${where}: ${custom}` : `${show(e.data)} is not a valid value for ${where} (${e.message ?? 'wrong format'}).`;
    case 'minLength':
      return (e.params as { limit: number }).limit === 1 ? `${where} must not be empty.` : `${where} ${e.message}.`;
    default:
      return custom ? `${where}: ${custom}` : `${where} ${e.message ?? 'is invalid'}.`;
  }
}

/**
 * Runs `validate` on the document's value and returns one problem per distinct error, with ranges.
 *
 * @example
 * const doc = parseDocument(yamlText);
 * const problems = validateYamlDocument(doc, ajv.compile(schema), { rootName: 'front matter' });
 */
export function validateYamlDocument(doc: Document, validate: ValidateFunction, opts: ValidateYamlOptions = {}): SchemaProblem[] {
  const offset = opts.offset ?? 0;
  const rootName = opts.rootName ?? 'document';
  let value = opts.value;
  if (!('value' in opts)) {
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch {
      return [];
    }
  }
  if (validate(value)) return [];
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
  const docStart = rangeOf(doc.contents as Node | undefined);
  const fallback: [number, number] = opts.fallback ?? (docStart ? [docStart[0] + offset, docStart[0] + offset] : [offset, offset]);

  // Collapse oneOf/anyOf: keep the combinator error, drop its branches' errors.
  const combinators = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  const inBranch = (e: ErrorObject): ErrorObject | undefined =>
    combinators.find((c) => c !== e && e.schemaPath.startsWith(c.schemaPath + '/') && e.instancePath.startsWith(c.instancePath));
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (inBranch(e)) continue;
    const path = pointerToPath(e.instancePath);
    let message: string;
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf') {
      const branches = errors.filter((b) => inBranch(b) === e);
      const expected = [...new Set(branches.map((b) => {
        if (b.keyword === 'type') return String((b.params as { type: string }).type);
        if (b.keyword === 'enum') return (b.params as { allowedValues: unknown[] }).allowedValues.map(String).join(' | ');
        if (b.keyword === 'const') return String((b.params as { allowedValue: unknown }).allowedValue);
        return describeError(b, pointerToPath(b.instancePath), rootName).replace(/\.$/, '');
      }))];
      message = `${label(path, rootName)} does not match any allowed form${expected.length ? `; expected ${expected.join(', or ')}` : ''}.`;
    } else message = describeError(e, path, rootName);

    let range: [number, number] | undefined;
    let property: string | undefined;
    if (e.keyword === 'required') {
      property = (e.params as { missingProperty: string }).missingProperty;
      if (path.length) {
        const loc = walk(doc, path);
        range = rangeOf(loc.key) ?? rangeOf(loc.node);
      }
    } else if (e.keyword === 'additionalProperties') {
      property = (e.params as { additionalProperty: string }).additionalProperty;
      range = rangeOf(keyNodeIn(doc, path, property));
    } else {
      const loc = walk(doc, path);
      if (loc.depth === path.length) range = rangeOf(loc.node) ?? rangeOf(loc.key);
      else range = rangeOf(loc.key) ?? rangeOf(loc.node);
    }
    const [s, t] = range ? [range[0] + offset, range[1] + offset] : fallback;
    const k = `${s}:${t}:${message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ message, start: s, end: t, keyword: e.keyword, path, ...(property !== undefined ? { property } : {}) });
  }
  return out;
}

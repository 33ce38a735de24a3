/**
 * Maps ajv errors back to the exact range of the offending key or value in a parsed `yaml` Document.
 * The one implementation of that mapping: the runbook validation (`runbook/schema.ts`, which adds
 * its own messages and quick fixes) builds on {@link mapAjvErrors} and {@link closest}; the post-mortem
 * front matter uses {@link validateYamlDocument}. Paths are walked through the nodes by the core's one
 * YAML lookup (yamlPath.ts).
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
import type { Document } from 'yaml';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { excerpt } from './config';
import { cacheSlot } from './caches';
import { keyNodeIn, locateYamlPath, nodeRange } from './yamlPath';

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

/** Unescapes a JSON-pointer instance path (`/diagnostics/0/a~1b`) into segments; canonical indexes become numbers. */
export function pointerToPath(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

/** Case-insensitive edit distance counting a swap of neighbours as one edit (`hgih` → `high`). */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const n = y.length;
  // Three rolling rows of the optimal-string-alignment table: i-2, i-1 and i.
  let prev2 = new Int32Array(n + 1);
  let prev = Int32Array.from({ length: n + 1 }, (_, j) => j);
  let row = new Int32Array(n + 1);
  for (let i = 1; i <= x.length; i++) {
    row[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      row[j] = v;
    }
    [prev2, prev, row] = [prev, row, prev2];
  }
  return prev[n]!;
}

/**
 * Results of `nearest` for recent (word, candidates) pairs: the same unknown key or wrong value is
 * reported again on every keystroke while the user types elsewhere, and its suggestion does not change.
 */
const nearestMemoOf = cacheSlot<{ best: string; distance: number; tie: boolean } | undefined>('nearest words');
const NEAREST_MEMO_SIZE = 512;

/** The candidate at the smallest edit distance from `word` (the first of equals), that distance, and whether another is as close. */
export function nearest(word: string, candidates: readonly string[]): { best: string; distance: number; tie: boolean } | undefined {
  const key = JSON.stringify([word, candidates]);
  const nearestMemo = nearestMemoOf();
  if (nearestMemo.has(key)) return nearestMemo.get(key);
  const found = nearestUncached(word, candidates);
  if (nearestMemo.size >= NEAREST_MEMO_SIZE) nearestMemo.clear();
  nearestMemo.set(key, found);
  return found;
}

function nearestUncached(word: string, candidates: readonly string[]): { best: string; distance: number; tie: boolean } | undefined {
  let best: string | undefined;
  let distance = Infinity;
  let tie = false;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < distance) {
      distance = d;
      best = c;
      tie = false;
    } else if (d === distance) tie = true;
  }
  return best === undefined ? undefined : { best, distance, tie };
}

/** The closest candidate to `word` (case-insensitive edit distance ≤ 1/3 of its length, at least 1), if one is closest. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const n = nearest(word, candidates);
  // A tie (SEV4 is as close to SEV1 as to SEV3) is no suggestion.
  return n && !n.tie && n.distance <= Math.max(1, Math.floor(word.length / 3)) ? n.best : undefined;
}

/** A value quoted in a message: a short excerpt only. */
function show(v: unknown): string {
  if (typeof v === 'string') return `'${excerpt(v)}'`;
  try {
    return excerpt(JSON.stringify(v) ?? String(v));
  } catch {
    return excerpt(String(v));
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
      if (near) return `Unknown key '${excerpt(prop)}' in ${where}; did you mean '${near}'?`;
      return allowed.length ? `Unknown key '${excerpt(prop)}' in ${where}; allowed keys: ${allowed.join(', ')}.` : `Unknown key '${excerpt(prop)}' in ${where}.`;
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
  const docStart = nodeRange(doc.contents);
  const fallback: [number, number] = opts.fallback ?? (docStart ? [docStart[0] + offset, docStart[0] + offset] : [offset, offset]);

  return mapAjvErrors(validate.errors ?? [], (e, branches) => {
    const path = pointerToPath(e.instancePath);
    let message: string;
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf') {
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
    const loc = locateYamlPath(doc, path);
    const exact = loc.depth === path.length;
    if (e.keyword === 'required') {
      property = (e.params as { missingProperty: string }).missingProperty;
      if (path.length) range = nodeRange(loc.pair?.key) ?? nodeRange(loc.node);
    } else if (e.keyword === 'additionalProperties') {
      property = (e.params as { additionalProperty: string }).additionalProperty;
      range = nodeRange(keyNodeIn(exact ? loc.node : undefined, property));
    } else if (exact) range = nodeRange(loc.node) ?? nodeRange(loc.pair?.key);
    else range = nodeRange(loc.pair?.key) ?? nodeRange(loc.node);
    const [s, t] = range ? [range[0] + offset, range[1] + offset] : fallback;
    return { message, start: s, end: t, keyword: e.keyword, path, ...(property !== undefined ? { property } : {}) };
  }, {
    max: MAX_SCHEMA_FINDINGS,
    more: (count) => ({ message: moreSchemaProblems(count), start: fallback[0], end: fallback[1], keyword: 'limit', path: [] }),
  });
}

/**
 * The shared loop from ajv's errors to findings: drops `if` errors (their `then` errors say it),
 * hands each `anyOf`/`oneOf` error to `describe` together with its branches' errors (which are not
 * described on their own), and drops a finding repeating the message and range of an earlier one.
 * `describe` returns undefined to skip an error.
 *
 * @example
 * if (!validate(value)) findings = mapAjvErrors(validate.errors ?? [], (e, branches) => ({ message: e.message ?? '', start: 0, end: 0 }));
 */
export function mapAjvErrors<T extends { message: string; start: number; end: number }>(
  ajvErrors: readonly ErrorObject[],
  describe: (e: ErrorObject, branches: ErrorObject[]) => T | undefined,
  limit?: FindingLimit<T>,
): T[] {
  const errors = ajvErrors.filter((e) => e.keyword !== 'if');
  // Combinators by instance path: an error's owner sits at its own path or at one of its parents.
  const combinatorsAt = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    if (e.keyword !== 'anyOf' && e.keyword !== 'oneOf') continue;
    const list = combinatorsAt.get(e.instancePath);
    if (list) list.push(e);
    else combinatorsAt.set(e.instancePath, [e]);
  }
  // The combinator an error is a branch of: below it in the schema, at or below its value.
  const owner = (e: ErrorObject): ErrorObject | undefined => {
    if (!combinatorsAt.size) return undefined;
    let at = e.instancePath;
    for (;;) {
      const found = combinatorsAt.get(at)?.find((c) => c !== e && e.schemaPath.startsWith(c.schemaPath + '/'));
      if (found) return found;
      if (!at) return undefined;
      at = at.slice(0, at.lastIndexOf('/'));
    }
  };
  // Each error's owner, computed once; the branches of each combinator grouped once.
  const branchesOf = new Map<ErrorObject, ErrorObject[]>();
  const top: ErrorObject[] = [];
  for (const e of errors) {
    const o = owner(e);
    if (!o) {
      top.push(e);
      continue;
    }
    const list = branchesOf.get(o);
    if (list) list.push(e);
    else branchesOf.set(o, [e]);
  }
  const out: T[] = [];
  const seen = new Set<string>();
  const max = limit?.max ?? Infinity;
  let i = 0;
  for (; i < top.length && out.length < max; i++) {
    const e = top[i]!;
    const f = describe(e, branchesOf.get(e) ?? []);
    if (!f) continue;
    const k = `${f.start}:${f.end}:${f.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(f);
  }
  if (limit && i < top.length) out.push(limit.more(top.length - i));
  return out;
}

/** At most `max` findings from one document; `more(n)` is the one finding that says how many were left out. */
export interface FindingLimit<T> {
  max: number;
  more: (count: number) => T;
}

/** How many schema findings one document reports before one "N more schema problems not shown" finding. */
export const MAX_SCHEMA_FINDINGS = 100;

/** The message of the finding that stands for the schema problems left out. */
export function moreSchemaProblems(count: number): string {
  return `${count} more schema problem${count === 1 ? '' : 's'} not shown; fix the ones above first (at most ${MAX_SCHEMA_FINDINGS} are listed per document).`;
}

/**
 * Validation of a runbook document against `schemas/runbook.schema.json`, with every ajv error mapped
 * back to the exact key or value in the YAML text, a message that says what to do, and quick fixes.
 *
 * Mapping (see docs/architecture.md): the path walking and the error loop are `yamlSchema.ts`'s
 * (shared with the post-mortem front matter): `instancePath` is split on `/` and unescaped (`~1` → `/`,
 * `~0` → `~`) and walked through the YAML nodes, falling back to the nearest existing parent. Here:
 * `additionalProperties` points at the unknown key; `required` at the parent's key (the document's
 * first key at the root, a list item's first key inside a list); `enum`/`const`/`type`/`pattern`/
 * `format` at the value (at the key when the value is empty or a multi-line block). `anyOf`/`oneOf`
 * errors collapse into one message naming what was expected.
 */
import type { ErrorObject } from 'ajv';
import { isMap, isNode, isScalar } from 'yaml';
import type { Node, Scalar, YAMLMap } from 'yaml';
import schemaJson from '../../../../schemas/runbook.schema.json';
import type { Fix, RawFinding, TextEdit } from '../types';
import { closest, mapAjvErrors, MAX_SCHEMA_FINDINGS, moreSchemaProblems, nearest, pointerToPath } from '../yamlSchema';
import { keyNodeIn, keyText, locateYamlPath, nodeRange, type Located } from '../yamlPath';
import { schemaValidator } from '../schemaValidators';
import { excerpt } from '../config';
import { appendToMap, eolOf } from './edits';
import type { RunbookDocument } from './context';

/** The runbook JSON Schema (draft-07), the single source of truth for keys, enums and descriptions. */
export const runbookSchema = schemaJson;

/** A JSON-schema node as read from the runbook schema. */
export interface SchemaNode {
  type?: string | string[];
  description?: string;
  markdownDescription?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  examples?: unknown[];
  pattern?: string;
  format?: string;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

const SLUG = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
const DURATION = '^[1-9][0-9]*[mhdw]$';
const DATE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

/** Human wording of the schema's patterns. */
const PATTERN_WORDS: Record<string, string> = {
  [SLUG]: 'a lowercase slug (a-z, 0-9, single hyphens), e.g. drift-alert',
  [DURATION]: 'a duration: a whole number and a unit m, h, d or w (5m, 1h, 30d, 4w)',
  [DATE]: 'a date written YYYY-MM-DD, e.g. 2026-10-01',
};

/** The schema node at a path of the instance (following properties and items), or undefined. */
export function schemaAt(path: ReadonlyArray<string | number>): SchemaNode | undefined {
  let s: SchemaNode | undefined = runbookSchema as SchemaNode;
  for (const seg of path) {
    if (!s) return undefined;
    if (typeof seg === 'number') s = s.items;
    else s = s.properties && Object.hasOwn(s.properties, seg) ? s.properties[seg] : undefined;
  }
  return s;
}

/** A path for people: `diagnostics[1].query.language`. */
export function pathLabel(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

/** The first sentence of a schema description, for parenthetical hints. */
export function shortDescription(s: SchemaNode | undefined): string | undefined {
  const d = s?.description;
  if (!d) return undefined;
  const first = (/^(.*?[.!?])(\s|$)/.exec(d)?.[1] ?? d).replace(/[.!?]$/, '');
  return first.charAt(0).toLowerCase() + first.slice(1);
}

/** A value quoted in a message: a short excerpt only (a linked /etc/passwd must not be printed whole). */
function show(v: unknown): string {
  if (typeof v === 'string') return `'${excerpt(v)}'`;
  if (v === null) return 'an empty value';
  try {
    return excerpt(JSON.stringify(v) ?? String(v));
  } catch {
    return excerpt(String(v));
  }
}

function typeWord(t: string | string[]): string {
  const one = (x: string): string =>
    x === 'object' ? 'a mapping of keys' : x === 'array' ? "a list (lines starting with '- ')" : x === 'string' ? 'text' : x === 'number' || x === 'integer' ? 'a number' : x === 'boolean' ? 'true or false' : x;
  return Array.isArray(t) ? t.map(one).join(' or ') : one(t);
}

function foundWord(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the text ${show(v)}`;
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return `${v}`;
  return typeof v;
}

// ---------------------------------------------------------------------------------------------
// Locating nodes

/** End of the line holding `offset` (before `\r\n`). */
function lineEnd(text: string, offset: number): number {
  let e = text.indexOf('\n', offset);
  if (e === -1) e = text.length;
  if (e > offset && text[e - 1] === '\r') e--;
  return e;
}

/** Range of a node's "head": the first key of a block mapping, the first line of a block list. */
function headRange(text: string, n: Node): [number, number] | undefined {
  if (isMap(n) && !n.flow && n.items.length) return nodeRange(n.items[0]!.key);
  const r = nodeRange(n);
  if (!r) return undefined;
  return [r[0], Math.max(r[0], Math.min(r[1], lineEnd(text, r[0])))];
}

/** Where a problem with the value at a path is shown. */
function valueRange(text: string, loc: Located): [number, number] | undefined {
  const key = nodeRange(loc.pair?.key);
  const n = loc.node;
  if (!n) return key;
  const r = nodeRange(n);
  if (!r) return key;
  if (isScalar(n)) {
    if (r[1] === r[0] || n.value === null) return key ?? r;
    return r;
  }
  // A collection: the whole value when it sits on one line (flow style), else its key or head.
  if (lineEnd(text, r[0]) >= r[1]) return r;
  return key ?? headRange(text, n);
}

/** Where a missing key of the mapping at `path` is shown: the parent's key, or the mapping's head. */
function parentRange(text: string, loc: Located): [number, number] | undefined {
  if (loc.pair) return nodeRange(loc.pair.key);
  if (loc.node) return headRange(text, loc.node);
  return undefined;
}

function docHead(text: string, d: RunbookDocument): [number, number] {
  const c = d.doc.contents;
  if (c && isNode(c)) {
    const h = headRange(text, c);
    if (h) return h;
  }
  return [d.start, d.start];
}

// ---------------------------------------------------------------------------------------------
// Skeletons for missing keys

function placeholderScalar(key: string, s: SchemaNode | undefined): string {
  if (!s) return `<${key}>`;
  if (s.const !== undefined) return String(s.const);
  if (s.default !== undefined && typeof s.default !== 'object') return String(s.default);
  if (s.enum?.length) return String(s.enum[0]);
  const t = Array.isArray(s.type) ? s.type[0] : s.type;
  if (t === 'number' || t === 'integer') return String(s.examples?.[0] ?? 0);
  if (t === 'boolean') return 'false';
  return `<${key}>`;
}

/** The children a skeleton of an object schema includes: its required keys (and a `check` when one of query/check is needed). */
function skeletonChildren(s: SchemaNode): string[] {
  const keys = [...(s.required ?? [])];
  const alt = s.anyOf ?? s.oneOf;
  if (alt && alt.every((b) => b.required?.length)) {
    const choice = alt.map((b) => b.required![0]!);
    if (!choice.some((c) => keys.includes(c))) keys.push(choice.includes('check') ? 'check' : choice[0]!);
  }
  return keys;
}

/** Block-style lines (unindented) for `key: <skeleton>`. */
export function skeletonLines(key: string, s: SchemaNode | undefined, depth = 0): string[] {
  const t = s ? (Array.isArray(s.type) ? s.type[0] : s.type) : undefined;
  if (s && t === 'object' && depth < 4) {
    const kids = skeletonChildren(s);
    if (!kids.length) return [`${key}: {}`];
    return [`${key}:`, ...kids.flatMap((k) => skeletonLines(k, s.properties?.[k], depth + 1).map((l) => `  ${l}`))];
  }
  if (s && t === 'array' && depth < 4) {
    const it = s.items;
    const itType = it ? (Array.isArray(it.type) ? it.type[0] : it.type) : undefined;
    if (it && itType === 'object') {
      const kids = skeletonChildren(it);
      if (!kids.length) return [`${key}: []`];
      const lines = kids.flatMap((k) => skeletonLines(k, it.properties?.[k], depth + 1));
      return [`${key}:`, ...lines.map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`))];
    }
    return [`${key}: []`];
  }
  return [`${key}: ${placeholderScalar(key, s)}`];
}

/** Flow-style `key: value` for insertion into a `{ … }` mapping. */
function skeletonFlow(key: string, s: SchemaNode | undefined, depth = 0): string {
  const t = s ? (Array.isArray(s.type) ? s.type[0] : s.type) : undefined;
  if (s && t === 'object' && depth < 4) {
    return `${key}: {${skeletonChildren(s).map((k) => skeletonFlow(k, s.properties?.[k], depth + 1)).join(', ')}}`;
  }
  if (s && t === 'array') return `${key}: []`;
  return `${key}: ${placeholderScalar(key, s)}`;
}

/**
 * An edit inserting `key: <skeleton>` as the last child of the mapping `map`, at the indentation of
 * its keys, touching no other text. Undefined when the mapping cannot take an insertion.
 */
export function insertKeyEdit(text: string, map: YAMLMap, key: string, s: SchemaNode | undefined): TextEdit | undefined {
  if (map.flow) {
    const r = map.range;
    if (!r) return undefined;
    // Before the closing brace.
    const close = text.lastIndexOf('}', r[1]);
    if (close < r[0]) return undefined;
    const inner = text.slice(r[0] + 1, close).trim();
    return { start: close, end: close, newText: `${inner ? ', ' : ''}${skeletonFlow(key, s)}` };
  }
  return appendToMap(text, map, skeletonLines(key, s));
}

// ---------------------------------------------------------------------------------------------
// Messages

function describeBranch(b: SchemaNode): string {
  const t = Array.isArray(b.type) ? b.type[0] : b.type;
  if (b.pattern && b.pattern.includes('%')) return 'a percentage such as 2%';
  if (b.pattern && PATTERN_WORDS[b.pattern]) return PATTERN_WORDS[b.pattern]!;
  if (t === 'number' && b.exclusiveMinimum === 0 && b.maximum === 1) return 'a fraction such as 0.02';
  if (b.required?.length) return `a '${b.required[0]}'`;
  return t ? typeWord(t) : 'another form';
}

function rangeWords(e: ErrorObject, label: string): string {
  const ps = (e.parentSchema ?? {}) as SchemaNode;
  if (ps.exclusiveMinimum === 0 && ps.exclusiveMaximum === 100) return `'${label}' must be a percentage strictly between 0 and 100, e.g. 99.9 (found ${show(e.data)})`;
  const limit = (e.params as { limit: number }).limit;
  const cmp = e.keyword === 'exclusiveMinimum' ? 'greater than' : e.keyword === 'exclusiveMaximum' ? 'less than' : e.keyword === 'minimum' ? 'at least' : 'at most';
  return `'${label}' must be ${cmp} ${limit} (found ${show(e.data)})`;
}

function edit(range: [number, number], newText: string): TextEdit {
  return { start: range[0], end: range[1], newText };
}

function yamlScalar(v: unknown): string {
  if (typeof v !== 'string') return String(v);
  return /^[A-Za-z0-9][A-Za-z0-9 ._/-]*$/.test(v) && !/^(true|false|null|yes|no|on|off|~)$/i.test(v) ? v : JSON.stringify(v);
}

/** Lowercase slug of a free text (for the slug pattern's fix). */
function slugify(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-/, '')
    .replace(/-$/, '');
}

// ---------------------------------------------------------------------------------------------
// Validation

/**
 * Findings per parsed YAML document, relative to the document's start. The parse reuses a document
 * object only for the same source at the same offset, so an unchanged document of an edited file
 * is not validated again; entries live exactly as long as the parse's own caches keep the document.
 */
const cache = new WeakMap<object, { eol: string; findings: RawFinding[] }>();

function shift(f: RawFinding, delta: number): RawFinding {
  if (!delta) return f;
  const out: RawFinding = { ...f, start: f.start + delta, end: f.end + delta };
  if (f.fixes) out.fixes = f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, start: e.start + delta, end: e.end + delta })) }));
  return out;
}

/**
 * Validates one runbook document (its `value`) against the schema and returns RB001 findings with
 * ranges into `text` and quick fixes. Results are cached per parsed document, so a multi-document
 * file re-validates only the documents that changed.
 *
 * @example
 * const file = parseRunbookFile(text);
 * const findings = validateRunbookDocument(text, file.docs[0]);
 */
export function validateRunbookDocument(text: string, d: RunbookDocument): RawFinding[] {
  if (d.value === undefined || d.unusable) return [];
  // The fixes insert the file's line ending, which another file (or version) sharing this document may not have.
  const eol = eolOf(text);
  const cached = cache.get(d.doc);
  if (cached && cached.eol === eol) return cached.findings.map((f) => shift(f, d.start));
  const found = validateUncached(text, d);
  cache.set(d.doc, { eol, findings: found.map((f) => shift(f, -d.start)) });
  return found;
}

function validateUncached(text: string, d: RunbookDocument): RawFinding[] {
  const validate = schemaValidator('runbook');
  if (validate(d.value)) return [];
  const errors = validate.errors ?? [];
  // A value of the wrong type gets one finding: its enum/const/pattern errors would only repeat it.
  const typeAt = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const repeatsType = (e: ErrorObject): boolean =>
    (e.keyword === 'enum' || e.keyword === 'const' || e.keyword === 'pattern' || e.keyword === 'format') && typeAt.has(e.instancePath);
  return mapAjvErrors(errors, (e, branches) => (repeatsType(e) ? undefined : describe(text, d, e, branches)), {
    max: MAX_SCHEMA_FINDINGS,
    more: (count) => {
      const [start, end] = docHead(text, d);
      return { message: moreSchemaProblems(count), start, end };
    },
  });
}

function describe(text: string, d: RunbookDocument, e: ErrorObject, branches: ErrorObject[]): RawFinding | undefined {
  const path = pointerToPath(e.instancePath);
  const label = pathLabel(path);
  const loc = locateYamlPath(d.doc, path);
  const exact = loc.depth === path.length;
  const ps = (e.parentSchema ?? {}) as SchemaNode;
  const fallback = (): [number, number] => (path.length ? (parentRange(text, loc) ?? docHead(text, d)) : docHead(text, d));

  switch (e.keyword) {
    case 'required': {
      const prop = (e.params as { missingProperty: string }).missingProperty;
      const propSchema = ps.properties?.[prop];
      const hint = shortDescription(propSchema);
      const where = path.length ? ` under '${label}'` : '';
      const message = `Add the required key '${prop}'${where}${hint ? ` (${hint})` : ''}.`;
      const range = path.length && exact ? (parentRange(text, loc) ?? fallback()) : docHead(text, d);
      const fixes: Fix[] = [];
      const map = exact ? loc.node : undefined;
      if (map && isMap(map)) {
        const ed = insertKeyEdit(text, map, prop, propSchema);
        if (ed) fixes.push({ title: `Add '${prop}'${where}`, edits: [ed], isPreferred: true });
      }
      return { message, start: range[0], end: range[1], ...(fixes.length ? { fixes } : {}) };
    }
    case 'additionalProperties': {
      const prop = (e.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys(ps.properties ?? {});
      const map = exact ? loc.node : undefined;
      const present = map && isMap(map) ? keysOf(map) : new Set<string | undefined>();
      const near = closest(prop, allowed.filter((k) => !present.has(k)));
      const where = path.length ? ` under '${label}'` : '';
      const keyNode = keyNodeIn(map, prop);
      const range = nodeRange(keyNode) ?? fallback();
      const message = near
        ? `Unknown key '${excerpt(prop)}'${where}: did you mean '${near}'?`
        : `Unknown key '${excerpt(prop)}'${where}; remove it or use one of: ${allowed.join(', ')}.`;
      const fixes: Fix[] = near && keyNode ? [{ title: `Rename '${excerpt(prop)}' to '${near}'`, edits: [edit(range, near)], isPreferred: true }] : [];
      return { message, start: range[0], end: range[1], ...(fixes.length ? { fixes } : {}) };
    }
    case 'enum':
    case 'const': {
      const allowed = e.keyword === 'enum' ? (e.params as { allowedValues: unknown[] }).allowedValues : [(e.params as { allowedValue: unknown }).allowedValue];
      const range = (exact ? valueRange(text, loc) : undefined) ?? fallback();
      const words = allowed.map(String);
      const near = typeof e.data === 'string' ? nearest(e.data, words)?.best : words[0];
      const likely = typeof e.data === 'string' ? closest(e.data, words) : undefined;
      const message =
        allowed.length === 1
          ? `'${label}' must be '${words[0]}', not ${show(e.data)}.`
          : `'${label}' must be one of ${words.join(', ')}, not ${show(e.data)}${likely ? ` — did you mean '${likely}'?` : '.'}`;
      const canEdit = exact && loc.node && isScalar(loc.node) && (loc.node as Scalar).value !== null;
      const fixes: Fix[] = canEdit
        ? allowed.map((v) => ({ title: `Change to '${String(v)}'`, edits: [edit(range, yamlScalar(v))], ...(String(v) === near ? { isPreferred: true } : {}) }))
        : [];
      return { message, start: range[0], end: range[1], ...(fixes.length ? { fixes } : {}) };
    }
    case 'type': {
      const expected = (e.params as { type: string | string[] }).type;
      const range = (exact ? valueRange(text, loc) : undefined) ?? fallback();
      if (e.data === null || e.data === undefined) {
        // `escalation: #ml-oncall` is a key followed by a comment: the value is empty.
        const keyR = nodeRange(loc.pair?.key);
        if (keyR) {
          const after = text.slice(keyR[1], lineEnd(text, keyR[1]));
          const m = /^(\s*:[ \t]+)(#[^\s#]+)/.exec(after);
          if (m && expected === 'string') {
            const s = keyR[1] + m[1]!.length;
            const raw = m[2]!;
            return {
              message: `'${label}' is empty: YAML reads '${raw}' as a comment. Quote the value: "${raw}".`,
              start: keyR[0],
              end: keyR[1],
              fixes: [{ title: `Quote the value: "${raw}"`, edits: [{ start: s, end: s + raw.length, newText: JSON.stringify(raw) }], isPreferred: true }],
            };
          }
        }
        const own = schemaAt(path);
        const hint = shortDescription(own);
        const fill = keyR && loc.pair && (expected === 'object' || expected === 'array') ? fillEmpty(text, keyR, String(path[path.length - 1]), own) : undefined;
        return {
          message: `'${label}' is empty; it needs ${typeWord(expected)}${hint ? ` (${hint})` : ''}.`,
          start: range[0],
          end: range[1],
          ...(fill ? { fixes: [{ title: `Fill in '${label}'`, edits: [fill], isPreferred: true }] } : {}),
        };
      }
      if (!path.length) {
        return { message: `A runbook document must be a mapping of keys starting with 'apiVersion: ml-runbooks/v1' and 'kind: Runbook' (found ${foundWord(e.data)}).`, start: range[0], end: range[1] };
      }
      return { message: `'${label}' must be ${typeWord(expected)}, not ${foundWord(e.data)}.`, start: range[0], end: range[1] };
    }
    case 'pattern': {
      const pattern = (e.params as { pattern: string }).pattern;
      const range = (exact ? valueRange(text, loc) : undefined) ?? fallback();
      const words = PATTERN_WORDS[pattern] ?? `text matching ${pattern}`;
      const fixes: Fix[] = [];
      if (pattern === SLUG && typeof e.data === 'string' && exact && loc.node && isScalar(loc.node)) {
        const slug = slugify(e.data);
        if (slug && slug !== e.data) fixes.push({ title: `Change to '${slug}'`, edits: [edit(range, slug)], isPreferred: true });
      }
      return { message: `'${label}' must be ${words}, not ${show(e.data)}.`, start: range[0], end: range[1], ...(fixes.length ? { fixes } : {}) };
    }
    case 'format': {
      const range = (exact ? valueRange(text, loc) : undefined) ?? fallback();
      const fmt = (e.params as { format: string }).format;
      const words = fmt === 'uri' ? 'an absolute URI such as https://grafana.internal/d/abc' : `a valid ${fmt}`;
      return { message: `'${label}' must be ${words}, not ${show(e.data)}.`, start: range[0], end: range[1] };
    }
    case 'minLength': {
      const range = (exact ? valueRange(text, loc) : undefined) ?? fallback();
      const hint = shortDescription(ps);
      return { message: `'${label}' must not be empty${hint ? ` (${hint})` : ''}.`, start: range[0], end: range[1] };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const range = (exact ? valueRange(text, loc) : undefined) ?? fallback();
      return { message: `${rangeWords(e, label)}.`, start: range[0], end: range[1] };
    }
    case 'uniqueItems': {
      const { i, j } = e.params as { i: number; j: number };
      const items = Array.isArray(e.data) ? e.data : [];
      const dupLoc = locateYamlPath(d.doc, [...path, Math.max(i, j)]);
      const range = (dupLoc.depth === path.length + 1 ? valueRange(text, dupLoc) : undefined) ?? fallback();
      return { message: `'${label}' lists ${show(items[Math.max(i, j)])} twice; remove the duplicate.`, start: range[0], end: range[1] };
    }
    case 'anyOf':
    case 'oneOf': {
      const alts = ((e.schema as SchemaNode[] | undefined) ?? []).filter(Boolean);
      // "One of these keys is required" (diagnostics: query or check).
      if (alts.length && alts.every((b) => b.required?.length && !b.type)) {
        const keys = alts.map((b) => b.required![0]!);
        const range = exact ? (parentRange(text, loc) ?? fallback()) : fallback();
        const q = (e.data as Record<string, unknown> | null)?.question;
        const fixes: Fix[] = [];
        const map = exact ? loc.node : undefined;
        if (map && isMap(map)) {
          for (const k of keys) {
            const s = ps.properties?.[k];
            const ed = k === 'query' ? queryInsert(text, map) : insertKeyEdit(text, map, k, s);
            if (ed) fixes.push({ title: `Add a '${k}'`, edits: [ed], ...(k === 'query' ? { isPreferred: true } : {}) });
          }
        }
        return {
          message: `'${label}' needs a ${keys.map((k) => `'${k}'`).join(' or a ')}${typeof q === 'string' ? `: add the ${keys[0]} that answers "${q}"` : ''}${keys.length > 1 ? ` (or a manual ${keys[keys.length - 1]})` : ''}.`,
          start: range[0],
          end: range[1],
          ...(fixes.length ? { fixes } : {}),
        };
      }
      const range = (exact ? valueRange(text, loc) : undefined) ?? fallback();
      const expected = [...new Set(alts.map(describeBranch))];
      const fixes: Fix[] = [];
      if (typeof e.data === 'number' && e.data > 1 && e.data <= 100 && expected.some((w) => w.includes('%')) && exact && loc.node) {
        fixes.push({ title: `Change to ${e.data}%`, edits: [edit(range, `${e.data}%`)], isPreferred: true });
      }
      if (!branches.length && !alts.length) return { message: `'${label}' is not valid.`, start: range[0], end: range[1] };
      return {
        message: `'${label}' must be ${expected.join(' or ')}, not ${show(e.data)}.`,
        start: range[0],
        end: range[1],
        ...(fixes.length ? { fixes } : {}),
      };
    }
    default: {
      const range = (exact ? valueRange(text, loc) : undefined) ?? fallback();
      return { message: `'${label || 'document'}' ${e.message ?? 'is not valid'}.`, start: range[0], end: range[1] };
    }
  }
}

/** The keys of a mapping, built once per mapping node (an unknown-key finding is described per key). */
const keySets = new WeakMap<YAMLMap, Set<string | undefined>>();
function keysOf(map: YAMLMap): Set<string | undefined> {
  let set = keySets.get(map);
  if (!set) keySets.set(map, (set = new Set(map.items.map((p) => keyText(p.key)))));
  return set;
}

/**
 * For `key:` with no value, inserts the skeleton of its required children on the following lines,
 * indented under the key. Undefined when there is nothing to insert or the value is not simply empty.
 */
function fillEmpty(text: string, keyR: [number, number], key: string, s: SchemaNode | undefined): TextEdit | undefined {
  const lines = skeletonLines(key, s).slice(1);
  if (!lines.length) return undefined;
  const rest = text.slice(keyR[1], lineEnd(text, keyR[1]));
  if (!/^[ \t]*:[ \t]*(#.*)?$/.test(rest)) return undefined;
  const at = lineEnd(text, keyR[1]);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const pad = ' '.repeat(keyR[0] - (text.lastIndexOf('\n', keyR[0] - 1) + 1));
  return { start: at, end: at, newText: lines.map((l) => eol + pad + l).join('') };
}

/** Inserts a `query:` skeleton (language `text`, so the placeholder is not parsed as PromQL). */
function queryInsert(text: string, map: YAMLMap): TextEdit | undefined {
  const s: SchemaNode = {
    type: 'object',
    required: ['language', 'text'],
    properties: { language: { type: 'string', const: 'text' }, text: { type: 'string' } },
  };
  return insertKeyEdit(text, map, 'query', s);
}

/** Whether a value is a plain mapping (the shape every rule beyond the schema expects). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Completion and hover for YAML from a JSON Schema, pure and offset-based: the runbook documents
 * (with `schemas/runbook.schema.json`) and a post-mortem's front matter (with
 * `schemas/postmortem-frontmatter.schema.json`). The language server turns the results into LSP
 * objects; the core never sees a position.
 *
 * The cursor's place is read line by line (see nav/yamlCursor.ts), so incomplete documents work: a
 * line with only `  ke` under `metadata:`, the value after `severity:`, a new `- ` item.
 */
import { documentRegion, yamlCursorAt, yamlHoverTargetAt, type Region, type YamlHoverTarget } from './nav/yamlCursor';
import { descriptionOf, expand, propertiesOf, schemasAt, typesOf, valuesOf, type SchemaNode } from './nav/schemaWalk';

export type { NavPath, Region, YamlHoverTarget } from './nav/yamlCursor';
export type { SchemaNode } from './nav/schemaWalk';
export { documentRegion, yamlCursorAt, yamlHoverTargetAt } from './nav/yamlCursor';
export { schemasAt, resolveRef } from './nav/schemaWalk';

/**
 * YAML regions larger than this get no completion or hover: reading them line by line would cost more
 * than a keystroke is worth, and no hand-written runbook comes near it.
 */
export const MAX_NAV_REGION = 1024 * 1024;

/** One completion suggestion; the edit replaces `start`..`end` with `insertText`. */
export interface NavCompletion {
  label: string;
  kind: 'property' | 'value';
  /** Short type information, e.g. `string`, `object`, `data | model | serving`. */
  detail?: string;
  /** Markdown documentation from the schema. */
  documentation?: string;
  /** Plain text to insert (a trailing newline + two spaces for objects and arrays). */
  insertText: string;
  /** Sorts required keys first, then schema order. */
  sortText: string;
  /** The key is required in its mapping. */
  required?: boolean;
  start: number;
  end: number;
}

/** Hover text (Markdown) and the range it describes. */
export interface NavHover {
  markdown: string;
  start: number;
  end: number;
}

/** The front matter's YAML between the `---` fences of a Markdown text, or undefined. */
export function frontMatterRegion(text: string): Region | undefined {
  const open = /^\uFEFF?---[ \t]*\r?\n/.exec(text);
  if (!open) return undefined;
  const start = open[0].length;
  // The first closing fence after the opening one: tried only at line starts, each attempt bounded by its line.
  const close = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/gm;
  close.lastIndex = start;
  const m = close.exec(text);
  // An unterminated front matter still gets completion up to the end of the text.
  return { start, end: m ? m.index : text.length };
}

function typeLabel(nodes: SchemaNode[]): string | undefined {
  const values = valuesOf(nodes).filter((v) => typeof v !== 'boolean');
  if (values.length) return values.map((v) => String(v)).join(' | ');
  const t = typesOf(nodes);
  if (!t.length) return undefined;
  if (t.includes('array')) {
    const items = nodes.flatMap((n) => (n.items && typeof n.items === 'object' && !Array.isArray(n.items) ? [n.items as SchemaNode] : []));
    const it = items.length ? typesOf(items) : [];
    return it.length ? `array of ${it.join(' | ')}` : 'array';
  }
  return t.join(' | ');
}

const PLAIN = /^[A-Za-z_/][\w\-./@ ]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

/** A scalar as it should be typed in YAML. */
function yamlScalar(v: unknown): string {
  if (typeof v === 'string') return PLAIN.test(v) && !RESERVED.test(v) && v.trim() === v ? v : JSON.stringify(v);
  return String(v);
}

/**
 * Completion items at an offset: the mapping's keys not yet present (required first) at a key
 * position, the allowed values at a value position (enum, const, booleans).
 *
 * @example
 * completeYaml(runbookSchema, 'metadata:\n  ', 12).map((c) => c.label) // ['name', 'title', 'owners', …]
 */
export function completeYaml(schema: SchemaNode, text: string, offset: number, region: Region = documentRegion(text, offset)): NavCompletion[] {
  if (region.end - region.start > MAX_NAV_REGION) return [];
  const cur = yamlCursorAt(text, offset, region);
  if (cur.kind === 'none') return [];
  const nodes = schemasAt(schema, cur.path);
  if (!nodes.length) return [];
  const out: NavCompletion[] = [];
  const valueItems = (): void => {
    valuesOf(nodes).forEach((v, i) => {
      out.push({
        label: String(v),
        kind: 'value',
        detail: typeLabel(nodes),
        documentation: descriptionOf(nodes),
        insertText: yamlScalar(v),
        sortText: String(i).padStart(4, '0'),
        start: cur.replaceStart,
        end: cur.replaceEnd,
      });
    });
  };
  if (cur.kind === 'value') {
    valueItems();
    return out;
  }
  if (cur.item) valueItems();
  const { props, required } = propertiesOf(schema, nodes);
  const present = new Set(cur.presentKeys);
  let i = 0;
  for (const [key, sub] of props) {
    i++;
    if (present.has(key)) continue;
    if (sub.some((s) => s.deprecated === true) && !required.has(key)) continue;
    const t = typesOf(sub);
    const block = (t.includes('object') || t.includes('array')) && !t.some((x) => x === 'string' || x === 'number' || x === 'integer' || x === 'boolean');
    const req = required.has(key);
    out.push({
      label: key,
      kind: 'property',
      detail: typeLabel(sub),
      documentation: descriptionOf(sub),
      insertText: block ? `${key}:\n  ` : `${key}: `,
      sortText: `${req ? '0' : '1'}${String(i).padStart(4, '0')}`,
      required: req,
      start: cur.replaceStart,
      end: cur.replaceEnd,
    });
  }
  return out;
}

/** Markdown describing a schema node set: description, type, allowed values, default. */
export function describeSchema(title: string, nodes: SchemaNode[], required = false): string | undefined {
  const desc = descriptionOf(nodes);
  const type = typeLabel(nodes);
  const values = valuesOf(nodes);
  if (!desc && !type && !values.length) return undefined;
  const parts = [`**${title}**${type ? ` — \`${type}\`` : ''}${required ? ' (required)' : ''}`];
  if (desc) parts.push(desc);
  if (values.length) parts.push(`Allowed values: ${values.map((v) => `\`${String(v)}\``).join(', ')}`);
  const def = nodes.find((n) => n.default !== undefined)?.default;
  if (def !== undefined && typeof def !== 'object') parts.push(`Default: \`${String(def)}\``);
  return parts.join('\n\n');
}

/**
 * Hover at an offset: the key's (or the value's key's) description and allowed values from the
 * schema. `extra` may add text for a target (e.g. the burn-rate arithmetic of an SLO alert).
 *
 * @example
 * hoverYaml(runbookSchema, 'surface:\n  likely: data', 13)?.markdown // '**likely** — `data | model | serving` …'
 */
export function hoverYaml(
  schema: SchemaNode,
  text: string,
  offset: number,
  region: Region = documentRegion(text, offset),
  extra?: (target: YamlHoverTarget, region: Region) => string | undefined,
): NavHover | undefined {
  if (region.end - region.start > MAX_NAV_REGION) return undefined;
  const target = yamlHoverTargetAt(text, offset, region);
  if (!target) return undefined;
  const nodes = schemasAt(schema, target.path);
  const last = target.path[target.path.length - 1];
  const parent = schemasAt(schema, target.path.slice(0, -1));
  const required = typeof last === 'string' && parent.some((p) => expand(schema, p).some((n) => n.required?.includes(last)));
  const title = typeof last === 'number' ? `${String(target.path[target.path.length - 2] ?? '')}[${last}]` : String(last ?? '');
  const parts: string[] = [];
  const more = extra?.(target, region);
  if (more) parts.push(more);
  const base = nodes.length ? describeSchema(title, nodes, required) : undefined;
  if (base) parts.push(base);
  if (!parts.length) return undefined;
  return { markdown: parts.join('\n\n---\n\n'), start: target.start, end: target.end };
}

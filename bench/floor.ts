/**
 * The floor: the least work any runbook/post-mortem checker must do per edit, built from the same
 * libraries the product uses.
 *
 * - Runbooks: `yaml` parseAllDocuments (with a LineCounter), the compiled ajv validator of
 *   schemas/runbook.schema.json on each document, and the mapping of every ajv error to a range
 *   (instancePath → YAML node: the key for `additionalProperties`, the parent's key for `required`,
 *   the value otherwise) plus YAML syntax errors at their token.
 * - Post-mortems: one markdown-it parse of the text.
 *
 * Used in-process by the benchmark and, behind a minimal LSP server, by bench/floor-server.ts.
 */
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import MarkdownIt from 'markdown-it';
import { LineCounter, isMap, isNode, isPair, isScalar, parseAllDocuments } from 'yaml';
import type { Document, Node } from 'yaml';

export interface FloorDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  severity: 1;
  source: 'floor';
}

/** Compiles the runbook JSON Schema with the ajv flavour its `$schema` names. */
export function compileSchema(schemaPath: string): ValidateFunction {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  const draft = String(schema.$schema ?? '');
  const opts = { allErrors: true, strict: false, allowUnionTypes: true } as const;
  const ajv = draft.includes('2020-12') ? new Ajv2020(opts) : draft.includes('2019-09') ? new Ajv2019(opts) : draft.includes('draft-04') ? new AjvDraft04(opts) : new Ajv(opts);
  addFormats(ajv as unknown as Ajv);
  return ajv.compile(schema);
}

function unescapePointer(seg: string): string {
  return seg.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Range (offsets) of an ajv error in a document, following the rules the product documents. */
function errorRange(doc: Document.Parsed, err: ErrorObject): [number, number] {
  const path: Array<string | number> = err.instancePath === '' ? [] : err.instancePath.slice(1).split('/').map(unescapePointer);
  if (err.keyword === 'additionalProperties') {
    const parent = path.length ? doc.getIn(path, true) : doc.contents;
    if (isMap(parent)) {
      const extra = (err.params as { additionalProperty?: string }).additionalProperty;
      const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === extra);
      if (pair && isNode(pair.key) && pair.key.range) return [pair.key.range[0], pair.key.range[1]];
    }
  }
  if (err.keyword === 'required' && path.length) {
    // A missing key is reported on its parent's key.
    const grand = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
    if (isMap(grand)) {
      const last = String(path[path.length - 1]);
      const pair = grand.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === last);
      if (pair && isNode(pair.key) && pair.key.range) return [pair.key.range[0], pair.key.range[1]];
    }
  }
  for (let n = path.length; n >= 0; n--) {
    const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)) as Node | null | undefined;
    if (node && isNode(node) && node.range) return [node.range[0], node.range[1]];
  }
  return [0, 0];
}

/** Floor work for one runbook text: parse, validate each document, map every problem to a range. */
export function floorRunbook(validate: ValidateFunction, text: string): FloorDiagnostic[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter });
  const out: FloorDiagnostic[] = [];
  const pos = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line - 1, character: p.col - 1 };
  };
  const push = (start: number, end: number, message: string) => out.push({ range: { start: pos(start), end: pos(end) }, message, severity: 1, source: 'floor' });
  if (!Array.isArray(docs)) return out;
  for (const doc of docs) {
    for (const e of doc.errors) push(e.pos[0], e.pos[1], e.message);
    if (doc.errors.length) continue;
    const value = doc.toJS({ maxAliasCount: 100 });
    if (validate(value)) continue;
    for (const err of validate.errors ?? []) {
      const [s, e] = errorRange(doc, err);
      push(s, e, `${err.instancePath || '/'} ${err.message ?? err.keyword}`);
    }
  }
  return out;
}

/** Floor work for one post-mortem text: a markdown-it parse (token count returned so it is not dead code). */
export function createMarkdownFloor(): (text: string) => number {
  const md = new MarkdownIt();
  return (text: string) => md.parse(text, {}).length;
}

// The pure completion/hover navigation: YAML path at the cursor on incomplete documents, schema
// walking ($ref, combinators), completion items and hover text, burn-rate hover arithmetic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeYaml, hoverYaml, yamlCursorAt, yamlHoverTargetAt, schemasAt, frontMatterRegion, documentRegion, MAX_NAV_REGION, type SchemaNode } from '../../server/src/core/schemaNav';
import { burnRateHover, budgetFraction } from '../../server/src/core/nav/burnRateHover';
import { runbookOutline } from '../../server/src/core/nav/outline';
import { runbookLinks } from '../../server/src/core/nav/links';
import { runbookSchema } from '../../server/src/core/runbook/schema';
import { postmortemFrontmatterSchema } from '../../server/src/core/postmortem/schema';

const RB = runbookSchema as unknown as SchemaNode;

/** Splits a text with one `|` cursor marker into [text, offset]. */
function at(marked: string): [string, number] {
  const o = marked.indexOf('¦');
  assert.ok(o >= 0);
  return [marked.slice(0, o) + marked.slice(o + 1), o];
}
const cursor = (m: string) => yamlCursorAt(...at(m));

test('cursor path: a half-typed key under metadata', () => {
  const c = cursor('metadata:\n  name: x\n  ke¦\n  title: y\n');
  assert.equal(c.kind, 'key');
  assert.deepEqual(c.path, ['metadata']);
  assert.equal(c.prefix, 'ke');
  assert.deepEqual(c.presentKeys.sort(), ['name', 'title']);
});

test('cursor path: a value after `key: `, in nested mappings and sequence items', () => {
  assert.deepEqual(cursor('severity:\n  default: ¦').path, ['severity', 'default']);
  assert.equal(cursor('severity:\n  default: ¦').kind, 'value');
  const c = cursor('slos:\n  - name: a\n    alerts:\n      - severity: page\n      - severity: ticket\n        longWindow: 3¦');
  assert.deepEqual([c.kind, c.path, c.prefix], ['value', ['slos', 0, 'alerts', 1, 'longWindow'], '3']);
  assert.deepEqual(cursor('a: 1\nsurface:\n  alternatives:\n    - model\n    - ¦').path, ['surface', 'alternatives', 1]);
  assert.deepEqual(cursor('diagnostics:\n- question: a\n- question: b\n  ¦').path, ['diagnostics', 1], 'compact sequence under its key');
});

test('cursor path: the second document of a file, block scalars and comments', () => {
  const [t, o] = at('apiVersion: x\n---\nmetadata:\n  ¦');
  assert.deepEqual(documentRegion(t, o), { start: 18, end: t.length });
  assert.deepEqual(yamlCursorAt(t, o).path, ['metadata']);
  assert.equal(cursor('q:\n  text: |\n    foo: bar\n    ¦').kind, 'none', 'inside a block scalar');
  assert.deepEqual(cursor('q:\n  text: |\n    foo: bar\n  ¦').path, ['q'], 'back at the mapping after the block');
  assert.equal(cursor('metadata:\n  # a comment ¦').kind, 'none');
});

test('schema walking follows properties, items, $ref and combinators', () => {
  const schema: SchemaNode = {
    type: 'object',
    properties: { a: { $ref: '#/definitions/A' }, list: { type: 'array', items: { oneOf: [{ $ref: '#/definitions/A' }, { type: 'string' }] } } },
    definitions: { A: { type: 'object', properties: { k: { enum: ['x', 'y'], description: 'K' } } } },
  };
  assert.deepEqual(schemasAt(schema, ['a', 'k']).flatMap((n) => n.enum ?? []), ['x', 'y']);
  assert.deepEqual(schemasAt(schema, ['list', 3, 'k']).flatMap((n) => n.enum ?? []), ['x', 'y']);
  assert.deepEqual(schemasAt(schema, ['nope']), []);
});

test('completion: keys not yet present, required first, insert text by type', () => {
  const items = completeYaml(RB, ...at('metadata:\n  name: x\n  ¦'));
  const labels = items.map((i) => i.label);
  assert.ok(!labels.includes('name'));
  const sorted = [...items].sort((a, b) => a.sortText.localeCompare(b.sortText)).map((i) => i.label);
  assert.deepEqual(sorted.slice(0, 2), ['title', 'owners'], 'required keys first');
  assert.equal(items.find((i) => i.label === 'owners')!.insertText, 'owners:\n  ');
  assert.equal(items.find((i) => i.label === 'service')!.insertText, 'service: ');
  assert.ok(items.find((i) => i.label === 'owners')!.documentation);
});

test('completion: enum values and booleans at a value position, replacing the typed prefix', () => {
  const [t, o] = at('surface:\n  likely: mo¦');
  const items = completeYaml(RB, t, o);
  assert.deepEqual(items.map((i) => i.label), ['data', 'model', 'serving']);
  assert.deepEqual([items[0]!.start, items[0]!.end], [t.indexOf('mo'), t.length]);
  assert.deepEqual(completeYaml(RB, ...at('mitigations:\n  - action: x\n    reversible: ¦')).map((i) => i.label), ['true', 'false']);
  assert.deepEqual(completeYaml(RB, ...at('surface:\n  alternatives:\n    - ¦')).map((i) => i.label), ['data', 'model', 'serving']);
});

test('completion in a post-mortem front matter', () => {
  const [t, o] = at('---\nkind: postmortem\nseverity: ¦\n---\n# T\n');
  const region = frontMatterRegion(t)!;
  assert.deepEqual(region, { start: 4, end: t.indexOf('---\n#') });
  assert.deepEqual(completeYaml(postmortemFrontmatterSchema as unknown as SchemaNode, t, o, region).map((i) => i.label), ['SEV1', 'SEV2', 'SEV3']);
});

test('hover: description, allowed values, required', () => {
  const [t, o] = at('surface:\n  lik¦ely: data\n');
  const h = hoverYaml(RB, t, o)!;
  assert.match(h.markdown, /^\*\*likely\*\* — `data \| model \| serving` \(required\)/);
  assert.match(h.markdown, /Allowed values: `data`, `model`, `serving`/);
  assert.deepEqual([h.start, h.end], [t.indexOf('likely'), t.indexOf('likely') + 6]);
  const target = yamlHoverTargetAt(t, t.indexOf('data') + 1)!;
  assert.deepEqual([target.on, target.path], ['value', ['surface', 'likely']]);
});

const SLOS = `slos:
  - name: q
    objective: 99.9
    period: 30d
    alerts:
      - severity: page
        longWindow: 1h
        shortWindow: 5m
        burnRate: 14.4
        budgetConsumed: 5%
      - severity: page
        longWindow: 6h
        shortWindow: 30m
        budgetConsumed: 5%
`;

test('burn-rate hover: arithmetic from the enclosing SLO, disagreement called out', () => {
  const region = { start: 0, end: SLOS.length };
  const page = burnRateHover(SLOS, region, ['slos', 0, 'alerts', 0, 'burnRate'])!;
  assert.match(page, /14\.4× over 1h of a 30d period = 2 % of the error budget; at this rate the whole budget lasts 50h/);
  assert.match(page, /budgetConsumed stated 5 %, computed 2 % — they disagree \(RB005\)/);
  const derived = burnRateHover(SLOS, region, ['slos', 0, 'alerts', 1, 'longWindow'])!;
  assert.match(derived, /6× over 6h of a 30d period = 5 % of the error budget; at this rate the whole budget lasts 5d/);
  const objective = burnRateHover(SLOS, region, ['slos', 0, 'objective'])!;
  assert.match(objective, /Error budget = \(1 − 99\.9 %\) × 30d = 43m/);
  assert.equal(burnRateHover(SLOS, region, ['slos', 0, 'name']), undefined);
  assert.equal(budgetFraction('2%'), 0.02);
  assert.equal(budgetFraction(0.05), 0.05);
  assert.equal(budgetFraction('x'), undefined);
});

test('outline and links of a runbook file with two documents', () => {
  const text = `metadata:\n  name: one\n  title: One\ndiagnostics:\n  - question: A?\n    dashboard: "https://g.internal/d/a"\n---\nmetadata:\n  name: two\nreferences:\n  - https://sre.google/x\n  - not a url\n`;
  const outline = runbookOutline(text);
  assert.deepEqual(outline.map((d) => [d.name, d.detail]), [['one', 'One'], ['two', undefined]]);
  assert.deepEqual(outline[0]!.children[1]!.children.map((c) => [c.name, c.detail]), [['1. A?', 'triage']]);
  const links = runbookLinks(text);
  assert.deepEqual(links.map((l) => [l.target, text.slice(l.start, l.end)]), [
    ['https://g.internal/d/a', 'https://g.internal/d/a'],
    ['https://sre.google/x', 'https://sre.google/x'],
  ]);
});

test('outline: a section per named key, read with the core\'s YAML lookup; an empty or ~ key names no section', () => {
  const text = 'metadata:\n  name: n\n~: x\n: y\n1: z\nsignal:\n  alert: HighLatency\n';
  const [doc] = runbookOutline(text);
  assert.deepEqual(doc!.children.map((c) => [c.name, c.detail]), [['metadata', 'n'], ['1', 'z'], ['signal', 'HighLatency']]);
});

test('a huge YAML region gets no completion or hover instead of a slow scan', () => {
  const text = 'metadata:\n  \n' + '# filler line\n'.repeat(Math.ceil((MAX_NAV_REGION + 1) / 14));
  assert.deepEqual(completeYaml(RB, text, 12), []);
  assert.equal(hoverYaml(RB, text, 3), undefined);
  const small = 'metadata:\n  \n';
  assert.ok(completeYaml(RB, small, 12).length > 0, 'the same cursor in a small file completes');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { keyOf, keyText, locateYamlPath, nodeAt, nodeRange, pairAt, yamlRange } from '../../server/src/core/yamlPath';
import { rangeAt } from '../../server/src/core/runbook/context';
import { parseRunbookFile } from '../../server/src/core/runbook/parse';
import { parseConfigText } from '../../server/src/core/config';
import { parsePostmortem } from '../../server/src/core/postmortem/parse';

const TEXT = [
  'metadata:', //           0
  '  name: model-drift', // 10
  '  lastReviewed: 2026-01-05',
  'diagnostics:',
  '  - question: Is it drift?',
  '    query: { language: promql, text: up }',
  '  - question:',
  '1: numeric key',
  'empty:',
  '',
].join('\n');
const doc = parseDocument(TEXT);
const at = (needle: string, from = 0): [number, number] => {
  const i = TEXT.indexOf(needle, from);
  assert.ok(i >= 0, needle);
  return [i, i + needle.length];
};
const text = (r: [number, number] | undefined) => (r ? TEXT.slice(r[0], r[1]) : undefined);

test('nodeAt / pairAt: keys, indexes, numeric keys, missing and empty values', () => {
  assert.equal(String(nodeAt(doc, ['metadata', 'name'])), 'model-drift');
  assert.equal(String(nodeAt(doc, ['diagnostics', 0, 'query', 'language'])), 'promql');
  assert.equal(nodeAt(doc, ['diagnostics', 2]), undefined, 'index past the end');
  assert.equal(nodeAt(doc, ['diagnostics', -1]), undefined);
  assert.equal(nodeAt(doc, ['diagnostics', 0.5]), undefined);
  assert.equal(nodeAt(doc, ['diagnostics', '0']), undefined, 'a string does not index a sequence');
  assert.equal(String(nodeAt(doc, [1])), 'numeric key', 'a number segment matches a numeric key');
  assert.equal(String(nodeAt(doc, ['1'])), 'numeric key', "'1' and 1 are the same key");
  assert.equal(nodeAt(doc, ['metadata', 'name', 'deeper']), undefined, 'through a scalar');
  assert.equal(nodeAt(doc, ['nope']), undefined);
  assert.equal(nodeAt(doc, []), doc.contents, 'the empty path is the document body');
  assert.equal(keyOf(pairAt(doc, ['metadata', 'lastReviewed'])), 'lastReviewed');
  assert.ok(pairAt(doc, ['empty']), 'a key without a value has a pair');
  assert.equal(pairAt(doc, ['diagnostics', 0]), undefined, 'a sequence item has no pair');
  assert.equal(pairAt(doc, []), undefined);
  assert.equal(nodeAt(nodeAt(doc, ['metadata']), ['name'])?.toString(), 'model-drift', 'a node is a root too');
  assert.equal(keyText(42), '42');
  assert.equal(keyText({}), undefined);
});

test('locateYamlPath stops at the nearest existing parent and says how deep it went', () => {
  const loc = locateYamlPath(doc, ['metadata', 'owner', 'team']);
  assert.equal(loc.depth, 1);
  assert.equal(keyOf(loc.pair), 'metadata');
  const empty = locateYamlPath(doc, ['diagnostics', 1, 'question', 'x']);
  assert.deepEqual([empty.depth, String(empty.node), keyOf(empty.pair)], [3, 'null', 'question'], 'an empty value is a null scalar');
  assert.deepEqual(locateYamlPath(doc, []).depth, 0);
  assert.equal(locateYamlPath(undefined, ['a']).node, undefined);
});

test('yamlRange: the value, the key, a sequence item, then the nearest ancestor key', () => {
  assert.deepEqual(yamlRange(doc, ['metadata', 'lastReviewed']), at('2026-01-05'));
  assert.deepEqual(yamlRange(doc, ['metadata', 'lastReviewed'], 'key'), at('lastReviewed'));
  assert.equal(text(yamlRange(doc, ['diagnostics', 0, 'query', 'language'])), 'promql');
  assert.equal(text(yamlRange(doc, ['diagnostics', 1]))?.trim(), 'question:', 'a sequence item is its own range');
  assert.deepEqual(yamlRange(doc, ['metadata', 'owner']), at('metadata'), 'missing key → its parent key');
  const emptyAt = at('  - question:\n1')[0] + '  - question:'.length;
  assert.deepEqual(yamlRange(doc, ['diagnostics', 1, 'question']), [emptyAt, emptyAt], 'empty value → where it would be');
  assert.deepEqual(yamlRange(doc, ['diagnostics', 1, 'question'], 'key'), [emptyAt - 'question:'.length, emptyAt - 1]);
  assert.deepEqual(yamlRange(doc, ['diagnostics', 7, 'question']), at('diagnostics'), 'missing index → the list key');
  assert.equal(yamlRange(doc, ['nope', 'x']), undefined);
  assert.deepEqual(nodeRange(nodeAt(doc, ['metadata', 'name'])), at('model-drift'));
});

test('every host of a YAML path gets the same range: runbook rules, the project file, the front matter', () => {
  const rb = parseRunbookFile(TEXT).docs[0]!;
  for (const [path, which] of [[['metadata', 'lastReviewed'], 'value'], [['metadata', 'lastReviewed'], 'key'], [['metadata', 'owner'], 'value'], [['diagnostics', 0, 'question'], 'value']] as const) {
    assert.deepEqual(rangeAt(rb, path, which), yamlRange(doc, path, which), JSON.stringify(path));
  }
  assert.deepEqual(rangeAt(rb, ['nope']), [0, 0], 'nothing resolves: the start of the body');

  const config = 'rules:\n  123: off\nstaleAfterDays: soon\n';
  const f = parseConfigText(config).findings;
  const on = (re: RegExp) => f.filter((x) => re.test(x.message)).map((x) => config.slice(x.start, x.end));
  assert.deepEqual(on(/Unknown rule code/), ['123'], 'a numeric key is found (it used to fall back to the whole file)');
  assert.deepEqual(on(/staleAfterDays/), ['soon']);

  const md = '---\nkind: postmortem\nincidentStart: 2026-11-20T09:14Z\n---\n# T\n';
  const pm = parsePostmortem(md);
  assert.equal(md.slice(...pm.fmRange('incidentStart')!), '2026-11-20T09:14Z');
  assert.equal(md.slice(...pm.fmRange('incidentStart', 'key')!), 'incidentStart');
  assert.equal(pm.fmRange('resolved'), undefined);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LineIndex, lint, parseRunbookFile, runbookNames, runbookRules, runbookSchema } from '../../server/src/core/index';
import { ENV, ROOT, VALID } from './runbook-helpers';

test('the three example runbooks lint clean (hints included) on 2026-11-25', () => {
  const dir = join(ROOT, 'examples');
  const names = readdirSync(dir).filter((n) => n.endsWith('.runbook.yaml')).sort();
  assert.deepEqual(names, ['drift-alert.runbook.yaml', 'p99-latency-spike.runbook.yaml', 'prompt-injection.runbook.yaml']);
  for (const n of names) {
    const { kind, findings } = lint(join(dir, n), readFileSync(join(dir, n), 'utf8'), ENV);
    assert.equal(kind, 'runbook');
    assert.deepEqual(findings, [], `${n}: ${findings.map((f) => `${f.code} ${f.message}`).join('; ')}`);
  }
});

test('each example has three diagnostics with queries, and the three standard SLO tiers', () => {
  for (const n of ['drift-alert', 'p99-latency-spike', 'prompt-injection']) {
    const text = readFileSync(join(ROOT, 'examples', `${n}.runbook.yaml`), 'utf8');
    const v = parseRunbookFile(text).docs[0]!.value as { diagnostics: Array<{ query?: { language: string } }>; slos: Array<{ alerts: Array<{ longWindow: string; shortWindow: string; burnRate: number }> }> };
    assert.equal(v.diagnostics.length, 3);
    assert.ok(v.diagnostics.every((d) => d.query && ['promql', 'logql', 'sql'].includes(d.query.language)));
    assert.deepEqual(
      v.slos[0]!.alerts.map((a) => [a.longWindow, a.shortWindow, a.burnRate]),
      [['1h', '5m', 14.4], ['6h', '30m', 6], ['3d', '6h', 1]],
    );
  }
});

test('parseRunbookFile: documents with ranges into the whole file, cached per text', () => {
  const text = `${VALID}---\n${VALID.replace('drift-alert', 'second')}`;
  const a = parseRunbookFile(text);
  assert.equal(a.docs.length, 2);
  assert.equal(a.docs[1]!.start, VALID.length);
  assert.equal((a.docs[1]!.value as { metadata: { name: string } }).metadata.name, 'second');
  assert.equal(parseRunbookFile(text), a, 'same text, same parse');
});

test('runbookNames: metadata.name of every document with its value range', () => {
  const text = `${VALID}---\n${VALID.replace('name: drift-alert', 'name: second')}---\nkind: Other\n`;
  const names = runbookNames(text);
  assert.deepEqual(names.map((n) => n.name), ['drift-alert', 'second']);
  for (const n of names) assert.equal(text.slice(n.start, n.end), n.name);
  // Placed: 0-based line and character of the value's start, as a line index of the text says.
  for (const n of names) assert.deepEqual({ line: n.line, character: n.character }, new LineIndex(text).positionAt(n.start));
  assert.deepEqual(runbookNames(text, { cache: false }), names);
  assert.deepEqual(runbookNames('a: [unclosed'), []);
});

test('editing one document of a multi-document file re-validates only that one (cached schema results)', () => {
  const docs = Array.from({ length: 4 }, (_, i) => VALID.replace('name: drift-alert', `name: doc-${i}`).replace('default: SEV3', 'default: SEV7'));
  const before = lint('m.runbook.yaml', docs.join('---\n'), ENV).findings;
  assert.equal(before.filter((f) => f.code === 'RB001').length, 4);
  // Lengthen the first document: the others move, their cached findings must move with them.
  const edited = [docs[0]!.replace('title: Drift alert', 'title: Drift alert on the fraud scorer'), ...docs.slice(1)].join('---\n');
  const after = lint('m.runbook.yaml', edited, ENV).findings.filter((f) => f.code === 'RB001');
  assert.equal(after.length, 4);
  for (const f of after) assert.equal(edited.slice(f.start, f.end), 'SEV7');
});

test('the registry: unique codes, RB000-RB011 in order, every code documented', () => {
  const ids = runbookRules.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual([...ids].sort(), ids);
  for (const code of ['RB000', 'RB001', 'RB002', 'RB003', 'RB007', 'RB008', 'RB009', 'RB010', 'RB011']) {
    assert.ok(ids.includes(code), code);
    const doc = readFileSync(join(ROOT, 'docs', 'rules', `${code}.md`), 'utf8');
    const rule = runbookRules.find((r) => r.id === code)!;
    assert.equal(doc.split('\n')[0], `# ${code} — ${rule.name}`);
  }
});

test('the schema: every property has description and markdownDescription; objects are closed', () => {
  const walk = (s: Record<string, unknown>, path: string): void => {
    if (s.type === 'object') assert.equal(s.additionalProperties, false, `${path} allows extra keys`);
    const props = (s.properties ?? {}) as Record<string, Record<string, unknown>>;
    for (const [k, p] of Object.entries(props)) {
      assert.equal(typeof p.description, 'string', `${path}.${k} description`);
      assert.equal(typeof p.markdownDescription, 'string', `${path}.${k} markdownDescription`);
      walk(p, `${path}.${k}`);
    }
    if (s.items) walk(s.items as Record<string, unknown>, `${path}[]`);
  };
  walk(runbookSchema as unknown as Record<string, unknown>, '$');
  assert.equal((runbookSchema as { $schema: string }).$schema, 'http://json-schema.org/draft-07/schema#');
});

test('multi-document files: unchanged documents before an edit are reused, not re-parsed', () => {
  const docs = Array.from({ length: 3 }, (_, i) => VALID.replace('name: drift-alert', `name: reuse-${i}`));
  const a = parseRunbookFile(docs.join('---\n'));
  const b = parseRunbookFile(docs.join('---\n') + '# an edit in the last document\n');
  assert.equal(b.docs.length, 3);
  assert.equal(b.docs[0]!.doc, a.docs[0]!.doc, 'first document reused');
  assert.equal(b.docs[1]!.doc, a.docs[1]!.doc, 'second document reused');
  assert.notEqual(b.docs[2]!.doc, a.docs[2]!.doc);
  // An edit in the first document moves the others: they are parsed again at their new offsets,
  // and what was handed out before is untouched.
  const aStart = a.docs[1]!.start;
  const c = parseRunbookFile('# moved\n' + docs.join('---\n'));
  assert.equal(c.docs[1]!.start, aStart + 8);
  assert.equal(a.docs[1]!.start, aStart);
  const nameNode = c.docs[2]!.doc.getIn(['metadata', 'name'], true) as { range: number[] };
  const text = '# moved\n' + docs.join('---\n');
  assert.equal(text.slice(nameNode.range[0], nameNode.range[1]), 'reuse-2');
});

test('multi-document split agrees with a whole-stream parse on the fixtures', async () => {
  const { parseAllDocuments } = await import('yaml');
  const dir = join(ROOT, 'test', 'fixtures', 'runbooks');
  for (const n of readdirSync(dir)) {
    const text = readFileSync(join(dir, n), 'utf8');
    const whole = parseAllDocuments(text, { uniqueKeys: true, logLevel: 'error' });
    const values = (Array.isArray(whole) ? whole : []).map((d) => d.toJS()).filter((v) => v !== null && v !== undefined);
    assert.deepEqual(parseRunbookFile(text).docs.map((d) => d.value).filter((v) => v !== null && v !== undefined), values, n);
  }
});

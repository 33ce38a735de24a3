// The language service (server/src/service): what its hosts rely on — findings equal to the core's
// lint, state owned per instance (caches, index, alert graph), classification with globs and the
// editor's language, fix-all, and the offset-based features.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, mergeConfig } from '../../server/src/core/index';
import { createService } from '../../server/src/service/service';
import { minimalRunbook } from '../helpers/samples';

const host = { exists: () => false, now: () => new Date('2026-11-25T12:00:00Z') };

test('diagnose gives the core lint findings for the same text, kind and configuration', () => {
  const service = createService({ host });
  const text = minimalRunbook('svc-one', { title: 'TODO' });
  const config = mergeConfig({ rules: { RB003: 'warning' } });
  const expected = lint('/ws/a.runbook.yaml', text, { config, now: host.now() }, 'runbook').findings;
  const got = service.diagnose('/ws/a.runbook.yaml', text, { kind: 'runbook', config });
  assert.deepEqual(got, expected);
  assert.deepEqual(got.map((f) => [f.code, f.severity]), [['RB003', 'warning']]);
});

test('each service owns its caches: parses made by one never fill or serve another', () => {
  const a = createService({ host });
  const b = createService({ host });
  const text = minimalRunbook('svc-cache');
  a.diagnose('/ws/a.runbook.yaml', text, { kind: 'runbook' });
  assert.ok((a.cacheSizes()['runbook files'] ?? 0) > 0, JSON.stringify(a.cacheSizes()));
  assert.equal(b.cacheSizes()['runbook files'] ?? 0, 0, 'b saw nothing of a');
  b.diagnose('/ws/b.runbook.yaml', minimalRunbook('svc-cache-b'), { kind: 'runbook' });
  a.release(text);
  assert.equal(a.cacheSizes()['runbook files'] ?? 0, 0, 'released from a');
  assert.ok((b.cacheSizes()['runbook files'] ?? 0) > 0, 'b keeps its own');
});

test('each service owns its index of names: RB009 in one, none in another', () => {
  const a = createService({ host });
  const b = createService({ host });
  a.indexRunbook('/ws/one.runbook.yaml', minimalRunbook('shared-name'));
  const text = minimalRunbook('shared-name');
  const inA = a.diagnose('/ws/two.runbook.yaml', text, { kind: 'runbook' });
  assert.deepEqual(inA.map((f) => f.code), ['RB009']);
  assert.equal(inA[0]!.related?.[0]?.file, '/ws/one.runbook.yaml');
  assert.deepEqual(b.diagnose('/ws/two.runbook.yaml', text, { kind: 'runbook' }), []);
});

test('classify: globs, then name and content, then the editor language (whole file)', () => {
  const s = createService({ host });
  const typo = minimalRunbook('x').replace('kind: Runbook', 'kind: Runbok');
  assert.equal(s.classify('/ws/ops/latency.yaml', typo), undefined);
  assert.deepEqual(s.classify('/ws/ops/latency.yaml', typo, 'runbook'), { kind: 'runbook', wholeFile: true });
  assert.deepEqual(s.classify('/ws/notes.yaml', 'a: 1\n', undefined, 'ml-runbook'), { kind: 'runbook', wholeFile: true });
  assert.equal(s.classify('/ws/.ml-runbooks.yaml', 'rules: {}\n', undefined, 'ml-runbook')?.kind, 'config', 'the project file stays a project file');
  // The glob decides the findings too: the misspelt kind is reported only when the file is a runbook.
  const findings = s.diagnose('/ws/ops/latency.yaml', typo, { kind: 'runbook', wholeFile: true });
  assert.ok(findings.some((f) => f.code === 'RB001'), JSON.stringify(findings.map((f) => f.code)));
});

test('fixAll takes each preferred fix in order and skips one that overlaps a fix taken', () => {
  const s = createService({ host });
  const fix = (start: number, end: number, newText: string) => ({ title: newText, isPreferred: true, edits: [{ start, end, newText }] });
  const edits = s.fixAll([
    { code: 'X1', severity: 'error', message: '', start: 0, end: 1, fixes: [fix(10, 12, 'b')] },
    { code: 'X2', severity: 'error', message: '', start: 0, end: 1, fixes: [fix(0, 2, 'a')] },
    { code: 'X3', severity: 'error', message: '', start: 0, end: 1, fixes: [fix(11, 14, 'overlaps')] },
    { code: 'X4', severity: 'error', message: '', start: 0, end: 1, fixes: [{ ...fix(20, 21, 'not preferred'), isPreferred: false }] },
  ]);
  assert.deepEqual(edits, [{ start: 0, end: 2, newText: 'a' }, { start: 10, end: 12, newText: 'b' }]);
});

test('features answer by kind, offset-based: outline, completion, a post-mortem runbook link resolved through the host', () => {
  const s = createService({ host: { ...host, exists: (p) => p === '/ws/runbooks/drift.runbook.yaml' } });
  const rb = minimalRunbook('svc-features');
  assert.equal(s.symbols('runbook', rb)[0]?.name, 'svc-features');
  assert.ok(s.complete('runbook', 'apiVersion: ml-runbooks/v1\nkind: Runbook\n', 42).some((c) => c.label === 'metadata'));
  const pm = '---\nkind: postmortem\nrunbook: runbooks/drift.runbook.yaml\n---\n# Incident\n';
  const links = s.links('postmortem', '/ws/pm/x.postmortem.md', '/ws/pm/x.postmortem.md', pm, '/ws');
  assert.deepEqual(links.map((l) => [l.target, l.isPath]), [['/ws/runbooks/drift.runbook.yaml', true]]);
});

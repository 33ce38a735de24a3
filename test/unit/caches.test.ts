// The core's caches (core/caches.ts): dropTextParses lets go of the parses of whole texts (what the CLI
// does after each file, so no tree outlives its file) and keeps the small results of parts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CoreCaches, dropTextParses, withCaches } from '../../server/src/core/caches';
import { lint } from '../../server/src/core/index';

const FIXTURES = join(__dirname, '..', 'fixtures');
const read = (p: string) => readFileSync(join(FIXTURES, p), 'utf8');
const NOW = new Date('2026-11-25T12:00:00Z');

test('dropTextParses empties the file, document and front-matter parses of the caches in use and keeps the query checks', () => {
  const caches = new CoreCaches();
  const other = new CoreCaches();
  const runbook = read('runbooks/rb004-valid-queries.runbook.yaml');
  const multi = read('runbooks/good-multi-document.runbook.yaml');
  const postmortem = read('postmortems/complete.postmortem.md');
  const lintAll = () => {
    lint('/ws/q.runbook.yaml', runbook, { now: NOW }, 'runbook');
    lint('/ws/m.runbook.yaml', multi, { now: NOW }, 'runbook');
    lint('/ws/p.postmortem.md', postmortem, { now: NOW }, 'postmortem');
  };
  withCaches(caches, lintAll);
  withCaches(other, lintAll);
  const before = caches.sizes();
  const otherBefore = other.sizes();
  assert.ok((before['runbook files'] ?? 0) > 0, JSON.stringify(before));
  assert.ok((before['post-mortem front matter'] ?? 0) > 0, JSON.stringify(before));
  assert.ok((before['query checks'] ?? 0) > 0, JSON.stringify(before));
  withCaches(caches, dropTextParses);
  const after = caches.sizes();
  assert.equal(after['runbook files'], 0);
  assert.equal(after['runbook documents'] ?? 0, 0);
  assert.equal(after['post-mortem front matter'], 0);
  assert.equal(after['query checks'], before['query checks'], 'query checks are kept');
  assert.deepEqual(other.sizes(), otherBefore, 'other caches are untouched');
});

test('findings after dropTextParses are those of a fresh parse', () => {
  const caches = new CoreCaches();
  const text = read('runbooks/good-multi-document.runbook.yaml');
  const pm = read('postmortems/pm001-bad-timestamp.postmortem.md');
  const run = () => [lint('/ws/m.runbook.yaml', text, { now: NOW }, 'runbook').findings, lint('/ws/p.postmortem.md', pm, { now: NOW }, 'postmortem').findings];
  const first = withCaches(caches, run);
  withCaches(caches, dropTextParses);
  const again = withCaches(caches, run);
  assert.deepEqual(again, first);
  assert.deepEqual(withCaches(new CoreCaches(), run), first);
});

/**
 * The hostile-input corpus (scripts/hostile-corpus.ts) through the built CLI: every item ends with a
 * clear finding or a reason on stderr, never a crash (exit 2 or a signal) or a hang, within generous
 * bounds of time and memory (the figures of a quiet machine are in docs/reliability.md).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateHostileCorpus, runCorpusItem } from '../../scripts/hostile-corpus';

/** Generous: the machine running the suite may be shared; the targets (2 s, 300 MB) are the bench's. */
const MAX_SECONDS = 20;
const MAX_RSS_MB = 600;

const items = generateHostileCorpus();
test.after(() => {
  if (items[0]) rmSync(dirname(items[0].dir), { recursive: true, force: true });
});

for (const it of items) {
  test(`hostile corpus: ${it.name}`, () => {
    const r = runCorpusItem(it, MAX_SECONDS * 1000);
    assert.equal(r.killed, false, `${it.name}: killed after ${r.seconds.toFixed(1)} s (hang)`);
    assert.ok(r.status === 0 || r.status === 1, `${it.name}: exit ${r.status}\n${r.stderr}`);
    assert.ok(r.files >= 1, `${it.name}: no JSON result\n${r.stderr}`);
    if (it.expect === 'finding') assert.ok(r.findings > 0, `${it.name}: no finding`);
    if (it.expect === 'skip') assert.match(r.stderr, /skipped|configuration file|ML002/, `${it.name}: stderr says nothing`);
    assert.doesNotMatch(r.stderr, /Keys with collection values|RangeError|Maximum call stack|at .*\.js:\d+/);
    assert.ok(r.seconds < MAX_SECONDS, `${it.name}: ${r.seconds} s`);
    if (r.maxRssMB !== undefined) assert.ok(r.maxRssMB < MAX_RSS_MB, `${it.name}: ${r.maxRssMB} MB`);
  });
}

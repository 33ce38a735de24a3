/** How many threads `ml-runbooks lint --concurrency` uses for a run. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MIN_CORES_FOR_WORKERS, PARALLEL_MIN_FILES, threadCount } from '../../server/src/cli/parallel';

test('threadCount auto: one thread for small runs and on 2 cores; otherwise a thread per core, per 200 files, at most 8', () => {
  assert.equal(MIN_CORES_FOR_WORKERS, 3);
  assert.equal(threadCount(PARALLEL_MIN_FILES - 1, 'auto', 8), 1);
  assert.equal(threadCount(2000, 'auto', 1), 1);
  assert.equal(threadCount(2000, 'auto', 2), 1);
  assert.equal(threadCount(2000, 'auto', 3), 3);
  assert.equal(threadCount(2000, 'auto', 4), 4);
  assert.equal(threadCount(2000, 'auto', 64), 8);
  assert.equal(threadCount(PARALLEL_MIN_FILES, 'auto', 8), 2);
});

test('threadCount with a number: that many threads, never more than files, at least one', () => {
  assert.equal(threadCount(2000, 2, 2), 2);
  assert.equal(threadCount(2000, 16, 2), 16);
  assert.equal(threadCount(3, 8, 8), 3);
  assert.equal(threadCount(0, 4, 8), 1);
  assert.equal(threadCount(2000, 1, 8), 1);
});

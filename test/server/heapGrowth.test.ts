// The server bounds the JavaScript heap's growth with a V8 flag set after its first diagnostics
// (server/src/server/main.ts).
// V8 ignores an unknown flag set at run time, so a runtime without it would silently hold 50-80 MB more
// while large files are edited (docs/benchmarks.md): the flag must exist in the runtime the tests use,
// and the built server must set it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const BUNDLE = resolve(__dirname, '..', '..', 'dist', 'server.bundle.js');

test('the heap-growth flag the server sets exists in this runtime (an unknown flag is refused on the command line)', () => {
  const known = spawnSync(process.execPath, ['--heap-growing-percent=50', '-e', '0'], { encoding: 'utf8' });
  assert.equal(known.status, 0, known.stderr);
  const unknown = spawnSync(process.execPath, ['--heap-growing-percent-of-nothing=50', '-e', '0'], { encoding: 'utf8' });
  assert.notEqual(unknown.status, 0, 'the runtime refuses flags it does not know');
});

test('the built server sets it', () => {
  assert.match(readFileSync(BUNDLE, 'utf8'), /--heap-growing-percent=/);
});

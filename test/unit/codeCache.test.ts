// The code cache loader's pure decisions (server/src/loader/codeCache.ts): which directory, and which
// files are private enough to be read. The loader's behaviour on built output is in
// test/cli/codeCache.test.ts and test/server/codeCache.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { cacheDirectory, privateTo } from '../../server/src/loader/codeCache';

test('a cache file or directory is private: owned by the user and not writable by group or others', () => {
  assert.equal(privateTo({ uid: 1000, mode: 0o100600 }, 1000), true);
  assert.equal(privateTo({ uid: 1000, mode: 0o100644 }, 1000), true, 'readable by others is fine: only writing matters');
  assert.equal(privateTo({ uid: 1000, mode: 0o40700 }, 1000), true);
  assert.equal(privateTo({ uid: 1001, mode: 0o100600 }, 1000), false, "another user's file");
  assert.equal(privateTo({ uid: 0, mode: 0o100600 }, 1000), false, "root's file, read by a user");
  assert.equal(privateTo({ uid: 1000, mode: 0o100620 }, 1000), false, 'group-writable');
  assert.equal(privateTo({ uid: 1000, mode: 0o100602 }, 1000), false, 'writable by others');
  assert.equal(privateTo({ uid: 1000, mode: 0o40777 }, 1000), false);
  assert.equal(privateTo({ uid: 0, mode: 0o100666 }, undefined), true, 'no POSIX owners (Windows): nothing to check');
});

test('the directory: off by either switch, else the product variable, else the per-user cache folder', () => {
  assert.equal(cacheDirectory({ ML_RUNBOOKS_DISABLE_CODE_CACHE: '1', ML_RUNBOOKS_CODE_CACHE_DIR: '/x' }), undefined);
  assert.equal(cacheDirectory({ NODE_DISABLE_COMPILE_CACHE: '1', ML_RUNBOOKS_CODE_CACHE_DIR: '/x' }), undefined);
  assert.equal(cacheDirectory({ ML_RUNBOOKS_DISABLE_CODE_CACHE: '0', ML_RUNBOOKS_CODE_CACHE_DIR: '/x' }), resolve('/x'));
  assert.equal(cacheDirectory({ ML_RUNBOOKS_CODE_CACHE_DIR: 'rel' }), resolve('rel'));
  if (process.platform !== 'win32') {
    assert.equal(cacheDirectory({ XDG_CACHE_HOME: '/home/u/.xdg' }), join('/home/u/.xdg', 'ml-runbooks', 'code-cache'));
    const fallback = cacheDirectory({ XDG_CACHE_HOME: 'relative/ignored' })!;
    assert.ok(fallback.endsWith(join('.cache', 'ml-runbooks', 'code-cache')) || fallback.startsWith(tmpdir()), fallback);
  }
});

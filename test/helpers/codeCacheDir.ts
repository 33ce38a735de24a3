/**
 * The products the tests start (dist/cli.js, dist/server.js) keep a V8 code cache in a per-user
 * directory (server/src/loader/codeCache.ts). Tests never touch the user's: importing this module
 * points ML_RUNBOOKS_CODE_CACHE_DIR at a temporary directory for this test process and the processes
 * it starts (unless test/run.mjs already did for the whole run), removed when the process exits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.env.ML_RUNBOOKS_CODE_CACHE_DIR) {
  const dir = mkdtempSync(join(tmpdir(), 'ml-runbooks-test-code-cache-'));
  process.env.ML_RUNBOOKS_CODE_CACHE_DIR = dir;
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
}

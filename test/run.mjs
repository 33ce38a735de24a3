#!/usr/bin/env node
// Runs the node:test suites (unit, server protocol, CLI) with TypeScript loaded by tsx.
// Usage: node test/run.mjs [unit|server|cli|browser ...]   (default: unit, server, cli; `browser` needs
// Chromium and runs in `npm run test:vscode`)
// Ends with node's test-runner summary (# tests, # pass, # fail).
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = dirname(fileURLToPath(import.meta.url));
const groups = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const wanted = groups.length ? groups : ['unit', 'server', 'cli'];
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.test\.ts$/.test(name)) files.push(p);
  }
};
for (const g of wanted) walk(join(root, g));
if (!files.length) {
  console.error(`no test files found under test/{${wanted.join(',')}}`);
  process.exit(1);
}
// The built server and CLI keep a V8 code cache; the tests' goes to a temporary directory, never the user's.
const codeCacheDir = mkdtempSync(join(tmpdir(), 'ml-runbooks-test-code-cache-'));
const env = { ...process.env, ML_RUNBOOKS_CODE_CACHE_DIR: codeCacheDir };
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit', env });
rmSync(codeCacheDir, { recursive: true, force: true });
process.exit(r.status ?? 1);

// The V8 code cache of the built language server (server/src/loader/codeCache.ts): dist/server.js
// compiles dist/server.bundle.js (and the SQL grammars it loads) with the cache kept in
// ML_RUNBOOKS_CODE_CACHE_DIR, writes it after the first diagnostics, and the next start uses it. The
// diagnostics never depend on it. ML_RUNBOOKS_CODE_CACHE_DEBUG=1 makes the loader report on stderr.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from './lspClient';

const FIXTURE = join(__dirname, '..', 'fixtures', 'runbooks', 'rb004-query-syntax.runbook.yaml');

/** Resolves when the server's stderr has a line matching `re` (already written or still to come). */
function stderrLine(client: LspClient, re: RegExp): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (re.test(client.stderr.join(''))) {
        client.child.stderr!.off('data', check);
        resolve();
      }
    };
    client.child.stderr!.on('data', check);
    check();
  });
}

describe('the code cache of the language server', { timeout: 60_000 }, () => {
  let root: string;
  let cacheDir: string;
  const saved = { ...process.env };

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'mlrb-code-cache-ws-'));
    cacheDir = join(mkdtempSync(join(tmpdir(), 'mlrb-code-cache-')), 'cache');
    writeFileSync(join(root, 'queries.runbook.yaml'), readFileSync(FIXTURE, 'utf8'));
  });
  /** Servers still running when a test fails or times out: killed at the end, so the test process can end. */
  const running = new Set<LspClient>();
  after(() => {
    for (const c of running) c.kill();
    process.env = saved;
    rmSync(root, { recursive: true, force: true });
    rmSync(join(cacheDir, '..'), { recursive: true, force: true });
  });

  /** Starts a server with `env` (the loader's report on), opens the runbook, returns its first diagnostics. */
  async function firstDiagnostics(env: Record<string, string>, whenDone?: (c: LspClient) => Promise<void>): Promise<{ diagnostics: Diagnostic[]; stderr: string }> {
    process.env = { ...saved, ML_RUNBOOKS_CODE_CACHE_DEBUG: '1', ...env };
    const { client } = await LspClient.start(root);
    running.add(client);
    try {
      const uri = fileUri(join(root, 'queries.runbook.yaml'));
      const published = client.diagnostics(uri, 1);
      await client.open(uri, 'ml-runbook', readFileSync(FIXTURE, 'utf8'), 1);
      const diagnostics = await published;
      await whenDone?.(client);
      assert.equal(await client.shutdown(), 0);
      return { diagnostics, stderr: client.stderr.join('') };
    } finally {
      client.kill();
      running.delete(client);
    }
  }

  test('written after the first diagnostics, used by the next start; the diagnostics are the same with it, without it and with it off', async () => {
    const off = await firstDiagnostics({ ML_RUNBOOKS_DISABLE_CODE_CACHE: '1' });
    assert.match(off.stderr, /^ml-runbooks code cache: off$/m);
    assert.ok(off.diagnostics.some((d) => d.code === 'RB004'), 'the fixture has query findings');

    // Written while the server runs, after its first diagnostics (not only at exit).
    const first = await firstDiagnostics({ ML_RUNBOOKS_CODE_CACHE_DIR: cacheDir }, (c) => stderrLine(c, /server\.bundle\.js written/));
    assert.match(first.stderr, /server\.bundle\.js missing/);
    assert.match(first.stderr, /postgresql\.js missing/);
    assert.ok(readdirSync(cacheDir).some((f) => f.startsWith('server.bundle.js.')));

    const second = await firstDiagnostics({ ML_RUNBOOKS_CODE_CACHE_DIR: cacheDir });
    assert.match(second.stderr, /server\.bundle\.js accepted/, 'the heap flag is set before compiling, so V8 accepts the cache');
    assert.match(second.stderr, /postgresql\.js accepted/);
    assert.doesNotMatch(second.stderr, /written|rejected|invalid/);

    assert.deepEqual(first.diagnostics, off.diagnostics);
    assert.deepEqual(second.diagnostics, off.diagnostics);
  });

  test('the heap flag set after the first diagnostics keeps the cache valid; grammars loaded after it have caches of their own', async () => {
    const dir = join(cacheDir, '..', 'flags');
    const second = readFileSync(join(__dirname, '..', 'fixtures', 'runbooks', 'rb004-valid-queries.runbook.yaml'), 'utf8');
    // After the first diagnostics and the flag, a runbook whose queries load other grammars (T-SQL among them).
    const later = async (c: LspClient) => {
      await stderrLine(c, /^ml-runbooks code cache: flags --heap-growing-percent=50$/m);
      const uri = fileUri(join(root, 'later.runbook.yaml'));
      const published = c.diagnostics(uri, 1);
      await c.open(uri, 'ml-runbook', second, 1);
      await published;
    };
    const first = await firstDiagnostics({ ML_RUNBOOKS_CODE_CACHE_DIR: dir }, later);
    assert.match(first.stderr, /server\.bundle\.js missing[^]*server\.bundle\.js written[^]*flags[^]*transactsql\.js missing[^]*transactsql\.js written/);
    const again = await firstDiagnostics({ ML_RUNBOOKS_CODE_CACHE_DIR: dir }, later);
    assert.match(again.stderr, /server\.bundle\.js accepted/);
    assert.match(again.stderr, /transactsql\.js accepted/);
    assert.doesNotMatch(again.stderr, /written|rejected|invalid|missing/);
  });

  test('a server that has no document to check settles too: the cache is written and the heap flag set', async () => {
    process.env = { ...saved, ML_RUNBOOKS_CODE_CACHE_DEBUG: '1', ML_RUNBOOKS_CODE_CACHE_DIR: join(cacheDir, '..', 'idle') };
    const { client } = await LspClient.start(root);
    running.add(client);
    try {
      await stderrLine(client, /^ml-runbooks code cache: flags --heap-growing-percent=50$/m);
      assert.match(client.stderr.join(''), /server\.bundle\.js missing[^]*server\.bundle\.js written[^]*flags/);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
      running.delete(client);
    }
  });

  test('a corrupt cache is ignored and rewritten; the diagnostics do not change', async () => {
    const reference = await firstDiagnostics({ ML_RUNBOOKS_DISABLE_CODE_CACHE: '1' });
    const warm = await firstDiagnostics({ ML_RUNBOOKS_CODE_CACHE_DIR: cacheDir }); // a cache to damage (kept from the test above, or written now)
    assert.deepEqual(warm.diagnostics, reference.diagnostics);
    const files = readdirSync(cacheDir).filter((f) => f.startsWith('server.bundle.js.'));
    assert.equal(files.length, 1, `one cache file of the bundle: ${files.join(', ')}`);
    const file = join(cacheDir, files[0]!);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 1000));
    const r = await firstDiagnostics({ ML_RUNBOOKS_CODE_CACHE_DIR: cacheDir }, (c) => stderrLine(c, /server\.bundle\.js written/));
    assert.match(r.stderr, /server\.bundle\.js invalid/);
    assert.deepEqual(r.diagnostics, reference.diagnostics);
    assert.match((await firstDiagnostics({ ML_RUNBOOKS_CODE_CACHE_DIR: cacheDir })).stderr, /server\.bundle\.js accepted/);
  });
});

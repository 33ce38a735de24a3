/**
 * The language server over stdio with hostile input (issue 14): broken message framing ends the
 * server with a clear message instead of leaving it deaf; a project file that is a FIFO or a device
 * does not stop diagnostics. Waits are on the child's exit and on publications (generous timeouts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, ROOT, SERVER, fileUri } from './lspClient';

/** Starts the server, writes `bytes` to its stdin, and resolves with its exit code and stderr (or rejects after `ms`). */
function exitAfter(bytes: string, ms = 30_000): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not exit after ${ms} ms (deaf); stderr: ${stderr}`));
    }, ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.write(bytes);
  });
}

const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });

for (const [name, bytes] of [
  ['no Content-Length', `Content-Type: application/json\r\n\r\n${body}`],
  ['a Content-Length that is not a number', `Content-Length: lots\r\n\r\n${body}`],
  ['garbage bytes', 'GET / HTTP/1.1\r\nHost: x\r\n\r\n'],
  ['garbage with no blank line', 'x'.repeat(20_000)],
  ['a Content-Length too short (the rest is garbage)', `Content-Length: 10\r\n\r\n${body}`],
  ['a body that is not JSON', 'Content-Length: 5\r\n\r\n{{{{{'],
] as const) {
  test(`framing error (${name}): the server exits with a message on stderr`, async () => {
    const { code, stderr } = await exitAfter(bytes);
    assert.notEqual(code, 0);
    assert.match(stderr, /unreadable input on stdin .*exiting so that the client can restart the server/);
  });
}

test('after a good message, a broken frame still ends the server', async () => {
  const { code, stderr } = await exitAfter(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}` + 'garbage\r\n\r\n');
  assert.notEqual(code, 0);
  assert.match(stderr, /a header line without 'name: value'/);
});

// A server that blocks on the project file publishes nothing: the timeout turns that hang into a failure.
test('.ml-runbooks.yaml as a FIFO or linked to /dev/zero: diagnostics are still published', { timeout: 60_000 }, async () => {
  for (const kind of ['fifo', 'zero'] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'ml-runbooks-hostile-'));
    try {
      if (kind === 'fifo') {
        if (spawnSync('mkfifo', [join(dir, '.ml-runbooks.yaml')]).status !== 0) continue;
      } else symlinkSync('/dev/zero', join(dir, '.ml-runbooks.yaml'));
      const { client } = await LspClient.start(dir);
      try {
        const uri = fileUri(join(dir, 'a.runbook.yaml'));
        const text = readFileSync(join(ROOT, 'test', 'fixtures', 'runbooks', 'rb003-not-localised.runbook.yaml'), 'utf8');
        await client.open(uri, 'ml-runbook', text);
        const diags = await client.diagnostics(uri, 1);
        assert.ok(diags.some((d) => d.code === 'RB003'), kind);
      } finally {
        await client.shutdown();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

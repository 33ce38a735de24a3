// The workspace scan as the server bundle runs it: in a child process started from dist/server.js
// (built by `npm test` first). It reports every runbook's name definitions, when cancelled it stops
// early and the child goes away, and a child that fails rejects the scan with what it said.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { processScanner } from '../../server/src/server/indexProcess';
import type { IndexedName } from '../../server/src/service/workspaceIndex';
import { minimalRunbook } from '../helpers/samples';
import '../helpers/codeCacheDir';

const BUNDLE = resolve(__dirname, '..', '..', 'dist', 'server.js');

describe('workspace scan in a child process', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'mlrb-index-'));
    for (let i = 0; i < 70; i++) {
      const dir = join(root, `team-${i % 3}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `rb-${i}.runbook.yaml`), minimalRunbook(`name-${i}`));
    }
    mkdirSync(join(root, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(root, 'node_modules', 'x', 'skip.runbook.yaml'), minimalRunbook('skipped'));
    // The walker's other skipped folders, and a link to a folder (never followed: its runbooks would count twice).
    for (const d of ['dist', '.cache', '.hg']) {
      mkdirSync(join(root, d), { recursive: true });
      writeFileSync(join(root, d, 'skip.runbook.yaml'), minimalRunbook('skipped'));
    }
    symlinkSync(join(root, 'team-0'), join(root, 'linked-team'), 'dir');
    writeFileSync(join(root, 'notes.md'), '# not a runbook\n');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('reports every runbook with its placed name definitions and resolves with the count', async () => {
    const seen = new Map<string, IndexedName[]>();
    const count = await processScanner(BUNDLE)([{ path: root, runbooks: [] }], (file, defs) => seen.set(file, defs), () => false);
    assert.equal(count, 70);
    assert.equal(seen.size, 70);
    const defs = seen.get(join(root, 'team-1', 'rb-7.runbook.yaml'));
    assert.equal(defs?.length, 1);
    assert.equal(defs![0]!.name, 'name-7');
    assert.ok(![...seen.keys()].some((f) => /node_modules|dist|\.cache|\.hg|linked-team/.test(f)), [...seen.keys()].join());
  });

  test('cancelling stops the scan at its next message and the child exits', async () => {
    let messages = 0;
    let child: ChildProcess | undefined;
    const count = await processScanner(BUNDLE, (c) => (child = c))([{ path: root, runbooks: [] }], () => undefined, () => ++messages > 1);
    // The first message (a batch of 32 files) is taken; the second finds the scan cancelled.
    assert.equal(count, 32);
    assert.ok(child);
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    assert.ok(child.exitCode !== null || child.signalCode !== null);
  });

  test('a failing child rejects the scan with the last line it wrote, instead of hanging', async () => {
    const broken = join(root, 'broken-bundle.js');
    writeFileSync(broken, "console.error('cannot read the folders');\nprocess.exitCode = 3;\n");
    await assert.rejects(processScanner(broken)([{ path: root, runbooks: [] }], () => undefined, () => false), /index process exited \(code 3\) before it was done: cannot read the folders$/);
  });
});

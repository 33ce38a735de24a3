/**
 * Hostile trees on the command line (issue 14): devices, FIFOs and symbolic links out of the folder,
 * a project file that is a device or a FIFO, globs that would backtrack. Every run has a timeout: a
 * hang fails the test instead of stalling the suite.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT, parseJson, tempTree } from './helpers';

const GOOD = join(ROOT, 'test', 'fixtures', 'runbooks', 'good-minimal.runbook.yaml');

/** Runs the CLI with a time limit; a killed run has status null. */
function run(args: string[], cwd: string, timeout = 20_000) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

function mkfifo(path: string): boolean {
  return spawnSync('mkfifo', [path]).status === 0;
}

test('a runbook symlinked to /dev/zero, and a FIFO runbook: skipped with a reason, the others linted, no hang', () => {
  const { dir, cleanup } = tempTree();
  try {
    copyFileSync(GOOD, join(dir, 'good.runbook.yaml'));
    symlinkSync('/dev/zero', join(dir, 'z.runbook.yaml'));
    const fifo = mkfifo(join(dir, 'f.runbook.yaml'));
    for (const args of [['lint', '--format', 'json', '*.runbook.yaml'], ['lint', '--format', 'json', '.'], ['lint', '--format', 'json', 'z.runbook.yaml', 'good.runbook.yaml']]) {
      const r = run(args, dir);
      assert.equal(r.signal, null, `${args.join(' ')} was killed (hang)`);
      assert.equal(r.status, 0, r.stderr);
      // A glob lists regular files only; a folder search and explicit paths say what they skipped.
      if (args[3] !== '*.runbook.yaml') assert.match(r.stderr, /skipped 'z\.runbook\.yaml': a (symbolic link to a file outside|symbolic link to a device)/);
      if (fifo && args[3] === '.') assert.match(r.stderr, /skipped 'f\.runbook\.yaml': a device, FIFO or socket/);
      const files = parseJson<Array<{ filePath: string }>>(r).map((f) => f.filePath);
      assert.ok(files.some((f) => f.endsWith('good.runbook.yaml')));
    }
  } finally {
    cleanup();
  }
});

test('a symlink to /etc/passwd is not followed; no message quotes a whole line of a file', () => {
  const { dir, cleanup } = tempTree();
  try {
    symlinkSync('/etc/passwd', join(dir, 'passwd.runbook.yaml'));
    mkdirSync(join(dir, 'sub'));
    symlinkSync('/etc/passwd', join(dir, 'sub', 'p.runbook.yaml'));
    const r = run(['lint', '--format', 'json', '.'], dir);
    assert.equal(r.signal, null);
    assert.doesNotMatch(r.stdout + r.stderr, /root:x:0:0/);
    assert.match(r.stderr, /skipped 'passwd\.runbook\.yaml': a symbolic link to a file outside the current folder/);
    // A value quoted in a message is cut to a short excerpt.
    writeFileSync(join(dir, 'long.runbook.yaml'), 'apiVersion: ml-runbooks/v1\nkind: Runbook\n' + 'root:x:0:0:root:/root:/bin/bash:' + 'x'.repeat(500) + '\n');
    const r2 = run(['lint', '--format', 'json', 'long.runbook.yaml'], dir);
    for (const f of parseJson<Array<{ messages: Array<{ message: string }> }>>(r2)) for (const m of f.messages) assert.ok(m.message.length < 400, m.message);
  } finally {
    cleanup();
  }
});

test('.ml-runbooks.yaml linked to /dev/zero or a FIFO: reported, the defaults apply, the run goes on', () => {
  for (const make of ['zero', 'fifo'] as const) {
    const { dir, cleanup } = tempTree();
    try {
      copyFileSync(GOOD, join(dir, 'good.runbook.yaml'));
      if (make === 'zero') symlinkSync('/dev/zero', join(dir, '.ml-runbooks.yaml'));
      else if (!mkfifo(join(dir, '.ml-runbooks.yaml'))) continue;
      const r = run(['lint', '--format', 'json', '.'], dir);
      assert.equal(r.signal, null, `${make}: killed (hang)`);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /configuration file \.ml-runbooks\.yaml is .* and was not read; the defaults apply|symbolic link out of the current folder/);
      assert.equal(parseJson<unknown[]>(r).length, 1);
    } finally {
      cleanup();
    }
  }
});

test('a glob with too many wildcards in .ml-runbooks.yaml: ML002 on stderr, no backtracking on a 63-character name', () => {
  const { dir, cleanup } = tempTree();
  try {
    writeFileSync(join(dir, '.ml-runbooks.yaml'), 'files:\n  runbooks: ["*a*a*a*a*a*a*a*a*a*a*a*a*b"]\n');
    copyFileSync(GOOD, join(dir, 'a'.repeat(63) + '.runbook.yaml'));
    const t0 = Date.now();
    const r = run(['lint', '--format', 'json', '.'], dir);
    assert.equal(r.signal, null, 'killed: the glob backtracked');
    assert.ok(Date.now() - t0 < 15_000);
    assert.match(r.stderr, /more than 2 '\*' in one path segment.*ML002/);
    assert.equal(parseJson<unknown[]>(r).length, 1);
  } finally {
    cleanup();
  }
});

test('collection keys in YAML: nothing printed on stderr by the YAML library', () => {
  const { dir, cleanup } = tempTree();
  try {
    writeFileSync(join(dir, 'c.postmortem.md'), '---\nkind: postmortem\n? [a, b]\n: 1\n---\n# x\n');
    writeFileSync(join(dir, 'c.runbook.yaml'), 'apiVersion: ml-runbooks/v1\nkind: Runbook\n? [a, b]\n: 1\n');
    const r = run(['lint', '--format', 'json', '.'], dir);
    assert.equal(r.stderr, '');
    assert.equal(parseJson<unknown[]>(r).length, 2);
  } finally {
    cleanup();
  }
});

test('report and graph find files as lint does: a link out of the folder is skipped and said, never read', () => {
  const { dir, cleanup } = tempTree();
  try {
    symlinkSync('/etc/passwd', join(dir, 'passwd.postmortem.md'));
    symlinkSync('/etc/passwd', join(dir, 'passwd.rules.yaml'));
    for (const cmd of ['report', 'graph']) {
      const r = run([cmd, '--format', 'json', '.'], dir);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /skipped 'passwd\.(postmortem\.md|rules\.yaml)': a symbolic link to a file outside the current folder/, `${cmd}: ${r.stderr}`);
      assert.doesNotMatch(r.stdout, /root:x:0:0/, `${cmd} printed the target's text`);
    }
  } finally {
    cleanup();
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli } from './helpers';

test('--version prints the package version', () => {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  for (const flag of ['--version', '-v']) {
    const r = runCli([flag]);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `${version}\n`);
  }
});

test('--help and per-command help', () => {
  const main = runCli(['--help']);
  assert.equal(main.status, 0);
  assert.match(main.stdout, /^Usage: ml-runbooks <command>/);
  for (const cmd of ['lint', 'burn-rate', 'report']) {
    assert.match(main.stdout, new RegExp(`^  ${cmd}\\b`, 'm'));
    const h = runCli([cmd, '--help']);
    assert.equal(h.status, 0, cmd);
    assert.match(h.stdout, new RegExp(`^Usage: ml-runbooks ${cmd}`));
    assert.equal(runCli(['help', cmd]).stdout, h.stdout);
  }
  const lint = runCli(['lint', '--help']).stdout;
  assert.match(lint, /^ {6}--cache {13}Reuse the results of unchanged files/m);
  assert.match(lint, /^ {6}--cache-location <file\|dir>\n {26}Cache file or folder \(default: node_modules\/\.cache\/ml-runbooks\/\)$/m);
});

test('no command, an unknown command or an unknown global option is bad usage (exit 2)', () => {
  const none = runCli([]);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /^Usage: ml-runbooks/);
  const unknown = runCli(['frobnicate']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /^ml-runbooks: unknown command 'frobnicate'\n\nUsage:/);
  const opt = runCli(['--frob']);
  assert.equal(opt.status, 2);
  assert.match(opt.stderr, /^ml-runbooks: unknown option '--frob'/);
});

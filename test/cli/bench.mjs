#!/usr/bin/env node
// Measures `ml-runbooks lint` throughput on many small files (not part of the test run).
// Usage: node esbuild.mjs && node test/cli/bench.mjs [fileCount=2000] [path/to/cli.js]
// Writes half runbooks, half post-mortems (copies of the CLI fixtures with distinct names) to a
// temporary folder, lints it with the built CLI (JSON output) and prints files per second, with and
// without the process start-up time (measured with --version).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = resolve(process.argv[3] ?? join(root, 'dist', 'cli.js'));
const n = Number(process.argv[2] ?? 2000);
const fixtures = join(root, 'test', 'fixtures', 'cli', 'clean');
const runbook = readFileSync(join(fixtures, 'runbooks', 'drift-alert.runbook.yaml'), 'utf8');
const postmortem = readFileSync(join(fixtures, 'postmortems', '2026-11-20-fraud-scorer.postmortem.md'), 'utf8');

const dir = mkdtempSync(join(tmpdir(), 'ml-runbooks-bench-'));
try {
  mkdirSync(join(dir, 'runbooks'));
  mkdirSync(join(dir, 'postmortems'));
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) writeFileSync(join(dir, 'runbooks', `rb-${i}.runbook.yaml`), runbook.replace('name: drift-alert', `name: drift-alert-${i}`));
    else writeFileSync(join(dir, 'postmortems', `pm-${i}.postmortem.md`), postmortem.replace('runbook: runbooks/drift-alert.runbook.yaml', `runbook: runbooks/rb-${i - 1}.runbook.yaml`));
  }
  const time = (args) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    return { ms, r };
  };
  const startup = Math.min(...[0, 1, 2].map(() => time(['--version']).ms));
  const runs = [0, 1, 2].map(() => time(['lint', '--format', 'json']));
  const best = Math.min(...runs.map((x) => x.ms));
  const results = JSON.parse(runs[0].r.stdout);
  const problems = results.reduce((s, f) => s + f.messages.length, 0);
  console.log(`files linted: ${results.length} (problems: ${problems}, exit ${runs[0].r.status})`);
  console.log(`wall time (best of 3): ${best.toFixed(0)} ms, start-up ${startup.toFixed(0)} ms`);
  console.log(`throughput: ${((results.length / best) * 1000).toFixed(0)} files/s including start-up, ${((results.length / (best - startup)) * 1000).toFixed(0)} files/s excluding it`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FIXTURES, parseJson, runCli } from './helpers';

interface Report {
  total: number;
  bySurface: Record<string, number>;
  bySeverity: Record<string, number>;
  byQuarter: Array<{ quarter: string; total: number } & Record<string, number>>;
  detectionGapMedian: Record<string, number | null>;
  runs: Array<{ surface: string; length: number; files: string[]; message: string; meaning: string; readingFrom: string }>;
  incidents: Array<{ file: string; surface: string }>;
  skipped: Array<{ file: string; reason: string }>;
}

const dir = join(FIXTURES, 'report');

test('report --format json counts the post-mortems found by surface, severity and quarter', () => {
  const r = runCli(['report', '--format', 'json'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  const rep = parseJson<Report>(r);
  assert.equal(rep.total, 4, 'the runbook and the plain Markdown file are not counted');
  assert.deepEqual(rep.bySurface, { data: 1, model: 0, serving: 3, unattributed: 0 });
  assert.deepEqual(rep.bySeverity, { SEV1: 1, SEV2: 2, SEV3: 1 });
  assert.deepEqual(rep.byQuarter.map((q) => [q.quarter, q.total, q.serving]), [['2026-Q2', 2, 1], ['2026-Q3', 1, 1], ['2026-Q4', 1, 1]]);
  assert.deepEqual(rep.detectionGapMedian, { overall: 45, data: 60, model: null, serving: 30, unattributed: null });
  assert.equal(rep.runs.length, 1);
  assert.equal(rep.runs[0]!.message, '3 serving incidents in a row');
  assert.deepEqual(rep.runs[0]!.files, [
    join('postmortems', '2026-05-02-gateway-timeouts.postmortem.md'),
    join('postmortems', '2026-08-15-replica-floor.postmortem.md'),
    join('postmortems', '2026-10-01-cache-eviction.postmortem.md'),
  ]);
  assert.deepEqual(rep.skipped, []);
});

test('report table shows the same numbers and calls out the run', () => {
  const r = runCli(['report'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Post-mortems: 4 \(4 attributed to a surface\)/);
  assert.match(r.stdout, /\|\s*serving\s*\|\s*3\s*\|\s*1\s*\|\s*1\s*\|\s*1\s*\|\s*30m\s*\|/);
  assert.match(r.stdout, /\|\s*total\s*\|\s*4\s*\|\s*1\s*\|\s*2\s*\|\s*1\s*\|\s*45m\s*\|/);
  assert.match(r.stdout, /3 serving incidents in a row/);
});

test('report takes paths like lint; bad paths and formats exit 2', () => {
  const one = runCli(['report', '--format', 'json', 'report/postmortems/2026-04-10-feature-nulls.postmortem.md']);
  assert.equal(one.status, 0, one.stderr);
  assert.deepEqual(parseJson<Report>(one).bySurface, { data: 1, model: 0, serving: 0, unattributed: 0 });
  const missing = runCli(['report', 'nowhere']);
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, "ml-runbooks: cannot read 'nowhere': no such file or directory\n");
  const fmt = runCli(['report', '--format', 'sarif'], { cwd: dir });
  assert.equal(fmt.status, 2);
  assert.match(fmt.stderr, /unknown format 'sarif' for report; expected one of table, json/);
  const none = runCli(['report', '--format', 'json', 'problems']);
  assert.equal(none.status, 0);
  assert.equal(parseJson<Report>(none).total, 0);
  assert.match(none.stderr, /no post-mortems found/);
});

test('report on three serving post-mortems written with the playbook\'s one-line checkbox names the run and what it means', () => {
  const oneLine = join(FIXTURES, 'report-one-line');
  const r = runCli(['report'], { cwd: oneLine });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Post-mortems: 3 \(3 attributed to a surface\)/);
  assert.match(r.stdout, /- 3 serving incidents in a row \(2026-03-02 → 2026-06-09\): a capacity or deployment-process problem \(the playbook's reading\) — /);
  const json = parseJson<Report>(runCli(['report', '--format', 'json'], { cwd: oneLine }));
  assert.deepEqual(json.bySurface, { data: 0, model: 0, serving: 3, unattributed: 0 });
  assert.deepEqual(json.runs.map((x) => [x.message, x.meaning, x.readingFrom]), [['3 serving incidents in a row', 'a capacity or deployment-process problem', 'playbook']]);
  // The same files lint clean: the one-line checkbox is read box by box.
  const lint = runCli(['lint', '.'], { cwd: oneLine });
  assert.equal(lint.status, 0, lint.stdout + lint.stderr);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSurfaceReport, formatSurfaceReportTable } from '../../server/src/core/index';

const here = dirname(fileURLToPath(import.meta.url));
const base = readFileSync(join(here, '..', 'fixtures', 'postmortems', 'complete.postmortem.md'), 'utf8');

/** A post-mortem like the complete fixture, with the given surface(s), severity, start and gap. */
function pm(surfaces: string[], severity: string, start: string, gapMinutes: number): string {
  const s = new Date(start);
  const d = new Date(s.getTime() + gapMinutes * 60000);
  const iso = (x: Date) => `${x.toISOString().slice(0, 16)}Z`;
  let t = base
    .replace('severity: SEV2', `severity: ${severity}`)
    .replace('incidentStart: 2026-11-03T09:14Z', `incidentStart: ${iso(s)}`)
    .replace('detected: 2026-11-03T11:02Z', `detected: ${iso(d)}`)
    .replace('- [x] Data issue', '- [ ] Data issue');
  for (const x of surfaces) t = t.replace(`- [ ] ${x[0]!.toUpperCase()}${x.slice(1)} issue`, `- [x] ${x[0]!.toUpperCase()}${x.slice(1)} issue`);
  return t;
}

const files = [
  { file: 'pm/2026-01-10-a.postmortem.md', text: pm(['data'], 'SEV2', '2026-01-10T10:00:00Z', 30) },
  { file: 'pm/2026-02-01-b.postmortem.md', text: pm(['serving'], 'SEV1', '2026-02-01T10:00:00Z', 10) },
  { file: 'pm/2026-04-15-c.postmortem.md', text: pm(['serving'], 'SEV2', '2026-04-15T10:00:00Z', 20) },
  { file: 'pm/2026-05-20-d.postmortem.md', text: pm(['serving'], 'SEV3', '2026-05-20T10:00:00Z', 50) },
  { file: 'pm/2026-07-04-e.postmortem.md', text: pm(['model'], 'SEV2', '2026-07-04T10:00:00Z', 120) },
  { file: 'pm/2026-08-09-f.postmortem.md', text: pm([], 'SEV3', '2026-08-09T10:00:00Z', 60) },
  { file: 'pm/2026-09-01-g.postmortem.md', text: pm(['data', 'model'], 'SEV2', '2026-09-01T10:00:00Z', 45) },
  { file: 'pm/2026-10-02-h.postmortem.md', text: pm(['data'], 'SEV1', '2026-10-02T10:00:00Z', 90) },
  { file: 'notes/readme.md', text: '# Notes\n\nNot a post-mortem.\n' },
];
// Given out of order on purpose: the report sorts chronologically.
const shuffled = [files[3]!, files[0]!, files[7]!, files[2]!, files[8]!, files[5]!, files[1]!, files[6]!, files[4]!];

test('counts by surface, severity and quarter', () => {
  const r = buildSurfaceReport(shuffled);
  assert.equal(r.total, 8);
  assert.deepEqual(r.bySurface, { data: 2, model: 1, serving: 3, unattributed: 2 });
  assert.deepEqual(r.bySeverity, { SEV1: 2, SEV2: 4, SEV3: 2 });
  assert.deepEqual(r.byQuarter.map((q) => [q.quarter, q.data, q.model, q.serving, q.unattributed, q.total]), [
    ['2026-Q1', 1, 0, 1, 0, 2],
    ['2026-Q2', 0, 0, 2, 0, 2],
    ['2026-Q3', 0, 1, 0, 2, 3],
    ['2026-Q4', 1, 0, 0, 0, 1],
  ]);
  assert.deepEqual(r.incidents.map((i) => i.file.slice(3, 13)), ['2026-01-10', '2026-02-01', '2026-04-15', '2026-05-20', '2026-07-04', '2026-08-09', '2026-09-01', '2026-10-02']);
});

test('detection-gap medians overall and per surface', () => {
  const r = buildSurfaceReport(shuffled);
  // Gaps: data 30, 90; serving 10, 20, 50; model 120; unattributed 60, 45.
  assert.equal(r.detectionGapMedian.overall, 47.5);
  assert.equal(r.detectionGapMedian.data, 60);
  assert.equal(r.detectionGapMedian.serving, 20);
  assert.equal(r.detectionGapMedian.model, 120);
  assert.equal(r.detectionGapMedian.unattributed, 52.5);
});

test('runs of three or more on the same surface are called out; unattributed files are listed', () => {
  const r = buildSurfaceReport(shuffled);
  assert.deepEqual(r.runs.map((x) => [x.message, x.files.length, x.from.slice(0, 10), x.to.slice(0, 10)]), [['3 serving incidents in a row', 3, '2026-02-01', '2026-05-20']]);
  assert.deepEqual(r.skipped, [
    { file: 'pm/2026-08-09-f.postmortem.md', reason: 'no surface ticked' },
    { file: 'pm/2026-09-01-g.postmortem.md', reason: 'several surfaces ticked (data, model)' },
    { file: 'notes/readme.md', reason: 'not a post-mortem (no `kind: postmortem` front matter)' },
  ].sort((a, b) => shuffled.findIndex((f) => f.file === a.file) - shuffled.findIndex((f) => f.file === b.file)));
  // An unattributed incident breaks a run; two in a row are not called out.
  const broken = buildSurfaceReport([files[1]!, files[2]!, { file: 'x.postmortem.md', text: pm([], 'SEV3', '2026-04-20T00:00:00Z', 5) }, files[3]!]);
  assert.deepEqual(broken.runs, []);
  const four = buildSurfaceReport([...files.slice(1, 4), { file: 'y.postmortem.md', text: pm(['serving'], 'SEV3', '2026-06-01T00:00:00Z', 5) }]);
  assert.equal(four.runs[0]!.message, '4 serving incidents in a row');
});

test('the table shows the same numbers', () => {
  const r = buildSurfaceReport(shuffled);
  const out = formatSurfaceReportTable(r);
  assert.match(out, /^Post-mortems: 8 \(6 attributed to a surface\)\n/);
  const row = (name: string) => out.split('\n').find((l) => l.startsWith(`| ${name} `))!.split('|').slice(1, -1).map((c) => c.trim());
  assert.deepEqual(row('Surface'), ['Surface', 'Incidents', 'SEV1', 'SEV2', 'SEV3', 'Median detection gap']);
  assert.deepEqual(row('serving'), ['serving', '3', '1', '1', '1', '20m']);
  assert.deepEqual(row('data'), ['data', '2', '1', '1', '0', '1h']);
  assert.deepEqual(row('total'), ['total', '8', '2', '4', '2', '48m']);
  assert.deepEqual(row('2026-Q2'), ['2026-Q2', '0', '0', '2', '0', '2']);
  assert.match(out, /- 3 serving incidents in a row \(2026-02-01 → 2026-05-20\): a capacity or deployment-process problem \(the playbook's reading\) — pm\/2026-02-01-b\.postmortem\.md, pm\/2026-04-15-c\.postmortem\.md, pm\/2026-05-20-d\.postmortem\.md/);
  assert.match(out, /- notes\/readme\.md: not a post-mortem/);
});

test('an empty report and incidents without dates', () => {
  const empty = buildSurfaceReport([]);
  assert.equal(empty.total, 0);
  assert.equal(empty.detectionGapMedian.overall, null);
  assert.match(formatSurfaceReportTable(empty), /Post-mortems: 0/);
  const undated = buildSurfaceReport([{ file: 'u.postmortem.md', text: '## Surface attribution\n\n- [x] Model issue\n' }]);
  assert.deepEqual(undated.bySurface, { data: 0, model: 1, serving: 0, unattributed: 0 });
  assert.deepEqual(undated.byQuarter.map((q) => q.quarter), ['unknown']);
  assert.deepEqual(undated.bySeverity, { SEV1: 0, SEV2: 0, SEV3: 0, unknown: 1 });
  assert.equal(undated.detectionGapMedian.model, null);
});

/** The playbook's answered template with its one-line checkbox ticked on `surface`, starting at `start`. */
const template = readFileSync(join(here, '..', 'fixtures', 'postmortems', 'playbook-template-answered.postmortem.md'), 'utf8');
function oneLine(surface: 'data' | 'model' | 'serving', start: string): string {
  const box = (x: string): string => (x === surface ? '[x]' : '[ ]');
  return template
    .replace('- [x] Data issue  [ ] Model issue  [ ] Serving issue', `- ${box('data')} Data issue  ${box('model')} Model issue  ${box('serving')} Serving issue`)
    .replace('incidentStart: 2026-11-03T09:14Z', `incidentStart: ${start}T09:14Z`)
    .replace('detected: 2026-11-03T11:02Z', `detected: ${start}T11:02Z`)
    .replace('resolved: 2026-11-03T12:30Z', `resolved: ${start}T12:30Z`);
}

test('one-line checkbox post-mortems are attributed; runs say what they mean, and whose reading it is', () => {
  const serving = buildSurfaceReport(['2026-03-01', '2026-04-01', '2026-05-01'].map((d) => ({ file: `pm/${d}.postmortem.md`, text: oneLine('serving', d) })));
  assert.deepEqual(serving.bySurface, { data: 0, model: 0, serving: 3, unattributed: 0 });
  assert.deepEqual(serving.skipped, []);
  assert.deepEqual(serving.runs.map((r) => [r.message, r.meaning, r.readingFrom]), [['3 serving incidents in a row', 'a capacity or deployment-process problem', 'playbook']]);
  const data = buildSurfaceReport(['2026-03-01', '2026-04-01', '2026-05-01'].map((d) => ({ file: `pm/${d}.postmortem.md`, text: oneLine('data', d) })));
  assert.deepEqual(data.runs.map((r) => [r.message, r.meaning, r.readingFrom]), [['3 data incidents in a row', 'a data-quality or pipeline-validation problem', 'playbook']]);
  const model = buildSurfaceReport(['2026-03-01', '2026-04-01', '2026-05-01'].map((d) => ({ file: `pm/${d}.postmortem.md`, text: oneLine('model', d) })));
  assert.deepEqual(model.runs.map((r) => [r.message, r.readingFrom]), [['3 model incidents in a row', 'product']]);
  assert.match(formatSurfaceReportTable(model), /3 model incidents in a row .*promotion-gate and evaluation problem \(the product's reading: the playbook is silent on model runs\)/);
  // Two boxes ticked on the one line: not attributed, and said why.
  const two = oneLine('serving', '2026-06-01').replace('[ ] Data issue', '[x] Data issue');
  assert.deepEqual(buildSurfaceReport([{ file: 'two.postmortem.md', text: two }]).skipped, [{ file: 'two.postmortem.md', reason: 'several surfaces ticked (data, serving)' }]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  postmortemHover, postmortemOutline, postmortemLinks, postmortemTimeline, parsePostmortem, detectionGapAt, SECTIONS,
  postmortemSkeleton, lint, normalizeHeading, sectionIdOf,
} from '../../server/src/core/index';

const here = dirname(fileURLToPath(import.meta.url));
const example = readFileSync(join(here, '..', '..', 'examples', '2026-11-03-fraud-precision.postmortem.md'), 'utf8');

test('hover on the stated detection gap shows the computed gap', () => {
  const at = example.indexOf('1h48m', example.indexOf('How long between incident start and page?'));
  const md = postmortemHover(example, at + 2)!;
  assert.match(md, /^\*\*Detection gap\*\* — computed from the front matter: `detected − incidentStart` = \*\*1h48m\*\* \(108 min\); matches the stated gap\./);
  assert.match(md, /Impact duration \(`resolved − incidentStart`\): 3h16m/);
  const wrong = example.replace('and page? 1h48m', 'and page? 2h');
  assert.match(postmortemHover(wrong, wrong.indexOf('2h', wrong.indexOf('and page?')))!, /stated 2h is 12m longer/);
  // The old wording ("Detection gap:" line) is read the same way.
  const old = example.replace('- How long between incident start and page? 1h48m', 'Detection gap: 1h48m');
  assert.equal(detectionGapAt(parsePostmortem(old), old.indexOf('1h48m', old.indexOf('Detection gap:')))?.stated?.minutes, 108);
  // On the question, before it is answered, the hover still shows the computed gap.
  const unanswered = example.replace('and page? 1h48m', 'and page?');
  assert.match(postmortemHover(unanswered, unanswered.indexOf('How long between'))!, /1h48m/);
  const g = detectionGapAt(parsePostmortem(example), at);
  assert.equal(g?.computedMinutes, 108);
  assert.equal(g?.stated?.minutes, 108);
  assert.equal(detectionGapAt(parsePostmortem(example), 0), undefined);
});

test('hover on front-matter timestamps shows the time in UTC and the computed gap', () => {
  const md = postmortemHover(example, example.indexOf('2026-11-03T11:02Z'))!;
  assert.match(md, /^\*\*detected\*\* — 2026-11-03 11:02 UTC/);
  assert.match(md, /Detection gap \(`detected − incidentStart`\): \*\*1h48m\*\* \(108 min\)/);
  assert.match(md, /Time to resolve after detection \(`resolved − detected`\): 1h28m/);
  const offset = example.replace('incidentStart: 2026-11-03T09:14Z', 'incidentStart: 2026-11-03T10:14+01:00');
  assert.match(postmortemHover(offset, offset.indexOf('incidentStart:'))!, /2026-11-03 09:14 UTC[\s\S]*1h48m/);
  const noOffset = example.replace('incidentStart: 2026-11-03T09:14Z', 'incidentStart: 2026-11-03 09:14');
  assert.match(postmortemHover(noOffset, noOffset.indexOf('2026-11-03 09:14'))!, /no offset written: read as UTC/);
});

test('hover on a required section heading explains it; elsewhere nothing', () => {
  assert.match(postmortemHover(example, example.indexOf('## Surface attribution') + 4)!, /^\*\*Surface attribution\*\* \(required section\) — Tick exactly one/);
  assert.equal(postmortemHover(example, example.indexOf('About 41,000')), undefined);
});

test('outline nests sections under the title with full ranges and canonical details', () => {
  const text = example.replace('## Root cause', '## Contributing factors');
  const roots = postmortemOutline(text);
  assert.deepEqual(roots.map((r) => r.name), ['Front matter', 'Fraud scorer precision dropped after a feature-pipeline schema change']);
  const title = roots[1]!;
  assert.deepEqual(title.children.map((c) => c.name), [
    'Summary', 'Impact', 'Timeline', 'Contributing factors', 'ML-specific post-mortem additions', 'What went well',
  ]);
  // The playbook's ML sections sit under its umbrella heading.
  const ml = title.children[4]!;
  assert.equal(ml.detail, undefined);
  assert.deepEqual(ml.children.map((c) => [c.name, c.detail]), [
    ['Surface attribution', undefined],
    ['Drift/quality context', undefined],
    ['Model and data state at incident time', 'Model and data state'],
    ['Detection gap', undefined],
    ['Action items (surface-specific)', 'Action items'],
  ]);
  const cf = title.children[3]!;
  assert.equal(cf.id, 'root-cause');
  assert.equal(cf.detail, 'Root cause');
  assert.equal(text.slice(cf.selectionStart, cf.selectionEnd), 'Contributing factors');
  assert.ok(text.slice(cf.start, cf.end).startsWith('## Contributing factors'));
  assert.ok(text.slice(cf.start, cf.end).endsWith('labels that arrive with a delay, so it could not page first.'));
  assert.equal(title.children[0]!.detail, undefined);
});

test('links: the runbook value without quotes', () => {
  assert.deepEqual(postmortemLinks(example).map((l) => [l.target, example.slice(l.start, l.end)]), [['drift-alert.runbook.yaml', 'drift-alert.runbook.yaml']]);
  const quoted = example.replace('runbook: drift-alert.runbook.yaml', 'runbook: "ops/drift.runbook.yaml"');
  const [l] = postmortemLinks(quoted);
  assert.equal(quoted.slice(l!.start, l!.end), 'ops/drift.runbook.yaml');
  assert.deepEqual(postmortemLinks('# nothing'), []);
});

test('timeline rows carry time, type, event, parsed date and cell offsets for the preview', () => {
  const rows = postmortemTimeline(example);
  assert.equal(rows.length, 9);
  const alert = rows.find((r) => r.knownType === 'alert')!;
  assert.equal(alert.time, '11:02');
  assert.equal(alert.date?.toISOString(), '2026-11-03T11:02:00.000Z');
  assert.match(alert.event, /^FeatureDriftHigh pages the ML on-call/);
  assert.equal(example.slice(alert.typeCell!.start, alert.typeCell!.end), 'alert');
  assert.equal(example.slice(alert.start, alert.end).slice(0, 18), '| 11:02 | alert | ');
  assert.deepEqual(rows.map((r) => r.knownType), ['deploy', 'pipeline', 'pipeline', 'metric', 'metric', 'alert', 'other', 'mitigation', 'mitigation']);
});

test('sections: canonical order, aliases, headings normalized', () => {
  assert.deepEqual(SECTIONS.map((s) => s.title), ['Summary', 'Impact', 'Timeline', 'Root cause', 'Surface attribution', 'Drift/quality context', 'Model and data state', 'Detection gap', 'Action items']);
  assert.equal(normalizeHeading('3. Root Cause(s)'), 'root cause');
  assert.equal(normalizeHeading('Drift / Quality context'), 'drift quality context');
  assert.equal(sectionIdOf('Corrective Actions'), 'action-items');
  assert.equal(sectionIdOf('Follow-ups'), 'action-items');
  assert.equal(sectionIdOf('Overview'), 'summary');
  assert.equal(sectionIdOf('Customer impact'), 'impact');
  assert.equal(sectionIdOf('Model & Data State'), 'model-data-state');
  assert.equal(sectionIdOf('What happened'), undefined);
  for (const s of SECTIONS) assert.ok(s.skeleton.startsWith(`## ${s.heading ?? s.title}\n\n`), s.id);
  // Trailing qualifiers, the playbook's headings, emoji and punctuation.
  assert.equal(sectionIdOf('Model and data state at incident time'), 'model-data-state');
  assert.equal(sectionIdOf('Action items (surface-specific)'), 'action-items');
  assert.equal(sectionIdOf('Timeline (UTC)'), 'timeline');
  assert.equal(sectionIdOf('🚨 Surface attribution!'), 'surface-attribution');
  assert.equal(sectionIdOf('Drift/quality context:'), 'drift-quality-context');
  assert.equal(sectionIdOf('📉 Detection gap — how late were we?'), 'detection-gap');
  assert.equal(sectionIdOf('ML-specific post-mortem additions'), undefined);
  // A one-word alias takes no qualifier ("Drift" is an alias; "Drift detector changes" is not a section).
  assert.equal(sectionIdOf('Drift detector changes'), undefined);
});

test('the full skeleton has every section and a valid front matter', () => {
  const text = postmortemSkeleton('Checkout model timed out', new Date('2026-11-25T00:00:00Z'));
  const codes = lint('x.postmortem.md', text, { now: new Date('2026-11-25T00:00:00Z') }).findings.map((f) => f.code);
  assert.ok(!codes.includes('PM001') && !codes.includes('PM002'), codes.join(','));
  // The skeleton is a starting point: it asks for a surface, answers and owners.
  for (const c of ['PM003', 'PM004', 'PM005', 'PM007']) assert.ok(codes.includes(c), `skeleton reports ${c}`);
});

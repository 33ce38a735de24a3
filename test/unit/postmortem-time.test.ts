import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import Ajv from 'ajv';
import { parseTimestamp, parseTimelineTime, findDuration, formatMinutes, formatInStyle, quarterOf } from '../../server/src/core/postmortem/time';
import { validateYamlDocument, pointerToPath, closest } from '../../server/src/core/yamlSchema';
import { joinPath, dirnameOf } from '../../server/src/core/postmortem/rules/runbookExists';
import { parseDriftKind, parseYesNo } from '../../server/src/core/postmortem/rules/driftContext';
import { splitRow } from '../../server/src/core/postmortem/parse';

test('timestamps: minutes, seconds, fractions, offsets, space separator; impossible dates rejected', () => {
  const iso = (s: string) => parseTimestamp(s)?.date.toISOString();
  assert.equal(iso('2026-11-20T09:14Z'), '2026-11-20T09:14:00.000Z');
  assert.equal(iso('2026-11-20T09:14:05Z'), '2026-11-20T09:14:05.000Z');
  assert.equal(iso('2026-11-20T09:14:05.25Z'), '2026-11-20T09:14:05.250Z');
  assert.equal(iso('2026-11-20 09:14'), '2026-11-20T09:14:00.000Z');
  assert.equal(iso('2026-11-20T10:14+01:00'), '2026-11-20T09:14:00.000Z');
  assert.equal(iso('2026-11-20T04:14-0500'), '2026-11-20T09:14:00.000Z');
  assert.equal(iso('2026-11-20 09:14 UTC'), '2026-11-20T09:14:00.000Z');
  assert.equal(iso('2026-11-20'), '2026-11-20T00:00:00.000Z');
  for (const bad of ['2026-13-01T00:00Z', '2026-02-30', '2026-11-20T24:00Z', '2026-11-20T09:60Z', 'yesterday', '20/11/2026 09:14', '2026-11-20T09:14+25:00']) {
    assert.equal(parseTimestamp(bad), undefined, bad);
  }
  assert.equal(parseTimestamp('2028-02-29')?.date.getUTCDate(), 29);
});

test('timeline clock times are read on the base date and in its offset', () => {
  const base = parseTimestamp('2026-11-20T23:30+02:00')!;
  assert.equal(parseTimelineTime('09:14', base)?.toISOString(), '2026-11-20T07:14:00.000Z');
  assert.equal(parseTimelineTime('09:14Z', base)?.toISOString(), '2026-11-20T09:14:00.000Z');
  assert.equal(parseTimelineTime('2026-11-21 01:00', base)?.toISOString(), '2026-11-21T01:00:00.000Z');
  assert.equal(parseTimelineTime('25:00', base), undefined);
  assert.equal(parseTimelineTime('9am', base), undefined);
});

test('durations are found in prose and formatted back', () => {
  const d = (s: string) => findDuration(s);
  assert.deepEqual(d('Detection gap: 1h48m (paged late)'), { minutes: 108, index: 15, length: 5, style: 'compact' });
  assert.equal(d('108 minutes')?.minutes, 108);
  assert.equal(d('108 minutes')?.style, 'minutes');
  assert.equal(d('1 h 48 min')?.minutes, 108);
  assert.equal(d('2 hours and 5 minutes')?.minutes, 125);
  assert.equal(d('1.5 hours')?.minutes, 90);
  assert.equal(d('1d2h')?.minutes, 1560);
  assert.equal(d('45m')?.style, 'compact');
  assert.equal(d('no number here'), undefined);
  assert.equal(d('at 2026-11-20 09:14'), undefined);
  assert.equal(formatMinutes(108), '1h48m');
  assert.equal(formatMinutes(0), '0m');
  assert.equal(formatMinutes(120), '2h');
  assert.equal(formatMinutes(1560), '1d2h');
  assert.equal(formatMinutes(-5), '-5m');
  assert.equal(formatInStyle(1, 'minutes'), '1 minute');
  assert.equal(quarterOf(new Date('2026-11-20T00:00:00Z')), '2026-Q4');
  assert.equal(quarterOf(new Date('2026-01-01T00:00:00Z')), '2026-Q1');
});

test('drift answers and Y/N answers', () => {
  // The product's earlier taxonomy (aliases).
  assert.equal(parseDriftKind('data (covariate) — feature moved'), 'virtual');
  assert.equal(parseDriftKind('Covariate'), 'virtual');
  assert.equal(parseDriftKind('prior (label)'), 'label');
  assert.equal(parseDriftKind('concept'), 'real');
  assert.equal(parseDriftKind('detector (false page)'), 'detector');
  assert.equal(parseDriftKind('None'), 'neither');
  assert.equal(parseDriftKind('none | data (covariate) | prior (label) | concept | detector (false page)'), undefined);
  assert.equal(parseDriftKind('seasonal'), undefined);
  // The playbook's taxonomy.
  assert.equal(parseDriftKind('Real drift (concept drift): P(y|X) moved after the pricing change'), 'real');
  assert.equal(parseDriftKind('real drift'), 'real');
  assert.equal(parseDriftKind('Virtual drift (covariate shift) — the model was still valid'), 'virtual');
  assert.equal(parseDriftKind('Virtual drift, not real drift: quality held'), 'virtual');
  assert.equal(parseDriftKind('Not real drift — covariate shift only'), 'virtual');
  assert.equal(parseDriftKind('Label drift: P(y) shifted as fraud rates rose seasonally'), 'label');
  assert.equal(parseDriftKind('Neither: a feature-pipeline break, not drift'), 'neither');
  assert.equal(parseDriftKind('It was really bad'), undefined);
  assert.equal(parseYesNo('Y'), true);
  assert.equal(parseYesNo('yes — precision fell'), true);
  assert.equal(parseYesNo('n'), false);
  assert.equal(parseYesNo('No.'), false);
  assert.equal(parseYesNo('Y/N'), undefined);
  assert.equal(parseYesNo('probably'), undefined);
});

test('paths: joined by hand for posix and Windows', () => {
  assert.equal(joinPath('/repo/pm', 'runbooks/a.yaml'), '/repo/pm/runbooks/a.yaml');
  assert.equal(joinPath('/repo/pm', '../runbooks/./a.yaml'), '/repo/runbooks/a.yaml');
  assert.equal(joinPath('/', 'a.yaml'), '/a.yaml');
  assert.equal(joinPath('C:\\repo\\pm', '..\\ops\\a.yaml'), 'C:\\repo\\ops\\a.yaml');
  assert.equal(joinPath('C:\\repo', 'ops/a.yaml'), 'C:\\repo\\ops\\a.yaml');
  assert.equal(joinPath('pm', '../../a.yaml'), '../a.yaml');
  assert.equal(joinPath('/repo', '/abs/a.yaml'), '/abs/a.yaml');
  assert.equal(dirnameOf('/repo/pm/x.md'), '/repo/pm');
  assert.equal(dirnameOf('C:\\repo\\x.md'), 'C:\\repo');
  assert.equal(dirnameOf('x.md'), '');
});

test('table rows split on unescaped pipes outside code spans', () => {
  const cells = splitRow('| 09:14 | alert | `a|b` and a \\| pipe |', 100);
  assert.deepEqual(cells.map((c) => c.text), ['09:14', 'alert', '`a|b` and a \\| pipe']);
  assert.deepEqual([cells[0]!.start, cells[0]!.end], [102, 107]);
  assert.deepEqual(splitRow('09:14 | alert | x', 0).map((c) => c.text), ['09:14', 'alert', 'x']);
});

test('validateYamlDocument maps ajv errors to keys and values and collapses anyOf', () => {
  const ajv = new Ajv({ allErrors: true, verbose: true });
  const validate = ajv.compile({
    type: 'object',
    required: ['name', 'owners'],
    additionalProperties: false,
    properties: {
      name: { type: 'string' },
      level: { enum: ['low', 'high'] },
      owners: { type: 'object', required: ['team'], properties: { team: { type: 'string' } } },
      'a/b': { type: 'number' },
      when: { anyOf: [{ type: 'number' }, { type: 'string', pattern: '^\\d+d$' }] },
    },
  });
  const text = 'name: x\nlevel: hgih\nowners:\n  lead: y\nnmae: z\na/b: nope\nwhen: soon\n';
  const doc = parseDocument(text);
  const ps = validateYamlDocument(doc, validate, { offset: 10 });
  const at = (p: { start: number; end: number }) => text.slice(p.start - 10, p.end - 10);
  const by = (k: string) => ps.filter((p) => p.keyword === k);
  assert.equal(at(by('enum')[0]!), 'hgih');
  assert.match(by('enum')[0]!.message, /did you mean 'high'/);
  assert.equal(at(by('required')[0]!), 'owners', 'a missing key is reported on its parent key');
  assert.equal(by('required')[0]!.property, 'team');
  assert.equal(at(by('additionalProperties')[0]!), 'nmae');
  assert.match(by('additionalProperties')[0]!.message, /did you mean 'name'/);
  assert.equal(at(by('type')[0]!), 'nope', '~1 in the pointer is unescaped');
  assert.equal(by('anyOf').length, 1);
  assert.equal(at(by('anyOf')[0]!), 'soon');
  assert.ok(!ps.some((p) => p.keyword === 'pattern'), 'anyOf branches are collapsed');
  assert.deepEqual(pointerToPath('/a~1b/0/c~0d'), ['a/b', 0, 'c~d']);
  assert.equal(closest('SEV4', ['SEV1', 'SEV2', 'SEV3']), undefined, 'no suggestion on a tie');
  const missingRoot = validateYamlDocument(parseDocument('level: low\n'), validate, { fallback: [0, 5] });
  assert.deepEqual(missingRoot.filter((p) => p.keyword === 'required').map((p) => [p.start, p.end, p.property]), [[0, 5, 'name'], [0, 5, 'owners']]);
});

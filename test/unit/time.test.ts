import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ISO_DATE, leadingTimestamp, parseDate, parseTimestamp, parseTimelineTime, timestampsIn } from '../../server/src/core/time';
import { lint } from '../../server/src/core/index';
import { mergeConfig } from '../../server/src/core/config';

const day = (s: string) => parseDate(s)?.toISOString();
const iso = (s: string) => parseTimestamp(s)?.date.toISOString();

test('parseDate: real calendar dates as midnight UTC', () => {
  assert.equal(day('2026-11-20'), '2026-11-20T00:00:00.000Z');
  assert.equal(day('  2026-01-31 '), '2026-01-31T00:00:00.000Z');
  assert.equal(day('2026-12-31'), '2026-12-31T00:00:00.000Z');
  assert.equal(day('0100-01-01'), '0100-01-01T00:00:00.000Z');
});

test('parseDate and parseTimestamp: leap years by the Gregorian rule, days a month does not have refused', () => {
  for (const [s, real] of [
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-01-32', false],
  ] as const) {
    assert.equal(parseDate(s) !== undefined, real, `parseDate ${s}`);
    assert.equal(parseTimestamp(s) !== undefined, real, `parseTimestamp ${s}`);
    assert.equal(parseTimestamp(`${s}T12:00Z`) !== undefined, real, `parseTimestamp ${s}T12:00Z`);
  }
});

test('years 0000–0099 are refused by both readers (Date.UTC would read them as 1900–1999)', () => {
  for (const s of ['0000-01-01', '0050-06-15', '0099-12-31']) {
    assert.equal(parseDate(s), undefined, s);
    assert.equal(parseTimestamp(s), undefined, s);
    assert.equal(parseTimestamp(`${s}T09:14Z`), undefined, s);
  }
});

test('parseDate reads the date only: RB007\'s shape, nothing else', () => {
  for (const s of ['2026-11-20T09:14Z', '2026-11-20 09:14', '20/11/2026', '2026-1-5', '26-11-20', 'yesterday', '', '2026-11-20x']) {
    assert.equal(parseDate(s), undefined, s);
  }
  assert.ok(ISO_DATE.test('2026-02-30'), 'the shape test accepts an impossible date (RB007 reports it)');
  assert.ok(!ISO_DATE.test('2026-11-20T00:00Z'));
});

test('parseTimestamp: time zones (Z, UTC, GMT, ±HH:MM, ±HHMM) and impossible offsets', () => {
  for (const s of ['2026-11-20T09:14Z', '2026-11-20 09:14 UTC', '2026-11-20 09:14 gmt', '2026-11-20T10:14+01:00', '2026-11-20T04:14-0500', '2026-11-20T09:14+00:00']) {
    assert.equal(iso(s), '2026-11-20T09:14:00.000Z', s);
  }
  assert.equal(iso('2026-11-20T00:30+01:00'), '2026-11-19T23:30:00.000Z', 'an offset can move the instant to the day before');
  assert.equal(iso('2026-11-20 09:14'), '2026-11-20T09:14:00.000Z', 'no offset: UTC');
  const p = parseTimestamp('2026-11-20T10:14+01:30')!;
  assert.deepEqual([p.offsetMinutes, p.hasOffset], [90, true]);
  assert.deepEqual([parseTimestamp('2026-11-20T09:14')!.offsetMinutes, parseTimestamp('2026-11-20T09:14')!.hasOffset], [0, false]);
  for (const bad of ['2026-11-20T09:14+24:00', '2026-11-20T09:14+01:60', '2026-11-20T09:14 CET', '2026-11-20T24:00Z', '2026-11-20T09:60Z', '2026-11-20T09:14:60Z']) {
    assert.equal(parseTimestamp(bad), undefined, bad);
  }
});

test('parseTimestamp: seconds and fractions; clock times on a base date', () => {
  assert.equal(iso('2026-11-20T09:14:05Z'), '2026-11-20T09:14:05.000Z');
  assert.equal(iso('2026-11-20T09:14:05.25Z'), '2026-11-20T09:14:05.250Z');
  assert.equal(iso('2026-11-20T09:14:05.123456789Z'), '2026-11-20T09:14:05.123Z');
  const base = parseTimestamp('2024-02-29T23:30+02:00')!;
  assert.equal(parseTimelineTime('09:14', base)?.toISOString(), '2024-02-29T07:14:00.000Z');
  assert.equal(parseTimelineTime('25:00', base), undefined);
  assert.equal(parseTimelineTime('09:14', undefined), undefined);
});

test('timestamps in prose: the one a text starts with, every one in a text, each read by parseTimestamp', () => {
  const lead = leadingTimestamp('2026-11-20T08:02 UTC (v42, canary)')!;
  assert.deepEqual([lead.text, lead.end, lead.parsed?.date.toISOString()], ['2026-11-20T08:02 UTC', 20, '2026-11-20T08:02:00.000Z']);
  assert.equal(leadingTimestamp('deployed 2026-11-20'), undefined, 'only at the start');
  assert.equal(leadingTimestamp('2026-11-20T08:02 UTCx')?.text, '2026-11-20T08:02', 'a zone ends at a word boundary');
  assert.deepEqual(leadingTimestamp('2023-02-29 (rollback)')?.parsed, undefined, 'found by shape, not a real date');
  const both = timestampsIn('2026-11-01 → 2026-11-19T23:00+01:00, then 2026-02-30');
  assert.deepEqual(both.map((f) => [f.text, f.index, f.parsed?.date.toISOString()]), [
    ['2026-11-01', 0, '2026-11-01T00:00:00.000Z'],
    ['2026-11-19T23:00+01:00', 13, '2026-11-19T22:00:00.000Z'],
    ['2026-02-30', 42, undefined],
  ]);
  assert.deepEqual(timestampsIn('no dates here'), []);
  assert.equal(timestampsIn('x 2026-11-01 GMT').at(0)?.text, '2026-11-01 GMT');
});

test('RB007 and PM001 agree on what a real date is', () => {
  const env = { config: mergeConfig(), now: new Date('2026-11-20T12:00:00Z') };
  const runbook = (date: string) =>
    `apiVersion: ml-runbooks/v1\nkind: Runbook\nmetadata:\n  name: x\n  lastReviewed: ${date}\n`;
  const postmortem = (date: string) =>
    `---\nkind: postmortem\ntitle: t\nseverity: SEV2\nstatus: draft\nincidentStart: ${date}T09:00Z\ndetected: ${date}T09:10Z\nresolved: ${date}T10:00Z\n---\n# t\n`;
  const notReal = (findings: Array<{ code: string; message: string }>, code: string) => findings.some((f) => f.code === code && /not a real date/.test(f.message));
  for (const [date, real] of [['2024-02-29', true], ['2023-02-29', false], ['2026-02-30', false], ['0050-01-01', false]] as const) {
    assert.equal(notReal(lint('a.runbook.yaml', runbook(date), env).findings, 'RB007'), !real, `RB007 ${date}`);
    assert.equal(notReal(lint('a.postmortem.md', postmortem(date), env).findings, 'PM001'), !real, `PM001 ${date}`);
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { parseJson, runCli } from './helpers';
import { REFERENCE_TABLE_999_30D, REVERSE_05PCT_24H_999_30D } from '../helpers/samples';

test('burn-rate --format json reproduces the reference table (99.9 % over 30d)', () => {
  const r = runCli(['burn-rate', '--objective', '99.9', '--period', '30d', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.deepEqual(parseJson(r), REFERENCE_TABLE_999_30D);
});

test('burn-rate table: aligned columns with the reference values', () => {
  const r = runCli(['burn-rate', '--objective', '99.9', '--period', '30d']);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  const header = lines.findIndex((l) => l.startsWith('severity'));
  assert.ok(header >= 0, r.stdout);
  assert.match(lines[header]!, /^severity\s+long\s+short\s+burn rate\s+budget consumed %\s+error-rate threshold %\s+time to exhaustion$/);
  const rows = lines.slice(header + 2).map((l) => l.trim().split(/\s{2,}/));
  assert.deepEqual(rows, [
    ['page', '1h', '5m', '14.4', '2', '1.44', '50h'],
    ['page', '6h', '30m', '6', '5', '0.6', '5d'],
    ['ticket', '3d', '6h', '1', '10', '0.1', '30d'],
  ]);
  // Aligned: every column of every row ends at the same place as the header's.
  const ends = (l: string) => [...l.matchAll(/\S+(?: \S+)*/g)].map((m) => m.index! + m[0].length);
  const headerEnds = ends(lines[header]!);
  for (const l of lines.slice(header + 2)) {
    const e = ends(l);
    // right-aligned numeric columns (3..5) end with the header
    assert.deepEqual([e[3], e[4], e[5]], [headerEnds[3], headerEnds[4], headerEnds[5]], l);
  }
});

test('burn-rate --preset sloth gives Sloth’s four tiers', () => {
  const r = runCli(['burn-rate', '-o', '99.9', '-p', '28d', '--preset', 'sloth', '-f', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const t = parseJson<{ tiers: Array<{ burnRate: number; longWindow: string }> }>(r);
  assert.deepEqual(t.tiers.map((x) => [x.longWindow, x.burnRate]), [['1h', 13.44], ['6h', 5.6], ['1d', 2.8], ['3d', 0.9333]]);
});

test('burn-rate --error-rate: the reverse calculation', () => {
  const r = runCli(['burn-rate', '--objective', '99.9', '--period', '30d', '--error-rate', '0.5%', '--after', '24h', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(parseJson(r), REVERSE_05PCT_24H_999_30D);
  const fraction = runCli(['burn-rate', '--objective', '99.9', '--period', '30d', '--error-rate', '0.005', '--after', '24h', '--format', 'json']);
  assert.deepEqual(parseJson(fraction), parseJson(r), '0.005 and 0.5% are the same rate');
  const table = runCli(['burn-rate', '--objective', '99.9', '--period', '30d', '--error-rate', '0.5%', '--after', '24h']);
  assert.equal(table.status, 0);
  assert.match(table.stdout, /burn rate\s+5×/);
  assert.match(table.stdout, /budget left after 24h\s+83\.3333 %/);
  assert.match(table.stdout, /time to exhaustion\s+6d/);
  const gone = runCli(['burn-rate', '--objective', '99.9', '--period', '30d', '--error-rate', '10%', '--after', '24h']);
  assert.equal(gone.status, 0);
  assert.match(gone.stderr, /^warning: .*whole budget is gone/m);
});

test('burn-rate --format prometheus prints multi-window alerting rules', () => {
  const r = runCli(['burn-rate', '-o', '99.9', '-p', '30d', '-f', 'prometheus', '--metric', 'job:errors:ratio', '--slo', 'checkout']);
  assert.equal(r.status, 0, r.stderr);
  const doc = parse(r.stdout) as { groups: Array<{ name: string; rules: Array<{ alert: string; expr: string; labels: Record<string, string> }> }> };
  const rules = doc.groups.flatMap((g) => g.rules);
  assert.equal(rules.length, 3);
  assert.deepEqual(rules.map((x) => x.labels.severity), ['page', 'page', 'ticket']);
  for (const [i, threshold] of [0.0144, 0.006, 0.001].entries()) {
    assert.match(rules[i]!.expr, /job:errors:ratio/);
    assert.ok(rules[i]!.expr.includes(String(threshold)), `${rules[i]!.expr} uses ${threshold}`);
    assert.match(rules[i]!.expr, / and /, 'two windows');
  }
  assert.ok(rules.every((x) => x.labels.slo === 'checkout' || JSON.stringify(x).includes('checkout')));
});

test('burn-rate: a tier that can never fire is a warning, not a failure', () => {
  const table = runCli(['burn-rate', '--objective', '90', '--period', '30d']);
  assert.equal(table.status, 0);
  assert.match(table.stderr, /^warning: page 1h\/5m: .*can never fire/m);
  const json = runCli(['burn-rate', '--objective', '90', '--period', '30d', '--format', 'json']);
  assert.equal(json.status, 0);
  assert.equal(json.stderr, '');
  const t = parseJson<{ warnings: string[] }>(json);
  assert.ok(t.warnings.some((w) => /can never fire/.test(w)), JSON.stringify(t.warnings));
});

test('burn-rate: invalid input is a clear message and exit 2', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--objective', '100', '--period', '30d'], /--objective: .*100 % leaves no error budget/],
    [['--objective', 'abc', '--period', '30d'], /--objective: "abc" is not a number/],
    [['--objective', '99.9', '--period', '0d'], /--period: .*longer than zero/],
    [['--objective', '99.9', '--period', '30 days'], /--period: .*not a duration/],
    [['--objective', '99.9', '--period', '30d', '--error-rate', 'lots'], /--error-rate: .*not a number/],
    [['--objective', '99.9', '--period', '30d', '--error-rate', '0.5%', '--after', 'soon'], /--after: .*not a duration/],
    [['--period', '30d'], /--objective is required/],
    [['--objective', '99.9'], /--period is required/],
    [['--objective', '99.9', '--period', '30d', '--preset', 'google'], /unknown preset 'google'/],
    [['--objective', '99.9', '--period', '30d', '--format', 'csv'], /unknown format 'csv'/],
    [['--objective', '99.9', '--period', '30d', '--frob'], /unknown option '--frob'/],
    [['--objective', '99.9', '--period', '30d', 'extra'], /unexpected argument 'extra'/],
  ];
  for (const [args, re] of cases) {
    const r = runCli(['burn-rate', ...args]);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
    assert.match(r.stderr, re, args.join(' '));
    assert.match(r.stderr, /^ml-runbooks( burn-rate)?: /);
  }
});

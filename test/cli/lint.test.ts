import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync, readFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, ROOT, parseJson, runCli, tempTree } from './helpers';
import { MAX_WALK_DEPTH } from '../../server/src/core/walk';

interface JsonMessage { ruleId: string; severity: number; message: string; line: number; column: number; endLine: number; endColumn: number }
interface JsonResult { filePath: string; messages: JsonMessage[]; errorCount: number; warningCount: number }

const codesAt = (r: JsonResult) => r.messages.map((m) => `${m.ruleId}@${m.line}`).sort();

test('a clean tree exits 0; only runbooks and post-mortems are linted (skips plain Markdown, unrelated YAML, hidden folders)', () => {
  const r = runCli(['lint', '--format', 'json'], { cwd: join(FIXTURES, 'clean') });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const files = parseJson<JsonResult[]>(r).map((x) => x.filePath);
  assert.deepEqual(files, [
    join(FIXTURES, 'clean', 'ops', 'latency.yaml'),
    join(FIXTURES, 'clean', 'postmortems', '2026-11-20-fraud-scorer.postmortem.md'),
    join(FIXTURES, 'clean', 'runbooks', 'drift-alert.runbook.yaml'),
  ]);
  for (const f of parseJson<JsonResult[]>(r)) assert.deepEqual(f.messages, [], `${f.filePath} should be clean`);
  const stylish = runCli(['lint'], { cwd: join(FIXTURES, 'clean') });
  assert.equal(stylish.status, 0);
  assert.equal(stylish.stdout, '✔ 3 files checked, no problems\n');
  assert.equal(stylish.stderr, '');
});

test('folders node_modules, .git, dist and hidden ones are never searched', () => {
  const t = tempTree('clean');
  try {
    const broken = 'apiVersion: ml-runbooks/v1\nkind: Runbook\nmetadata: {}\n';
    for (const d of ['node_modules/pkg', '.git', 'dist', '.cache', 'sub/node_modules']) {
      mkdirSync(join(t.dir, d), { recursive: true });
      writeFileSync(join(t.dir, d, 'broken.runbook.yaml'), broken);
    }
    const r = runCli(['lint', '--format', 'json'], { cwd: t.dir });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(parseJson<JsonResult[]>(r).length, 3);
    // Named explicitly, a file in a skipped folder is linted (and this one is broken).
    const direct = runCli(['lint', 'dist/broken.runbook.yaml'], { cwd: t.dir });
    assert.equal(direct.status, 1, direct.stdout);
  } finally {
    t.cleanup();
  }
});

test('a folder deeper than the walker\'s bound is not searched, and stderr says which', () => {
  const t = tempTree('clean');
  try {
    const broken = 'apiVersion: ml-runbooks/v1\nkind: Runbook\nmetadata: {}\n';
    const levels = Array.from({ length: MAX_WALK_DEPTH + 1 }, (_, i) => `l${i}`);
    mkdirSync(join(t.dir, ...levels), { recursive: true });
    writeFileSync(join(t.dir, ...levels, 'deep.runbook.yaml'), broken);
    writeFileSync(join(t.dir, ...levels.slice(0, MAX_WALK_DEPTH), 'shallow.runbook.yaml'), broken);
    const r = runCli(['lint', '--format', 'json'], { cwd: t.dir });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const found = parseJson<JsonResult[]>(r).map((f) => f.filePath.split(/[\\/]/).pop());
    assert.ok(found.includes('shallow.runbook.yaml') && !found.includes('deep.runbook.yaml'), found.join());
    assert.match(r.stderr, new RegExp(`skipped '${levels.join('[\\\\/]')}': a folder more than ${MAX_WALK_DEPTH} levels deep \\(not searched\\)`));
  } finally {
    t.cleanup();
  }
});

test('errors exit 1; warnings are listed; hints only with --include-hints (severity 0)', () => {
  const r = runCli(['lint', '--format', 'json', 'problems'], {});
  assert.equal(r.status, 1, r.stdout + r.stderr);
  const [file] = parseJson<JsonResult[]>(r);
  assert.ok(file);
  assert.deepEqual(codesAt(file), ['RB002@15', 'RB003@17']);
  assert.equal(file.errorCount, 1);
  assert.equal(file.warningCount, 1);
  assert.deepEqual(file.messages.map((m) => m.severity).sort(), [1, 2]);

  const h = runCli(['lint', '--format', 'json', '--include-hints', 'problems']);
  assert.equal(h.status, 1);
  const [withHints] = parseJson<JsonResult[]>(h);
  assert.deepEqual(codesAt(withHints!), ['ML001@24', 'RB002@15', 'RB003@17']);
  assert.equal(withHints!.messages.find((m) => m.ruleId === 'ML001')!.severity, 0);
  assert.equal(withHints!.errorCount, 1, 'hints are not counted as errors');
  assert.equal(withHints!.warningCount, 1, 'hints are not counted as warnings');
});

test('--quiet reports errors only', () => {
  const r = runCli(['lint', '--quiet', '--format', 'json', 'problems']);
  assert.equal(r.status, 1);
  const [file] = parseJson<JsonResult[]>(r);
  assert.deepEqual(codesAt(file!), ['RB002@15']);
});

test('--max-warnings: warnings alone exit 0, more than the maximum exit 1', () => {
  const dir = join(FIXTURES, 'dupes');
  // config-off/todo.runbook.yaml has exactly one RB003 warning under the default configuration.
  const args = ['lint', join(FIXTURES, 'config-off', 'todo.runbook.yaml')];
  const plain = runCli(args, { cwd: dir });
  assert.equal(plain.status, 0, plain.stdout + plain.stderr);
  assert.match(plain.stdout, /RB003/);
  assert.match(plain.stdout, /✖ 1 problem \(0 errors, 1 warning\)/);
  assert.equal(runCli([...args, '--max-warnings', '1'], { cwd: dir }).status, 0);
  const over = runCli([...args, '--max-warnings', '0'], { cwd: dir });
  assert.equal(over.status, 1);
  assert.match(over.stderr, /too many warnings \(1; maximum: 0\)/);
  // --quiet hides warnings but --max-warnings still counts them.
  const quiet = runCli([...args, '--max-warnings', '0', '--quiet'], { cwd: dir });
  assert.equal(quiet.status, 1);
  assert.equal(quiet.stdout, '');
  for (const bad of ['-1', 'x', '1.5']) {
    const r = runCli(['lint', `--max-warnings=${bad}`, 'problems']);
    assert.equal(r.status, 2, `--max-warnings ${bad}`);
    assert.match(r.stderr, /--max-warnings expects a whole number/);
  }
});

test('the project configuration is read from the current folder (a rule set to off is not reported)', () => {
  const inside = runCli(['lint', '--format', 'json'], { cwd: join(FIXTURES, 'config-off') });
  assert.equal(inside.status, 0, inside.stdout + inside.stderr);
  assert.deepEqual(parseJson<JsonResult[]>(inside)[0]!.messages, []);
  // From the parent folder the file is not the project configuration: RB003 is back.
  const outside = runCli(['lint', '--format', 'json', 'config-off']);
  assert.deepEqual(codesAt(parseJson<JsonResult[]>(outside)[0]!), ['RB003@18']);
  // ... unless named with --config.
  const explicit = runCli(['lint', '--format', 'json', '--config', 'config-off/.ml-runbooks.yaml', 'config-off']);
  assert.equal(explicit.status, 0);
  assert.deepEqual(parseJson<JsonResult[]>(explicit)[0]!.messages, []);
  const missing = runCli(['lint', '--config', 'nope.yaml', 'config-off']);
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, "ml-runbooks: cannot read 'nope.yaml': no such file or directory\n");
});

test('a broken configuration file is reported once on stderr with file:line:col, and the defaults apply', () => {
  const r = runCli(['lint', '--format', 'json'], { cwd: join(FIXTURES, 'broken-config') });
  assert.equal(r.status, 0, 'warnings only: the broken config does not change the exit code');
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.filter((l) => l.includes('configuration file')).length, 1, r.stderr);
  assert.match(r.stderr, /^ml-runbooks: configuration file \.ml-runbooks\.yaml has 2 problems; the defaults apply/);
  assert.match(r.stderr, /\.ml-runbooks\.yaml:2:10 .*RB003.*ML002/);
  assert.match(r.stderr, /\.ml-runbooks\.yaml:3:1 .*staleAfterDayz.*ML002/);
  assert.equal(lines.length, 3, r.stderr);
  // The defaults apply: RB003 is a warning (the broken `RB003: sometimes` is ignored).
  assert.deepEqual(codesAt(parseJson<JsonResult[]>(r)[0]!), ['RB003@18']);
  // The stdout of machine formats stays clean.
  assert.doesNotMatch(r.stdout, /ML002/);
});

test('configured file globs make files runbooks or post-mortems whatever their name', () => {
  const t = tempTree();
  try {
    mkdirSync(join(t.dir, 'incidents'));
    // Markdown without front matter: plain Markdown by content, a post-mortem by the configured glob.
    writeFileSync(join(t.dir, 'incidents', 'checkout-outage.md'), '# Checkout outage\n\nWe will write this up.\n');
    const before = runCli(['lint', '--format', 'json'], { cwd: t.dir });
    assert.equal(before.status, 0);
    assert.deepEqual(parseJson(before), []);
    assert.match(before.stderr, /no runbooks or post-mortems found/);
    writeFileSync(join(t.dir, '.ml-runbooks.yaml'), 'files:\n  postmortems: ["incidents/**/*.md"]\n');
    const after = runCli(['lint', '--format', 'json'], { cwd: t.dir });
    assert.equal(after.status, 1, after.stdout + after.stderr);
    const [file] = parseJson<JsonResult[]>(after);
    assert.equal(file!.filePath, join(t.dir, 'incidents', 'checkout-outage.md'));
    assert.ok(file!.messages.some((m) => m.ruleId === 'PM001'), JSON.stringify(file));
  } finally {
    t.cleanup();
  }
});

test('a YAML file matched by files.runbooks is a runbook in every document, like a *.runbook.yaml (kind typo, stale review)', () => {
  const t = tempTree();
  try {
    mkdirSync(join(t.dir, 'ops'));
    const text = readFileSync(join(ROOT, 'examples', 'p99-latency-spike.runbook.yaml'), 'utf8')
      .replace('kind: Runbook', 'kind: Runbok')
      .replace(/lastReviewed: .*/, 'lastReviewed: 2020-01-01');
    writeFileSync(join(t.dir, 'ops', 'latency.yaml'), text);
    writeFileSync(join(t.dir, 'named.runbook.yaml'), text);
    writeFileSync(join(t.dir, '.ml-runbooks.yaml'), 'files:\n  runbooks: ["ops/**/*.yaml"]\n');
    const r = runCli(['lint', '--format', 'json'], { cwd: t.dir });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const byFile = new Map(parseJson<JsonResult[]>(r).map((f) => [f.filePath, f.messages.map((m) => m.ruleId).sort()]));
    const named = byFile.get(join(t.dir, 'named.runbook.yaml'));
    assert.ok(named?.includes('RB001') && named.includes('RB007'), JSON.stringify(named));
    assert.deepEqual(byFile.get(join(t.dir, 'ops', 'latency.yaml')), named, 'the glob-matched file gets the same findings as the named one');
  } finally {
    t.cleanup();
  }
});

test('duplicate metadata.name across files is reported in both (RB009)', () => {
  const r = runCli(['lint', '--format', 'json'], { cwd: join(FIXTURES, 'dupes') });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  const files = parseJson<JsonResult[]>(r);
  assert.equal(files.length, 2);
  for (const f of files) {
    const rb009 = f.messages.filter((m) => m.ruleId === 'RB009');
    assert.equal(rb009.length, 1, JSON.stringify(f.messages));
    assert.equal(rb009[0]!.line, 4);
    assert.equal(rb009[0]!.severity, 2);
  }
  // Each message names the other file.
  assert.match(files[0]!.messages.find((m) => m.ruleId === 'RB009')!.message, /b\.runbook\.yaml/);
  assert.match(files[1]!.messages.find((m) => m.ruleId === 'RB009')!.message, /a\.runbook\.yaml/);
  // Linting one of them alone: no other definition, no duplicate.
  const alone = runCli(['lint', 'a.runbook.yaml'], { cwd: join(FIXTURES, 'dupes') });
  assert.equal(alone.status, 0, alone.stdout);
});

test('an unreadable path exits 2 with a clear message; a glob that matches nothing too', () => {
  const r = runCli(['lint', 'no-such-dir']);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, "ml-runbooks: cannot read 'no-such-dir': no such file or directory\n");
  const g = runCli(['lint', 'nothing/**/*.runbook.yaml']);
  assert.equal(g.status, 2);
  assert.equal(g.stderr, "ml-runbooks: no files match 'nothing/**/*.runbook.yaml'\n");
});

test('globs select files; the same file named twice is linted once', () => {
  const r = runCli(['lint', '--format', 'json', 'clean/**/*.runbook.yaml', 'clean/runbooks/drift-alert.runbook.yaml', 'clean/o?s/*.yaml']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.deepEqual(
    parseJson<JsonResult[]>(r).map((f) => f.filePath),
    [join(FIXTURES, 'clean', 'ops', 'latency.yaml'), join(FIXTURES, 'clean', 'runbooks', 'drift-alert.runbook.yaml')],
  );
});

test('unknown options and bad formats are usage errors (exit 2, usage on stderr)', () => {
  const r = runCli(['lint', '--frob']);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^ml-runbooks lint: unknown option '--frob'/);
  assert.match(r.stderr, /Usage: ml-runbooks lint/);
  const f = runCli(['lint', '--format', 'xml', 'problems']);
  assert.equal(f.status, 2);
  assert.match(f.stderr, /unknown format 'xml'.*stylish, json, sarif, github/);
  const v = runCli(['lint', '--format']);
  assert.equal(v.status, 2);
  assert.match(v.stderr, /--format/);
});

test('a post-mortem pointing at a missing runbook is an error (PM011, files resolved from the working folder)', () => {
  const t = tempTree('clean');
  try {
    const pm = join(t.dir, 'postmortems', '2026-11-20-fraud-scorer.postmortem.md');
    writeFileSync(pm, readFileSync(pm, 'utf8').replace('runbooks/drift-alert.runbook.yaml', 'runbooks/gone.runbook.yaml'));
    const r = runCli(['lint', '--format', 'json'], { cwd: t.dir });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const file = parseJson<JsonResult[]>(r).find((f) => f.filePath.endsWith('.postmortem.md'))!;
    assert.deepEqual(codesAt(file), ['PM011@9']);
  } finally {
    t.cleanup();
  }
});

test("the repository's examples lint clean", () => {
  const examples = join(ROOT, 'examples');
  assert.ok(existsSync(examples), 'examples/ exists');
  const r = runCli(['lint', '--format', 'json', 'examples'], { cwd: ROOT });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const files = parseJson<JsonResult[]>(r);
  assert.ok(files.some((f) => f.filePath.endsWith('.runbook.yaml')), 'at least one runbook');
  assert.ok(files.some((f) => f.filePath.endsWith('.postmortem.md')), 'at least one post-mortem');
  for (const f of files) assert.deepEqual(f.messages, [], f.filePath);
});

test('a file named on the command line that is neither kind is skipped silently', () => {
  const t = tempTree();
  try {
    copyFileSync(join(FIXTURES, 'clean', 'notes.md'), join(t.dir, 'notes.md'));
    const r = runCli(['lint', 'notes.md'], { cwd: t.dir });
    assert.equal(r.status, 0);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /no runbooks or post-mortems found/);
  } finally {
    t.cleanup();
  }
});

test('--concurrency: worker threads give the same results as one thread, duplicates across workers included', () => {
  const args = ['lint', '--format', 'json', '--include-hints', 'clean', 'problems', 'dupes', 'report'];
  const one = runCli([...args, '--concurrency', 'off']);
  assert.equal(one.status, 1);
  const parsed = parseJson<JsonResult[]>(one);
  assert.ok(parsed.length >= 10);
  assert.equal(parsed.filter((f) => f.messages.some((m) => m.ruleId === 'RB009')).length, 4, 'drift-alert is defined in 4 files');
  for (const n of ['2', '3', '16']) {
    const many = runCli([...args, '--concurrency', n]);
    assert.equal(many.status, 1, many.stderr);
    assert.equal(many.stdout, one.stdout, `--concurrency ${n}`);
  }
  const bad = runCli(['lint', '--concurrency', 'lots', 'clean']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--concurrency expects auto, off or a whole number/);
});

/**
 * Hostile input at the core level (issue 14): inputs that used to take quadratic time, backtrack,
 * leak file contents into messages or give confusing findings. Each test failed before its fix.
 * The time bounds are generous (ten times or more the measured time); they catch the quadratic
 * behaviour, which took tens of seconds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../../server/src/core/index';
import { ENV, ROOT, fixture } from './runbook-helpers';

const GOOD = fixture('good-minimal.runbook.yaml');
const PM = readFileSync(join(ROOT, 'test', 'fixtures', 'postmortems', 'complete.postmortem.md'), 'utf8');

function timed(file: string, text: string): { findings: ReturnType<typeof lint>['findings']; ms: number } {
  const t0 = performance.now();
  const { findings } = lint(file, text, ENV);
  return { findings, ms: performance.now() - t0 };
}

test('16,000 unknown keys under metadata: at most 100 schema findings plus one "more", linear time', () => {
  const text = GOOD.replace('metadata:\n', 'metadata:\n' + Array.from({ length: 16_000 }, (_, i) => `  k${i}: v\n`).join(''));
  const { findings, ms } = timed('keys.runbook.yaml', text);
  const rb001 = findings.filter((f) => f.code === 'RB001');
  assert.equal(rb001.length, 101);
  const more = rb001.filter((f) => /^15900 more schema problems not shown/.test(f.message));
  assert.equal(more.length, 1, rb001.map((f) => f.message).slice(0, 3).join('\n'));
  assert.ok(ms < 10_000, `${ms} ms`);
});

test('an 80,000-item references flow list: capped findings, linear time', () => {
  const text = GOOD + 'references: [' + Array.from({ length: 80_000 }, (_, i) => `x${i}`).join(', ') + ']\n';
  const { findings, ms } = timed('refs.runbook.yaml', text);
  const rb001 = findings.filter((f) => f.code === 'RB001');
  assert.equal(rb001.length, 101);
  assert.ok(rb001.some((f) => /more schema problems not shown/.test(f.message)));
  assert.ok(ms < 15_000, `${ms} ms`);
});

test('post-mortem front matter with 20,000 keys: capped PM001 findings, linear time', () => {
  const text = PM.replace(/^---\n/, '---\n' + Array.from({ length: 20_000 }, (_, i) => `k${i}: v\n`).join(''));
  const { findings, ms } = timed('fm.postmortem.md', text);
  const pm001 = findings.filter((f) => f.code === 'PM001');
  assert.ok(pm001.length <= 101, `${pm001.length}`);
  assert.ok(pm001.some((f) => /more schema problems not shown/.test(f.message)));
  assert.ok(ms < 10_000, `${ms} ms`);
});

test('duplicate keys are still found (linear check) in runbooks, front matter and the project file', () => {
  const rb = GOOD.replace('  title: Ranking service error rate\n', '  title: Ranking service error rate\n  title: again\n');
  const dup = lint('dup.runbook.yaml', rb, ENV).findings.filter((f) => f.code === 'RB000');
  assert.equal(dup.length, 1);
  assert.match(dup[0]!.message, /Duplicate key 'title'/);
  assert.equal(rb.slice(dup[0]!.start, dup[0]!.end), 'title');
  assert.equal(dup[0]!.start, rb.indexOf('title: again'));
  const many = GOOD.replace('metadata:\n', 'metadata:\n' + '  same: 1\n'.repeat(20_000));
  const { findings, ms } = timed('many.runbook.yaml', many);
  assert.equal(findings.filter((f) => f.code === 'RB000' && /Duplicate key 'same'/.test(f.message)).length, 19_999);
  assert.ok(ms < 10_000, `${ms} ms`);
  const pm = PM.replace(/^---\n/, '---\nfoo: 1\nfoo: 2\n');
  assert.ok(lint('x.postmortem.md', pm, ENV).findings.some((f) => f.code === 'PM001' && /unique|duplicate/i.test(f.message)));
});

// ---------------------------------------------------------------------------------------------
// Regular expressions on file content (each took seconds to tens of seconds before)

test('heading "## Timeline" + 60k spaces + 60k # + 60k spaces + x: linear', () => {
  const text = PM.replace('## Timeline', '## Timeline' + ' '.repeat(60_000) + '#'.repeat(60_000) + ' '.repeat(60_000) + 'x');
  assert.notEqual(text, PM);
  const { ms } = timed('h.postmortem.md', text);
  assert.ok(ms < 3000, `${ms} ms`);
});

test('ATX closing sequences are still stripped from heading text', async () => {
  const { parsePostmortem } = await import('../../server/src/core/index');
  const pm = parsePostmortem('# A ##  \n## B#\n### #\n## C # #\n');
  assert.deepEqual(pm.headings.map((h) => h.text), ['A', 'B#', '', 'C #']);
});

test('blame-language blanking: 60,000 × <http:, 90,000 × ](, 60,000 backticks, unclosed comments: linear', () => {
  for (const line of [
    'The error was ' + '<http:'.repeat(60_000),
    'The error was ' + ']('.repeat(90_000),
    'The error was ' + '`'.repeat(60_000) + ' x',
    'The error was ' + '<!--'.repeat(30_000),
    'The error was ' + 'a.'.repeat(60_000) + "a's x",
    'The error was ' + '@a.'.repeat(40_000) + ' x',
  ]) {
    const text = PM.replace('## Timeline', `${line}\n\n## Timeline`);
    const { ms } = timed('b.postmortem.md', text);
    assert.ok(ms < 3000, `${line.slice(0, 30)}…: ${ms} ms`);
  }
});

test('blame-language blanking keeps its meaning: code spans, link targets and autolinks are not flagged', () => {
  const flagged = (line: string): boolean =>
    lint('b.postmortem.md', PM.replace('## Timeline', `${line}\n\n## Timeline`), ENV).findings.some((f) => f.code === 'PM008' && f.start >= PM.indexOf('## Timeline') - 1);
  assert.equal(flagged('See `human error` in the log.'), false);
  assert.equal(flagged('See ``a `human error` b`` here.'), false);
  assert.equal(flagged('See [the doc](https://x/human-error-careless) here.'), false);
  assert.equal(flagged('See <https://x/careless> here.'), false);
  assert.equal(flagged('It was a careless change.'), true);
  assert.equal(flagged('It was `x` then a careless change `y`.'), true);
  assert.equal(flagged("It was Bob's fault."), true);
});

test('completion and hover below a line of a + 60,000 spaces: linear', async () => {
  const { completeYaml, runbookSchema } = await import('../../server/src/core/index').then(async (m) => ({ ...m, ...(await import('../../server/src/core/schemaNav')) }));
  const { yamlHoverTargetAt } = await import('../../server/src/core/nav/yamlCursor');
  const lines = ['a' + ' '.repeat(60_000)];
  for (let i = 0; i < 20; i++) lines.push('b' + ' '.repeat(60_000));
  const text = GOOD + lines.join('\n') + '\nmetadata:\n  ';
  const t0 = performance.now();
  completeYaml(runbookSchema as never, text, text.length);
  yamlHoverTargetAt(text, text.length - 12);
  const ms = performance.now() - t0;
  assert.ok(ms < 2000, `${ms} ms`);
});

test('a suppression comment after 60,000 tabs, and 30,000 unclosed Markdown suppressions: linear', () => {
  const rb = GOOD.replace('kind: Runbook\n', 'kind: Runbook\nx: ' + '\t'.repeat(60_000) + 'y # ml-runbooks-disable-next-line RB003\n');
  assert.ok(timed('s.runbook.yaml', rb).ms < 3000);
  const pm = PM + '<!-- ml-runbooks-disable-next-line PM008 '.repeat(30_000);
  assert.ok(timed('s.postmortem.md', pm).ms < 3000);
});

// ---------------------------------------------------------------------------------------------
// The project file

test('a glob with too many wildcards in one segment is refused with ML002 and not used', async () => {
  const { parseConfigText, mergeConfig, globProblem } = await import('../../server/src/core/index');
  const text = 'files:\n  runbooks: ["*a*a*a*a*a*a*a*a*a*a*a*a*b", "ops/**/*.runbook.yaml"]\n';
  const { layer, findings } = parseConfigText(text);
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.code, 'ML002');
  assert.match(findings[0]!.message, /more than 2 '\*' in one path segment/);
  assert.equal(text.slice(findings[0]!.start, findings[0]!.end), '"*a*a*a*a*a*a*a*a*a*a*a*a*b"');
  assert.deepEqual(layer.files?.runbooks, ['ops/**/*.runbook.yaml']);
  assert.deepEqual(mergeConfig({ files: { runbooks: ['*a*a*a*b'] } }).files.runbooks, mergeConfig().files.runbooks);
  for (const ok of ['**/*.runbook.yaml', 'ops/**/*-{a,b}.yml', '**/x/**/y/**/*.md', '*.{yaml,yml}']) assert.equal(globProblem(ok), undefined, ok);
  for (const bad of ['*a*b*', '**/**/**/**/x', '{a,b}{c,d}{e,f}{g,h}{i,j}', 'x'.repeat(300)]) assert.ok(globProblem(bad), bad);
});

test('the worst allowed glob matches a long path quickly (picomatch)', async () => {
  const picomatch = (await import('picomatch')).default;
  const name = ('x'.repeat(50) + '/').repeat(60) + 'a'.repeat(255);
  const t0 = performance.now();
  for (const g of ['*a*b', '**/*a*b/**/*a*b', '**/**/**/*a*b', '{a,a}{a,a}{a,a}{*a*,b}']) picomatch(g, { dot: false, noextglob: true })(name);
  assert.ok(performance.now() - t0 < 1000);
});

test('sql: { dialect: constructor } is an ML002 and does not turn RB004 off', async () => {
  const { parseConfigText, mergeConfig, normalizeSqlDialect } = await import('../../server/src/core/index');
  assert.equal(normalizeSqlDialect('constructor'), undefined);
  assert.equal(normalizeSqlDialect('__proto__'), undefined);
  assert.equal(normalizeSqlDialect('Postgres'), 'postgresql');
  for (const text of ['sql: { dialect: constructor }\n', 'dialect: toString\n', 'sql: { dialect: nosuchsql }\n']) {
    const { layer, findings } = parseConfigText(text);
    assert.equal(findings.length, 1, text);
    assert.match(findings[0]!.message, /Unknown SQL dialect/);
    assert.equal(layer.sql, undefined);
  }
  assert.equal(mergeConfig({ sql: { dialect: 'constructor' } }).sql.dialect, '');
  const bad = GOOD.replace('diagnostics:\n', 'diagnostics:\n  - question: Rows?\n    query:\n      language: sql\n      text: SELEC FROM WHERE\n');
  const env = { ...ENV, config: mergeConfig(parseConfigText('sql: { dialect: constructor }\n').layer) };
  assert.ok(lint('q.runbook.yaml', bad, env).findings.some((f) => f.code === 'RB004'));
});

test('PM011: a runbook path outside the workspace is not looked up and says so (no existence oracle)', () => {
  const asked: string[] = [];
  const env = { ...ENV, workspaceRoot: '/repo', fileExists: (p: string) => (asked.push(p), true) };
  for (const rb of ['/etc/shadow', '../../../../etc/shadow', '/repo/../etc/shadow']) {
    const text = PM.replace(/^runbook: .*$/m, `runbook: ${rb}`);
    assert.notEqual(text, PM, 'the fixture has a runbook: key');
    const f = lint('/repo/pm/x.postmortem.md', text, env).findings.filter((x) => x.code === 'PM011');
    assert.equal(f.length, 1, rb);
    assert.match(f[0]!.message, /points outside the workspace/);
  }
  assert.deepEqual(asked, []);
  const inside = PM.replace(/^runbook: .*$/m, 'runbook: ../runbooks/a.runbook.yaml');
  assert.equal(lint('/repo/pm/x.postmortem.md', inside, env).findings.filter((x) => x.code === 'PM011').length, 0);
  assert.deepEqual(asked, ['/repo/runbooks/a.runbook.yaml']);
});

test('schema messages quote at most a short excerpt of a value', () => {
  const line = 'root:x:0:0:root:/root:/bin/bash' + 'x'.repeat(500);
  const text = GOOD.replace('  likely: serving', `  likely: "${line}"`) + `"${line}": 1\n`;
  const { findings } = timed('p.runbook.yaml', text);
  assert.ok(findings.length >= 2);
  for (const f of findings) assert.ok(!f.message.includes('x'.repeat(60)), f.message);
});

// ---------------------------------------------------------------------------------------------
// Size caps

test('a 50 MB post-mortem and a 500,000-row timeline: one PM001 each, read no further', () => {
  const big = PM + 'filler line of prose about the incident, nothing more to say here.\n'.repeat(770_000);
  const rows = Array.from({ length: 500_000 }, (_, i) => `| 2026-11-20 08:${String(i % 60).padStart(2, '0')} | deploy | e${i} |`).join('\n');
  const timeline = PM.replace('## Timeline\n', `## Timeline\n\n| Time | Type | Event |\n|---|---|---|\n${rows}\n`);
  for (const text of [big, timeline]) {
    const { findings, ms } = timed('big.postmortem.md', text);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.code, 'PM001');
    assert.match(findings[0]!.message, /larger than 1 MB and was not checked/);
    assert.ok(ms < 2000, `${ms} ms`);
  }
});

test('front matter over 256 KB: one PM001; a project file over 256 KB: one ML002', async () => {
  const fm = PM.replace(/^---\n/, '---\n' + '# padding padding padding padding padding padding padding padding\n'.repeat(5000));
  const f = lint('fm.postmortem.md', fm, ENV).findings.filter((x) => x.code === 'PM001');
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /larger than 256 KB and was not read/);
  const { parseConfigText } = await import('../../server/src/core/index');
  const { findings } = parseConfigText('rules: { RB003: off }\n' + '#'.repeat(300_000));
  assert.equal(findings.length, 1);
  assert.match(findings[0]!.message, /larger than 256 KB/);
});

// ---------------------------------------------------------------------------------------------
// Determinism

test('a cached schema finding does not keep the line ending of another file (CRLF then LF)', () => {
  // The second document is the same text at the same offset in both files; the first is CRLF in one, LF in the other.
  const docB = GOOD.replace('  owners:\n    team: search-ml\n    escalation: "#search-oncall"\n', '');
  const crlf = docB.replace(/\n/g, '\r\n') + '---\n' + docB;
  const pad = docB.replace(/\n/g, '\r\n').length - docB.length;
  const lf = docB.replace(/^# /, '# ' + 'x'.repeat(pad)) + '---\n' + docB;
  assert.equal(crlf.indexOf('---\n'), lf.indexOf('---\n'));
  const fixText = (text: string): string[] =>
    lint('eol.runbook.yaml', text, ENV).findings.filter((f) => f.code === 'RB001').flatMap((f) => f.fixes ?? []).flatMap((x) => x.edits.map((e) => e.newText));
  const first = fixText(crlf);
  assert.ok(first.some((t) => t.includes('\r\n')), 'the CRLF file gets CRLF fixes');
  const second = fixText(lf);
  assert.ok(second.length > 1);
  for (const t of second) assert.ok(!t.includes('\r'), JSON.stringify(t));
});

// ---------------------------------------------------------------------------------------------
// Clear findings for odd input

test('metadata: *nope is an undefined alias, not an alias bomb', () => {
  const f = lint('a.runbook.yaml', 'apiVersion: ml-runbooks/v1\nkind: Runbook\nmetadata: *nope\n', ENV).findings;
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /^Undefined alias \*nope: no anchor &nope is defined before it/);
  assert.doesNotMatch(f[0]!.message, /bomb/);
});

test('deeply nested front matter: a finding that says so, not "Maximum call stack size exceeded"', () => {
  const text = PM.replace(/^---\n/, '---\nx: ' + '['.repeat(20_000) + ']'.repeat(20_000) + '\n');
  const f = lint('d.postmortem.md', text, ENV).findings.filter((x) => x.code === 'PM001');
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /nested too deeply/);
  assert.doesNotMatch(f[0]!.message, /call stack/);
});

test('a CR-only post-mortem is read like its LF twin (front matter found, same findings, CR in fixes)', () => {
  const cr = PM.replace(/\n/g, '\r');
  const a = lint('x.postmortem.md', PM, ENV).findings.map((f) => `${f.code}@${f.start}-${f.end}`);
  const b = lint('x.postmortem.md', cr, ENV).findings;
  assert.deepEqual(b.map((f) => `${f.code}@${f.start}-${f.end}`), a);
  assert.ok(!b.some((f) => /No front matter/.test(f.message)));
  for (const f of b) for (const fx of f.fixes ?? []) for (const e of fx.edits) assert.ok(!e.newText.includes('\n'));
});

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

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig, lint } from '../../server/src/core/index';
import { ENV } from './runbook-helpers';

/** Lints and returns the findings and the time it took. */
function timed(text: string): { findings: ReturnType<typeof lint>['findings']; ms: number } {
  const t0 = performance.now();
  const { findings } = lint('bad.runbook.yaml', text, ENV);
  return { findings, ms: performance.now() - t0 };
}

test('alias bomb: one clear RB000, no hang', () => {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    const cur = String.fromCharCode(97 + i);
    lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  const { findings, ms } = timed(lines.join('\n') + '\n');
  assert.equal(findings.length, 1, findings.map((f) => f.message).join('\n'));
  assert.equal(findings[0]!.code, 'RB000');
  assert.match(findings[0]!.message, /alias/i);
  assert.ok(ms < 2000, `${ms} ms`);
});

test('a 10 MB file: one RB000 saying it was not checked', () => {
  const text = 'apiVersion: ml-runbooks/v1\n' + '# padding padding padding padding padding padding padding padding\n'.repeat(160_000);
  assert.ok(text.length > 10_000_000);
  const { findings, ms } = timed(text);
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.code, 'RB000');
  assert.match(findings[0]!.message, /larger than 5 MB/);
  assert.ok(ms < 2000, `${ms} ms`);
});

test('a file just over 5 MB in UTF-8 but under 5 M characters is still refused', () => {
  const text = '# ' + 'é'.repeat(2_700_000) + '\n';
  assert.ok(text.length < 5 * 1024 * 1024);
  const { findings } = timed(text);
  assert.equal(findings.length, 1);
  assert.match(findings[0]!.message, /larger than 5 MB/);
});

test('a binary file (NUL bytes): one RB000 at the first NUL', () => {
  const text = 'apiVersion: ml-runbooks/v1\nkind: Runbook\n\u0000\u0001\u0002PNG\u0000garbage';
  const { findings } = timed(text);
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.code, 'RB000');
  assert.equal(findings[0]!.start, text.indexOf('\u0000'));
  assert.match(findings[0]!.message, /binary/);
});

test('5000-deep flow nesting: one RB000, bounded time', () => {
  const text = 'apiVersion: ml-runbooks/v1\nkind: Runbook\nmetadata: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n';
  const { findings, ms } = timed(text);
  assert.equal(findings.length, 1, findings.map((f) => f.message).join('\n'));
  assert.equal(findings[0]!.code, 'RB000');
  assert.match(findings[0]!.message, /nested too deeply/);
  assert.ok(ms < 3000, `${ms} ms`);
});

test('5000-deep block nesting: one RB000, bounded time', () => {
  let text = '';
  for (let i = 0; i < 5000; i++) text += ' '.repeat(i) + 'k:\n';
  const { findings, ms } = timed(text);
  assert.equal(findings.length, 1, findings.map((f) => f.message).join('\n'));
  assert.equal(findings[0]!.code, 'RB000');
  assert.ok(ms < 5000, `${ms} ms`);
});

test('an empty file and a comment-only file have no findings', () => {
  assert.deepEqual(timed('').findings, []);
  assert.deepEqual(timed('# nothing yet\n').findings, []);
  assert.deepEqual(timed('---\n---\n').findings, []);
});

test('RB000 set to off silences even the fatal finding', () => {
  const { findings } = lint('bad.runbook.yaml', 'a\u0000', { ...ENV, config: { ...defaultConfig(), rules: { RB000: 'off' } } });
  assert.deepEqual(findings, []);
});

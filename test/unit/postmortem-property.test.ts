import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { markdownMutation, mutateMarkdown } from '../helpers/mutations';
import { lint, postmortemHover, postmortemOutline, postmortemLinks, postmortemTimeline, buildSurfaceReport, formatSurfaceReportTable } from '../../server/src/core/index';

const here = dirname(fileURLToPath(import.meta.url));
const seeds = [
  readFileSync(join(here, '..', '..', 'examples', '2026-11-03-fraud-precision.postmortem.md'), 'utf8'),
  readFileSync(join(here, '..', 'fixtures', 'postmortems', 'pagerduty-template.postmortem.md'), 'utf8'),
];
const env = { now: new Date('2026-11-25T00:00:00Z'), fileExists: (p: string) => p.length % 2 === 0, workspaceRoot: '/w' };

const mutation = markdownMutation;
const mutate = mutateMarkdown;

test('random mutations of post-mortems never throw, keep ranges in bounds and finish quickly', () => {
  fc.assert(
    fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 8 }), fc.nat(), (seed, ms, probe) => {
      const text = mutate(seed, ms);
      const t0 = performance.now();
      const { findings } = lint('p.postmortem.md', text, env);
      const elapsed = performance.now() - t0;
      // Bounded time, not a benchmark: catches a hang or a quadratic walk, tolerates a loaded machine.
      assert.ok(elapsed < 5000, `lint took ${elapsed} ms`);
      for (const f of findings) {
        assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `${f.code} range ${f.start}-${f.end} of ${text.length}`);
        assert.ok(!/^Internal error/.test(f.message), f.message);
        assert.ok(f.message.length > 0);
        for (const fix of f.fixes ?? []) for (const e of fix.edits) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, `${f.code} fix edit in bounds`);
      }
      const offset = text.length ? probe % (text.length + 1) : 0;
      const hover = postmortemHover(text, offset);
      assert.ok(hover === undefined || typeof hover === 'string');
      for (const n of postmortemOutline(text)) assert.ok(n.start <= n.end && n.end <= text.length);
      for (const l of postmortemLinks(text)) assert.ok(l.start <= l.end && l.end <= text.length);
      for (const r of postmortemTimeline(text)) assert.ok(r.start <= r.end && r.end <= text.length);
    }),
    { numRuns: 150, seed: 20261125 },
  );
});

test('arbitrary strings never throw, as a post-mortem or in the report', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 400 }), (s) => {
      const text = `---\nkind: postmortem\n---\n${s}`;
      for (const t of [s, text]) {
        const { findings } = lint('q.postmortem.md', t, env);
        for (const f of findings) assert.ok(f.start >= 0 && f.end <= t.length && !/^Internal error/.test(f.message));
      }
      assert.equal(typeof formatSurfaceReportTable(buildSurfaceReport([{ file: 'a.postmortem.md', text }, { file: 'b.md', text: s }])), 'string');
    }),
    { numRuns: 200, seed: 7 },
  );
});

test('a very large post-mortem lints in bounded time', () => {
  const rows = Array.from({ length: 3000 }, (_, i) => `| 2026-11-03T${String(9 + Math.floor(i / 600)).padStart(2, '0')}:${String(Math.floor(i / 10) % 60).padStart(2, '0')}Z | metric | Row ${i} human error? no: \`human error\` |`).join('\n');
  const big = seeds[0]!.replace('| 12:30 | mitigation |', `${rows}\n| 12:30 | mitigation |`) + '\nfiller paragraph line\n'.repeat(5000);
  const t0 = performance.now();
  const { findings } = lint('big.postmortem.md', big, env);
  const ms = performance.now() - t0;
  assert.ok(ms < 5000, `took ${ms} ms`);
  assert.ok(findings.some((f) => f.code === 'PM008'), 'still finds blame in a big file');
});

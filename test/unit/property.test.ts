import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { lint } from '../../server/src/core/index';
import { ENV, ROOT } from './runbook-helpers';

/** Characters and strings that mean something to YAML (and to the embedded query languages). */
const SIGNIFICANT = [':', '-', '- ', '[', ']', '{', '}', ',', '&a', '*a', '!', '!!str', '|', '>', "'", '"', '#', '\n', ' ', '  ', '\t', '---\n', '...\n', '%YAML 1.2\n', '@', '`', '?', '\\', '<<: *a\n', '\u00a0', '\r\n', '\u0000'];

type Mutation =
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'insert'; at: number; s: string }
  | { kind: 'dupLine'; line: number }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), s: fc.constantFrom(...SIGNIFICANT) }),
  fc.record({ kind: fc.constant('dupLine' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(text: string, ms: Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const n = t.length + 1;
    if (m.kind === 'delete') {
      const at = m.at % n;
      t = t.slice(0, at) + t.slice(at + m.len);
    } else if (m.kind === 'insert') {
      const at = m.at % n;
      t = t.slice(0, at) + m.s + t.slice(at);
    } else if (m.kind === 'dupLine') {
      const lines = t.split('\n');
      const i = m.line % lines.length;
      lines.splice(i, 0, lines[i]!);
      t = lines.join('\n');
    } else t = t.slice(0, m.at % n);
  }
  return t;
}

const RUNS = Number(process.env.PROPERTY_RUNS ?? 25);
const SEED = process.env.PROPERTY_SEED === 'random' ? undefined : Number(process.env.PROPERTY_SEED ?? 20261125);

const sources = [
  ...readdirSync(join(ROOT, 'test', 'fixtures', 'runbooks')).map((n) => join(ROOT, 'test', 'fixtures', 'runbooks', n)),
  ...readdirSync(join(ROOT, 'examples')).filter((n) => n.endsWith('.runbook.yaml')).map((n) => join(ROOT, 'examples', n)),
].sort();

// Warm the parsers and the compiled schema once so the timing below measures steady state.
lint('warm.runbook.yaml', readFileSync(sources[0]!, 'utf8'), ENV);

const BOUND_MS = 5000;

for (const file of sources) {
  const name = file.slice(ROOT.length + 1);
  const text = readFileSync(file, 'utf8');
  test(`property: random mutations of ${name} never throw, never break a rule, finish in bounded time`, () => {
    let slowest = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
        const mutated = mutate(text, ms);
        const t0 = performance.now();
        const { findings } = lint(name.replace(/\.ya?ml$/, '') + '.runbook.yaml', mutated, ENV);
        const took = performance.now() - t0;
        slowest = Math.max(slowest, took);
        for (const f of findings) {
          assert.ok(!f.message.startsWith('Internal error'), f.message);
          assert.ok(f.start >= 0 && f.end >= f.start && f.end <= mutated.length, `range ${f.start}-${f.end} outside the text (${mutated.length})`);
          for (const fix of f.fixes ?? []) for (const e of fix.edits) assert.ok(e.start >= 0 && e.end >= e.start && e.end <= mutated.length, 'fix edit outside the text');
        }
        // Bounded time, not a benchmark: generous enough for a loaded CI machine, small enough to catch a hang
        // or a quadratic walk on these small files.
        assert.ok(took < BOUND_MS, `lint took ${took.toFixed(0)} ms`);
      }),
      // A fixed seed keeps CI reproducible; PROPERTY_RUNS=500 PROPERTY_SEED=random explores further.
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
    assert.ok(slowest < BOUND_MS);
  });
}

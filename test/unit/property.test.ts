import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { lint } from '../../server/src/core/index';
import { ENV, ROOT } from './runbook-helpers';
import { mutateYaml, yamlMutation } from '../helpers/mutations';

const mutation = yamlMutation;
const mutate = mutateYaml;

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

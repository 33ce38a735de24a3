/**
 * Seeded fuzzing of the core with the property tests' mutations (test/helpers/mutations.ts): runbooks
 * and post-mortems from the fixtures and examples, mutated, then linted. Checks, per document:
 * - no throw and no "Internal error" finding;
 * - bounded time (a hang or a quadratic walk fails; default bound 5 s);
 * - identical results when the same text is linted again after another document (no state leaks
 *   between files: caches, memo tables);
 * - every quick fix's edits lie inside the text and do not overlap (so applying one replaces exactly
 *   the ranges it names and loses no other text); now and then the fixed text is linted again.
 *
 * Usage: npm run fuzz [-- --count N] [--seed S] [--bound-ms MS]   (default 100,000 documents, seed 14)
 * `npm test` runs a small slice (test/unit/fuzz.test.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { lint, type Finding, type LintEnv } from '../server/src/core/index';
import { markdownMutation, mutateMarkdown, mutateYaml, yamlMutation } from '../test/helpers/mutations';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface FuzzOptions {
  count: number;
  seed: number;
  boundMs: number;
}

export interface FuzzReport {
  documents: number;
  fixesApplied: number;
  failures: string[];
  slowestMs: number;
  seconds: number;
}

function sources(): Array<{ name: string; text: string; kind: 'runbook' | 'postmortem' }> {
  const list: Array<{ name: string; text: string; kind: 'runbook' | 'postmortem' }> = [];
  const add = (dir: string, kind: 'runbook' | 'postmortem', re: RegExp) => {
    for (const n of readdirSync(dir).sort()) if (re.test(n)) list.push({ name: n, text: readFileSync(join(dir, n), 'utf8'), kind });
  };
  add(join(ROOT, 'test', 'fixtures', 'runbooks'), 'runbook', /\.ya?ml$/);
  add(join(ROOT, 'test', 'fixtures', 'postmortems'), 'postmortem', /\.md$/);
  add(join(ROOT, 'examples'), 'runbook', /\.runbook\.yaml$/);
  add(join(ROOT, 'examples'), 'postmortem', /\.postmortem\.md$/);
  return list;
}

const key = (fs: Finding[]): string => JSON.stringify(fs.map((f) => [f.code, f.start, f.end, f.severity, f.message, f.fixes ?? []]));

/**
 * Checks a quick fix's edits: inside the text and not overlapping, so applying them replaces exactly
 * the ranges they name and keeps every other character. Returns the fixed text, or why not.
 */
function applyFix(text: string, edits: ReadonlyArray<{ start: number; end: number; newText: string }>): { text: string } | { problem: string } {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let prev = 0;
  let out = '';
  for (const e of sorted) {
    if (e.start < prev || e.end < e.start || e.end > text.length) return { problem: `edit ${e.start}-${e.end} overlaps another or leaves the text (${text.length})` };
    out += text.slice(prev, e.start) + e.newText;
    prev = e.end;
  }
  return { text: out + text.slice(prev) };
}

/** Runs the fuzzer; never throws for a finding it makes (they are listed in `failures`). */
export function fuzz(opts: FuzzOptions, onProgress?: (done: number) => void): FuzzReport {
  const t0 = performance.now();
  const docs = sources();
  const env: LintEnv = { now: new Date('2026-11-25T00:00:00Z'), workspaceRoot: '/w', fileExists: (p) => p.length % 2 === 0 };
  const failures: string[] = [];
  let fixesApplied = 0;
  let slowestMs = 0;
  const rb = fc.array(yamlMutation, { minLength: 1, maxLength: 6 });
  const pm = fc.array(markdownMutation, { minLength: 1, maxLength: 8 });
  const pick = fc.nat({ max: docs.length - 1 });
  const samples = fc.sample(fc.tuple(pick, rb, pm), { numRuns: opts.count, seed: opts.seed });
  let previous: { file: string; text: string } | undefined;
  for (let i = 0; i < samples.length; i++) {
    const [d, rms, pms] = samples[i]!;
    const src = docs[d]!;
    const text = src.kind === 'runbook' ? mutateYaml(src.text, rms) : mutateMarkdown(src.text, pms);
    const file = src.kind === 'runbook' ? `f${i % 7}.runbook.yaml` : `f${i % 7}.postmortem.md`;
    const where = `#${i} (${src.name}, seed ${opts.seed})`;
    let findings: Finding[];
    try {
      const s = performance.now();
      findings = lint(file, text, env).findings;
      const ms = performance.now() - s;
      slowestMs = Math.max(slowestMs, ms);
      if (ms > opts.boundMs) failures.push(`${where}: ${ms.toFixed(0)} ms`);
      // Repeat after another document: the same text must lint the same.
      if (previous) lint(previous.file, previous.text, env);
      const again = lint(file, text, env).findings;
      if (key(again) !== key(findings)) failures.push(`${where}: different results on a repeated run`);
    } catch (e) {
      failures.push(`${where}: threw ${(e as Error)?.stack ?? String(e)}`);
      continue;
    }
    for (const f of findings) {
      if (f.message.startsWith('Internal error')) failures.push(`${where}: ${f.message}`);
      if (f.start < 0 || f.end < f.start || f.end > text.length) failures.push(`${where}: ${f.code} range ${f.start}-${f.end} outside the text`);
      for (const fx of f.fixes ?? []) {
        fixesApplied++;
        const r = applyFix(text, fx.edits);
        if ('problem' in r) failures.push(`${where}: fix "${fx.title}" of ${f.code}: ${r.problem}`);
        else if (i % 16 === 0) {
          // Now and then the fixed text is linted too (no throw, ranges inside it).
          try {
            for (const g of lint(file, r.text, env).findings) if (g.end > r.text.length) failures.push(`${where}: after fix "${fx.title}": range outside the text`);
          } catch (e) {
            failures.push(`${where}: after fix "${fx.title}": threw ${(e as Error)?.message}`);
          }
        }
      }
    }
    previous = { file, text };
    if (onProgress && (i + 1) % 10_000 === 0) onProgress(i + 1);
  }
  return { documents: samples.length, fixesApplied, failures, slowestMs, seconds: (performance.now() - t0) / 1000 };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string, dflt: number): number => {
    const i = process.argv.indexOf(name);
    return i === -1 ? dflt : Number(process.argv[i + 1]);
  };
  const opts: FuzzOptions = { count: arg('--count', 100_000), seed: arg('--seed', 14), boundMs: arg('--bound-ms', 5000) };
  const r = fuzz(opts, (n) => process.stderr.write(`[fuzz] ${n} documents\n`));
  console.log(
    `fuzz: ${r.documents} documents (seed ${opts.seed}), ${r.fixesApplied} quick fixes applied, slowest lint ${r.slowestMs.toFixed(0)} ms, ${r.seconds.toFixed(0)} s, ${r.failures.length} failures`,
  );
  for (const f of r.failures.slice(0, 50)) console.log(`  ${f}`);
  process.exit(r.failures.length ? 1 : 0);
}

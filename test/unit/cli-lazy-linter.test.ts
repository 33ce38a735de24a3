/**
 * `lint --cache` loads the linter only when a file must be linted: a run whose files all come from the
 * cache evaluates none of the service, rules, parsers and grammars, and a run with one changed file
 * among cached ones still lints it, with the output of a run without the cache.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, ROOT, tempTree } from '../cli/helpers';

interface Run {
  code: number;
  out: string;
  err: string;
  loaded: string[];
}

/** One lint in a fresh process (so what it loads is its own). */
function lint(cwd: string, args: string[]): Run {
  const child = join(ROOT, 'test', 'unit', 'cli-lint-child.ts');
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', child, cwd, ...args], { cwd: ROOT, encoding: 'utf8' })) as Run;
}

/** The linter's parts: none of them may be evaluated by a run that lints nothing. */
const LINTER = ['/server/src/service/service.ts', '/server/src/core/index.ts', '/server/src/core/runbook/rules/', '/server/src/core/postmortem/', '/server/src/core/queries/lezer.ts', '/node_modules/markdown-it/', '/node_modules/@lezer/'];
const linterIn = (r: Run): string[] => r.loaded.filter((m) => LINTER.some((p) => m.includes(p)));
const stats = (r: Run) => /cache: (\d+) hits, (\d+) misses/.exec(r.err)?.slice(1).map(Number);

test('lint --cache: an all-hit run loads no linter; one changed file is linted again, with the output of a run without the cache', () => {
  const { dir, cleanup } = tempTree('clean');
  try {
    // Clean files and one with findings.
    cpSync(join(FIXTURES, 'problems'), join(dir, 'problems'), { recursive: true });
    const args = ['--format', 'json', '--include-hints'];
    const plain = lint(dir, args);
    assert.ok(linterIn(plain).length > 0, 'a run that lints loads the linter (else this test could not fail)');
    const files = (JSON.parse(plain.out) as unknown[]).length;
    assert.ok(files >= 2, plain.out);
    const cold = lint(dir, [...args, '--cache']);
    assert.deepEqual([cold.code, cold.out], [plain.code, plain.out]);
    const warm = lint(dir, [...args, '--cache']);
    assert.deepEqual([warm.code, warm.out], [plain.code, plain.out]);
    assert.deepEqual(stats(warm), [files, 0]);
    assert.deepEqual(linterIn(warm), [], 'nothing to lint: no linter');
    // One file changed among cached ones: the linter is loaded for it alone, the output is a plain run's.
    const runbook = JSON.parse(plain.out).map((f: { filePath: string }) => f.filePath).find((p: string) => p.endsWith('.runbook.yaml')) as string;
    appendFileSync(runbook, '\n# changed\n');
    const changed = lint(dir, [...args, '--cache']);
    assert.deepEqual(stats(changed), [files - 1, 1]);
    assert.ok(linterIn(changed).length > 0);
    const again = lint(dir, args);
    assert.deepEqual([changed.code, changed.out], [again.code, again.out]);
  } finally {
    cleanup();
  }
});

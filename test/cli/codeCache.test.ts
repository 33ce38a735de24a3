// The V8 code cache of the built CLI (server/src/loader/codeCache.ts): dist/cli.js compiles
// dist/cli.bundle.js and the SQL grammars of dist/sql/ with the cache kept in ML_RUNBOOKS_CODE_CACHE_DIR.
// ML_RUNBOOKS_CODE_CACHE_DEBUG=1 makes the loader report on stderr what it did with each file; the
// tests read those lines, the cache directory and the output, which must not depend on the cache.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ROOT, runCli, type RunResult } from './helpers';

/** The fixtures of every kind, SQL queries of several dialects included. */
const ALL = ['lint', 'test/fixtures', '--format', 'json', '--no-color'];
/** A quicker run for the other tests: the query fixtures (PostgreSQL among the grammars loaded). */
const ARGS = ['lint', 'test/fixtures/runbooks/rb004-query-syntax.runbook.yaml', 'test/fixtures/runbooks/rb004-valid-queries.runbook.yaml', '--format', 'json'];

let base: string;
before(() => {
  base = mkdtempSync(join(tmpdir(), 'ml-runbooks-code-cache-test-'));
});
after(() => rmSync(base, { recursive: true, force: true }));

let n = 0;
/** A fresh cache directory (not created yet: the loader creates it). */
const freshDir = (): string => join(base, `c${n++}`);

/** Runs the CLI on the fixtures with the cache in `dir` and the loader's report on. */
function lint(dir: string | undefined, env: Record<string, string | undefined> = {}, args = ARGS): RunResult {
  return runCli(args, { cwd: ROOT, env: { ML_RUNBOOKS_CODE_CACHE_DIR: dir, ML_RUNBOOKS_CODE_CACHE_DEBUG: '1', NODE_DISABLE_COMPILE_CACHE: undefined, ML_RUNBOOKS_DISABLE_CODE_CACHE: undefined, ...env } });
}

/** The loader's report: file → events, in order (other stderr lines are left out). */
function events(r: RunResult): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const line of r.stderr.split('\n')) {
    const hit = /^ml-runbooks code cache: (\S+) (\S+)$/.exec(line);
    if (hit) m.set(hit[1]!, [...(m.get(hit[1]!) ?? []), hit[2]!]);
  }
  return m;
}

/** The one cache file of `name` (e.g. cli.bundle.js) in `dir`. */
function cacheFile(dir: string, name: string): string {
  const files = readdirSync(dir).filter((f) => f.startsWith(`${name}.`) && f.endsWith('.v8'));
  assert.equal(files.length, 1, `one cache file of ${name} in ${readdirSync(dir).join(', ')}`);
  return join(dir, files[0]!);
}

describe('the code cache of the CLI', () => {
  let reference: RunResult;
  before(() => {
    reference = lint(undefined, { ML_RUNBOOKS_DISABLE_CODE_CACHE: '1' });
    assert.equal(reference.status, 1, reference.stderr);
    assert.ok(JSON.parse(reference.stdout).some((f: { messages: unknown[] }) => f.messages.length > 0), 'the query fixtures have findings');
  });

  test('the first run writes the cache, the second uses it; the output on all fixtures is byte-identical with and without it', () => {
    const all = lint(undefined, { ML_RUNBOOKS_DISABLE_CODE_CACHE: '1' }, ALL);
    assert.ok(JSON.parse(all.stdout).length > 20, 'the fixtures have findings');
    const dir = freshDir();
    const first = lint(dir, {}, ALL);
    assert.deepEqual(events(first).get('cli.bundle.js'), ['missing', 'written']);
    assert.deepEqual(events(first).get('postgresql.js'), ['missing', 'written'], 'the SQL grammars go through the cache too');
    assert.equal(statSync(dir).mode & 0o777, 0o700, 'the directory is private');
    assert.equal(statSync(cacheFile(dir, 'cli.bundle.js')).mode & 0o777, 0o600, 'the file is private');
    const second = lint(dir, {}, ALL);
    const ev = events(second);
    assert.deepEqual(ev.get('cli.bundle.js'), ['accepted']);
    assert.deepEqual(ev.get('postgresql.js'), ['accepted']);
    for (const r of [first, second]) {
      assert.equal(r.status, all.status);
      assert.equal(r.stdout, all.stdout);
    }
  });

  test('a corrupt, truncated or foreign cache file is ignored, the output stays the same and the file is rewritten', () => {
    const dir = freshDir();
    lint(dir);
    const file = cacheFile(dir, 'cli.bundle.js');
    const good = readFileSync(file);
    const flipped = Buffer.from(good);
    flipped[flipped.length >> 1]! ^= 0xff; // one byte of V8's data: the header's digest no longer matches
    const damaged: Array<[string, Buffer]> = [
      ['a flipped byte', flipped],
      ['truncated', good.subarray(0, good.length >> 1)],
      ['the header only', good.subarray(0, 60)],
      ["another file's cache", readFileSync(cacheFile(dir, 'postgresql.js'))],
      ['garbage', Buffer.from('not a cache at all\n'.repeat(1000))],
    ];
    for (const [what, bytes] of damaged) {
      writeFileSync(file, bytes);
      const r = lint(dir);
      assert.deepEqual(events(r).get('cli.bundle.js'), ['invalid', 'written'], what);
      assert.equal(r.stdout, reference.stdout, what);
      assert.equal(r.status, reference.status, what);
      assert.ok(!readFileSync(file).equals(bytes), `${what}: rewritten`);
    }
    assert.deepEqual(events(lint(dir)).get('cli.bundle.js'), ['accepted'], 'the rewritten cache is used');
  });

  test('a cache file others may write to is not used, and is replaced by a private one', () => {
    const dir = freshDir();
    lint(dir);
    const file = cacheFile(dir, 'cli.bundle.js');
    chmodSync(file, 0o666);
    const r = lint(dir);
    assert.deepEqual(events(r).get('cli.bundle.js'), ['refused', 'written']);
    assert.equal(r.stdout, reference.stdout);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(events(lint(dir)).get('cli.bundle.js'), ['accepted']);
  });

  test('a symbolic link in place of a cache file is not followed; the link is replaced, its target untouched', () => {
    const dir = freshDir();
    lint(dir);
    const file = cacheFile(dir, 'cli.bundle.js');
    const target = join(base, `target-${n++}`);
    writeFileSync(target, readFileSync(file));
    const before = readFileSync(target);
    rmSync(file);
    symlinkSync(target, file);
    const r = lint(dir);
    assert.deepEqual(events(r).get('cli.bundle.js'), ['missing', 'written']);
    assert.equal(r.stdout, reference.stdout);
    assert.ok(lstatSync(file).isFile(), 'a regular file in place of the link');
    assert.ok(readFileSync(target).equals(before), 'the target was not written');
  });

  test('a FIFO in place of a cache file is refused at once (no waiting for a writer) and replaced', () => {
    const dir = freshDir();
    lint(dir);
    const file = cacheFile(dir, 'cli.bundle.js');
    rmSync(file);
    const made = spawnSync('mkfifo', [file]);
    assert.equal(made.status, 0, 'mkfifo is available');
    // Spawned here with a time limit: a loader that waited for a writer would never end.
    const p = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...ARGS], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, env: { ...process.env, ML_RUNBOOKS_CODE_CACHE_DIR: dir, ML_RUNBOOKS_CODE_CACHE_DEBUG: '1' } });
    assert.equal(p.error, undefined, 'the run ended');
    const r = { status: p.status, stdout: p.stdout, stderr: p.stderr };
    assert.deepEqual(events(r).get('cli.bundle.js'), ['refused', 'written']);
    assert.equal(r.stdout, reference.stdout);
    assert.ok(lstatSync(file).isFile());
  });

  test('a temporary file left by a process that died while writing is removed when the cache is next written; a recent one is left alone', () => {
    const dir = freshDir();
    lint(dir);
    const file = cacheFile(dir, 'cli.bundle.js');
    const stale = join(dir, `.${basename(file)}.99999.0123456789ab.tmp`);
    const recent = join(dir, `.${basename(file)}.99998.0123456789ab.tmp`);
    writeFileSync(stale, 'half a cache');
    writeFileSync(recent, 'a write in progress');
    const hourAgo = new Date(Date.now() - 3600_000);
    utimesSync(stale, hourAgo, hourAgo);
    writeFileSync(file, 'corrupt'); // so that the next run writes
    assert.deepEqual(events(lint(dir)).get('cli.bundle.js'), ['invalid', 'written']);
    const left = readdirSync(dir);
    assert.ok(!left.includes(basename(stale)), 'the stale temporary file is gone');
    assert.ok(left.includes(basename(recent)), 'a recent one may be a write in progress');
  });

  test('a cache directory others may write to is not used at all', () => {
    const dir = freshDir();
    mkdirSync(dir, { mode: 0o700 });
    chmodSync(dir, 0o777);
    const r = lint(dir);
    assert.match(r.stderr, /^ml-runbooks code cache: directory not usable, no cache$/m);
    assert.equal(events(r).size, 0);
    assert.deepEqual(readdirSync(dir), []);
    assert.equal(r.stdout, reference.stdout);
  });

  test('an unusable location (a file where the directory should be) only means no cache', () => {
    const dir = freshDir();
    writeFileSync(dir, 'a file');
    const r = lint(dir);
    assert.match(r.stderr, /directory not usable, no cache/);
    assert.equal(r.stdout, reference.stdout);
    assert.equal(r.status, reference.status);
  });

  for (const [name, value] of [
    ['ML_RUNBOOKS_DISABLE_CODE_CACHE', '1'],
    ['NODE_DISABLE_COMPILE_CACHE', '1'],
  ] as const) {
    test(`${name}=1 turns it off: nothing read or written`, () => {
      const dir = freshDir();
      lint(dir); // a cache that would be used
      const files = readdirSync(dir).sort();
      const r = lint(dir, { [name]: value });
      assert.match(r.stderr, /^ml-runbooks code cache: off$/m);
      assert.equal(events(r).size, 0);
      assert.deepEqual(readdirSync(dir).sort(), files);
      assert.equal(r.stdout, reference.stdout);
    });
  }

  test('a new build of the bundle (another size or time) gets a cache file of its own and the old one is removed', () => {
    // A copy of the built CLI, whose bundle's modification time the test moves (the key covers it).
    const dist = join(base, `dist-${n++}`);
    mkdirSync(dist);
    for (const f of ['cli.js', 'cli.bundle.js', 'sql']) cpSync(join(ROOT, 'dist', f), join(dist, f), { recursive: true });
    const dir = freshDir();
    const run = () => {
      const r = spawnSync(process.execPath, [join(dist, 'cli.js'), ...ARGS], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ML_RUNBOOKS_CODE_CACHE_DIR: dir, ML_RUNBOOKS_CODE_CACHE_DEBUG: '1' } });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    assert.deepEqual(events(run()).get('cli.bundle.js'), ['missing', 'written']);
    const old = cacheFile(dir, 'cli.bundle.js');
    const bundle = join(dist, 'cli.bundle.js');
    const st = statSync(bundle);
    utimesSync(bundle, st.atime, new Date(st.mtimeMs + 10_000));
    const r = run();
    assert.deepEqual(events(r).get('cli.bundle.js'), ['missing', 'written']);
    assert.notEqual(cacheFile(dir, 'cli.bundle.js'), old);
    assert.equal(r.stdout, reference.stdout);
    assert.deepEqual(events(run()).get('cli.bundle.js'), ['accepted']);
  });

  test('the lint worker threads start from the loader and use the cache too', () => {
    const dir = freshDir();
    const args = ['lint', 'test/fixtures/runbooks', '--format', 'json', '--concurrency', '2'];
    const first = lint(dir, {}, args);
    assert.equal(events(first).get('cli.bundle.js')?.filter((e) => e === 'missing').length, 2, 'the main thread and one worker compiled the bundle');
    const second = lint(dir, {}, args);
    assert.deepEqual(events(second).get('cli.bundle.js'), ['accepted', 'accepted']);
    assert.equal(second.stdout, first.stdout);
    assert.equal(second.stdout, lint(undefined, { ML_RUNBOOKS_DISABLE_CODE_CACHE: '1' }, args).stdout);
  });
});

/**
 * `ml-runbooks lint --cache` on the built CLI: a warm run reuses every result and prints the same
 * output; each thing a result depends on (content, configuration, version, other files) invalidates
 * it; a broken cache file is ignored; processes sharing a cache location do not break it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT, runCli, tempTree, type RunResult } from './helpers';

const CACHE_FILE = join('node_modules', '.cache', 'ml-runbooks', 'lint-cache.json');
const ARGS = ['lint', '--format', 'json', '--include-hints'];

/** The clean CLI fixtures plus the alerting workspace: runbooks, a post-mortem with a `runbook:` link, rule files, a configuration. */
function workspace(): { dir: string; cleanup: () => void } {
  const t = tempTree('clean');
  cpSync(join(ROOT, 'test', 'fixtures', 'alerts', 'workspace'), t.dir, { recursive: true });
  return t;
}

/** Output of a run without the cache: what every cached run must print. */
function reference(dir: string): RunResult {
  return runCli(ARGS, { cwd: dir });
}

/** A `--cache` run with its hit and miss counts and the number of files it did not read. */
function cached(dir: string, extra: string[] = []): RunResult & { hits: number; misses: number; unread: number } {
  const r = runCli([...ARGS, '--cache', ...extra], { cwd: dir, env: { ML_RUNBOOKS_CACHE_STATS: '1' } });
  const m = /^cache: (\d+) hits, (\d+) misses, (\d+) files not read$/m.exec(r.stderr);
  assert.ok(m, `no cache statistics on stderr: ${r.stderr}`);
  return { ...r, hits: Number(m[1]), misses: Number(m[2]), unread: Number(m[3]) };
}

function same(a: RunResult, b: RunResult, what: string): void {
  assert.equal(b.stdout, a.stdout, what);
  assert.equal(b.status, a.status, what);
}

interface JsonFile {
  filePath: string;
  messages: Array<{ ruleId: string; line: number }>;
}
function codesOf(r: RunResult, file: string): string[] {
  const f = (JSON.parse(r.stdout) as JsonFile[]).find((x) => x.filePath.endsWith(file));
  assert.ok(f, `${file} not in the output`);
  return f.messages.map((m) => m.ruleId);
}

test('--cache: a second run on an unchanged tree lints nothing again and prints the same output', () => {
  const { dir, cleanup } = workspace();
  try {
    const ref = reference(dir);
    const files = (JSON.parse(ref.stdout) as JsonFile[]).length;
    assert.ok(files >= 10, ref.stdout);
    const cold = cached(dir);
    same(ref, cold, 'cold');
    assert.deepEqual([cold.hits, cold.misses], [0, files]);
    const warm = cached(dir);
    same(ref, warm, 'warm');
    assert.deepEqual([warm.hits, warm.misses], [files, 0]);
    // The cache holds findings, not output: another format from the same cache is the uncached one.
    for (const format of ['stylish', 'sarif', 'github']) {
      const plain = runCli(['lint', '--format', format, '--include-hints'], { cwd: dir });
      const c = runCli(['lint', '--format', format, '--include-hints', '--cache'], { cwd: dir, env: { ML_RUNBOOKS_CACHE_STATS: '1' } });
      same(plain, c, format);
      assert.match(c.stderr, new RegExp(`cache: ${files} hits, 0 misses, `));
    }
    // Without the variable a cached run prints nothing extra.
    assert.equal(runCli([...ARGS, '--cache'], { cwd: dir }).stderr, '');
    // Worker threads fill the cache as the main thread does.
    rmSync(join(dir, CACHE_FILE));
    const threads = cached(dir, ['--concurrency', '2']);
    same(ref, threads, 'cold, two threads');
    assert.deepEqual([threads.hits, threads.misses], [0, files]);
    const warmThreads = cached(dir, ['--concurrency', '2']);
    same(ref, warmThreads, 'warm, two threads');
    assert.deepEqual([warmThreads.hits, warmThreads.misses], [files, 0]);
  } finally {
    cleanup();
  }
});

test('--cache: a changed file is linted again, the others are not', () => {
  const { dir, cleanup } = workspace();
  try {
    cached(dir);
    const rb = join(dir, 'runbooks', 'drift-alert.runbook.yaml');
    writeFileSync(rb, readFileSync(rb, 'utf8').replace('  tags: [drift]\n', '  tags: [drift]\n  lastReviewed: 2026-02-30\n'));
    const r = cached(dir);
    same(reference(dir), r, 'after the edit');
    assert.ok(codesOf(r, 'drift-alert.runbook.yaml').includes('RB007'), r.stdout);
    assert.equal(r.misses, 1);
  } finally {
    cleanup();
  }
});

test('--cache: findings that quote the current minute are reused in that minute only', () => {
  const { dir, cleanup } = workspace();
  try {
    // A post-mortem without front matter: PM001 offers a skeleton stamped with the current time.
    writeFileSync(join(dir, 'postmortems', 'bare.postmortem.md'), '# Feature store outage\n\n## Summary\n\nThe store was down.\n');
    const first = cached(dir);
    assert.ok(codesOf(first, 'bare.postmortem.md').includes('PM001'), first.stdout);
    const file = join(dir, CACHE_FILE);
    const data = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, { minute?: string }> };
    const stamped = Object.keys(data.entries).filter((k) => data.entries[k]!.minute);
    assert.deepEqual(stamped, ['postmortems/bare.postmortem.md']);
    data.entries['postmortems/bare.postmortem.md']!.minute = '2000-01-01T00:00Z';
    writeFileSync(file, JSON.stringify(data));
    const r = cached(dir);
    assert.equal(r.misses, 1);
    assert.equal(r.hits, first.misses - 1);
  } finally {
    cleanup();
  }
});

test('--cache: a configuration change re-lints with the new severities', () => {
  const { dir, cleanup } = workspace();
  try {
    const before = cached(dir);
    assert.ok(codesOf(before, 'deploy/ranker-slo.yaml').includes('AL004'));
    appendFileSync(join(dir, '.ml-runbooks.yaml'), 'rules:\n  AL004: off\n');
    const r = cached(dir);
    same(reference(dir), r, 'after the configuration change');
    assert.ok(!codesOf(r, 'deploy/ranker-slo.yaml').includes('AL004'), r.stdout);
    assert.equal(r.hits, 0);
  } finally {
    cleanup();
  }
});

test('--cache: a cache written by another version is not used', () => {
  const { dir, cleanup } = workspace();
  try {
    const first = cached(dir);
    const file = join(dir, CACHE_FILE);
    const data = JSON.parse(readFileSync(file, 'utf8')) as { version: string };
    data.version = '0.0.0-other';
    writeFileSync(file, JSON.stringify(data));
    const r = cached(dir);
    same(reference(dir), r, 'other version');
    assert.deepEqual([r.hits, r.misses], [0, first.misses]);
    assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  } finally {
    cleanup();
  }
});

test('--cache: a runbook name made duplicate by another file brings RB009 to the unchanged file', () => {
  const { dir, cleanup } = workspace();
  try {
    cached(dir);
    const rb = join(dir, 'runbooks', 'drift-alert.runbook.yaml');
    mkdirSync(join(dir, 'more'));
    writeFileSync(join(dir, 'more', 'copy.runbook.yaml'), readFileSync(rb, 'utf8'));
    const r = cached(dir);
    same(reference(dir), r, 'duplicate name');
    assert.ok(codesOf(r, 'runbooks/drift-alert.runbook.yaml').includes('RB009'), r.stdout);
  } finally {
    cleanup();
  }
});

test("--cache: a post-mortem's runbook: target deleted brings PM011 to the unchanged post-mortem", () => {
  const { dir, cleanup } = workspace();
  try {
    const before = cached(dir);
    assert.ok(!codesOf(before, 'fraud-scorer.postmortem.md').includes('PM011'));
    rmSync(join(dir, 'runbooks', 'drift-alert.runbook.yaml'));
    const r = cached(dir);
    same(reference(dir), r, 'runbook deleted');
    assert.ok(codesOf(r, 'fraud-scorer.postmortem.md').includes('PM011'), r.stdout);
  } finally {
    cleanup();
  }
});

test("--cache: a rule file's runbook_url target renamed brings AL002 to the unchanged rule file", () => {
  const { dir, cleanup } = workspace();
  try {
    const before = cached(dir);
    const count = (r: RunResult) => codesOf(r, 'monitoring/api.rules.yaml').filter((c) => c === 'AL002').length;
    const rb = join(dir, 'runbooks', 'api-errors.runbook.yaml');
    writeFileSync(rb, readFileSync(rb, 'utf8').replace('name: api-errors', 'name: api-errors-v2'));
    const r = cached(dir);
    same(reference(dir), r, 'runbook renamed');
    assert.ok(count(r) > count(before), r.stdout);
  } finally {
    cleanup();
  }
});

test('--cache: entries written by a run without rule files serve a run with them', () => {
  const { dir, cleanup } = workspace();
  try {
    const some = runCli([...ARGS, '--cache', 'runbooks', 'postmortems'], { cwd: dir });
    same(runCli([...ARGS, 'runbooks', 'postmortems'], { cwd: dir }), some, 'runbooks and post-mortems only');
    const all = cached(dir);
    same(reference(dir), all, 'then everything');
    assert.equal(all.hits, 1); // the post-mortem; the runbooks' entries hold no alert data
  } finally {
    cleanup();
  }
});

test('--cache: a corrupt, truncated, foreign or unreadable cache file is ignored and rewritten', () => {
  const { dir, cleanup } = workspace();
  try {
    const ref = reference(dir);
    const first = cached(dir);
    const file = join(dir, CACHE_FILE);
    const valid = readFileSync(file, 'utf8');
    const bad = [
      '\u0000\u00ffgarbage{{{',
      valid.slice(0, Math.floor(valid.length / 2)),
      '[]',
      JSON.stringify({ format: 'ml-runbooks-lint-cache', schema: 1, entries: 'nope' }),
      JSON.stringify({ ...JSON.parse(valid), entries: [1, 2, 3] }),
      JSON.stringify({ ...JSON.parse(valid), entries: Object.fromEntries(Object.keys(JSON.parse(valid).entries).map((k) => [k, { hash: 1 }])) }),
      JSON.stringify({ ...JSON.parse(valid), entries: Object.fromEntries(Object.entries(JSON.parse(valid).entries as Record<string, object>).map(([k, e]) => [k, { ...e, messages: [1] }])) }),
      JSON.stringify({ ...JSON.parse(valid), schema: 99 }),
      '',
    ];
    for (const text of bad) {
      writeFileSync(file, text);
      const r = cached(dir);
      same(ref, r, `cache file ${JSON.stringify(text.slice(0, 40))}`);
      assert.deepEqual([r.hits, r.misses], [0, first.misses], text.slice(0, 40));
      assert.doesNotThrow(() => JSON.parse(readFileSync(file, 'utf8')), 'rewritten');
    }
    const again = cached(dir);
    assert.deepEqual([again.hits, again.misses], [first.misses, 0], 'rewritten');
    // A folder where the cache file should be: neither readable nor writable, and the run still succeeds.
    rmSync(file);
    mkdirSync(file);
    const r = cached(dir);
    same(ref, r, 'cache file is a folder');
    assert.match(r.stderr, /ml-runbooks: could not write the cache /);
  } finally {
    cleanup();
  }
});

test('--cache-location: a file or a folder, and the default stays outside the linted files', () => {
  const { dir, cleanup } = workspace();
  try {
    const ref = reference(dir);
    const asFile = cached(dir, ['--cache-location', 'cache/lint.json']);
    same(ref, asFile, 'file');
    JSON.parse(readFileSync(join(dir, 'cache', 'lint.json'), 'utf8'));
    assert.equal(cached(dir, ['--cache-location', 'cache/lint.json']).misses, 0);
    mkdirSync(join(dir, 'shared'));
    cached(dir, ['--cache-location', 'shared']);
    JSON.parse(readFileSync(join(dir, 'shared', 'lint-cache.json'), 'utf8'));
    cached(dir, ['--cache-location', 'new-folder/']);
    JSON.parse(readFileSync(join(dir, 'new-folder', 'lint-cache.json'), 'utf8'));
    // Entries of deleted files are dropped.
    renameSync(join(dir, 'runbooks', 'scorer.runbook.yaml'), join(dir, 'scorer.txt'));
    cached(dir, ['--cache-location', 'shared']);
    const entries = Object.keys((JSON.parse(readFileSync(join(dir, 'shared', 'lint-cache.json'), 'utf8')) as { entries: object }).entries);
    assert.ok(entries.length > 0 && !entries.some((p) => p.includes('scorer.runbook')), entries.join(', '));
  } finally {
    cleanup();
  }
});

function runAsync(args: string[], cwd: string): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const p = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined } });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.once('error', reject);
    p.once('close', (status) => resolvePromise({ status, stdout, stderr }));
  });
}

test('--cache: two processes sharing one cache location both print correct output and leave a valid cache', async () => {
  const { dir, cleanup } = workspace();
  try {
    const ref = reference(dir);
    for (let round = 0; round < 2; round++) {
      const [a, b] = await Promise.all([runAsync([...ARGS, '--cache'], dir), runAsync([...ARGS, '--cache'], dir)]);
      same(ref, a!, `first process, round ${round}`);
      same(ref, b!, `second process, round ${round}`);
      assert.equal(a!.stderr + b!.stderr, '');
      JSON.parse(readFileSync(join(dir, CACHE_FILE), 'utf8'));
    }
    const after = cached(dir);
    assert.equal(after.misses, 0);
  } finally {
    cleanup();
  }
});

/** The candidate files of the workspace (linted or not) a metadata run can leave unread: every file a warm run does not read. */
function candidates(dir: string): number {
  const warm = cached(dir);
  assert.equal(warm.misses, 0);
  return warm.unread;
}

test('--cache-strategy metadata (the default): an unchanged tree is not read at all; content always reads and hashes', () => {
  const { dir, cleanup } = workspace();
  try {
    const ref = reference(dir);
    const files = (JSON.parse(ref.stdout) as JsonFile[]).length;
    const cold = cached(dir);
    assert.deepEqual([cold.hits, cold.misses, cold.unread], [0, files, 0]);
    const warm = cached(dir);
    same(ref, warm, 'warm');
    assert.equal(warm.hits, files);
    // Every linted file, and the Markdown and YAML files that are neither (remembered as such).
    assert.ok(warm.unread > files, `${warm.unread} files not read, ${files} linted`);
    const explicit = cached(dir, ['--cache-strategy', 'metadata']);
    assert.deepEqual([explicit.hits, explicit.unread], [files, warm.unread]);
    const content = cached(dir, ['--cache-strategy', 'content']);
    same(ref, content, 'content strategy');
    assert.deepEqual([content.hits, content.misses, content.unread], [files, 0, 0]);
    const bad = runCli([...ARGS, '--cache', '--cache-strategy', 'mtime'], { cwd: dir });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown cache strategy 'mtime'; expected one of metadata, content/);
  } finally {
    cleanup();
  }
});

test('--cache-strategy metadata: a same-size content change is linted again, whether its mtime moved or was put back', () => {
  const { dir, cleanup } = workspace();
  try {
    cached(dir);
    const all = candidates(dir);
    const rb = join(dir, 'runbooks', 'drift-alert.runbook.yaml');
    const before = readFileSync(rb, 'utf8');
    const edited = before.replace('title: Drift alert', 'title: TODO  alert');
    assert.equal(Buffer.byteLength(edited), Buffer.byteLength(before));
    const st = statSync(rb);
    writeFileSync(rb, edited);
    utimesSync(rb, st.atime, new Date(st.mtimeMs + 10_000));
    const moved = cached(dir);
    same(reference(dir), moved, 'mtime moved');
    assert.ok(codesOf(moved, 'drift-alert.runbook.yaml').includes('RB003'), moved.stdout);
    assert.deepEqual([moved.misses, moved.unread], [1, all - 1]);
    // The same size and the old mtime again: the change time (and the content) still tell.
    const st2 = statSync(rb);
    writeFileSync(rb, before);
    utimesSync(rb, st2.atime, st2.mtime);
    const back = cached(dir);
    same(reference(dir), back, 'mtime put back');
    assert.ok(!codesOf(back, 'drift-alert.runbook.yaml').includes('RB003'), back.stdout);
    assert.deepEqual([back.misses, back.unread], [1, all - 1]);
  } finally {
    cleanup();
  }
});

test('--cache-strategy metadata: a touched but identical file is read, compared and reused; then known by its new metadata', () => {
  const { dir, cleanup } = workspace();
  try {
    const ref = reference(dir);
    const files = (JSON.parse(ref.stdout) as JsonFile[]).length;
    cached(dir);
    const all = candidates(dir);
    const pm = join(dir, 'postmortems', '2026-11-20-fraud-scorer.postmortem.md');
    const st = statSync(pm);
    utimesSync(pm, st.atime, new Date(st.mtimeMs + 60_000));
    const touched = cached(dir);
    same(ref, touched, 'touched');
    assert.deepEqual([touched.hits, touched.misses, touched.unread], [files, 0, all - 1]);
    const again = cached(dir);
    assert.deepEqual([again.hits, again.misses, again.unread], [files, 0, all]);
    // A file that is no runbook, post-mortem or rule file, touched: read and classified again, still not linted.
    const notes = join(dir, 'notes.md');
    utimesSync(notes, new Date(), new Date(statSync(notes).mtimeMs + 60_000));
    const other = cached(dir);
    same(ref, other, 'other file touched');
    assert.deepEqual([other.hits, other.unread], [files, all - 1]);
  } finally {
    cleanup();
  }
});

test('--cache-strategy metadata: an unread file whose cross-file inputs changed is read and linted again', () => {
  const { dir, cleanup } = workspace();
  try {
    cached(dir);
    const all = candidates(dir);
    // A new runbook with the same name: the unchanged drift-alert runbook now has RB009 (its text is needed again).
    mkdirSync(join(dir, 'more'));
    writeFileSync(join(dir, 'more', 'copy.runbook.yaml'), readFileSync(join(dir, 'runbooks', 'drift-alert.runbook.yaml'), 'utf8'));
    const r = cached(dir);
    same(reference(dir), r, 'duplicate name');
    assert.ok(codesOf(r, 'runbooks/drift-alert.runbook.yaml').includes('RB009'), r.stdout);
    assert.equal(r.misses, 2);
    assert.equal(r.unread, all - 1);
  } finally {
    cleanup();
  }
});

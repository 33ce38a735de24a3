import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_WALK_DEPTH, SKIP_DIRS, SKIP_GLOBS, isSkipped, walk, walkSync, type DirEntry, type WalkOptions } from '../../server/src/core/walk';

/** A tree in memory: a path ending in `/` is a folder, `@` a link, `!` a device; folders are implied by their files. */
function tree(paths: string[]): { readDir: (dir: string) => DirEntry[] | undefined; listed: string[] } {
  const listed: string[] = [];
  const readDir = (dir: string): DirEntry[] | undefined => {
    listed.push(dir);
    if (dir.endsWith('/locked')) return undefined;
    const prefix = `${dir}/`;
    const names = new Map<string, DirEntry>();
    for (const raw of paths) {
      if (!raw.startsWith(prefix) || raw === prefix) continue;
      const rest = raw.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash !== -1 && slash < rest.length - 1) {
        names.set(rest.slice(0, slash), { name: rest.slice(0, slash), isDirectory: true, isFile: false });
        continue;
      }
      const name = rest.replace(/[/@!]$/, '');
      const kind = rest.at(-1);
      names.set(name, { name, isDirectory: kind === '/', isFile: kind !== '/' && kind !== '@' && kind !== '!', isSymbolicLink: kind === '@' });
    }
    return [...names.values()].reverse(); // hosts list in any order
  };
  return { readDir, listed };
}

const join = (a: string, b: string) => `${a}/${b}`;
const collect = (extra: Partial<WalkOptions> = {}) => {
  const files: string[] = [];
  return { files, opts: { join, onFile: (p: string) => (files.push(p), true), ...extra } satisfies WalkOptions };
};

const TREE = [
  '/r/b.runbook.yaml',
  '/r/a/x.yaml',
  '/r/a/deep/y.yaml',
  '/r/node_modules/pkg/z.yaml',
  '/r/sub/node_modules/z.yaml',
  '/r/.git/HEAD',
  '/r/.hg/store',
  '/r/.svn/entries',
  '/r/dist/built.yaml',
  '/r/.cache/c.yaml',
  '/r/.hidden.runbook.yaml',
  '/r/link-to-dir@',
  '/r/link.yaml@',
  '/r/fifo.yaml!',
  '/r/empty/',
  '/r/locked/inside.yaml',
];

test('one skip list: dependencies, VCS data, build output, hidden entries; the root is walked whatever its name', () => {
  assert.deepEqual([...SKIP_DIRS].sort(), ['.git', '.hg', '.svn', 'dist', 'node_modules']);
  assert.deepEqual(SKIP_GLOBS, ['**/node_modules/**', '**/.git/**', '**/.hg/**', '**/.svn/**', '**/dist/**']);
  assert.ok(isSkipped('.github', true) && isSkipped('.x.yaml', false) && isSkipped('dist', true));
  assert.ok(!isSkipped('dist', false), 'a file named dist is a file');
  const t = tree(TREE);
  const { files, opts } = collect();
  const r = walkSync('/r', t.readDir, opts);
  assert.deepEqual(files, ['/r/b.runbook.yaml', '/r/fifo.yaml', '/r/link-to-dir', '/r/link.yaml', '/r/a/x.yaml', '/r/a/deep/y.yaml'], 'breadth-first, sorted by name');
  assert.deepEqual(t.listed, ['/r', '/r/a', '/r/empty', '/r/locked', '/r/sub', '/r/a/deep'], 'no skipped folder is listed, no link is entered');
  assert.deepEqual(r, { dirs: 6, files: 6, tooDeep: 0 }, 'an unreadable folder is passed over');
  const hidden = collect();
  walkSync('/r/.cache', tree(TREE).readDir, hidden.opts);
  assert.deepEqual(hidden.files, ['/r/.cache/c.yaml'], 'a hidden root named by the caller is walked');
});

test('links and devices reach onFile with what they are; only taken entries count', () => {
  const seen: Array<[string, boolean, boolean]> = [];
  const r = walkSync('/r', tree(TREE).readDir, { join, onFile: (p, e) => (seen.push([p.slice(3), e.isFile, e.isSymbolicLink === true]), e.isFile) });
  assert.deepEqual(seen.filter(([, file]) => !file), [['fifo.yaml', false, false], ['link-to-dir', false, true], ['link.yaml', false, true]]);
  assert.equal(r.files, 3);
});

test('bounds: files taken, folders listed, depth; stop() ends the walk', () => {
  const many = Array.from({ length: 30 }, (_, i) => `/r/d${i % 3}/f${String(i).padStart(2, '0')}.yaml`);
  const capped = collect({ maxFiles: 10 });
  assert.deepEqual(walkSync('/r', tree(many).readDir, capped.opts), { dirs: 2, files: 10, tooDeep: 0, stopped: 'maxFiles' });
  assert.equal(capped.files.length, 10);
  const dirs = collect({ maxDirs: 3 });
  assert.equal(walkSync('/r', tree(many).readDir, dirs.opts).stopped, 'maxDirs');
  assert.deepEqual(dirs.files.map((f) => f.split('/')[2]), Array(20).fill(0).map((_, i) => (i < 10 ? 'd0' : 'd1')));

  const deepPath = `/r/${Array.from({ length: MAX_WALK_DEPTH + 5 }, (_, i) => `l${i}`).join('/')}/bottom.yaml`;
  const deepTree = tree([deepPath, '/r/l0/top.yaml']);
  const tooDeep: string[] = [];
  const deep = collect({ onTooDeep: (p) => tooDeep.push(p) });
  const r = walkSync('/r', deepTree.readDir, deep.opts);
  assert.deepEqual(deep.files, ['/r/l0/top.yaml']);
  assert.equal(r.tooDeep, 1);
  assert.equal(tooDeep[0]!.split('/').length - 2, MAX_WALK_DEPTH + 1, 'the first folder below the bound is named');
  assert.equal(r.dirs, MAX_WALK_DEPTH + 1);

  let calls = 0;
  const stopped = collect({ stop: () => ++calls > 2 });
  assert.deepEqual(walkSync('/r', tree(TREE).readDir, stopped.opts), { dirs: 2, files: 5, tooDeep: 0, stopped: 'stop' });
});

test('the asynchronous walk lists the same folders and files in the same order; a throwing sync lister ends the walk', async () => {
  const sync = collect();
  const s = walkSync('/r', tree(TREE).readDir, sync.opts);
  const async = collect();
  const t = tree(TREE);
  const a = await walk('/r', async (d) => t.readDir(d), async.opts);
  assert.deepEqual(async.files, sync.files);
  assert.deepEqual(a, s);
  assert.throws(() => walkSync('/r', () => { throw new Error('EACCES'); }, collect().opts), /EACCES/);
});

test('a wide tree is walked in linear time', () => {
  const wide: string[] = [];
  for (let d = 0; d < 2000; d++) wide.push(`/r/d${d}/a.yaml`, `/r/d${d}/b.yaml`);
  const byDir = new Map<string, DirEntry[]>();
  byDir.set('/r', Array.from({ length: 2000 }, (_, d) => ({ name: `d${d}`, isDirectory: true, isFile: false })));
  for (let d = 0; d < 2000; d++) byDir.set(`/r/d${d}`, [{ name: 'a.yaml', isDirectory: false, isFile: true }, { name: 'b.yaml', isDirectory: false, isFile: true }]);
  const c = collect();
  const t0 = performance.now();
  const r = walkSync('/r', (d) => byDir.get(d), c.opts);
  assert.equal(r.files, 4000);
  assert.equal(r.dirs, 2001);
  assert.ok(performance.now() - t0 < 2000, 'well under the time a quadratic queue would take');
});

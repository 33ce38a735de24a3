/** The CLI's lint cache file on its own: stable keys, locations, round trip, what is ignored. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LintCache, cacheFilePath, sha256, stableStringify, type CacheEntry } from '../../server/src/cli/cache';
import { mergeConfig } from '../../server/src/core/index';

function withDir(f: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'ml-runbooks-cache-'));
  try {
    f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const TEXT = 'apiVersion: ml-runbooks/v1\nkind: Runbook\n';
function entry(extra: Partial<CacheEntry> = {}): CacheEntry {
  return {
    hash: sha256(TEXT), kind: 'runbook', wholeFile: true, names: [], exists: [['runbooks/x.runbook.yaml', false]], names2: '', graph: '-',
    messages: ['RB001', 'error', 'm', 1, 1, 1, 4, 1, 0],
    ...extra,
  };
}

test('stableStringify: equal values, whatever the key order, give equal text', () => {
  assert.equal(stableStringify({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: 2 } }), stableStringify({ a: { c: 2, d: [1, { y: 2, z: 1 }] }, b: 1 }));
  assert.notEqual(stableStringify({ a: [1, 2] }), stableStringify({ a: [2, 1] }));
});

test('cacheFilePath: default, file, existing folder, path ending in a slash', () => {
  withDir((dir) => {
    assert.equal(cacheFilePath(dir, undefined), join(dir, 'node_modules', '.cache', 'ml-runbooks', 'lint-cache.json'));
    assert.equal(cacheFilePath(dir, 'c.json'), join(dir, 'c.json'));
    mkdirSync(join(dir, 'shared'));
    assert.equal(cacheFilePath(dir, 'shared'), join(dir, 'shared', 'lint-cache.json'));
    assert.equal(cacheFilePath(dir, 'later/'), join(dir, 'later', 'lint-cache.json'));
  });
});

test('LintCache: entries round-trip (non-finite numbers included) under the same key only', () => {
  withDir((dir) => {
    const file = join(dir, 'c', 'cache.json');
    const now = new Date('2026-12-05T10:00:00Z');
    const config = mergeConfig();
    const a = new LintCache(file, dir, config, now);
    const alerts = [{ name: 'x', start: 0, end: 1, line: 1, character: 0, slo: { name: 's', tiers: [{ longWindow: '1h', shortWindow: '5m', burnRate: Infinity, start: 0, end: 1 }], alertsStart: 0, alertsEnd: 0 } }];
    a.store('x.runbook.yaml', entry({ alerts: alerts as CacheEntry['alerts'] }));
    assert.equal(a.save(), undefined);
    const b = new LintCache(file, dir, config, now);
    const got = b.lookup({ path: 'x.runbook.yaml', text: TEXT, kind: 'runbook', wholeFile: true });
    assert.ok(got);
    assert.equal((got.alerts![0] as unknown as { slo: { tiers: Array<{ burnRate: number }> } }).slo.tiers[0]!.burnRate, Infinity);
    assert.equal(b.lookup({ path: 'x.runbook.yaml', text: TEXT + ' ', kind: 'runbook', wholeFile: true }), undefined, 'content');
    assert.equal(b.lookup({ path: 'x.runbook.yaml', text: TEXT, kind: 'runbook', wholeFile: false }), undefined, 'classification');
    assert.equal(b.lookup({ path: 'x.runbook.yaml', text: TEXT, kind: 'postmortem', wholeFile: true }), undefined, 'kind');
    // Another configuration or another day: a different key, nothing is used.
    assert.equal(new LintCache(file, dir, mergeConfig({ staleAfterDays: 7 }), now).lookup({ path: 'x.runbook.yaml', text: TEXT, kind: 'runbook', wholeFile: true }), undefined);
    assert.equal(new LintCache(file, dir, config, new Date('2026-12-06T00:00:01Z')).lookup({ path: 'x.runbook.yaml', text: TEXT, kind: 'runbook', wholeFile: true }), undefined);
    assert.equal(new LintCache(file, join(dir, 'c'), config, now).lookup({ path: 'x.runbook.yaml', text: TEXT, kind: 'runbook', wholeFile: true }), undefined, 'another folder');
  });
});

test('LintCache: entries of a bad shape are dropped; entries of deleted files are not written back', () => {
  withDir((dir) => {
    const file = join(dir, 'cache.json');
    const now = new Date('2026-12-05T10:00:00Z');
    const a = new LintCache(file, dir, mergeConfig(), now);
    writeFileSync(join(dir, 'kept.runbook.yaml'), TEXT);
    a.store('kept.runbook.yaml', entry());
    a.store('gone.runbook.yaml', entry());
    a.store('bad.runbook.yaml', entry({ messages: ['RB001', 'fatal', 'm', 1, 1, 1, 4, 0, 0] }));
    a.save();
    const b = new LintCache(file, dir, mergeConfig(), now);
    assert.ok(b.lookup({ path: 'kept.runbook.yaml', text: TEXT, kind: 'runbook', wholeFile: true }));
    assert.equal(b.lookup({ path: 'bad.runbook.yaml', text: TEXT, kind: 'runbook', wholeFile: true }), undefined);
    b.save();
    const written = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, unknown> };
    assert.deepEqual(Object.keys(written.entries), ['kept.runbook.yaml']);
  });
});

test('LintCache.knownFiles: the metadata strategy classifies a file only when size, mtime, ctime and inode all match', () => {
  withDir((dir) => {
    const file = join(dir, 'cache.json');
    const now = new Date('2026-12-05T10:00:00Z');
    const meta = { size: TEXT.length, mtimeMs: 1764928800000.25, ctimeMs: 1764928800001.5, ino: 4242 };
    writeFileSync(join(dir, 'x.runbook.yaml'), TEXT);
    writeFileSync(join(dir, 'notes.md'), '# notes\n');
    const a = new LintCache(file, dir, mergeConfig(), now);
    a.store('x.runbook.yaml', entry({ meta }));
    a.knownFiles()!.other('notes.md', { ...meta, ino: 7 });
    assert.equal(a.save(), undefined);
    const b = new LintCache(file, dir, mergeConfig(), now, 'metadata');
    const known = b.knownFiles()!;
    const k = known.classify('x.runbook.yaml', { ...meta });
    assert.deepEqual(k && { kind: k.kind, wholeFile: k.wholeFile, meta: k.meta }, { kind: 'runbook', wholeFile: true, meta });
    for (const k of ['size', 'mtimeMs', 'ctimeMs', 'ino'] as const) assert.equal(known.classify('x.runbook.yaml', { ...meta, [k]: meta[k] + 1 }), undefined, k);
    assert.equal(known.classify('notes.md', { ...meta, ino: 7 }), null, 'a file known to be no linted file');
    assert.equal(known.classify('notes.md', { ...meta, ino: 8 }), undefined);
    assert.equal(known.classify('y.runbook.yaml', meta), undefined, 'not in the cache');
    assert.equal(b.unread, 2);
    // An unread file matched by metadata needs no text to be found; a read one must hash the same.
    assert.ok(b.lookup({ path: 'x.runbook.yaml', text: 'not read', kind: 'runbook', wholeFile: true, unread: true }));
    assert.equal(b.lookup({ path: 'x.runbook.yaml', text: 'changed', kind: 'runbook', wholeFile: true }), undefined);
    assert.equal(new LintCache(file, dir, mergeConfig(), now, 'content').knownFiles(), undefined, 'content strategy');
  });
});

test('LintCache: message rows must be whole; a run that changes nothing does not rewrite the file', () => {
  withDir((dir) => {
    const file = join(dir, 'cache.json');
    const now = new Date('2026-12-05T10:00:00Z');
    writeFileSync(join(dir, 'x.runbook.yaml'), TEXT);
    writeFileSync(join(dir, 'y.runbook.yaml'), TEXT);
    const a = new LintCache(file, dir, mergeConfig(), now);
    a.store('x.runbook.yaml', entry({ messages: ['RB001', 'error', 'm', 1, 1, 1, 4, 0, 1, 'y.runbook.yaml', 'also here', 2, 1, 2, 3] }));
    // A finding said to have one related location, without it.
    a.store('y.runbook.yaml', entry({ messages: ['RB001', 'error', 'm', 1, 1, 1, 4, 0, 1] }));
    a.save();
    const b = new LintCache(file, dir, mergeConfig(), now);
    const x = b.lookup({ path: 'x.runbook.yaml', text: TEXT, kind: 'runbook', wholeFile: true });
    assert.ok(x);
    assert.equal(b.lookup({ path: 'y.runbook.yaml', text: TEXT, kind: 'runbook', wholeFile: true }), undefined, 'a related location missing');
    b.store('x.runbook.yaml', x);
    writeFileSync(file, readFileSync(file, 'utf8'));
    b.save();
    // y's entry was dropped: the file is rewritten without it.
    assert.deepEqual(Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { entries: object }).entries), ['x.runbook.yaml']);
    const c = new LintCache(file, dir, mergeConfig(), now);
    c.store('x.runbook.yaml', c.lookup({ path: 'x.runbook.yaml', text: TEXT, kind: 'runbook', wholeFile: true })!);
    writeFileSync(file, 'sentinel');
    assert.equal(c.save(), undefined);
    assert.equal(readFileSync(file, 'utf8'), 'sentinel', 'nothing changed: not written');
    const d = new LintCache(file, dir, mergeConfig(), now);
    d.store('x.runbook.yaml', entry());
    d.save();
    assert.doesNotThrow(() => JSON.parse(readFileSync(file, 'utf8')));
  });
});

test('LintCache: each message text is written once; an entry without its messages (its run stopped short of the output) is not written', () => {
  withDir((dir) => {
    const file = join(dir, 'cache.json');
    const now = new Date('2026-12-05T10:00:00Z');
    for (const f of ['x', 'y', 'z']) writeFileSync(join(dir, `${f}.runbook.yaml`), TEXT);
    const a = new LintCache(file, dir, mergeConfig(), now);
    const names = [{ name: 'svc', file: 'x.runbook.yaml', start: 4, end: 7, line: 1, character: 2, message: "'svc' is also defined here" }];
    a.store('x.runbook.yaml', entry({ names }));
    a.store('y.runbook.yaml', entry());
    a.store('z.runbook.yaml', entry({ messages: undefined }));
    assert.equal(a.save(), undefined);
    const written = JSON.parse(readFileSync(file, 'utf8')) as { texts: string[]; entries: Record<string, { messages: unknown[] }> };
    assert.deepEqual(Object.keys(written.entries).sort(), ['x.runbook.yaml', 'y.runbook.yaml']);
    assert.deepEqual(written.texts.filter((t) => t === 'm' || t === 'RB001'), ['RB001', 'm']);
    assert.ok(written.entries['y.runbook.yaml']!.messages.every((v) => typeof v === 'number'));
    const b = new LintCache(file, dir, mergeConfig(), now);
    const x = b.lookup({ path: 'x.runbook.yaml', text: TEXT, kind: 'runbook', wholeFile: true });
    assert.deepEqual([x?.messages, x?.names], [entry().messages, names], 'read back as stored');
    assert.equal(b.lookup({ path: 'z.runbook.yaml', text: TEXT, kind: 'runbook', wholeFile: true }), undefined);
  });
});

test('LintCache: the file is written in ASCII and reads back every text as it was', () => {
  withDir((dir) => {
    const file = join(dir, 'cache.json');
    const now = new Date('2026-12-05T10:00:00Z');
    writeFileSync(join(dir, 'x.runbook.yaml'), TEXT);
    const a = new LintCache(file, dir, mergeConfig(), now);
    const messages = ['RB001', 'error', 'Owner — é ✓ 😀 \ud800 "quoted" \\', 1, 1, 1, 4, 0, 1, 'dir/ñ.runbook.yaml', 'also — here', 2, 1, 2, 3];
    a.store('x.runbook.yaml', entry({ messages }));
    assert.equal(a.save(), undefined);
    assert.ok(/^[\x20-\x7e]*$/.test(readFileSync(file, 'utf8')), 'ASCII only');
    const b = new LintCache(file, dir, mergeConfig(), now);
    assert.deepEqual(b.lookup({ path: 'x.runbook.yaml', text: TEXT, kind: 'runbook', wholeFile: true })?.messages, messages);
  });
});

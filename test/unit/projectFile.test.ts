import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadProjectFile, loadProjectFileSync, projectFilePath } from '../../server/src/core/projectFile';
import { mergeConfig } from '../../server/src/core/config';

const GOOD = 'staleAfterDays: 90\nfiles:\n  postmortems: ["incidents/**/*.md"]\n';
const BROKEN = 'staleAfterDays: soon\nrules: { RB003: loud }\n';

/** Files in memory, with the reads recorded; `locked` exists but cannot be read. */
function disk(files: Record<string, string>) {
  const reads: string[] = [];
  const read = (p: string): string | undefined => {
    reads.push(p);
    if (p.includes('locked')) throw new Error('EACCES: permission denied');
    return files[p];
  };
  return { reads, read, readAsync: async (p: string) => read(p) };
}

test('where the project file is: the folder joined with .ml-runbooks.yaml, or the path the user gave', () => {
  assert.equal(projectFilePath('/ws'), '/ws/.ml-runbooks.yaml');
  assert.equal(projectFilePath('/ws/'), '/ws/.ml-runbooks.yaml');
  assert.equal(projectFilePath('C:\\ws', { join: (a, b) => `${a}\\${b}` }), 'C:\\ws\\.ml-runbooks.yaml');
  assert.equal(projectFilePath('/ws', { path: '/etc/team.yaml' }), '/etc/team.yaml');
});

test('a file on disk: its layer and no findings; a broken one: ML002 findings, the good parts kept', async () => {
  const d = disk({ '/ws/.ml-runbooks.yaml': GOOD, '/bad/.ml-runbooks.yaml': BROKEN });
  const good = await loadProjectFile('/ws', d.readAsync);
  assert.deepEqual([good.path, good.text, good.findings, good.error], ['/ws/.ml-runbooks.yaml', GOOD, [], undefined]);
  assert.equal(mergeConfig(good.layer).staleAfterDays, 90);
  assert.deepEqual(good.layer.files?.postmortems, ['incidents/**/*.md']);
  const bad = await loadProjectFile('/bad', d.readAsync);
  assert.deepEqual(bad.findings.map((f) => [f.code, BROKEN.slice(f.start, f.end)]).sort(), [['ML002', 'loud'], ['ML002', 'soon']]);
  assert.equal(mergeConfig(bad.layer).staleAfterDays, 180, 'the broken part falls back to the default');
});

test('no file: an empty layer, no findings, no error; an unreadable one: the error, the defaults', async () => {
  const d = disk({});
  assert.deepEqual(await loadProjectFile('/none', d.readAsync), { path: '/none/.ml-runbooks.yaml', layer: {}, findings: [] });
  const locked = await loadProjectFile('/locked', d.readAsync);
  assert.match(String(locked.error), /EACCES/);
  assert.deepEqual([locked.text, locked.layer, locked.findings], [undefined, {}, []]);
  const rejected = await loadProjectFile('/x', () => Promise.reject(new Error('gone')));
  assert.match(String(rejected.error), /gone/, 'a rejected promise is an error too');
});

test('the open document\'s text wins and the disk is not read', async () => {
  const d = disk({ '/ws/.ml-runbooks.yaml': GOOD });
  const open = await loadProjectFile('/ws', d.readAsync, { open: 'staleAfterDays: 30\n' });
  assert.equal(mergeConfig(open.layer).staleAfterDays, 30);
  assert.deepEqual(d.reads, []);
  assert.equal(loadProjectFileSync('/ws', d.read, { open: '' }).text, '', 'an empty open document is a text');
});

test('the synchronous loader (the CLI) and the asynchronous one (server, client) give the same result', async () => {
  for (const folder of ['/ws', '/bad', '/none', '/locked']) {
    const d = disk({ '/ws/.ml-runbooks.yaml': GOOD, '/bad/.ml-runbooks.yaml': BROKEN });
    const a = await loadProjectFile(folder, d.readAsync);
    const s = loadProjectFileSync(folder, d.read);
    assert.deepEqual({ ...s, error: String(s.error) }, { ...a, error: String(a.error) }, folder);
  }
});

test('the server\'s reader shape (exists, then an asynchronous read) fits', async () => {
  const files: Record<string, string> = { '/ws/.ml-runbooks.yaml': GOOD };
  const fs = { exists: (p: string) => p in files, readFile: async (p: string) => files[p]! };
  const p = await loadProjectFile('/ws', (f) => (fs.exists(f) ? fs.readFile(f) : undefined));
  assert.equal(p.text, GOOD);
  assert.equal((await loadProjectFile('/other', (f) => (fs.exists(f) ? fs.readFile(f) : undefined))).text, undefined);
});

// startServer on an in-process connection with injected dependencies (file system, clock, logger):
// internal errors publish an empty list, the workspace scan is bounded and skips node_modules, the
// fix-all source action. The stdio tests cover the built bundle; these cover what only fakes can reach.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createConnection, createProtocolConnection, ProposedFeatures } from 'vscode-languageserver';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startServer, type ServerFs } from '../../server/src/server/server';
import { findRunbookFiles } from '../../server/src/server/workspaceIndex';
import { editsFor } from './lspClient';
import { applyLspEdits } from '../helpers/edits';
import { minimalRunbook } from '../helpers/samples';

/** An in-memory file tree: path → content. Directories are implied by the paths. */
function memoryFs(files: Record<string, string>): ServerFs & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile: async (p) => {
      reads.push(p);
      const t = files[p];
      if (t === undefined) throw new Error(`ENOENT ${p}`);
      return t;
    },
    readDir: async (dir) => {
      const prefix = dir.endsWith('/') ? dir : `${dir}/`;
      const names = new Map<string, boolean>();
      for (const f of Object.keys(files)) {
        if (!f.startsWith(prefix)) continue;
        const rest = f.slice(prefix.length);
        const slash = rest.indexOf('/');
        names.set(slash === -1 ? rest : rest.slice(0, slash), slash !== -1);
      }
      return [...names].map(([name, isDirectory]) => ({ name, isDirectory, isFile: !isDirectory }));
    },
    exists: (p) => p in files,
  };
}

class InProcess {
  readonly client: MessageConnection;
  readonly errors: string[] = [];
  readonly infos: string[] = [];
  readonly publishes: PublishDiagnosticsParams[] = [];
  private waiters: Array<{ match: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  private infoWaiters: Array<{ re: RegExp; resolve: () => void }> = [];
  nowThrows = false;
  private readonly up = new PassThrough();
  private readonly down = new PassThrough();

  constructor(fs: ServerFs) {
    const { up, down } = this;
    const connection = createConnection(
      (logger) => createProtocolConnection(new StreamMessageReader(up), new StreamMessageWriter(down), logger),
      { shutdownReceived: false, initialize: () => undefined, exit: () => undefined },
      ProposedFeatures.all,
    );
    startServer(connection, {
      fs,
      now: () => {
        if (this.nowThrows) throw new Error('clock exploded');
        return new Date('2026-11-25T12:00:00Z');
      },
      logger: {
        info: (m) => {
          this.infos.push(m);
          this.infoWaiters = this.infoWaiters.filter((w) => (w.re.test(m) ? (w.resolve(), false) : true));
        },
        error: (m) => this.errors.push(m),
      },
    });
    connection.listen();
    this.client = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
    this.client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.publishes.push(p);
      this.waiters = this.waiters.filter((w) => (w.match(p) ? (w.resolve(p), false) : true));
    });
    this.client.onRequest('client/registerCapability', () => null);
    this.client.listen();
  }

  async init(root: string): Promise<void> {
    await this.client.sendRequest('initialize', {
      processId: null,
      rootUri: `file://${root}`,
      workspaceFolders: [{ uri: `file://${root}`, name: 'ws' }],
      capabilities: { workspace: { workspaceEdit: { documentChanges: false } } },
    });
    await this.client.sendNotification('initialized', {});
  }

  dispose(): void {
    this.client.dispose();
    this.up.end();
    this.down.end();
  }

  info(re: RegExp): Promise<void> {
    if (this.infos.some((m) => re.test(m))) return Promise.resolve();
    return new Promise((resolve) => this.infoWaiters.push({ re, resolve }));
  }

  diagnostics(uri: string, version: number): Promise<Diagnostic[]> {
    const seen = this.publishes.find((p) => p.uri === uri && p.version === version);
    if (seen) return Promise.resolve(seen.diagnostics);
    return new Promise((resolve) => this.waiters.push({ match: (p) => p.uri === uri && p.version === version, resolve: (p) => resolve(p.diagnostics) }));
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.client.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }
}

/** Opens a minimal runbook defining `name` and resolves with its first diagnostics. */
async function openRunbookNamed(s: InProcess, uri: string, name: string): Promise<Diagnostic[]> {
  await s.open(uri, minimalRunbook(name));
  return s.diagnostics(uri, 1);
}

describe('startServer with injected dependencies', { timeout: 20000 }, () => {
  const root = '/ws';
  const files: Record<string, string> = {
    '/ws/ops/a.runbook.yaml': minimalRunbook('defined-on-disk'),
    '/ws/ops/deep/er/b.runbook.yml': minimalRunbook('deep-name'),
    '/ws/node_modules/pkg/c.runbook.yaml': minimalRunbook('vendored-name'),
    '/ws/.git/d.runbook.yaml': minimalRunbook('git-name'),
    '/ws/.hg/e.runbook.yaml': minimalRunbook('hg-name'),
    '/ws/ops/.svn/f.runbook.yaml': minimalRunbook('svn-name'),
    '/ws/dist/g.runbook.yaml': minimalRunbook('built-name'),
    '/ws/.cache/h.runbook.yaml': minimalRunbook('hidden-name'),
    '/ws/ops/.i.runbook.yaml': minimalRunbook('hidden-file-name'),
    '/ws/notes/readme.md': '# notes',
  };
  const fs = memoryFs(files);
  let s: InProcess;

  before(async () => {
    s = new InProcess(fs);
    await s.init(root);
    await s.info(/Indexed 2 runbook file\(s\)/);
  });
  after(() => s.dispose());

  test('the scan indexes runbooks in sub-folders and never reads the walker\'s skipped folders (node_modules, VCS, dist) or hidden entries', async () => {
    assert.deepEqual(fs.reads.filter((r) => r.endsWith('.yaml') || r.endsWith('.yml')).sort(), ['/ws/ops/a.runbook.yaml', '/ws/ops/deep/er/b.runbook.yml']);
    const ds = await openRunbookNamed(s, 'file:///ws/x.runbook.yaml', 'deep-name');
    assert.deepEqual(ds.map((d) => d.code), ['RB009']);
    assert.equal(ds[0]!.relatedInformation?.[0]?.location.uri, 'file:///ws/ops/deep/er/b.runbook.yml');
    assert.deepEqual(await openRunbookNamed(s, 'file:///ws/y.runbook.yaml', 'vendored-name'), [], 'a name defined only under node_modules is no duplicate');
  });

  test('an internal error publishes an empty list for that version and logs it', async () => {
    const uri = 'file:///ws/err.runbook.yaml';
    await s.open(uri, minimalRunbook('err-one', { title: 'TODO' }));
    assert.deepEqual((await s.diagnostics(uri, 1)).map((d) => d.code), ['RB003']);
    s.nowThrows = true;
    await s.change(uri, 2, minimalRunbook('err-one', { title: 'TODO again' }));
    assert.deepEqual(await s.diagnostics(uri, 2), []);
    assert.ok(s.errors.some((e) => /Validation of file:\/\/\/ws\/err\.runbook\.yaml failed: .*clock exploded/s.test(e)), JSON.stringify(s.errors));
    s.nowThrows = false;
    await s.change(uri, 3, minimalRunbook('err-one', { title: 'TODO' }));
    assert.deepEqual((await s.diagnostics(uri, 3)).map((d) => d.code), ['RB003'], 'recovers on the next version');
  });

  test('fix all: one source action applying every preferred fix, as plain `changes` for this client', async () => {
    const uri = 'file:///ws/fixall.runbook.yaml';
    const text = minimalRunbook('fix-all').replace('kind: Runbook\n', 'kind: Runbook\n# ml-runbooks-disable-next-line RB003\n').replace('surface:\n', '# ml-runbooks-disable-next-line RB010\nsurface:\n');
    await s.open(uri, text);
    const ds = await s.diagnostics(uri, 1);
    assert.deepEqual(ds.map((d) => d.code), ['ML001', 'ML001']);
    const actions = await s.client.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.kind, 'source.fixAll');
    assert.ok(actions[0]!.edit?.changes, 'no documentChanges support → changes');
    assert.equal(applyLspEdits(text, editsFor(actions[0]!.edit!, uri)), minimalRunbook('fix-all'));
  });

  test('findRunbookFiles stops at its bound', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 30; i++) many[`/big/d${i % 3}/f${i}.runbook.yaml`] = '';
    const found = await findRunbookFiles(memoryFs(many), '/big', (a, b) => `${a}/${b}`, 10);
    assert.equal(found.length, 10);
    assert.equal((await findRunbookFiles(memoryFs(many), '/big', (a, b) => `${a}/${b}`)).length, 30);
  });

  test('findRunbookFiles listing every YAML file (alert graph) bounds runbooks and other files apart', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 30; i++) many[`/big/a${i}/manifest.yaml`] = '';
    for (let i = 0; i < 30; i++) many[`/big/z${i}/f.runbook.yaml`] = '';
    const found = await findRunbookFiles(memoryFs(many), '/big', (a, b) => `${a}/${b}`, 10, undefined, (n) => /\.ya?ml$/.test(n));
    assert.equal(found.filter((f) => f.endsWith('.runbook.yaml')).length, 10, 'manifests listed first never crowd the runbooks out');
    assert.equal(found.length, 20);
  });
});

describe('the workspace scan reads the project file\'s runbook globs', { timeout: 20000 }, () => {
  // `ops/latency.yaml` is a runbook only because `files.runbooks` says so: its name is not
  // `*.runbook.yaml` and its `kind` is misspelled, so neither name nor content would make it one.
  const files: Record<string, string> = {
    '/g/.ml-runbooks.yaml': 'files:\n  runbooks:\n    - "ops/**/*.yaml"\n',
    '/g/ops/latency.yaml': minimalRunbook('glob-defined').replace('kind: Runbook', 'kind: Runbok'),
    '/g/other/manifest.yaml': minimalRunbook('not-a-runbook-here').replace('kind: Runbook', 'kind: Runbok'),
  };
  const fs = memoryFs(files);
  let s: InProcess;

  before(async () => {
    s = new InProcess(fs);
    await s.init('/g');
    await s.info(/Indexed 1 runbook file\(s\)/);
  });
  after(() => s.dispose());

  test('a never-opened file matched by files.runbooks defines names for RB009', async () => {
    const ds = await openRunbookNamed(s, 'file:///g/new.runbook.yaml', 'glob-defined');
    assert.deepEqual(ds.map((d) => d.code), ['RB009']);
    assert.equal(ds[0]!.relatedInformation?.[0]?.location.uri, 'file:///g/ops/latency.yaml');
    assert.deepEqual(await openRunbookNamed(s, 'file:///g/other.runbook.yaml', 'not-a-runbook-here'), [], 'a YAML file outside the globs (and not a runbook by content) defines no name');
  });
});

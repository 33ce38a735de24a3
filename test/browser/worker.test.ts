/**
 * The browser host: dist/browser/server.js runs as a classic web worker in headless Chromium and speaks
 * LSP over postMessage; its findings on the examples and every runbook and post-mortem fixture equal the
 * CLI's on the same files (one workspace, copied to a temporary folder). The test plays the client: it
 * answers the server's configuration and file requests from that folder, as the browser extension does
 * through `workspace.fs`. Needs Chromium (CHROMIUM_PATH, default /usr/bin/chromium): `npm run test:vscode`
 * installs it and runs this suite; alone: `node test/run.mjs browser` after `node esbuild.mjs`.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT, parseJson, runCli } from '../cli/helpers';

interface CliFile {
  filePath: string;
  messages: Array<{ ruleId: string; line: number; column: number; endLine: number; endColumn: number; severity: number }>;
}
interface Diag {
  code: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number;
}

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** The workspace as github.dev names it: `vscode-vfs://github/acme/ml-repo`, whose paths are URI paths. */
const VFS_AUTHORITY = 'github';
const VFS_ROOT = '/acme/ml-repo';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let ws: string;
/** Folders the host answers file requests from (the workspaces under test). */
const roots: string[] = [];
let http: Server;
let browser: Browser;
let page: Page;

/** Every file under a folder (relative, `/`-separated). */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

const languageOf = (f: string): string =>
  /\.runbook\.ya?ml$/.test(f) ? 'ml-runbook' : /\.postmortem\.md$/.test(f) ? 'ml-postmortem' : /\.ya?ml$/.test(f) ? 'yaml' : 'markdown';

before(async () => {
  ws = mkdtempSync(join(tmpdir(), 'ml-runbooks-worker-'));
  roots.push(ws);
  cpSync(join(ROOT, 'examples'), join(ws, 'examples'), { recursive: true });
  cpSync(join(ROOT, 'test', 'fixtures', 'runbooks'), join(ws, 'fixtures', 'runbooks'), { recursive: true });
  cpSync(join(ROOT, 'test', 'fixtures', 'postmortems'), join(ws, 'fixtures', 'postmortems'), { recursive: true });
  const script = readFileSync(join(ROOT, 'dist', 'browser', 'server.js'));
  http = createServer((req, res) => {
    if (req.url === '/server.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>worker</title>');
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const port = (http.address() as { port: number }).port;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  page = await browser.newPage();
  page.on('pageerror', (e) => console.error('[page]', e));
  // The host side of the file requests: only files inside the workspace folder (on disk, or the same
  // folder seen as the virtual github.dev repository).
  const onDisk = (p: string): string => {
    const d = p === VFS_ROOT || p.startsWith(`${VFS_ROOT}/`) ? join(ws, p.slice(VFS_ROOT.length)) : p;
    if (!roots.some((r) => !relative(r, d).startsWith('..'))) throw new Error(`${p} is outside the workspace`);
    return d;
  };
  await page.exposeFunction('hostReadFile', (p: string) => readFileSync(onDisk(p), 'utf8'));
  await page.exposeFunction('hostReadDir', (p: string) =>
    readdirSync(onDisk(p), { withFileTypes: true }).map((e) => ({ name: e.name, isDirectory: e.isDirectory(), isFile: e.isFile() })),
  );
  await page.goto(`http://127.0.0.1:${port}/`);
  // A minimal LSP client in the page (plain JavaScript: the test's TypeScript transform would add helpers
  // the page does not have): requests by id, notifications kept, server requests answered.
  await page.addScriptTag({ path: join(ROOT, 'test', 'browser', 'page-client.js') });
  await page.evaluate(() => (window as any).createLsp('file'));
  const rootUri = pathToFileURL(ws).href;
  const init = await page.evaluate(
    ({ rootUri }) => (window as any).lsp.file.request('initialize', { processId: null, rootUri, workspaceFolders: [{ uri: rootUri, name: 'ws' }], capabilities: { workspace: { configuration: true } } }),
    { rootUri },
  );
  assert.equal((init as { result: { serverInfo: { name: string } } }).result.serverInfo.name, 'ml-runbooks');
  const all = filesUnder(ws).map((f) => join(ws, f));
  await page.evaluate((paths) => {
    const lsp = (window as any).lsp.file;
    lsp.notify('initialized', {});
    lsp.notify('mlRunbooks/fs/files', { reset: true, added: paths, removed: [] });
  }, all);
});

after(async () => {
  await browser?.close();
  await new Promise<void>((r) => (http ? http.close(() => r()) : r()));
  if (ws) rmSync(ws, { recursive: true, force: true });
});

test('the worker bundle is a classic script: no require, no Node built-in', () => {
  const text = readFileSync(join(ROOT, 'dist', 'browser', 'server.js'), 'utf8');
  assert.doesNotMatch(text, /\brequire\(["'](node:)?(fs|path|child_process|os|crypto|worker_threads)["']\)/);
  assert.doesNotMatch(text, /^(import|export) /m, 'not an ES module');
});

test('the web worker finds what the CLI finds, file for file, on the examples and every fixture', async () => {
  const cli = parseJson<CliFile[]>(runCli(['lint', '--format', 'json', '--include-hints', '.'], { cwd: ws }));
  const expected = new Map(cli.map((f) => [relative(ws, f.filePath).split(sep).join('/'), f.messages.map((m) => `${m.ruleId}@${m.line}:${m.column}-${m.endLine}:${m.endColumn}/${m.severity}`).sort()]));
  const files = filesUnder(ws).filter((f) => expected.has(f));
  assert.ok(files.length >= 50, `runbooks and post-mortems to compare: ${files.length}`);
  const mismatches: string[] = [];
  let findings = 0;
  for (const f of files) {
    const uri = pathToFileURL(join(ws, f)).href;
    const text = readFileSync(join(ws, f), 'utf8');
    const diags = (await page.evaluate(
      ({ uri, text, languageId }) => {
        const lsp = (window as any).lsp.file;
        lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
        return lsp.diagnosticsOf(uri, 1);
      },
      { uri, text, languageId: languageOf(f) },
    )) as Diag[];
    // The CLI's severities: 2 error, 1 warning, 0 info/hint (listed with --include-hints).
    const sev = (s: number): number => (s === 1 ? 2 : s === 2 ? 1 : 0);
    const got = diags.map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}/${sev(d.severity)}`).sort();
    findings += got.length;
    if (JSON.stringify(got) !== JSON.stringify(expected.get(f))) mismatches.push(`${f}\n  worker: ${got.join(' ')}\n  cli:    ${expected.get(f)!.join(' ')}`);
  }
  assert.deepEqual(mismatches, [], `worker and CLI disagree:\n${mismatches.join('\n')}`);
  assert.ok(findings > 50, `findings compared: ${findings}`);
  assert.deepEqual(await page.evaluate(() => (window as any).lsp.file.errors), [], 'no error in the worker');
});

test('a SQL query is parsed in the worker (the dialect grammars are bundled)', async () => {
  const uri = pathToFileURL(join(ws, 'sql.runbook.yaml')).href;
  const base = readFileSync(join(ws, 'examples', 'drift-alert.runbook.yaml'), 'utf8');
  const text = base.replace(/name: drift-alert/, 'name: sql-in-the-worker').replace(/(diagnostics:\n)/, '$1  - question: Which rows broke?\n    query:\n      language: sql\n      dialect: postgresql\n      text: SELEC id FROM features\n');
  const diags = (await page.evaluate(
    ({ uri, text }) => {
      const lsp = (window as any).lsp.file;
      lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'ml-runbook', version: 1, text } });
      return lsp.diagnosticsOf(uri, 1);
    },
    { uri, text },
  )) as Diag[];
  assert.ok(diags.some((d) => d.code === 'RB004'), JSON.stringify(diags.map((d) => d.code)));
});

test('in a virtual workspace (github.dev) paths stay URIs of its scheme: runbook: targets resolve, RB009 points into the repository', async () => {
  const root = `vscode-vfs://${VFS_AUTHORITY}${VFS_ROOT}`;
  const paths = filesUnder(ws).map((f) => `${VFS_ROOT}/${f}`);
  await page.evaluate(
    async ({ root, paths }) => {
      const lsp = (window as any).createLsp('vfs') ?? (window as any).lsp.vfs;
      await lsp.request('initialize', { processId: null, rootUri: root, workspaceFolders: [{ uri: root, name: 'ml-repo' }], capabilities: { workspace: { configuration: true } } });
      lsp.notify('initialized', {});
      lsp.notify('mlRunbooks/fs/files', { reset: true, added: paths, removed: [] });
    },
    { root, paths },
  );
  // The example post-mortem names its runbook by a relative path: found through the listing, no PM011.
  const pmRel = filesUnder(ws).find((f) => f.startsWith('examples/') && f.endsWith('.postmortem.md'))!;
  const pmUri = `${root}/${pmRel}`;
  const pm = (await page.evaluate(
    ({ uri, text }) => {
      const lsp = (window as any).lsp.vfs;
      lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'ml-postmortem', version: 1, text } });
      return lsp.diagnosticsOf(uri, 1);
    },
    { uri: pmUri, text: readFileSync(join(ws, pmRel), 'utf8') },
  )) as Diag[];
  assert.deepEqual(pm.filter((d) => d.code === 'PM011'), [], 'the runbook: target exists in the virtual workspace');
  // A copy of the drift runbook under another name: RB009 once the workspace scan has read the repository,
  // its related location a vscode-vfs URI of the original file.
  const copyUri = `${root}/copy-of-drift.runbook.yaml`;
  const rb = (await page.evaluate(
    ({ uri, text }) => {
      const lsp = (window as any).lsp.vfs;
      lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'ml-runbook', version: 1, text } });
      return lsp.diagnosticsWith(uri, 'RB009');
    },
    { uri: copyUri, text: readFileSync(join(ws, 'examples', 'drift-alert.runbook.yaml'), 'utf8') },
  )) as Array<Diag & { relatedInformation?: Array<{ location: { uri: string } }> }>;
  const related = rb.filter((d) => d.code === 'RB009').flatMap((d) => d.relatedInformation ?? []).map((r) => r.location.uri);
  assert.ok(related.includes(`${root}/examples/drift-alert.runbook.yaml`), JSON.stringify(related));
  assert.deepEqual(await page.evaluate(() => (window as any).lsp.vfs.errors), []);
});

test('alerting rules ↔ runbooks in the worker: the graph read through the client gives what the CLI gives', async () => {
  // The alert fixture workspace as its own root (its project file sets alerts.runbookUrl).
  const root = mkdtempSync(join(tmpdir(), 'ml-runbooks-worker-alerts-'));
  try {
    cpSync(join(ROOT, 'test', 'fixtures', 'alerts', 'workspace'), root, { recursive: true });
    const cli = parseJson<CliFile[]>(runCli(['lint', '--format', 'json', '--include-hints', '.'], { cwd: root }));
    const key = (m: CliFile['messages'][number]) => `${m.ruleId}@${m.line}:${m.column}-${m.endLine}:${m.endColumn}/${m.severity}`;
    const expected = new Map(cli.map((f) => [relative(root, f.filePath).split(sep).join('/'), f.messages.map(key).sort()]));
    assert.ok([...expected.values()].flat().some((k) => k.startsWith('AL00')), 'the CLI reports alert findings in this workspace');
    const rootUri = pathToFileURL(root).href;
    const all = filesUnder(root).map((f) => join(root, f));
    roots.push(root);
    await page.evaluate(
      async ({ rootUri, all }) => {
        const lsp = (window as any).createLsp('alerts') ?? (window as any).lsp.alerts;
        await lsp.request('initialize', { processId: null, rootUri, workspaceFolders: [{ uri: rootUri, name: 'alerts' }], capabilities: { workspace: { configuration: true } } });
        lsp.notify('initialized', {});
        lsp.notify('mlRunbooks/fs/files', { reset: true, added: all, removed: [] });
        // The graph is complete once the workspace scan has read every rule file and runbook.
        await lsp.logged('Indexed');
      },
      { rootUri, all },
    );
    const mismatches: string[] = [];
    for (const f of filesUnder(root).filter((x) => expected.has(x))) {
      const uri = pathToFileURL(join(root, f)).href;
      const diags = (await page.evaluate(
        ({ uri, text, languageId }) => {
          const lsp = (window as any).lsp.alerts;
          lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
          return lsp.diagnosticsOf(uri, 1);
        },
        { uri, text: readFileSync(join(root, f), 'utf8'), languageId: languageOf(f) },
      )) as Diag[];
      const sev = (s: number): number => (s === 1 ? 2 : s === 2 ? 1 : 0);
      const got = diags.map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}/${sev(d.severity)}`).sort();
      if (JSON.stringify(got) !== JSON.stringify(expected.get(f))) mismatches.push(`${f}\n  worker: ${got.join(' ')}\n  cli:    ${expected.get(f)!.join(' ')}`);
    }
    assert.deepEqual(mismatches, [], `worker and CLI disagree:\n${mismatches.join('\n')}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

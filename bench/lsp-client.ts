/**
 * A minimal LSP client over stdio for the benchmark: spawns a server in its own process group,
 * frames JSON-RPC messages, answers the server's requests (workspace/configuration and the usual
 * registration/progress requests), and lets the caller await the `publishDiagnostics` that answers a
 * given document version. Timestamps are taken when a message is fully read off the pipe.
 */
import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { killGroup, memoryOf, spawnGroup, waitExit } from './procs';

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  severity?: number;
  code?: string | number;
  source?: string;
}

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
  /** performance.now() when the notification was read. */
  at: number;
}

type ConfigAnswer = (section: string | undefined, scopeUri: string | undefined) => unknown;

export interface ServerSpec {
  /** Label in results, e.g. "ml-runbooks". */
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Answer to one `workspace/configuration` item. */
  configuration: ConfigAnswer;
}

interface Waiter {
  uri: string;
  version: number | undefined;
  /** performance.now() of the change the waiter answers; publications read before it are ignored. */
  after: number;
  resolve: (p: PublishedDiagnostics) => void;
}

export class LspClient {
  readonly child: ChildProcess;
  readonly stderr: string[] = [];
  syncKind = 1; // 1 full, 2 incremental (from the server's capabilities)
  serverInfo: { name?: string; version?: string } | undefined;
  private buf: Buffer = Buffer.alloc(0);
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; method: string }>();
  private waiters: Waiter[] = [];
  private exited = false;
  /** All configuration sections the server asked for (for the report). */
  readonly asked = new Set<string>();
  /** Count of publishDiagnostics received per uri. */
  readonly published = new Map<string, number>();

  constructor(readonly spec: ServerSpec) {
    this.child = spawnGroup(spec.command, spec.args, { cwd: spec.cwd, env: { ...process.env, ...spec.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (b: Buffer) => this.onData(b));
    this.child.stderr!.on('data', (b: Buffer) => {
      if (this.stderr.length < 200) this.stderr.push(b.toString('utf8'));
    });
    this.child.stdin!.on('error', () => undefined);
    this.child.once('exit', (code, signal) => {
      this.exited = true;
      const err = new Error(`${spec.name} exited (code ${code}, signal ${signal}) ${this.stderr.join('').slice(-2000)}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  private onData(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    for (;;) {
      const headerEnd = this.buf.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buf.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length:\s*(\d+)/i.exec(header);
      if (!m) throw new Error(`bad LSP header from ${this.spec.name}: ${header}`);
      const len = Number(m[1]);
      if (this.buf.length < headerEnd + 4 + len) return;
      const body = this.buf.subarray(headerEnd + 4, headerEnd + 4 + len).toString('utf8');
      this.buf = this.buf.subarray(headerEnd + 4 + len);
      this.onMessage(JSON.parse(body), performance.now());
    }
  }

  private onMessage(msg: any, at: number): void {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${this.spec.name} ${p.method}: ${msg.error.message}`));
      else p.resolve(msg.result);
      return;
    }
    if (msg.id !== undefined) {
      this.send({ jsonrpc: '2.0', id: msg.id, result: this.answer(msg.method, msg.params) });
      return;
    }
    if (msg.method === 'textDocument/publishDiagnostics') {
      const p: PublishedDiagnostics = { ...msg.params, at };
      this.published.set(p.uri, (this.published.get(p.uri) ?? 0) + 1);
      const i = this.waiters.findIndex((w) => w.uri === p.uri && at >= w.after && (w.version === undefined || p.version === undefined || p.version === w.version));
      if (i >= 0) {
        const [w] = this.waiters.splice(i, 1);
        w!.resolve(p);
      }
    }
  }

  private answer(method: string, params: any): unknown {
    switch (method) {
      case 'workspace/configuration':
        return (params?.items ?? []).map((it: { section?: string; scopeUri?: string }) => {
          this.asked.add(it.section ?? '');
          return this.spec.configuration(it.section, it.scopeUri) ?? null;
        });
      case 'workspace/workspaceFolders':
        return [{ uri: pathToFileURL(this.spec.cwd).href, name: 'bench' }];
      default:
        // client/registerCapability, window/workDoneProgress/create, workspace/diagnostic/refresh, …
        return null;
    }
  }

  private send(msg: object): void {
    if (this.exited) throw new Error(`${this.spec.name} has exited: ${this.stderr.join('').slice(-2000)}`);
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.child.stdin!.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  request<T = unknown>(method: string, params: unknown, timeoutMs = 60_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.spec.name}: ${method} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** initialize + initialized, with the capabilities a VS Code client announces for these features. */
  async initialize(rootPath: string): Promise<void> {
    const rootUri = pathToFileURL(rootPath).href;
    const res = await this.request<any>('initialize', {
      processId: process.pid,
      clientInfo: { name: 'ml-runbooks-bench', version: '1' },
      locale: 'en',
      rootUri,
      rootPath,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true, tagSupport: { valueSet: [1, 2] } },
        },
        window: { workDoneProgress: true },
      },
      initializationOptions: {},
    });
    const sync = res?.capabilities?.textDocumentSync;
    this.syncKind = typeof sync === 'number' ? sync : (sync?.change ?? 1);
    this.serverInfo = res?.serverInfo;
    this.notify('initialized', {});
  }

  /** Resolves with the next publication for `uri` (matching `version` when the server sends versions). */
  waitForDiagnostics(uri: string, version: number | undefined, after: number, timeoutMs = 120_000): Promise<PublishedDiagnostics> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`${this.spec.name}: no diagnostics for ${uri} v${version} within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter = {
        uri,
        version,
        after,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      };
      this.waiters.push(waiter);
    });
  }

  memory() {
    return memoryOf(this.pid);
  }

  /** shutdown + exit (so a --cpu-prof profile gets written), then the group is killed whatever happened. */
  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await this.request('shutdown', null, 5_000);
        this.notify('exit', null);
      } catch {
        /* the group is killed below */
      }
      await waitExit(this.child, 5_000);
    }
    killGroup(this.child, 'SIGKILL');
  }
}

/** An open document on a server: applies one-character edits and measures change → diagnostics. */
export class OpenDocument {
  version = 1;
  constructor(
    readonly client: LspClient,
    readonly uri: string,
    readonly languageId: string,
    public text: string,
  ) {}

  /** didOpen; resolves with the time from sending it to the first diagnostics for the document. */
  async open(timeoutMs?: number): Promise<{ ms: number; diagnostics: Diagnostic[] }> {
    const t0 = performance.now();
    const wait = this.client.waitForDiagnostics(this.uri, this.version, t0, timeoutMs);
    this.client.notify('textDocument/didOpen', { textDocument: { uri: this.uri, languageId: this.languageId, version: this.version, text: this.text } });
    const p = await wait;
    return { ms: p.at - t0, diagnostics: p.diagnostics };
  }

  /** Inserts `ch` at `offset` and resolves with the time from sending didChange to its diagnostics. */
  async insert(offset: number, ch: string, timeoutMs?: number): Promise<{ ms: number; diagnostics: Diagnostic[] }> {
    const before = this.text.slice(0, offset);
    const line = before.split('\n').length - 1;
    const character = offset - (before.lastIndexOf('\n') + 1);
    this.text = before + ch + this.text.slice(offset);
    this.version++;
    const change = this.client.syncKind === 2 ? { range: { start: { line, character }, end: { line, character } }, text: ch } : { text: this.text };
    const t0 = performance.now();
    const wait = this.client.waitForDiagnostics(this.uri, this.version, t0, timeoutMs);
    this.client.notify('textDocument/didChange', { textDocument: { uri: this.uri, version: this.version }, contentChanges: [change] });
    const p = await wait;
    return { ms: p.at - t0, diagnostics: p.diagnostics };
  }

  close(): void {
    this.client.notify('textDocument/didClose', { textDocument: { uri: this.uri } });
  }
}

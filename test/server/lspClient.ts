/**
 * A minimal LSP client for protocol tests: starts the BUILT server (`node dist/server.js --stdio`) in
 * its own process group, speaks JSON-RPC over its stdio, answers `workspace/configuration` from
 * `settings`, and turns notifications into promises (no sleeping anywhere).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import '../helpers/codeCacheDir';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  Diagnostic,
  InitializeResult,
  LogMessageParams,
  PublishDiagnosticsParams,
  ShowMessageParams,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SERVER = join(ROOT, 'dist', 'server.js');

export const fileUri = (p: string): string => pathToFileURL(p).toString();

/** Capabilities of a typical editor client (pull configuration, versioned workspace edits). */
export const CLIENT_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
    workspaceFolders: true,
  },
  textDocument: {
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true, tagSupport: { valueSet: [1, 2] } },
    completion: { completionItem: { snippetSupport: false, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
};

type Waiter<T> = { match: (x: T) => boolean; resolve: (x: T) => void };

export class LspClient {
  readonly child: ChildProcess;
  readonly conn: MessageConnection;
  /** `mlRunbooks` settings returned for every `workspace/configuration` item (per scope URI when a function). */
  settings: Record<string, unknown> | ((scopeUri: string | undefined) => Record<string, unknown>) = {};
  readonly publishes: PublishDiagnosticsParams[] = [];
  readonly shown: ShowMessageParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly configurationRequests: string[] = [];
  readonly stderr: string[] = [];
  private diagWaiters: Array<Waiter<PublishDiagnosticsParams>> = [];
  private logWaiters: Array<Waiter<LogMessageParams>> = [];
  private showWaiters: Array<Waiter<ShowMessageParams>> = [];
  readonly exited: Promise<number | null>;

  constructor() {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`node esbuild.mjs\` (or \`npm test\`) first`);
    this.child = spawn(process.execPath, [SERVER, '--stdio'], { detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((r) => this.child.once('exit', (code) => r(code)));
    this.child.stderr!.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    this.conn = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.publishes.push(p);
      this.diagWaiters = this.diagWaiters.filter((w) => (w.match(p) ? (w.resolve(p), false) : true));
    });
    this.conn.onNotification('window/showMessage', (p: ShowMessageParams) => {
      this.shown.push(p);
      this.showWaiters = this.showWaiters.filter((w) => (w.match(p) ? (w.resolve(p), false) : true));
    });
    this.conn.onNotification('window/logMessage', (p: LogMessageParams) => {
      this.logs.push(p);
      this.logWaiters = this.logWaiters.filter((w) => (w.match(p) ? (w.resolve(p), false) : true));
    });
    this.conn.onNotification('mlRunbooks/configProblem', () => undefined);
    this.conn.onRequest('workspace/configuration', (p: { items: Array<{ scopeUri?: string; section?: string }> }) =>
      p.items.map((it) => {
        this.configurationRequests.push(it.scopeUri ?? '');
        const s = typeof this.settings === 'function' ? this.settings(it.scopeUri) : this.settings;
        return it.section === 'mlRunbooks' ? s : { mlRunbooks: s };
      }),
    );
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('client/unregisterCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.listen();
  }

  /** Starts a server and initializes it with a workspace folder (optional). */
  static async start(
    rootDir?: string,
    capabilities: ClientCapabilities = CLIENT_CAPABILITIES,
    settings: LspClient['settings'] = {},
    initializationOptions?: unknown,
  ): Promise<{ client: LspClient; init: InitializeResult }> {
    const client = new LspClient();
    client.settings = settings;
    const init = await client.conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: rootDir ? fileUri(rootDir) : null,
      workspaceFolders: rootDir ? [{ uri: fileUri(rootDir), name: 'ws' }] : null,
      capabilities,
      initializationOptions,
    });
    await client.conn.sendNotification('initialized', {});
    return { client, init };
  }

  /** The first publication for `uri` with `version` (already received or still to come). */
  diagnostics(uri: string, version: number): Promise<Diagnostic[]> {
    const seen = this.publishes.find((p) => p.uri === uri && p.version === version);
    if (seen) return Promise.resolve(seen.diagnostics);
    return new Promise((resolve) => this.diagWaiters.push({ match: (p) => p.uri === uri && p.version === version, resolve: (p) => resolve(p.diagnostics) }));
  }

  /** The next publication for `uri` after this call (call it before the action that triggers it). */
  nextDiagnostics(uri: string, match: (d: Diagnostic[]) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.diagWaiters.push({ match: (p) => p.uri === uri && match(p.diagnostics), resolve }));
  }

  /** The next log line matching a pattern (already received ones included). */
  log(re: RegExp): Promise<LogMessageParams> {
    const seen = this.logs.find((l) => re.test(l.message));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.logWaiters.push({ match: (l) => re.test(l.message), resolve }));
  }

  /** The next shown message matching a pattern (already received ones included). */
  shownMessage(re: RegExp): Promise<ShowMessageParams> {
    const seen = this.shown.find((l) => re.test(l.message));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.showWaiters.push({ match: (l) => re.test(l.message), resolve }));
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces the whole text (a full-content change, which every server must accept). */
  change(uri: string, version: number, text: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.conn.sendRequest<T>(method, params);
  }

  /** Clean shutdown: `shutdown`, `exit`, wait for the process to end. Returns its exit code. */
  async shutdown(): Promise<number | null> {
    await this.conn.sendRequest('shutdown');
    await this.conn.sendNotification('exit');
    const code = await this.exited;
    this.conn.dispose();
    return code;
  }

  /** Kills the server's process group if it is still running (for `after`). */
  kill(): void {
    this.conn.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null && this.child.pid) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
}

/** The text edits of a workspace edit for one URI (`documentChanges` or `changes`). */
export function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
  const out: TextEdit[] = [];
  for (const dc of edit.documentChanges ?? []) {
    if ('textDocument' in dc && dc.textDocument.uri === uri) out.push(...(dc.edits as TextEdit[]));
  }
  out.push(...(edit.changes?.[uri] ?? []));
  return out;
}

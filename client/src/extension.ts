/**
 * Entry point of the VS Code extension (bundled to dist/extension.js): starts the language server
 * (dist/server.js, over IPC) and registers the preview, burn-rate calculator, surface report and
 * restart commands. Returns an API object for tests and other extensions.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, State, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ConfigProblemNotification, RunbookAlertsRequest } from '../../server/src/protocol';
import { PreviewManager, registerPreviewSerializer, type PreviewResult } from './preview/panel';
import type { PreviewModel } from './preview/html';
import { BurnRateCalculator, type BurnRateArgs, type BurnRateResult } from './burnRate/calculator';
import { SurfaceReportView } from './surfaceReport/command';
import type { SurfaceReport } from '../../server/src/core/postmortem/report';

/** The object `activate` returns (`vscode.extensions.getExtension('ml-runbooks.ml-runbooks').exports`). */
export interface MlRunbooksApi {
  /** The language client (current instance; replaced by a restart). */
  readonly client: LanguageClient;
  /** Resolves when the current client has started (rejects if the server could not start). */
  readonly ready: Promise<void>;
  readonly output: vscode.OutputChannel;
  preview: {
    /** The model last rendered in the preview panel. */
    readonly lastModel: PreviewModel | undefined;
    readonly panel: vscode.WebviewPanel | undefined;
    readonly documentUri: vscode.Uri | undefined;
    /** Fires after each render of the preview. */
    readonly onDidUpdate: vscode.Event<PreviewModel>;
    /** Simulates a message from the webview, e.g. `{ type: 'reveal', line, character, endLine, endCharacter }`. */
    postFromWebview(message: unknown): Promise<void>;
  };
  burnRate: {
    readonly lastResult: BurnRateResult | undefined;
    readonly panel: vscode.WebviewPanel | undefined;
    /** Simulates a button of the result panel: `{ type: 'action', action: 'insert-markdown' | 'insert-slos' | 'copy-prometheus' }`. */
    postFromWebview(message: unknown): Promise<string | undefined>;
  };
  surfaceReport: {
    readonly lastReport: SurfaceReport | undefined;
    readonly panel: vscode.WebviewPanel | undefined;
  };
  /** Restarts the language server (same as the command). */
  restartServer(): Promise<{ state: string }>;
}

const CLIENT_ID = 'mlRunbooks';
const CLIENT_NAME = 'ML Runbooks';

function clientOptions(output: vscode.LogOutputChannel, watchers: vscode.FileSystemWatcher[]): LanguageClientOptions {
  return {
    documentSelector: [
      { scheme: 'file', language: 'ml-runbook' },
      { scheme: 'untitled', language: 'ml-runbook' },
      { scheme: 'file', language: 'ml-postmortem' },
      { scheme: 'untitled', language: 'ml-postmortem' },
      // Content-detected files keep their language; the server decides with detectKind.
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'markdown' },
    ],
    synchronize: {
      fileEvents: watchers,
    },
    outputChannel: output,
    diagnosticCollectionName: 'ml-runbooks',
    // Read when the client (re)starts: in an untrusted workspace the server must not read the project file.
    initializationOptions: () => ({ workspaceTrusted: vscode.workspace.isTrusted }),
  };
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, watchers: vscode.FileSystemWatcher[]): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions(output, watchers));
  client.onNotification(ConfigProblemNotification.type, (p) => {
    // The server already shows the message once; keep a record in the output channel.
    output.appendLine(`[config] ${p.message}`);
  });
  return client;
}

let current: { client: LanguageClient } | undefined;

export function activate(context: vscode.ExtensionContext): MlRunbooksApi {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);

  // The project file, runbooks (other runbooks' names feed RB009) and rule files (any YAML: recognised by
  // content, they feed the alert graph); created once, shared by restarts.
  const watchers = [vscode.workspace.createFileSystemWatcher('**/.ml-runbooks.yaml'), vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}')];
  context.subscriptions.push(...watchers);
  const state = { client: createClient(context, output, watchers), ready: Promise.resolve() };
  current = state;
  const start = (): Promise<void> => {
    // Not awaited by activate: typing never waits for the server.
    const p = state.client.start().catch((e: unknown) => {
      output.appendLine(`[client] the language server could not start: ${String(e)}`);
      throw e;
    });
    p.catch(() => undefined);
    return p;
  };
  state.ready = start();

  let restarting: Promise<{ state: string }> | undefined;
  const restartServer = (): Promise<{ state: string }> => {
    restarting ??= (async () => {
      output.appendLine('[client] restarting the language server');
      try {
        if (state.client.state === State.Running) await state.client.stop();
      } catch (e) {
        output.appendLine(`[client] stop failed: ${String(e)}`);
      }
      await state.client.dispose().catch(() => undefined);
      state.client = createClient(context, output, watchers);
      state.ready = start();
      await state.ready;
      return { state: State[state.client.state] ?? String(state.client.state) };
    })().finally(() => {
      restarting = undefined;
    });
    return restarting;
  };

  const preview = new PreviewManager(context.extensionUri, output, (uri) =>
    state.client.state === State.Running ? state.client.sendRequest(RunbookAlertsRequest.type, { uri }) : Promise.resolve([]),
  );
  const burnRate = new BurnRateCalculator(context.extensionUri, output);
  const report = new SurfaceReportView(context.extensionUri, output);
  const fail = (what: string) => (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    void vscode.window.showErrorMessage(`${what}: ${message}`);
    throw e;
  };

  context.subscriptions.push(
    preview,
    burnRate,
    report,
    registerPreviewSerializer(preview),
    vscode.commands.registerCommand('mlRunbooks.showPreview', (uri?: vscode.Uri): Promise<PreviewResult> => preview.show(uri instanceof vscode.Uri ? uri : undefined, false).catch(fail('Preview'))),
    vscode.commands.registerCommand('mlRunbooks.showPreviewToSide', (uri?: vscode.Uri): Promise<PreviewResult> => preview.show(uri instanceof vscode.Uri ? uri : undefined, true).catch(fail('Preview'))),
    vscode.commands.registerCommand('mlRunbooks.burnRateCalculator', (args?: BurnRateArgs): Promise<BurnRateResult | undefined> => burnRate.run(args).catch(fail('Burn-rate calculator'))),
    vscode.commands.registerCommand('mlRunbooks.surfaceReport', (): Promise<SurfaceReport | undefined> => report.run().catch(fail('Surface report'))),
    vscode.commands.registerCommand('mlRunbooks.restartServer', () => restartServer().catch(fail('Restart language server'))),
    // Trust granted: restart so the server reads the project file (.ml-runbooks.yaml) from now on.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restartServer().catch(() => undefined)),
    { dispose: () => void state.client.dispose().catch(() => undefined) },
  );

  return {
    get client() {
      return state.client;
    },
    get ready() {
      return state.ready;
    },
    output,
    preview: {
      get lastModel() {
        return preview.lastModel;
      },
      get panel() {
        return preview.webviewPanel;
      },
      get documentUri() {
        return preview.documentUri;
      },
      onDidUpdate: preview.onDidUpdate,
      postFromWebview: (m) => preview.handleMessage(m),
    },
    burnRate: {
      get lastResult() {
        return burnRate.lastResult;
      },
      get panel() {
        return burnRate.webviewPanel;
      },
      postFromWebview: (m) => burnRate.onMessage(m),
    },
    surfaceReport: {
      get lastReport() {
        return report.lastReport;
      },
      get panel() {
        return report.webviewPanel;
      },
    },
    restartServer,
  };
}

export async function deactivate(): Promise<void> {
  const c = current?.client;
  current = undefined;
  if (c && c.state === State.Running) await c.stop().catch(() => undefined);
}

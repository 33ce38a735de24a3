/**
 * What the extension does once it runs, whatever the host: starts the language server through the
 * host's client factory and registers the preview, burn-rate calculator, surface report and restart
 * commands. Returns an API object for tests and other extensions. The hosts are thin entries:
 * `extension.ts` (desktop / remote: the server in a Node process over IPC) and `browser/extension.ts`
 * (VS Code for the Web: the server in a web worker). Nothing here may use a Node built-in.
 */
import * as vscode from 'vscode';
import { State, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient';
import { ConfigProblemNotification, RunbookAlertsRequest } from '../../server/src/protocol';
import { PreviewManager, registerPreviewSerializer, type PreviewResult } from './preview/panel';
import type { PreviewModel } from './preview/html';
import { BurnRateCalculator, type BurnRateArgs, type BurnRateResult } from './burnRate/calculator';
import { SurfaceReportView } from './surfaceReport/command';
import type { SurfaceReport } from '../../server/src/core/postmortem/report';
import { explicitServerSettings } from './settings';

/** The object `activate` returns (`vscode.extensions.getExtension('ml-runbooks.ml-runbooks').exports`). */
export interface MlRunbooksApi {
  /** The language client (current instance; replaced by a restart). */
  readonly client: BaseLanguageClient;
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

export const CLIENT_ID = 'mlRunbooks';
export const CLIENT_NAME = 'ML Runbooks';

/** Creates the host's language client (a new one for each start and restart). */
export type ClientFactory = (context: vscode.ExtensionContext, options: LanguageClientOptions) => BaseLanguageClient;

/**
 * The documents the server checks. Desktop: files on disk and untitled editors. The browser (github.dev,
 * vscode.dev, code-server's web worker host) opens documents under other schemes (`vscode-vfs:`,
 * `vscode-remote:`), so its selector names no scheme.
 */
export function documentSelector(schemes: readonly string[] | undefined): LanguageClientOptions['documentSelector'] {
  const any = (language: string) => (schemes ? schemes.map((scheme) => ({ scheme, language })) : [{ language }]);
  return [
    ...any('ml-runbook'),
    ...any('ml-postmortem'),
    // Content-detected files keep their language; the server decides with classifyFile.
    ...(schemes ? [{ scheme: 'file', language: 'yaml' }, { scheme: 'file', language: 'markdown' }] : [{ language: 'yaml' }, { language: 'markdown' }]),
  ];
}

function clientOptions(output: vscode.LogOutputChannel, watchers: vscode.FileSystemWatcher[], selector: LanguageClientOptions['documentSelector']): LanguageClientOptions {
  return {
    documentSelector: selector,
    synchronize: {
      fileEvents: watchers,
    },
    outputChannel: output,
    diagnosticCollectionName: 'ml-runbooks',
    // Read when the client (re)starts: in an untrusted workspace the server must not read the project file.
    initializationOptions: () => ({ workspaceTrusted: vscode.workspace.isTrusted }),
    middleware: {
      workspace: {
        // Only what a user, workspace or folder really set: a default must not override the project file.
        configuration: async (params, token, next) => {
          const answer = await next(params, token);
          if (!Array.isArray(answer)) return answer;
          return params.items.map((item, i) =>
            item.section === 'mlRunbooks' ? explicitServerSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : answer[i],
          );
        },
      },
    },
  };
}

/** What a host gives {@link activateWith}. */
export interface Host {
  createClient: ClientFactory;
  /** The document selector (see {@link documentSelector}). */
  selector: LanguageClientOptions['documentSelector'];
  /** Called with each new client before it starts (the browser host answers the server's file requests). */
  onClient?: (client: BaseLanguageClient, context: vscode.ExtensionContext) => void;
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, watchers: vscode.FileSystemWatcher[], host: Host): BaseLanguageClient {
  const client = host.createClient(context, clientOptions(output, watchers, host.selector));
  host.onClient?.(client, context);
  client.onNotification(ConfigProblemNotification.type, (p) => {
    // The server already shows the message once; keep a record in the output channel.
    output.appendLine(`[config] ${p.message}`);
  });
  return client;
}

let current: { client: BaseLanguageClient } | undefined;

/** Activates the extension with a host's client factory. */
export function activateWith(context: vscode.ExtensionContext, host: Host): MlRunbooksApi {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);

  // The project file and runbooks (other runbooks' names feed RB009); created once, shared by restarts.
  // Every YAML file: rule files are recognised by content, and a change on disk re-reads them into the alert graph.
  const watchers = [vscode.workspace.createFileSystemWatcher('**/.ml-runbooks.yaml'), vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}')];
  context.subscriptions.push(...watchers);
  const state = { client: createClient(context, output, watchers, host), ready: Promise.resolve() };
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
      state.client = createClient(context, output, watchers, host);
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

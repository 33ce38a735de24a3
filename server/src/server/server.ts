/**
 * The language server: the language service (service/) behind an LSP connection. `startServer`
 * creates the service over the host's `deps` (file access, time, the workspace scanner) and wires the
 * pieces, each with one job:
 *
 * - folders.ts — the workspace folders, paths ↔ URIs;
 * - projects.ts — each folder's `.ml-runbooks.yaml`;
 * - settings.ts — the editor's settings per document;
 * - validation.ts — when and how an open document is checked, its diagnostics published;
 * - scan.ts — the files on disk the service knows of (names for RB009, the alert graph);
 * - features.ts — completion, hover, code actions, outline, links, definitions.
 *
 * What stays here is the lifecycle: capabilities, registrations, folder and settings changes, and the
 * document events that drive the pieces. Two hosts call it: main.ts (Node) and browser/main.ts.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME } from '../core/index';
import { createService } from '../service/service';
import type { DirEntry } from './workspaceIndex';
import type { WorkspaceScanner } from './indexProcess';
import { toCorePath } from './convert';
import { WorkspaceFolders } from './folders';
import { ProjectFiles } from './projects';
import { EditorSettings } from './settings';
import { DiagnosticsChannel, Validator } from './validation';
import { SCAN_START_MS, WorkspaceFiles } from './scan';
import { registerFeatures } from './features';
import { VERSION } from '../version';

/** File access the server needs; the real one wraps `node:fs`, the browser's asks the client, tests may pass another. */
export interface ServerFs {
  readFile(path: string): Promise<string>;
  readDir(path: string): Promise<DirEntry[]>;
  /** Whether a regular file exists (synchronous: answered by a stat, or from a listing). */
  exists(path: string): boolean;
}

/** Where log lines go (the real one writes to the connection's console). */
export interface ServerLogger {
  info(message: string): void;
  error(message: string): void;
}

/** What the server is given from outside. */
export interface ServerDeps {
  fs: ServerFs;
  /** "Now" (staleness rules). */
  now: () => Date;
  /** Defaults to the connection's console. */
  logger?: ServerLogger;
  /**
   * Indexes the runbooks on disk (RB009's workspace index). Without it the scan runs on the server's
   * own thread through `fs`; the server bundle passes a scanner that runs it in a child process.
   */
  scan?: WorkspaceScanner;
  /**
   * Called once, when the start-up is over: after the first check whose diagnostics were published, or
   * SCAN_START_MS after `initialized` when none came sooner (the Node host then writes its code cache and
   * limits its heap).
   */
  startupDone?: () => void;
}

/** What `startServer` returns: the document store (tests and embedders inspect it) and a hook for hosts. */
export interface StartedServer {
  documents: TextDocuments<TextDocument>;
  /**
   * The host learned that files were created or deleted outside the editor's watchers (the browser
   * host's listing arrives after initialize): the project files are read again and every open document
   * is checked again.
   */
  filesChanged(): void;
}

/**
 * Starts the server on a connection.
 *
 * @example
 * const connection = createConnection(ProposedFeatures.all);
 * startServer(connection, { fs: nodeFs, now: () => new Date() });
 */
export function startServer(connection: Connection, deps: ServerDeps): StartedServer {
  const documents = new TextDocuments(TextDocument);
  const log: ServerLogger = deps.logger ?? { info: (m) => connection.console.info(m), error: (m) => connection.console.error(m) };
  const folders = new WorkspaceFolders();
  const service = createService({ host: { exists: (p) => deps.fs.exists(p), now: deps.now }, repoPath: (uri) => folders.relative(toCorePath(uri)) });
  const settings = new EditorSettings((uri) => connection.workspace.getConfiguration({ scopeUri: uri, section: 'mlRunbooks' }), (m) => log.error(m));
  const channel = new DiagnosticsChannel(connection);
  const projects = new ProjectFiles(connection, documents, folders, deps.fs, channel.publish, log);
  const validator = new Validator(channel, documents, service, folders, projects, settings, log);
  const files = new WorkspaceFiles(deps, documents, service, folders, projects, validator, log);
  let startupDone = false;
  const started = (): void => {
    files.start();
    if (startupDone) return;
    startupDone = true;
    deps.startupDone?.();
  };
  validator.onChecked = started;

  const client = { dynamicConfig: false, dynamicWatch: false, documentChanges: false, folderEvents: false };
  const reloadAndRecheck = (): void => void projects.reload().then(() => validator.revalidateAll());

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    settings.pull = !!caps.workspace?.configuration;
    client.dynamicConfig = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    client.dynamicWatch = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    client.documentChanges = !!caps.workspace?.workspaceEdit?.documentChanges;
    client.folderEvents = !!caps.workspace?.workspaceFolders;
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? [];
    if (!uris.length && params.rootUri) uris.push(params.rootUri);
    folders.reset(uris, params.rootPath);
    projects.trusted = (params.initializationOptions as { workspaceTrusted?: unknown } | undefined)?.workspaceTrusted !== false;
    if (!projects.trusted) log.info('Untrusted workspace: the project file .ml-runbooks.yaml is not applied.');
    void projects.reload();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [':', ' ', '-'], resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll], resolveProvider: false },
        documentSymbolProvider: { label: 'ML Runbooks' },
        documentLinkProvider: { resolveProvider: false },
        definitionProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'ml-runbooks', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (client.dynamicConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'mlRunbooks' });
    if (client.dynamicWatch) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }, { globPattern: '**/*.{yaml,yml}' }],
      });
    }
    if (client.folderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const r of e.removed) projects.forget(folders.remove(r.uri));
        for (const a of e.added) folders.add(a.uri);
        reloadAndRecheck();
      });
    }
    setTimeout(started, SCAN_START_MS);
  });

  connection.onShutdown(() => {
    channel.stopped = true;
    files.cancel();
  });

  documents.onDidChangeContent((e) => validator.schedule(e.document.uri));
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    validator.closed(e.document);
    settings.forget(uri);
    const folder = folders.folderOfConfig(toCorePath(uri));
    if (folder) void projects.load(folder).then(() => validator.revalidateAll());
    else if (files.mayBeIndexed(uri)) void files.refreshFromDisk(uri).then((changed) => validator.namesChanged(changed));
  });

  connection.onDidChangeConfiguration((params) => {
    settings.changed(params.settings);
    validator.revalidateAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    files.watchedFilesChanged(params).catch((e) => log.error(`Watched-file update failed: ${String(e)}`));
  });

  registerFeatures({
    connection,
    documents,
    service,
    folders,
    results: validator,
    log,
    kindOf: (doc) => validator.kindOf(doc),
    documentChanges: () => client.documentChanges,
  });

  documents.listen(connection);
  // The host's listing arrived after initialize: the project files may have appeared.
  return { documents, filesChanged: reloadAndRecheck };
}

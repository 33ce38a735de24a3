/**
 * The language server: an LSP adapter over the pure core. `startServer(connection, deps)` wires a
 * connection (real, or faked by tests) to the core; all I/O goes through `deps`.
 *
 * How a keystroke becomes diagnostics: `textDocument/didChange` updates the TextDocument, which
 * schedules one validation of that URI with `setImmediate` (a burst of changes collapses into the
 * latest version); the validation pulls the document's settings (cached per URI), merges them over the
 * project file, lints the text with the core, converts offsets to positions, and publishes with the
 * document's version, unless a newer version arrived meanwhile.
 */
import {
  CodeActionKind,
  CompletionItemKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  InsertTextFormat,
  InsertTextMode,
  MessageType,
  ShowMessageNotification,
  MarkupKind,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeAction,
  type CompletionItem,
  type Connection,
  type Diagnostic,
  type DocumentLink,
  type DocumentSymbol,
  type Hover,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import {
  CONFIG_FILE_NAME,
  classifyFile,
  globKind,
  type Classification,
  lint,
  mergeConfig,
  parseConfigText,
  releaseRunbookText,
  type ConfigLayer,
  type FileKind,
  type Finding,
  type LintEnv,
  type ResolvedConfig,
} from '../core/index';
import { runbookNames } from '../core/runbook/names';
import { treeSurgeryEnabled } from '../core/runbook/parse';
import { SOURCE, toCodeActions, toCorePath, toDiagnostics, sameRange, toTextEdits, toWorkspaceEdit, uriForPath, type DiagnosticData } from './convert';
import { settingsToLayer } from './settings';
import { WorkspaceIndex, definitionsIn, scanFolders, RUNBOOK_NAME_RE, YAML_NAME_RE, type DirEntry, type IndexedName } from './workspaceIndex';
import type { WorkspaceScanner } from './indexProcess';
import { completionsFor, hoverFor, linksFor, symbolsFor } from './features';
import { AlertWorkspace, alertLsp, scanForAlerts, type ScannedAlerts } from './alertWorkspace';
import { ConfigProblemNotification, RunbookAlertsRequest } from '../protocol';
import { VERSION } from '../version';

/** File access the server needs; the real one wraps `node:fs`, tests may pass another. */
export interface ServerFs {
  readFile(path: string): Promise<string>;
  readDir(path: string): Promise<DirEntry[]>;
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

/** A cached lint result of one document version (code actions read it). */
interface Result {
  version: number;
  kind: FileKind;
  findings: Finding[];
}

interface ProjectConfig {
  /** Path of the workspace folder. */
  folder: string;
  layer: ConfigLayer;
  /** Findings (ML002) of the current text. */
  findings: Finding[];
  text?: string;
}

/** The workspace scan starts at the latest this long after `initialized` (earlier once a document has been checked). */
const SCAN_START_MS = 500;

/** Names of a runbook read from disk: parsed once, outside the caches kept for the documents being edited. */
const namesOnDisk = (text: string) => runbookNames(text, { cache: false });

const KIND_BY_LANGUAGE: Record<string, FileKind> = { 'ml-runbook': 'runbook', 'ml-postmortem': 'postmortem' };

/**
 * Starts the server on a connection. Returns the document store (tests and embedders may inspect it)
 * and the hook of {@link StartedServer}.
 *
 * @example
 * const connection = createConnection(ProposedFeatures.all);
 * startServer(connection, { fs: nodeFs, now: () => new Date() });
 */
export function startServer(connection: Connection, deps: ServerDeps): StartedServer {
  const documents = new TextDocuments(TextDocument);
  const log: ServerLogger = deps.logger ?? { info: (m) => connection.console.info(m), error: (m) => connection.console.error(m) };
  const results = new Map<string, Result>();
  const pending = new Set<string>();
  const settingsCache = new Map<string, Promise<ConfigLayer>>();
  const projects = new Map<string, ProjectConfig>();
  const reportedBroken = new Set<string>();
  const index = new WorkspaceIndex(runbookNames);
  const alertWs = new AlertWorkspace((uri) => path.relative(folderOf(toCorePath(uri)) ?? '', toCorePath(uri)).split(path.sep).join('/'));
  let folders: string[] = [];
  /** The URI of each workspace folder, by its path: paths become URIs of the folder's scheme (uriForPath). */
  const folderUris = new Map<string, string>();
  let pullConfiguration = false;
  let dynamicConfigRegistration = false;
  let dynamicWatchRegistration = false;
  let documentChanges = false;
  let workspaceFolderEvents = false;
  let pushedSettings: ConfigLayer = {};
  let shuttingDown = false;
  let projectsReady: Promise<void> = Promise.resolve();
  /** In an untrusted workspace (the client says so) the project file is validated but never applied. */
  let trusted = true;

  // ---- helpers ---------------------------------------------------------------------------------

  const folderOf = (file: string): string | undefined => {
    let best: string | undefined;
    for (const f of folders) {
      const rel = path.relative(f, file);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || f.length > best.length)) best = f;
    }
    return best;
  };

  /**
   * What a document is: the core's `classifyFile` with the project file's `files` globs (relative to the
   * document's workspace folder, as the CLI matches them), then the editor's language (`ml-runbook`,
   * `ml-postmortem`: the whole file, whatever its content says). Valid once `projectsReady` resolved.
   */
  const classOf = (doc: TextDocument): Classification | undefined => {
    const file = toCorePath(doc.uri);
    const folder = folderOf(file);
    const files = folder ? projects.get(folder)?.layer.files : undefined;
    const byGlob = folder && files
      ? globKind(path.relative(folder, file).split(path.sep).join('/'), { runbooks: files.runbooks ?? [], postmortems: files.postmortems ?? [], alertRules: files.alertRules ?? [] })
      : undefined;
    const c = classifyFile(file, doc.getText(), byGlob);
    if (c?.kind === 'config') return c;
    const byLanguage = KIND_BY_LANGUAGE[doc.languageId];
    return byLanguage ? { kind: byLanguage, wholeFile: true } : c;
  };
  const kindOf = (doc: TextDocument): FileKind | undefined => classOf(doc)?.kind;

  const settingsFor = (uri: string): Promise<ConfigLayer> => {
    if (!pullConfiguration) return Promise.resolve(pushedSettings);
    let p = settingsCache.get(uri);
    if (!p) {
      p = connection.workspace.getConfiguration({ scopeUri: uri, section: 'mlRunbooks' }).then(
        (raw: unknown) => settingsToLayer(raw),
        (e: unknown) => {
          log.error(`Could not read settings for ${uri}: ${String(e)}`);
          return {};
        },
      );
      settingsCache.set(uri, p);
    }
    return p;
  };

  const configFor = async (uri: string): Promise<ResolvedConfig> => {
    await projectsReady;
    const settings = await settingsFor(uri);
    const folder = folderOf(toCorePath(uri));
    return mergeConfig(folder ? projects.get(folder)?.layer : undefined, settings);
  };

  const envFor = (uri: string, config: ResolvedConfig, runbookFile?: boolean): LintEnv => {
    const file = toCorePath(uri);
    return {
      config,
      runbookFile,
      now: deps.now(),
      fileExists: (p: string) => {
        try {
          return deps.fs.exists(p);
        } catch {
          return false;
        }
      },
      workspaceRoot: folderOf(file) ?? path.dirname(file),
      otherRunbookDefinitions: (name: string) => index.otherDefinitions(name, uri),
      alerts: { findingsFor: () => alertWs.graph.findingsFor(uri) },
    };
  };

  const publish = (uri: string, diagnostics: Diagnostic[], version?: number): void => {
    if (shuttingDown) return;
    void connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
  };

  /**
   * Validates a document soon, off the message loop. The JSON-RPC layer handles one message per
   * event-loop turn, so the check waits, one `setImmediate` at a time, until a turn passes without a
   * new version of the document: changes already queued behind this one are applied first and a
   * burst is validated once, at its latest version. A lone change costs one or two turns, no timer.
   */
  const schedule = (uri: string): void => {
    if (pending.has(uri)) return;
    pending.add(uri);
    // The first turn always yields once: the message handler that called us queued the next message's
    // turn after ours, so only the second look can see whether another change was already waiting.
    let seen: number | undefined = -1;
    const tick = (): void => {
      const now = documents.get(uri)?.version;
      if (now !== undefined && now !== seen) {
        seen = now;
        setImmediate(tick);
        return;
      }
      pending.delete(uri);
      void validate(uri);
    };
    setImmediate(tick);
  };

  const revalidateAll = (filter: (doc: TextDocument) => boolean = () => true): void => {
    for (const doc of documents.all()) if (filter(doc)) schedule(doc.uri);
  };

  /** Revalidates open runbooks when the set of definitions of some names changed. */
  const namesChanged = (changed: Set<string>, except?: string): void => {
    if (!changed.size) return;
    revalidateAll((d) => d.uri !== except && results.get(d.uri)?.kind === 'runbook');
  };
  /** Revalidates the open documents an alert-graph change touched ('all': every runbook and rule file). */
  const alertsChanged = (touched: Set<string> | 'all', except?: string): void =>
    revalidateAll((d) => d.uri !== except && (touched === 'all' ? !!results.get(d.uri)?.kind?.match(/^(runbook|alerts)$/) : touched.has(d.uri)));

  // ---- project configuration file ----------------------------------------------------------------

  const configUriOf = (folder: string): string => uriForPath(path.join(folder, CONFIG_FILE_NAME), folderUris.get(folder));

  /** (Re)reads a folder's `.ml-runbooks.yaml` (the open document's text when it is open). */
  const loadProject = async (folder: string): Promise<void> => {
    if (!trusted) return;
    const uri = configUriOf(folder);
    const open = documents.get(uri);
    let text: string | undefined;
    if (open) text = open.getText();
    else {
      const file = path.join(folder, CONFIG_FILE_NAME);
      try {
        text = deps.fs.exists(file) ? await deps.fs.readFile(file) : undefined;
      } catch (e) {
        log.error(`Could not read ${file}: ${String(e)}`);
      }
    }
    if (text === undefined) {
      const had = projects.get(folder);
      projects.delete(folder);
      reportedBroken.delete(folder);
      if (had?.findings.length) publish(uri, []);
      return;
    }
    const parsed = parseConfigText(text);
    projects.set(folder, { folder, layer: parsed.layer, findings: parsed.findings, text });
    if (!open) {
      const tmp = TextDocument.create(uri, 'yaml', 0, text);
      publish(uri, toDiagnostics(tmp, parsed.findings));
    }
    // Reported once: when the file turns broken (not again while it stays broken, e.g. as you type in it).
    if (parsed.findings.length && !reportedBroken.has(folder)) {
      reportedBroken.add(folder);
      const first = parsed.findings[0]!;
      const rel = path.join(path.basename(folder), CONFIG_FILE_NAME);
      const message = `ml-runbooks: ${rel} has ${parsed.findings.length} problem${parsed.findings.length === 1 ? '' : 's'} (${first.message}); the defaults apply to the invalid parts.`;
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
      void connection.sendNotification(ConfigProblemNotification.type, { uri, message, problems: parsed.findings.length });
      log.error(message);
    }
    if (!parsed.findings.length) reportedBroken.delete(folder);
  };

  const reloadProjects = async (only?: string): Promise<void> => {
    const list = only ? [only] : folders;
    await Promise.all(list.map((f) => loadProject(f)));
  };

  // ---- validation --------------------------------------------------------------------------------

  const validate = async (uri: string): Promise<void> => {
    const doc = documents.get(uri);
    if (!doc || shuttingDown) return;
    const version = doc.version;
    try {
      await projectsReady; // the project file's globs take part in deciding what the document is
      if (documents.get(uri)?.version !== version) return;
      const cls = classOf(doc);
      const kind = cls?.kind;
      const text = doc.getText();
      if (kind === 'config') {
        const file = toCorePath(uri);
        const folder = folders.find((f) => path.join(f, CONFIG_FILE_NAME) === file);
        if (folder) {
          await loadProject(folder);
          revalidateAll((d) => d.uri !== uri);
        }
        if (documents.get(uri)?.version !== version) return;
        const loaded = folder ? projects.get(folder) : undefined;
        const findings = loaded && loaded.text === text ? loaded.findings : parseConfigText(text).findings;
        results.set(uri, { version, kind, findings });
        publish(uri, toDiagnostics(doc, findings), version);
        return;
      }
      if (kind === 'runbook') namesChanged(index.update(uri, text), uri);
      else if (index.has(uri)) namesChanged(index.remove(uri), uri);
      if (kind !== 'runbook' && kind !== 'alerts') alertsChanged(alertWs.remove(uri), uri);
      if (!kind) {
        results.delete(uri);
        publish(uri, [], version);
        return;
      }
      const config = await configFor(uri);
      if (documents.get(uri)?.version !== version) return; // superseded while waiting for settings
      if (alertWs.setTemplate(config.alerts.runbookUrl)) alertsChanged('all', uri);
      if (kind === 'runbook' || kind === 'alerts') alertsChanged(alertWs.update(uri, kind, text), uri);
      const { findings } = lint(toCorePath(uri), text, envFor(uri, config, cls?.wholeFile), kind);
      if (documents.get(uri)?.version !== version) return;
      results.set(uri, { version, kind, findings });
      publish(uri, toDiagnostics(doc, findings), version);
      startScan();
    } catch (e) {
      log.error(`Validation of ${uri} failed: ${(e as Error)?.stack ?? String(e)}`);
      results.delete(uri);
      if (documents.get(uri)?.version === version) publish(uri, [], version);
    }
  };

  /** The lint result of the document's current version (re-linted when the cached one is stale). */
  const currentResult = async (doc: TextDocument): Promise<Result | undefined> => {
    const cached = results.get(doc.uri);
    if (cached && cached.version === doc.version) return cached;
    const version = doc.version;
    await projectsReady;
    const cls = classOf(doc);
    const kind = cls?.kind;
    if (!kind || doc.version !== version) return undefined;
    if (kind === 'config') return { version, kind, findings: parseConfigText(doc.getText()).findings };
    const config = await configFor(doc.uri);
    if (doc.version !== version) return undefined;
    const { findings } = lint(toCorePath(doc.uri), doc.getText(), envFor(doc.uri, config, cls.wholeFile), kind);
    const r = { version, kind, findings };
    results.set(doc.uri, r);
    return r;
  };

  // ---- workspace index ---------------------------------------------------------------------------

  let scanCancelled = false;
  let scanStarted = false;
  /**
   * Starts the workspace scan once: after the first diagnostics are out (the documents open at start-up
   * are checked before the scan takes any CPU), or SCAN_START_MS after `initialized` when none is open.
   */
  const startScan = (): void => {
    if (scanStarted || shuttingDown) return;
    scanStarted = true;
    // Idle after the first diagnostics: check the parse's tree surgery now rather than on the first keystroke.
    treeSurgeryEnabled();
    void scanWorkspace().catch((e) => log.error(`Workspace scan failed: ${String(e)}`));
  };
  const scanWorkspace = async (): Promise<void> => {
    const t0 = Date.now();
    const onFile = (file: string, defs: IndexedName[], alerts?: ScannedAlerts) => {
      const folder = folderOf(file);
      const uri = uriForPath(file, folder ? folderUris.get(folder) : undefined);
      if (documents.get(uri)) return; // an open document's text wins
      index.set(uri, defs);
      alertWs.setScanned(uri, alerts);
    };
    const isCancelled = () => scanCancelled;
    const files = deps.scan ? await deps.scan(folders, onFile, isCancelled) : await scanFolders(deps.fs, folders, path.join, namesOnDisk, onFile, isCancelled, scanForAlerts);
    if (scanCancelled) return;
    log.info(`Indexed ${files} runbook file(s) in ${Date.now() - t0} ms.`);
    revalidateAll((d) => results.get(d.uri)?.kind === 'runbook' || kindOf(d) === 'runbook' || kindOf(d) === 'alerts');
  };

  /** Re-reads a runbook file from disk into the index, unless it is open (then its text wins). */
  const refreshFromDisk = async (uri: string): Promise<Set<string>> => {
    const file = toCorePath(uri);
    let text: string | undefined;
    try {
      text = deps.fs.exists(file) ? await deps.fs.readFile(file) : undefined;
    } catch {
      text = undefined;
    }
    if (documents.get(uri)) return new Set();
    alertsChanged(alertWs.setScanned(uri, text === undefined ? undefined : scanForAlerts(file, text)));
    return text === undefined || !RUNBOOK_NAME_RE.test(file) ? index.remove(uri) : index.set(uri, definitionsIn(text, namesOnDisk));
  };

  // ---- lifecycle ---------------------------------------------------------------------------------

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    pullConfiguration = !!caps.workspace?.configuration;
    dynamicConfigRegistration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    dynamicWatchRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    documentChanges = !!caps.workspace?.workspaceEdit?.documentChanges;
    workspaceFolderEvents = !!caps.workspace?.workspaceFolders;
    const wsUris = params.workspaceFolders?.map((f) => f.uri) ?? [];
    if (!wsUris.length && params.rootUri) wsUris.push(params.rootUri);
    for (const u of wsUris) folderUris.set(toCorePath(u), u);
    folders = wsUris.map(toCorePath);
    if (!folders.length && params.rootPath) folders.push(params.rootPath);
    trusted = (params.initializationOptions as { workspaceTrusted?: unknown } | undefined)?.workspaceTrusted !== false;
    if (!trusted) log.info('Untrusted workspace: the project file .ml-runbooks.yaml is not applied.');
    projectsReady = reloadProjects();
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
    if (dynamicConfigRegistration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'mlRunbooks' });
    if (dynamicWatchRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }, { globPattern: '**/*.{yaml,yml}' }],
      });
    }
    if (workspaceFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const r of e.removed) {
          const f = toCorePath(r.uri);
          folders = folders.filter((x) => x !== f);
          folderUris.delete(f);
          projects.delete(f);
        }
        for (const a of e.added) {
          folders.push(toCorePath(a.uri));
          folderUris.set(toCorePath(a.uri), a.uri);
        }
        projectsReady = reloadProjects();
        void projectsReady.then(() => revalidateAll());
      });
    }
    setTimeout(startScan, SCAN_START_MS);
  });

  connection.onShutdown(() => {
    shuttingDown = true;
    scanCancelled = true;
  });

  // ---- documents ---------------------------------------------------------------------------------

  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    // A closed runbook's parse trees (kept to re-use between keystrokes) are let go.
    if (results.get(uri)?.kind === 'runbook') releaseRunbookText(e.document.getText());
    results.delete(uri);
    publish(uri, []);
    settingsCache.delete(uri);
    const file = toCorePath(uri);
    const folder = folders.find((f) => path.join(f, CONFIG_FILE_NAME) === file);
    if (folder) {
      void loadProject(folder).then(() => revalidateAll());
      return;
    }
    if (index.has(uri) || RUNBOOK_NAME_RE.test(file) || alertWs.graph.isRuleFile(uri)) {
      void refreshFromDisk(uri).then((changed) => namesChanged(changed));
    }
  });

  connection.onDidChangeConfiguration((params) => {
    settingsCache.clear();
    if (!pullConfiguration) {
      const s = (params.settings as { mlRunbooks?: unknown } | undefined)?.mlRunbooks;
      pushedSettings = settingsToLayer(s);
    }
    revalidateAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    void (async () => {
      let configChanged = false;
      const changed = new Set<string>();
      for (const c of params.changes) {
        const file = toCorePath(c.uri);
        if (path.basename(file) === CONFIG_FILE_NAME) {
          const folder = folders.find((f) => path.join(f, CONFIG_FILE_NAME) === file);
          if (folder && !documents.get(configUriOf(folder))) {
            await loadProject(folder);
            configChanged = true;
          }
          continue;
        }
        if (!YAML_NAME_RE.test(file) || documents.get(c.uri)) continue; // runbooks, and rule files (by content)
        if (c.type === FileChangeType.Deleted) alertsChanged(alertWs.remove(c.uri));
        const names = c.type === FileChangeType.Deleted ? index.remove(c.uri) : await refreshFromDisk(c.uri);
        names.forEach((n) => changed.add(n));
      }
      if (configChanged) revalidateAll();
      else namesChanged(changed);
    })().catch((e) => log.error(`Watched-file update failed: ${String(e)}`));
  });

  // ---- language features -------------------------------------------------------------------------

  /**
   * Runs a language feature on an open document of a known kind. `fallback` answers for an unknown
   * document or kind, and when the feature throws (the error is logged).
   */
  const onKnownDocument = <T>(uri: string, feature: string, fallback: T, run: (doc: TextDocument, kind: FileKind) => T): T => {
    const doc = documents.get(uri);
    if (!doc) return fallback;
    const kind = kindOf(doc);
    if (!kind) return fallback;
    try {
      return run(doc, kind);
    } catch (e) {
      log.error(`${feature} failed: ${String(e)}`);
      return fallback;
    }
  };

  connection.onCompletion(
    (params): CompletionItem[] =>
      onKnownDocument(params.textDocument.uri, 'Completion', [], (doc, kind) =>
        completionsFor(kind, doc.getText(), doc.offsetAt(params.position)).map((c) => ({
          label: c.label,
          kind: c.kind === 'property' ? CompletionItemKind.Property : CompletionItemKind.EnumMember,
          detail: c.detail,
          documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
          sortText: c.sortText,
          filterText: c.label,
          insertTextFormat: InsertTextFormat.PlainText,
          insertTextMode: InsertTextMode.adjustIndentation,
          textEdit: { range: { start: doc.positionAt(c.start), end: doc.positionAt(c.end) }, newText: c.insertText },
          ...(c.kind === 'property' && c.insertText.endsWith('\n  ') ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}),
        })),
      ),
  );

  connection.onHover(
    (params): Hover | null =>
      onKnownDocument(params.textDocument.uri, 'Hover', null, (doc, kind) => {
        if (kind === 'alerts') return alertLsp.hover(alertWs, doc, params.position);
        const h = hoverFor(kind, doc.getText(), doc.offsetAt(params.position));
        if (!h) return null;
        return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: { start: doc.positionAt(h.start), end: doc.positionAt(h.end) } };
      }),
  );

  connection.onCodeAction(async (params): Promise<CodeAction[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const result = await currentResult(doc);
    if (!result) return [];
    const only = params.context.only;
    const wants = (k: string): boolean => !only || only.some((o) => k === o || k.startsWith(`${o}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      for (const d of params.context.diagnostics) {
        if (d.source !== SOURCE) continue;
        const data = d.data as DiagnosticData | undefined;
        let f: Finding | undefined;
        if (data && data.version === result.version) f = result.findings[data.index];
        if (!f || f.code !== d.code) {
          // Stale or missing data: find the finding of the current version by code and range.
          f = result.findings.find((x) => x.code === d.code && sameRange({ start: doc.positionAt(x.start), end: doc.positionAt(x.end) }, d.range));
        }
        if (f?.fixes?.length) actions.push(...toCodeActions(doc, f, d, documentChanges));
      }
    }
    if (wants(CodeActionKind.SourceFixAll) || (only && only.includes(CodeActionKind.Source))) {
      const edits: Array<{ start: number; end: number; newText: string }> = [];
      const fixable = result.findings.filter((f) => f.fixes?.some((x) => x.isPreferred));
      for (const f of fixable) {
        const fix = f.fixes!.find((x) => x.isPreferred)!;
        const overlaps = (e: { start: number; end: number }, o: { start: number; end: number }): boolean => (e.start < o.end && o.start < e.end) || e.start === o.start;
        if (fix.edits.some((e) => edits.some((o) => overlaps(e, o)))) continue;
        edits.push(...fix.edits);
      }
      if (edits.length) {
        const lsp = toTextEdits(doc, { title: '', edits: edits.sort((a, b) => a.start - b.start) });
        actions.push({ title: 'Fix all auto-fixable problems', kind: CodeActionKind.SourceFixAll, edit: toWorkspaceEdit(doc, lsp, documentChanges) });
      }
    }
    return actions;
  });

  connection.onDocumentSymbol((params): DocumentSymbol[] => onKnownDocument(params.textDocument.uri, 'Outline', [], (doc, kind) => symbolsFor(kind, doc)));

  connection.onDocumentLinks(
    (params): DocumentLink[] =>
      onKnownDocument(params.textDocument.uri, 'Document links', [], (doc, kind) => {
        if (kind === 'alerts') return alertLsp.links(alertWs, doc);
        const file = toCorePath(doc.uri);
        return linksFor(kind, doc, folderOf(file) ?? path.dirname(file), (p) => deps.fs.exists(p));
      }),
  );

  connection.onDefinition((p) => onKnownDocument(p.textDocument.uri, 'Definition', [], (doc) => alertLsp.definition(alertWs, doc, p.position)));
  connection.onRequest(RunbookAlertsRequest.type, (p) => alertWs.linkingAlerts(p.uri));

  documents.listen(connection);
  return {
    documents,
    filesChanged: () => {
      // The project files may have appeared (a host that learns which files exist after initialize).
      projectsReady = reloadProjects();
      void projectsReady.then(() => revalidateAll());
    },
  };
}

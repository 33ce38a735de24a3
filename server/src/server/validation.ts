/**
 * Validation of open documents: when to check a document (scheduling), checking it with the service,
 * publishing its diagnostics, and which other open documents to check again when a check changed the
 * workspace's names (RB009) or alert graph (spec §8).
 *
 * How a keystroke becomes diagnostics: `textDocument/didChange` updates the TextDocument, which
 * schedules one validation of that URI with `setImmediate` (a burst of changes collapses into the
 * latest version); the validation waits for the project files, pulls the document's settings (cached
 * per URI), merges them over the project file, checks the text with the service, converts offsets to
 * positions, and publishes with the document's version, unless a newer version arrived meanwhile.
 */
import * as path from 'node:path';
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { mergeConfig, type Classification, type FileKind, type Finding, type ResolvedConfig } from '../core/index';
import type { LanguageService } from '../service/service';
import { toCorePath, toDiagnostics } from './convert';
import type { WorkspaceFolders } from './folders';
import type { ProjectFiles } from './projects';
import type { EditorSettings } from './settings';
import type { ServerLogger } from './server';

/** Sends a document's diagnostics (with its version when known). */
export type Publisher = (uri: string, diagnostics: Diagnostic[], version?: number) => void;

/** The diagnostics sent to the client, until the server shuts down (then nothing is checked or sent). */
export class DiagnosticsChannel {
  stopped = false;

  constructor(private readonly connection: Connection) {}

  readonly publish: Publisher = (uri, diagnostics, version) => {
    if (this.stopped) return;
    void this.connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
  };
}

/** A check's result for one document version (code actions read it). */
export interface Result {
  version: number;
  kind: FileKind;
  findings: Finding[];
}

/** The results of the open documents, as the feature handlers read them. */
export interface DocumentResults {
  /** The result of the document's current version (checked now when the kept one is stale). */
  current(doc: TextDocument): Promise<Result | undefined>;
}

const ALERT_KINDS = new Set<FileKind | undefined>(['runbook', 'alerts']);

export class Validator implements DocumentResults {
  private readonly results = new Map<string, Result>();
  private readonly pending = new Set<string>();
  /** Called after each successful check (the server starts its workspace scan after the first). */
  onChecked: () => void = () => {};

  constructor(
    private readonly channel: DiagnosticsChannel,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly service: LanguageService,
    private readonly folders: WorkspaceFolders,
    private readonly projects: ProjectFiles,
    private readonly settings: EditorSettings,
    private readonly log: ServerLogger,
  ) {}

  private get publish(): Publisher {
    return this.channel.publish;
  }

  /**
   * What a document is: the service's classification with the project file's `files` globs, then the
   * editor's language (`ml-runbook`, `ml-postmortem`). Valid once the project files are ready.
   */
  classOf(doc: TextDocument): Classification | undefined {
    const file = toCorePath(doc.uri);
    return this.service.classify(file, doc.getText(), this.projects.globKindOf(file), doc.languageId);
  }

  kindOf(doc: TextDocument): FileKind | undefined {
    return this.classOf(doc)?.kind;
  }

  /** The kind the last check of a document found. */
  checkedKind(uri: string): FileKind | undefined {
    return this.results.get(uri)?.kind;
  }

  private async configFor(uri: string): Promise<ResolvedConfig> {
    await this.projects.ready;
    const settings = await this.settings.for(uri);
    return mergeConfig(this.projects.layerOf(this.folders.folderOf(toCorePath(uri))), settings);
  }

  /**
   * Checks a document soon, off the message loop. The JSON-RPC layer handles one message per
   * event-loop turn, so the check waits, one `setImmediate` at a time, until a turn passes without a
   * new version of the document: changes already queued behind this one are applied first and a
   * burst is checked once, at its latest version. A lone change costs one or two turns, no timer.
   */
  schedule(uri: string): void {
    if (this.pending.has(uri)) return;
    this.pending.add(uri);
    // The first turn always yields once: the message handler that called us queued the next message's
    // turn after ours, so only the second look can see whether another change was already waiting.
    let seen: number | undefined = -1;
    const tick = (): void => {
      const now = this.documents.get(uri)?.version;
      if (now !== undefined && now !== seen) {
        seen = now;
        setImmediate(tick);
        return;
      }
      this.pending.delete(uri);
      void this.validate(uri);
    };
    setImmediate(tick);
  }

  /** Schedules every open document (that `filter` accepts). */
  revalidateAll(filter: (doc: TextDocument) => boolean = () => true): void {
    for (const doc of this.documents.all()) if (filter(doc)) this.schedule(doc.uri);
  }

  /** Re-checks open runbooks when the set of definitions of some names changed. */
  namesChanged(changed: Set<string>, except?: string): void {
    if (!changed.size) return;
    this.revalidateAll((d) => d.uri !== except && this.results.get(d.uri)?.kind === 'runbook');
  }

  /** Re-checks the open documents an alert-graph change touched ('all': every runbook and rule file). */
  alertsChanged(touched: Set<string> | 'all', except?: string): void {
    if (touched !== 'all' && !touched.size) return;
    this.revalidateAll((d) => d.uri !== except && (touched === 'all' ? ALERT_KINDS.has(this.results.get(d.uri)?.kind) : touched.has(d.uri)));
  }

  private async validate(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc || this.channel.stopped) return;
    const version = doc.version;
    const superseded = () => this.documents.get(uri)?.version !== version;
    try {
      await this.projects.ready; // the project file's globs take part in deciding what the document is
      if (superseded()) return;
      const cls = this.classOf(doc);
      const kind = cls?.kind;
      const text = doc.getText();
      if (kind === 'config') return await this.validateProjectFile(doc, version);
      const { index, alerts } = this.service;
      if (kind === 'runbook') this.namesChanged(this.service.indexRunbook(uri, text), uri);
      else if (index.has(uri)) this.namesChanged(index.remove(uri), uri);
      if (!ALERT_KINDS.has(kind)) this.alertsChanged(alerts.remove(uri), uri);
      if (!kind) {
        this.results.delete(uri);
        this.publish(uri, [], version);
        return;
      }
      const config = await this.configFor(uri);
      if (superseded()) return; // while waiting for settings
      if (alerts.setTemplate(config.alerts.runbookUrl)) this.alertsChanged('all', uri);
      if (kind === 'runbook' || kind === 'alerts') this.alertsChanged(alerts.update(uri, kind, text, cls?.wholeFile), uri);
      const findings = this.check(doc, kind, cls?.wholeFile, config);
      if (superseded()) return;
      this.results.set(uri, { version, kind, findings });
      this.publish(uri, toDiagnostics(doc, findings), version);
      this.onChecked();
    } catch (e) {
      this.log.error(`Validation of ${uri} failed: ${(e as Error)?.stack ?? String(e)}`);
      this.results.delete(uri);
      if (!superseded()) this.publish(uri, [], version);
    }
  }

  /** An open project file: read it into the configuration, check every other document again. */
  private async validateProjectFile(doc: TextDocument, version: number): Promise<void> {
    const folder = this.folders.folderOfConfig(toCorePath(doc.uri));
    if (folder) {
      await this.projects.load(folder);
      this.revalidateAll((d) => d.uri !== doc.uri);
    }
    if (this.documents.get(doc.uri)?.version !== version) return;
    const findings = this.projects.findingsOf(folder, doc.getText());
    this.results.set(doc.uri, { version, kind: 'config', findings });
    this.publish(doc.uri, toDiagnostics(doc, findings), version);
  }

  private check(doc: TextDocument, kind: FileKind, wholeFile: boolean | undefined, config: ResolvedConfig): Finding[] {
    const file = toCorePath(doc.uri);
    const root = this.folders.folderOf(file) ?? path.dirname(file);
    return this.service.diagnose(file, doc.getText(), { kind, wholeFile, config, root, key: doc.uri });
  }

  async current(doc: TextDocument): Promise<Result | undefined> {
    const cached = this.results.get(doc.uri);
    if (cached && cached.version === doc.version) return cached;
    const version = doc.version;
    await this.projects.ready;
    const cls = this.classOf(doc);
    const kind = cls?.kind;
    if (!kind || doc.version !== version) return undefined;
    if (kind === 'config') return { version, kind, findings: this.projects.findingsOf(this.folders.folderOfConfig(toCorePath(doc.uri)), doc.getText()) };
    const config = await this.configFor(doc.uri);
    if (doc.version !== version) return undefined;
    const r = { version, kind, findings: this.check(doc, kind, cls.wholeFile, config) };
    this.results.set(doc.uri, r);
    return r;
  }

  /** A document was closed: its result and diagnostics go, and what the service kept of its text. */
  closed(doc: TextDocument): void {
    if (this.results.get(doc.uri)?.kind === 'runbook') this.service.release(doc.getText());
    this.results.delete(doc.uri);
    this.publish(doc.uri, []);
  }
}

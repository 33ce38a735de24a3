/**
 * The files on disk the service knows of without their being open: the runbooks whose names RB009
 * compares and the runbooks and rule files of the alert graph. A background scan of the workspace
 * folders fills the service's index and graph once; watched-file events and closed documents keep
 * them current (an open document's text always wins over the disk).
 */
import * as path from 'node:path';
import { FileChangeType, type DidChangeWatchedFilesParams, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME, isRunbookFileName } from '../core/index';
import { treeSurgeryEnabled } from '../core/runbook/parse';
import type { LanguageService } from '../service/service';
import { scanFile, type ScannedAlerts } from '../service/alertWorkspace';
import type { IndexedName } from '../service/workspaceIndex';
import { scanFolders, YAML_NAME_RE, type ScanFolder } from './workspaceIndex';
import { toCorePath } from './convert';
import type { WorkspaceFolders } from './folders';
import type { ProjectFiles } from './projects';
import type { Validator } from './validation';
import type { ServerDeps, ServerLogger } from './server';

/** The scan starts at the latest this long after `initialized` (earlier once a document has been checked). */
export const SCAN_START_MS = 500;

export class WorkspaceFiles {
  private started = false;
  private cancelled = false;

  constructor(
    private readonly deps: ServerDeps,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly service: LanguageService,
    private readonly folders: WorkspaceFolders,
    private readonly projects: ProjectFiles,
    private readonly validator: Validator,
    private readonly log: ServerLogger,
  ) {}

  /** What to scan: each folder with its `files.runbooks` globs (runbooks that are not named `*.runbook.yaml`). */
  private scanFolders(): ScanFolder[] {
    return this.folders.list.map((f) => ({ path: f, runbooks: [...(this.projects.layerOf(f)?.files?.runbooks ?? [])] }));
  }

  /**
   * Starts the scan once: after the first diagnostics are out (the documents open at start-up are
   * checked before the scan takes any CPU), or SCAN_START_MS after `initialized` when none is open.
   */
  start(): void {
    if (this.started || this.cancelled) return;
    this.started = true;
    // Idle after the first diagnostics (one turn later: their write to the client goes first): check the
    // parse's tree surgery now rather than on the first keystroke, then scan.
    setImmediate(() => {
      treeSurgeryEnabled();
      void this.scan().catch((e) => this.log.error(`Workspace scan failed: ${String(e)}`));
    });
  }

  /** Shutdown: a scan in progress stops at its next file. */
  cancel(): void {
    this.cancelled = true;
  }

  private async scan(): Promise<void> {
    const t0 = Date.now();
    await this.projects.ready; // the globs of the project files say which files are runbooks
    const onFile = (file: string, defs: IndexedName[], alerts?: ScannedAlerts) => {
      const uri = this.folders.uriOf(file);
      if (this.documents.get(uri)) return; // an open document's text wins
      this.service.index.set(uri, defs);
      this.service.alerts.setScanned(uri, alerts);
    };
    const isCancelled = () => this.cancelled;
    const folders = this.scanFolders();
    const files = this.deps.scan ? await this.deps.scan(folders, onFile, isCancelled) : await scanFolders(this.deps.fs, folders, path.join, onFile, isCancelled);
    if (this.cancelled) return;
    this.log.info(`Indexed ${files} runbook file(s) in ${Date.now() - t0} ms.`);
    const v = this.validator;
    v.revalidateAll((d) => v.checkedKind(d.uri) === 'runbook' || v.kindOf(d) === 'runbook' || v.kindOf(d) === 'alerts');
  }

  /** Re-reads a file from disk into the index and the graph, unless it is open (then its text wins). */
  async refreshFromDisk(uri: string): Promise<Set<string>> {
    const file = toCorePath(uri);
    let text: string | undefined;
    try {
      text = this.deps.fs.exists(file) ? await this.deps.fs.readFile(file) : undefined;
    } catch {
      text = undefined;
    }
    if (this.documents.get(uri)) return new Set();
    const scanned = text === undefined ? undefined : scanFile(file, text, this.projects.globKindOf(file) === 'runbook');
    this.validator.alertsChanged(this.service.alerts.setScanned(uri, scanned?.alerts));
    return scanned?.runbook ? this.service.index.set(uri, scanned.defs) : this.service.index.remove(uri);
  }

  /** Whether a closed document's file may be in the index or the graph (then it is read again from disk). */
  mayBeIndexed(uri: string): boolean {
    const file = toCorePath(uri);
    return this.service.index.has(uri) || this.service.alerts.graph.isRuleFile(uri) || isRunbookFileName(file) || this.projects.globKindOf(file) === 'runbook';
  }

  /** `workspace/didChangeWatchedFiles`: project files are read again, runbooks and rule files re-indexed. */
  async watchedFilesChanged(params: DidChangeWatchedFilesParams): Promise<void> {
    let configChanged = false;
    const changed = new Set<string>();
    for (const c of params.changes) {
      const file = toCorePath(c.uri);
      if (path.basename(file) === CONFIG_FILE_NAME) {
        const folder = this.folders.folderOfConfig(file);
        if (folder && !this.documents.get(this.folders.configUriOf(folder))) {
          await this.projects.load(folder);
          configChanged = true;
        }
        continue;
      }
      if (!YAML_NAME_RE.test(file) || this.documents.get(c.uri)) continue; // runbooks, and rule files (by content)
      if (c.type === FileChangeType.Deleted) this.validator.alertsChanged(this.service.alerts.remove(c.uri));
      const names = c.type === FileChangeType.Deleted ? this.service.index.remove(c.uri) : await this.refreshFromDisk(c.uri);
      names.forEach((n) => changed.add(n));
    }
    if (configChanged) this.validator.revalidateAll();
    else this.validator.namesChanged(changed);
  }
}

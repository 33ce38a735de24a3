/**
 * The project files: each workspace folder's `.ml-runbooks.yaml`, read from disk or from its open
 * document, parsed into a configuration layer (and its `files` globs), its problems published on it
 * and reported once when it turns broken. In an untrusted workspace it is never applied.
 */
import * as path from 'node:path';
import { MessageType, ShowMessageNotification, type Connection, type TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME, globKind, parseConfigText, type ConfigLayer, type Finding, type GlobKind } from '../core/index';
import { loadProjectFile } from '../core/projectFile';
import { ConfigProblemNotification } from '../protocol';
import { toDiagnostics } from './convert';
import type { WorkspaceFolders } from './folders';
import type { Publisher } from './validation';
import type { ServerFs, ServerLogger } from './server';

interface ProjectConfig {
  layer: ConfigLayer;
  /** Findings (ML002) of the current text. */
  findings: Finding[];
  text: string;
}

export class ProjectFiles {
  private readonly byFolder = new Map<string, ProjectConfig>();
  /** Folders whose broken project file was reported (once, not again while it stays broken). */
  private readonly reportedBroken = new Set<string>();
  private loading: Promise<void> = Promise.resolve();
  /** In an untrusted workspace (the client says so) the project file is validated but never applied. */
  trusted = true;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly folders: WorkspaceFolders,
    private readonly fs: ServerFs,
    private readonly publish: Publisher,
    private readonly log: ServerLogger,
  ) {}

  /** Resolves when the project files being (re)read are read: classification and settings wait for it. */
  get ready(): Promise<void> {
    return this.loading;
  }

  /** The configuration layer of a folder's project file. */
  layerOf(folder: string | undefined): ConfigLayer | undefined {
    return folder ? this.byFolder.get(folder)?.layer : undefined;
  }

  /** The kind a file has by its folder's `files` globs (matched relative to the folder, as the CLI does). */
  globKindOf(file: string): GlobKind | undefined {
    const folder = this.folders.folderOf(file);
    const files = this.layerOf(folder)?.files;
    if (!folder || !files) return undefined;
    return globKind(this.folders.relative(file), { runbooks: files.runbooks ?? [], postmortems: files.postmortems ?? [], alertRules: files.alertRules ?? [] });
  }

  /** The findings of a project file's text (its loaded ones when the text is the loaded one). */
  findingsOf(folder: string | undefined, text: string): Finding[] {
    const loaded = folder ? this.byFolder.get(folder) : undefined;
    return loaded && loaded.text === text ? loaded.findings : parseConfigText(text).findings;
  }

  /** Re-reads every folder's project file; `ready` waits for it. */
  reload(): Promise<void> {
    this.loading = Promise.all(this.folders.list.map((f) => this.load(f))).then(() => undefined);
    return this.loading;
  }

  /** Forgets a removed folder's project file. */
  forget(folder: string): void {
    this.byFolder.delete(folder);
    this.reportedBroken.delete(folder);
  }

  /** (Re)reads a folder's `.ml-runbooks.yaml` (the open document's text when it is open). */
  async load(folder: string): Promise<void> {
    if (!this.trusted) return;
    const uri = this.folders.configUriOf(folder);
    const open = this.documents.get(uri);
    const read = (f: string) => (this.fs.exists(f) ? this.fs.readFile(f) : undefined);
    const loaded = await loadProjectFile(folder, read, { join: path.join, ...(open ? { open: open.getText() } : {}) });
    if (loaded.error !== undefined) this.log.error(`Could not read ${loaded.path}: ${String(loaded.error)}`);
    const text = loaded.text;
    if (text === undefined) {
      const had = this.byFolder.get(folder);
      this.forget(folder);
      if (had?.findings.length) this.publish(uri, []);
      return;
    }
    this.byFolder.set(folder, { layer: loaded.layer, findings: loaded.findings, text });
    if (!open) this.publish(uri, toDiagnostics(TextDocument.create(uri, 'yaml', 0, text), loaded.findings));
    if (!loaded.findings.length) {
      this.reportedBroken.delete(folder);
      return;
    }
    // Reported once: when the file turns broken (not again while it stays broken, e.g. as you type in it).
    if (this.reportedBroken.has(folder)) return;
    this.reportedBroken.add(folder);
    const n = loaded.findings.length;
    const rel = path.join(path.basename(folder), CONFIG_FILE_NAME);
    const message = `ml-runbooks: ${rel} has ${n} problem${n === 1 ? '' : 's'} (${loaded.findings[0]!.message}); the defaults apply to the invalid parts.`;
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
    void this.connection.sendNotification(ConfigProblemNotification.type, { uri, message, problems: n });
    this.log.error(message);
  }
}

/**
 * `mlRunbooks.surfaceReport`: finds every post-mortem of the workspace (the project file's
 * `files.postmortems` globs, plus Markdown whose front matter says `kind: postmortem`), reads them with
 * a progress notification, builds the report with the core (the CLI `report` numbers) and shows it.
 * Returns the report object.
 */
import * as vscode from 'vscode';
import { buildSurfaceReport, type SurfaceReport } from '../../../server/src/core/postmortem/report';
import { defaultConfig, CONFIG_FILE_NAME } from '../../../server/src/core/config';
import { loadProjectFile } from '../../../server/src/core/projectFile';
import { SKIP_GLOBS } from '../../../server/src/core/walk';
import { kindOf } from '../kind';
import { renderPage } from '../preview/html';
import { renderSurfaceReportBody } from './html';
import { asWebviewMessage, pageResources, webviewOptions } from '../webview';

/** The folders the core's walker skips (dependencies, VCS data, build output). */
const EXCLUDE = `{${SKIP_GLOBS.join(',')}}`;
/** Upper bound of Markdown files inspected for `kind: postmortem` front matter per folder. */
const MAX_MARKDOWN_FILES = 5000;

/** Largest file read from disk for the report (a post-mortem over the core's 1 MB cap is not checked anyway). */
const MAX_READ_BYTES = 5 * 1024 * 1024;

async function readText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  // Only regular files of a bounded size: a link to /dev/zero or a FIFO in a cloned repository must not be read.
  // `stat` follows links; its type is File (plus the SymbolicLink bit for a link) only for a regular file.
  const st = await vscode.workspace.fs.stat(uri);
  if ((st.type & vscode.FileType.File) === 0 || (st.type & vscode.FileType.SymbolicLink) !== 0 || st.size > MAX_READ_BYTES) {
    throw new Error(`${uri.fsPath}: not a regular file of at most ${MAX_READ_BYTES / 1024 / 1024} MB`);
  }
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
}

/** The post-mortem globs of a folder: the project file's (only in a trusted workspace) or the defaults. */
async function postmortemGlobs(folder: vscode.WorkspaceFolder, output: vscode.OutputChannel): Promise<string[]> {
  const defaults = defaultConfig().files.postmortems;
  if (!vscode.workspace.isTrusted) return defaults;
  const read = async (uri: string): Promise<string | undefined> => {
    try {
      return await readText(vscode.Uri.parse(uri));
    } catch (e) {
      if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined;
      throw e;
    }
  };
  const loaded = await loadProjectFile(folder.uri.toString(), read, { join: (f, name) => vscode.Uri.joinPath(vscode.Uri.parse(f), name).toString() });
  if (loaded.error !== undefined) output.appendLine(`[surface report] could not read ${loaded.path}: ${String(loaded.error)}; the default globs apply.`);
  if (loaded.findings.length) output.appendLine(`[surface report] ${CONFIG_FILE_NAME} in ${folder.name} has ${loaded.findings.length} problem(s); defaults apply to the invalid parts.`);
  return loaded.layer.files?.postmortems?.length ? loaded.layer.files.postmortems : defaults;
}

export class SurfaceReportView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private files = new Map<string, vscode.Uri>();
  private body = '';
  /** The last report built (for tests and the extension API). */
  lastReport: SurfaceReport | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly output: vscode.OutputChannel) {}

  get webviewPanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  async run(): Promise<SurfaceReport | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!folders.length) {
      void vscode.window.showWarningMessage('Open a folder first: the surface report counts the post-mortems of the workspace.');
      return undefined;
    }
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'ML Runbooks: surface report', cancellable: true },
      async (progress, token) => {
        progress.report({ message: 'finding post-mortems…' });
        const candidates = new Map<string, { uri: vscode.Uri; byGlob: boolean }>();
        for (const folder of folders) {
          const globs = await postmortemGlobs(folder, this.output);
          const pattern = globs.length === 1 ? globs[0]! : `{${globs.join(',')}}`;
          for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, pattern), EXCLUDE, undefined, token)) {
            candidates.set(uri.toString(), { uri, byGlob: true });
          }
          for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.{md,markdown}'), EXCLUDE, MAX_MARKDOWN_FILES, token)) {
            if (!candidates.has(uri.toString())) candidates.set(uri.toString(), { uri, byGlob: false });
          }
          if (token.isCancellationRequested) return undefined;
        }
        const list = [...candidates.values()];
        const files: Array<{ file: string; text: string }> = [];
        this.files = new Map();
        const multi = folders.length > 1;
        let done = 0;
        for (const c of list) {
          if (token.isCancellationRequested) return undefined;
          done++;
          if (done % 20 === 0 || done === list.length) progress.report({ message: `reading ${done}/${list.length}`, increment: (20 / Math.max(1, list.length)) * 100 });
          let text: string;
          try {
            text = await readText(c.uri);
          } catch (e) {
            this.output.appendLine(`[surface report] could not read ${c.uri.toString()}: ${String(e)}`);
            continue;
          }
          const file = vscode.workspace.asRelativePath(c.uri, multi);
          if (!c.byGlob && kindOf('markdown', c.uri.path, text) !== 'postmortem') continue;
          files.push({ file, text });
          this.files.set(file, c.uri);
        }
        files.sort((a, b) => a.file.localeCompare(b.file));
        return buildSurfaceReport(files);
      },
    );
    if (!result) return undefined;
    this.lastReport = result;
    const scope = folders.length === 1 ? folders[0]!.name : `${folders.length} workspace folders`;
    this.output.appendLine(`[surface report] ${result.total} post-mortem(s) in ${scope}; runs: ${result.runs.map((r) => r.message).join('; ') || 'none'}`);
    this.show(renderSurfaceReportBody(result, scope));
    return result;
  }

  private show(body: string): void {
    this.body = body;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('mlRunbooks.surfaceReport', 'Surface report', vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
      this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'images', 'icon.png');
      const panel = this.panel;
      const subs = [
        panel.webview.onDidReceiveMessage((m) => void this.onMessage(m)),
        panel.onDidChangeViewState((e) => {
          if (e.webviewPanel.visible) this.render();
        }),
      ];
      panel.onDidDispose(() => {
        subs.forEach((s) => s.dispose());
        this.panel = undefined;
      });
    } else this.panel.reveal();
    this.render();
  }

  private render(): void {
    if (!this.panel) return;
    this.panel.webview.html = renderPage(pageResources(this.panel.webview, this.extensionUri), { title: 'Surface report', view: 'surfaceReport', bodyHtml: this.body });
  }

  private async onMessage(raw: unknown): Promise<void> {
    const msg = asWebviewMessage(raw);
    if (msg?.type !== 'action' || msg.action !== 'open' || !msg.arg) return;
    const uri = this.files.get(msg.arg);
    if (uri) await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

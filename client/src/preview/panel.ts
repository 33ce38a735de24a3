/**
 * The live preview panel: one panel that owns its webview, its disposables and its document, updates
 * as you type (debounced, posted to the webview, swapped in place), follows the active editor when it
 * shows another runbook or post-mortem, and is restored after a reload by its serializer.
 */
import * as vscode from 'vscode';
import { Utils } from 'vscode-uri';
import { renderPage, renderPreviewBody, type PreviewModel, type ProblemItem } from './html';
import { buildRunbookModel } from './runbookModel';
import { buildPostmortemModel } from './postmortemModel';
import { kindOf, type PreviewKind } from '../kind';
import { asWebviewMessage, pageResources, webviewOptions, type WebviewMessage } from '../webview';
import type { RunbookAlert } from '../../../server/src/protocol';

export const PREVIEW_VIEW_TYPE = 'mlRunbooks.preview';

/** What the preview commands return. */
export interface PreviewResult {
  panel: PreviewKind;
  title: string;
}

/** State persisted in the webview for the serializer. */
interface PreviewState {
  uri?: string;
}

const SEVERITY: Record<number, ProblemItem['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** The document's open problems, errors first, then by position. */
export function problemsOf(uri: vscode.Uri): ProblemItem[] {
  const rank = { error: 0, warning: 1, info: 2, hint: 3 };
  return vscode.languages
    .getDiagnostics(uri)
    .map((d) => {
      const code = typeof d.code === 'object' && d.code ? String(d.code.value) : d.code !== undefined ? String(d.code) : undefined;
      const p: ProblemItem = {
        severity: SEVERITY[d.severity] ?? 'info',
        message: d.message,
        line: d.range.start.line,
        character: d.range.start.character,
        endLine: d.range.end.line,
        endCharacter: d.range.end.character,
      };
      if (code) p.code = code;
      return p;
    })
    .sort((a, b) => rank[a.severity] - rank[b.severity] || a.line - b.line || a.character - b.character);
}

/**
 * Puts the alerts that link each runbook (from the language server) on its card, by `metadata.name`,
 * with rule-file paths relative to the workspace.
 */
export function withPagedBy(model: PreviewModel, alerts: readonly RunbookAlert[] | undefined): PreviewModel {
  if (model.kind !== 'runbook' || !alerts) return model;
  const rel = (uri: string) => {
    try {
      return vscode.workspace.asRelativePath(vscode.Uri.parse(uri), false);
    } catch {
      return uri;
    }
  };
  return {
    ...model,
    cards: model.cards.map((c) => ({ ...c, pagedBy: alerts.filter((a) => a.runbook === c.name).map((a) => ({ alert: a.alert, file: rel(a.uri), line: a.line })) })),
  };
}

/** Builds the preview model of a document (pure models + the editor's diagnostics). */
export function buildPreviewModel(doc: vscode.TextDocument, kind: PreviewKind): PreviewModel {
  const text = doc.getText();
  const base = kind === 'runbook' ? buildRunbookModel(text) : buildPostmortemModel(text);
  return { ...base, fileName: Utils.basename(doc.uri), problems: problemsOf(doc.uri) };
}

/** The preview manager: at most one preview panel. */
export class PreviewManager implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.TextDocument | undefined;
  private kind: PreviewKind | undefined;
  private readonly panelDisposables: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private version = 0;
  private readonly updateEmitter = new vscode.EventEmitter<PreviewModel>();
  /** The model last sent to the webview (for tests and the extension API). */
  lastModel: PreviewModel | undefined;
  /** Fires after each render with the model that was rendered. */
  readonly onDidUpdate = this.updateEmitter.event;

  /** The alerts linking the previewed runbook, as the language server last answered (uri → list). */
  private readonly pagedBy = new Map<string, RunbookAlert[]>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly output: vscode.OutputChannel,
    /** Asks the language server which alerts link a file's runbooks (spec §8); absent: the card lists none. */
    private readonly alertsOf?: (uri: string) => Promise<RunbookAlert[]>,
  ) {
    this.disposables.push(
      this.updateEmitter,
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.document && e.document.uri.toString() === this.document.uri.toString()) this.schedule();
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (this.document && e.uris.some((u) => u.toString() === this.document!.uri.toString())) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((ed) => {
        if (!ed || !this.panel) return;
        const kind = kindOf(ed.document.languageId, ed.document.fileName, ed.document.getText());
        if (kind && ed.document.uri.toString() !== this.document?.uri.toString()) this.attach(ed.document, kind);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        // Keep showing the last content; a reopened document is re-attached by the active-editor event.
        if (this.document && d.uri.toString() === this.document.uri.toString()) this.cancelTimer();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mlRunbooks.preview')) this.schedule();
      }),
    );
  }

  /** The panel, if open. */
  get webviewPanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  /** The URI of the previewed document. */
  get documentUri(): vscode.Uri | undefined {
    return this.document?.uri;
  }

  /**
   * Shows the preview of a document (the active editor's by default).
   * @throws when there is no document or it is neither a runbook nor a post-mortem.
   */
  async show(uri: vscode.Uri | undefined, toSide: boolean): Promise<PreviewResult> {
    const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document ?? this.document;
    if (!doc) throw new Error('Open a runbook (*.runbook.yaml) or a post-mortem (*.postmortem.md) to preview it.');
    const kind = kindOf(doc.languageId, doc.fileName, doc.getText());
    if (!kind) throw new Error(`${Utils.basename(doc.uri)} is neither a runbook nor a post-mortem, so it has no ML Runbooks preview.`);
    const column = toSide ? vscode.ViewColumn.Beside : vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active;
    if (this.panel) this.panel.reveal(column, toSide);
    else this.adopt(vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Preview', { viewColumn: column, preserveFocus: toSide }, webviewOptions(this.extensionUri)));
    this.attach(doc, kind, true);
    return { panel: kind, title: this.panel!.title };
  }

  /** Restores a panel after a reload (called by the serializer). */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    panel.webview.options = webviewOptions(this.extensionUri);
    this.panel?.dispose();
    this.adopt(panel);
    const uri = (state as PreviewState | undefined)?.uri;
    try {
      if (!uri) throw new Error('no document recorded');
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const kind = kindOf(doc.languageId, doc.fileName, doc.getText());
      if (!kind) throw new Error('not a runbook or post-mortem');
      this.attach(doc, kind, true);
    } catch (e) {
      this.output.appendLine(`[preview] could not restore the preview of ${uri ?? '(unknown)'}: ${(e as Error).message}`);
      panel.dispose();
    }
  }

  /** Handles a message as if the webview had sent it (the webview's own messages come here too). */
  async handleMessage(raw: unknown): Promise<void> {
    const msg: WebviewMessage | undefined = asWebviewMessage(raw);
    if (!msg || !this.document) return;
    if (msg.type === 'reveal') {
      const doc = this.document;
      const range = doc.validateRange(new vscode.Range(msg.line, msg.character, msg.endLine, msg.endCharacter));
      const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === doc.uri.toString());
      const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false, selection: range });
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'images', 'icon.png');
    this.panelDisposables.push(
      panel.onDidDispose(() => this.disposePanel()),
      panel.webview.onDidReceiveMessage((m) => void this.handleMessage(m).catch((e) => this.output.appendLine(`[preview] ${String(e)}`))),
      panel.onDidChangeViewState((e) => {
        // A hidden webview is discarded (no retainContextWhenHidden): redraw the page when it shows again.
        if (e.webviewPanel.visible) {
          this.cancelTimer();
          this.render(true);
        }
      }),
    );
  }

  private attach(doc: vscode.TextDocument, kind: PreviewKind, fullRender = false): void {
    if (!this.panel) return;
    const switched = !this.document || this.document.uri.toString() !== doc.uri.toString() || this.kind !== kind;
    this.document = doc;
    this.kind = kind;
    this.panel.title = `Preview ${Utils.basename(doc.uri)}`;
    this.cancelTimer();
    this.render(fullRender || switched);
  }

  private schedule(delay?: number): void {
    if (!this.panel || !this.document) return;
    this.cancelTimer();
    const ms = delay ?? vscode.workspace.getConfiguration('mlRunbooks.preview').get<number>('debounceMs', 100);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.render(false);
    }, Math.max(0, Math.min(2000, ms)));
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Renders the current document: the full page once, then in-place updates through postMessage. */
  private render(full: boolean): void {
    const panel = this.panel;
    const doc = this.document;
    const kind = this.kind;
    if (!panel || !doc || !kind) return;
    let model: PreviewModel;
    const uri = doc.uri.toString();
    try {
      model = withPagedBy(buildPreviewModel(doc, kind), this.pagedBy.get(uri));
    } catch (e) {
      this.output.appendLine(`[preview] could not build the preview of ${doc.uri.toString()}: ${(e as Error).stack ?? String(e)}`);
      return;
    }
    const showProblems = vscode.workspace.getConfiguration('mlRunbooks.preview').get<boolean>('showProblems', true);
    const body = renderPreviewBody(model, { showProblems });
    const state: PreviewState = { uri: doc.uri.toString() };
    this.version++;
    if (full) {
      panel.webview.html = renderPage(pageResources(panel.webview, this.extensionUri), { title: panel.title, view: 'preview', bodyHtml: body, state });
    } else {
      void panel.webview.postMessage({ type: 'update', html: body, state, version: this.version });
    }
    this.lastModel = model;
    this.updateEmitter.fire(model);
    if (kind === 'runbook') this.refreshPagedBy(uri);
  }

  /** Asks the server for the alerts linking the runbook; renders again only when the answer changed. */
  private refreshPagedBy(uri: string): void {
    if (!this.alertsOf) return;
    this.alertsOf(uri).then(
      (alerts) => {
        const before = this.pagedBy.get(uri);
        this.pagedBy.set(uri, alerts);
        if (JSON.stringify(alerts) === JSON.stringify(before ?? [])) return;
        if (this.document?.uri.toString() === uri) this.render(false);
      },
      () => undefined, // server not running or not answering: the card lists no alerts
    );
  }

  private disposePanel(): void {
    this.cancelTimer();
    this.panel = undefined;
    this.document = undefined;
    this.kind = undefined;
    while (this.panelDisposables.length) this.panelDisposables.pop()?.dispose();
  }

  dispose(): void {
    this.panel?.dispose();
    this.disposePanel();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}

/** Registers the serializer that restores the preview after a window reload. */
export function registerPreviewSerializer(manager: PreviewManager): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
    deserializeWebviewPanel: (panel, state) => manager.restore(panel, state),
  });
}

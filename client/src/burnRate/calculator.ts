/**
 * `mlRunbooks.burnRateCalculator`: objective + period → the multi-window burn-rate table (and, with an
 * observed error rate, the reverse), shown in a webview with buttons to insert the result as a Markdown
 * table or a runbook `slos` block, or to copy Prometheus alerting rules.
 *
 * Called with arguments (the contract below) it prompts for nothing, inserts when asked, and returns
 * the result: the `ReverseResult` when an error rate is given, the `BurnRateTable` otherwise — the same
 * choice as the CLI's `burn-rate --format json`.
 */
import * as vscode from 'vscode';
import {
  computeBurnRateTable,
  reverseBurnRate,
  formatMarkdownTable,
  formatSlosBlock,
  formatPrometheusRules,
  parseObjectiveInput,
  parsePeriodInput,
  parseErrorRateInput,
  parseDuration,
  type TierSpec,
  type BurnRateTable,
  type ReverseResult,
} from '../../../server/src/core/slo/index';
import { presetTiers, resolveArgs, PRESET_LABEL, type BurnRateArgs, type BurnRateResult } from './args';

export type { BurnRateArgs, BurnRateResult } from './args';

const DEFAULT_METRIC = 'job:slo_errors_per_request:ratio_rate';
const SLUG = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
import { renderPage } from '../preview/html';
import { renderBurnRateBody, type BurnRateView } from './html';
import { asWebviewMessage, pageResources, webviewOptions } from '../webview';

/** The calculator: owns its result panel and remembers the last text editor to insert into. */
export class BurnRateCalculator implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private view: BurnRateView | undefined;
  private lastEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private readonly disposables: vscode.Disposable[] = [];
  /** The last computed result (for tests and the extension API). */
  lastResult: BurnRateResult | undefined;
  /** The last table and reverse result shown or returned. */
  lastTable: BurnRateTable | undefined;
  lastReverse: ReverseResult | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly output: vscode.OutputChannel) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e) this.lastEditor = e;
      }),
    );
  }

  /** The result panel, if open. */
  get webviewPanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  /** Runs the command: with arguments, no prompts; without, the interactive flow. */
  async run(args?: BurnRateArgs): Promise<BurnRateResult | undefined> {
    if (args !== undefined && args !== null && typeof args === 'object' && !(args instanceof vscode.Uri)) return this.runWithArgs(args);
    return this.runInteractive();
  }

  private async runWithArgs(args: BurnRateArgs): Promise<BurnRateResult> {
    const r = resolveArgs(args);
    const table = computeBurnRateTable(r.objective, r.period, r.tiers);
    const reverse = r.errorRate !== undefined ? reverseBurnRate(r.objective, r.period, r.errorRate, r.afterHours) : undefined;
    this.remember(table, reverse);
    const insert = args.insert ?? 'none';
    if (insert !== 'none') {
      const text = this.format(insert, table, args.sloName, args.errorRatioMetric);
      if (text === undefined) throw new Error(`insert: expected markdown, slos, prometheus or none, got "${String(insert)}"`);
      const editor = vscode.window.activeTextEditor ?? this.lastEditor;
      if (!editor) throw new Error('insert: there is no text editor to insert into');
      await this.insertInto(editor, text);
    }
    if (args.show) this.showPanel({ objectivePercent: r.objective, period: r.period, presetLabel: PRESET_LABEL[r.preset], table, ...(reverse ? { reverse } : {}) });
    return reverse ?? table;
  }

  private remember(table: BurnRateTable, reverse: ReverseResult | undefined): void {
    this.lastTable = table;
    this.lastReverse = reverse;
    this.lastResult = reverse ?? table;
  }

  private format(kind: string, table: BurnRateTable, sloName: string | undefined, metric: string | undefined): string | undefined {
    const name = sloName?.trim() || 'my-slo';
    if (kind === 'markdown') return formatMarkdownTable(table);
    if (kind === 'slos') return formatSlosBlock(table, name);
    if (kind === 'prometheus') return formatPrometheusRules(table, { sloName: name, ...(metric?.trim() ? { errorRatioMetric: metric.trim() } : {}) });
    return undefined;
  }

  /** Inserts text at the cursor (replacing a selection), on a line of its own for YAML blocks. */
  private async insertInto(editor: vscode.TextEditor, text: string): Promise<void> {
    const sel = editor.selection;
    const lineText = editor.document.lineAt(sel.start.line).text;
    const before = lineText.slice(0, sel.start.character);
    const prefix = before.trim() ? '\n' : '';
    const ok = await editor.edit((b) => b.replace(sel, prefix + text));
    if (!ok) throw new Error('The editor rejected the insertion (is it read-only?)');
  }

  private async runInteractive(): Promise<BurnRateResult | undefined> {
    const title = 'ML Runbooks: Burn-Rate Calculator';
    const objectiveText = await vscode.window.showInputBox({
      title: `${title} (1/4)`,
      prompt: 'SLO objective in percent',
      value: '99.9',
      placeHolder: 'e.g. 99.9',
      ignoreFocusOut: true,
      validateInput: (s) => parseObjectiveInput(s).error,
    });
    if (objectiveText === undefined) return undefined;
    const objective = parseObjectiveInput(objectiveText).value!;
    const periodText = await vscode.window.showInputBox({
      title: `${title} (2/4)`,
      prompt: 'SLO period (compliance window)',
      value: '30d',
      placeHolder: 'e.g. 30d, 28d or 4w',
      ignoreFocusOut: true,
      validateInput: (s) => parsePeriodInput(s).error,
    });
    if (periodText === undefined) return undefined;
    const period = parsePeriodInput(periodText).value!;

    type PresetItem = vscode.QuickPickItem & { preset: keyof typeof PRESET_LABEL };
    const items: PresetItem[] = [
      { preset: 'workbook', label: 'SRE Workbook: three tiers', description: 'page 1h/5m 2 % · page 6h/30m 5 % · ticket 3d/6h 10 %', detail: 'The standard of the Google SRE workbook (14.4×, 6×, 1× at 30d).' },
      { preset: 'sloth', label: 'Sloth: four tiers', description: 'page 1h/5m 2 % · page 6h/30m 5 % · ticket 1d/2h 10 % · ticket 3d/6h 10 %', detail: 'The defaults of the Sloth SLO generator.' },
      { preset: 'custom', label: 'Custom windows…', description: 'Enter long window, short window and budget share per tier' },
    ];
    const pick = await vscode.window.showQuickPick(items, { title: `${title} (3/4)`, placeHolder: 'Alert tiers', ignoreFocusOut: true });
    if (!pick) return undefined;
    let tiers = presetTiers(pick.preset);
    if (pick.preset === 'custom') {
      const custom = await this.askCustomTiers(title, period);
      if (!custom) return undefined;
      tiers = custom;
    }
    const rateText = await vscode.window.showInputBox({
      title: `${title} (4/4)`,
      prompt: 'Optional: an observed error rate, to see how fast it burns the budget (leave empty to skip)',
      placeHolder: 'e.g. 0.5% or 0.005',
      ignoreFocusOut: true,
      validateInput: (s) => (s.trim() ? parseErrorRateInput(s).error : undefined),
    });
    if (rateText === undefined) return undefined;
    let table: BurnRateTable;
    let reverse: ReverseResult | undefined;
    try {
      table = computeBurnRateTable(objective, period, tiers);
      reverse = rateText.trim() ? reverseBurnRate(objective, period, parseErrorRateInput(rateText).value!) : undefined;
    } catch (e) {
      void vscode.window.showErrorMessage(`Burn-rate calculator: ${(e as Error).message}`);
      return undefined;
    }
    this.remember(table, reverse);
    this.showPanel({ objectivePercent: objective, period, presetLabel: PRESET_LABEL[pick.preset], table, ...(reverse ? { reverse } : {}) });
    return reverse ?? table;
  }

  private async askCustomTiers(title: string, period: string): Promise<TierSpec[] | undefined> {
    const tiers: TierSpec[] = [];
    const periodSec = parseDuration(period) ?? 0;
    for (;;) {
      const n = tiers.length + 1;
      const sev = await vscode.window.showQuickPick(
        [
          { label: 'page', description: 'wakes someone up' },
          { label: 'ticket', description: 'handled in working hours' },
        ],
        { title: `${title}: tier ${n}`, placeHolder: 'Severity of this tier', ignoreFocusOut: true },
      );
      if (!sev) return undefined;
      const long = await vscode.window.showInputBox({
        title: `${title}: tier ${n}`,
        prompt: 'Long window',
        value: n === 1 ? '1h' : '6h',
        ignoreFocusOut: true,
        validateInput: (s) => {
          const d = parseDuration(s.trim());
          if (!d) return 'Enter a duration such as 1h, 6h or 3d';
          if (periodSec && d > periodSec) return `The long window cannot be longer than the period (${period})`;
          return undefined;
        },
      });
      if (long === undefined) return undefined;
      const longSec = parseDuration(long.trim())!;
      const short = await vscode.window.showInputBox({
        title: `${title}: tier ${n}`,
        prompt: 'Short window (the workbook uses long ÷ 12)',
        value: suggestShort(longSec),
        ignoreFocusOut: true,
        validateInput: (s) => {
          const d = parseDuration(s.trim());
          if (!d) return 'Enter a duration such as 5m or 30m';
          if (d >= longSec) return `The short window must be shorter than the long window (${long.trim()})`;
          return undefined;
        },
      });
      if (short === undefined) return undefined;
      const budget = await vscode.window.showInputBox({
        title: `${title}: tier ${n}`,
        prompt: 'Share of the error budget this tier may consume over its long window, in percent',
        value: n === 1 ? '2' : '5',
        ignoreFocusOut: true,
        validateInput: (s) => {
          const raw = s.trim();
          const t = raw.endsWith('%') ? raw.slice(0, -1).trimEnd() : raw;
          const v = Number(t);
          if (!t || !Number.isFinite(v)) return `"${s.trim()}" is not a number; enter a percent such as 2 or 5`;
          if (v <= 0 || v > 100) return 'Enter a percent above 0 and at most 100';
          return undefined;
        },
      });
      if (budget === undefined) return undefined;
      tiers.push({ severity: sev.label as 'page' | 'ticket', longWindow: long.trim(), shortWindow: short.trim(), budgetConsumed: Number(budget.trim().replace(/%$/, '').trimEnd()) / 100 });
      const more = await vscode.window.showQuickPick([{ label: 'Done', description: `${tiers.length} tier${tiers.length === 1 ? '' : 's'}` }, { label: 'Add another tier' }], {
        title,
        ignoreFocusOut: true,
      });
      if (!more) return undefined;
      if (more.label === 'Done') return tiers;
    }
  }

  private showPanel(view: BurnRateView): void {
    const editor = vscode.window.activeTextEditor ?? this.lastEditor;
    if (editor) view.editorName = editor.document.uri.path.split('/').pop() ?? 'the editor';
    this.view = view;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('mlRunbooks.burnRate', 'Burn rates', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(this.extensionUri));
      this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'images', 'icon.png');
      const panel = this.panel;
      const subs = [
        panel.webview.onDidReceiveMessage((m) => void this.onMessage(m).catch((e) => void vscode.window.showErrorMessage(`Burn-rate calculator: ${(e as Error).message}`))),
        panel.onDidChangeViewState((e) => {
          if (e.webviewPanel.visible) this.render();
        }),
      ];
      panel.onDidDispose(() => {
        subs.forEach((s) => s.dispose());
        this.panel = undefined;
      });
    } else this.panel.reveal(vscode.ViewColumn.Beside, true);
    this.panel.title = `Burn rates ${view.objectivePercent} % / ${view.period}`;
    this.render();
  }

  private render(): void {
    if (!this.panel || !this.view) return;
    this.panel.webview.html = renderPage(pageResources(this.panel.webview, this.extensionUri), { title: this.panel.title, view: 'burnRate', bodyHtml: renderBurnRateBody(this.view) });
  }

  /** Handles a button of the result panel (also callable from tests). */
  async onMessage(raw: unknown): Promise<string | undefined> {
    const msg = asWebviewMessage(raw);
    if (!msg || msg.type !== 'action' || !this.view) return undefined;
    const table = this.view.table;
    if (msg.action === 'insert-markdown' || msg.action === 'insert-slos') {
      const editor = this.lastEditor && !this.lastEditor.document.isClosed ? this.lastEditor : vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showWarningMessage('Open a text editor first: the result is inserted at its cursor.');
        return undefined;
      }
      let sloName: string | undefined;
      if (msg.action === 'insert-slos') {
        sloName = await vscode.window.showInputBox({
          title: 'Name of the SLO',
          value: 'prediction-quality',
          prompt: 'The SLO name (lowercase slug) that signal.slo refers to',
          validateInput: (s) => (SLUG.test(s.trim()) ? undefined : 'Use lowercase letters, digits and dashes, e.g. prediction-quality'),
        });
        if (sloName === undefined) return undefined;
      }
      const text = this.format(msg.action === 'insert-markdown' ? 'markdown' : 'slos', table, sloName, undefined)!;
      await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
      await this.insertInto(editor, text);
      this.output.appendLine(`[burn-rate] inserted ${msg.action === 'insert-markdown' ? 'a Markdown table' : 'an slos block'} into ${editor.document.uri.toString()}`);
      return text;
    }
    if (msg.action === 'copy-prometheus') {
      const metric = await vscode.window.showInputBox({
        title: 'Error-ratio metric',
        prompt: 'Recording rule of the error ratio (the window is appended), e.g. job:slo_errors_per_request:ratio_rate',
        value: DEFAULT_METRIC,
        validateInput: (s) => (/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(s.trim()) ? undefined : 'A Prometheus metric name: letters, digits, _ and :'),
      });
      if (metric === undefined) return undefined;
      const sloName = await vscode.window.showInputBox({ title: 'Name of the SLO', value: 'my-slo', prompt: 'Used in the alert names and the slo label' });
      if (sloName === undefined) return undefined;
      const text = this.format('prometheus', table, sloName, metric)!;
      await vscode.env.clipboard.writeText(text);
      void vscode.window.showInformationMessage(`Copied ${table.tiers.length} Prometheus alerting rule${table.tiers.length === 1 ? '' : 's'} to the clipboard.`);
      return text;
    }
    return undefined;
  }

  dispose(): void {
    this.panel?.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}

function suggestShort(longSec: number): string {
  const s = Math.max(60, Math.round(longSec / 12 / 60) * 60);
  if (s % 86400 === 0) return `${s / 86400}d`;
  if (s % 3600 === 0) return `${s / 3600}h`;
  return `${Math.round(s / 60)}m`;
}

/** The extension's commands, called the way keybindings and other extensions call them. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BurnRateTable } from '../../../server/src/core/slo/burnRate';
import { activateExtension, closeAll, open, previewTabs, scratch, waitForTab, waitForText } from './helpers';

const near = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

/** Cells of the Markdown table rows in `text` (header first, separator rows dropped). */
function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => /^\s*\|.*\|\s*$/.test(l) && !/^\s*\|[\s:|-]+\|\s*$/.test(l))
    .map((l) => l.trim().slice(1, -1).split('|').map((c) => c.trim()));
}

suite('Commands', () => {
  suiteSetup(activateExtension);
  suiteTeardown(closeAll);

  test('burn-rate calculator inserts the 99.9 % / 30d table and returns it', async () => {
    const editor = await scratch('.md', '# Alerting\n\n');
    const doc = editor.document;
    editor.selection = new vscode.Selection(doc.positionAt(doc.getText().length), doc.positionAt(doc.getText().length));
    const table = await vscode.commands.executeCommand<BurnRateTable>('mlRunbooks.burnRateCalculator', {
      objective: 99.9, period: '30d', insert: 'markdown',
    });
    assert.ok(table && Array.isArray(table.tiers), `the command returns the table, got ${JSON.stringify(table)}`);
    assert.ok(near(table.objective, 0.999), `objective as a fraction: ${table.objective}`);
    assert.equal(table.period, '30d');
    assert.deepEqual(table.tiers.map((t) => [t.severity, t.longWindow, t.shortWindow]),
      [['page', '1h', '5m'], ['page', '6h', '30m'], ['ticket', '3d', '6h']]);
    assert.deepEqual(table.tiers.map((t) => t.burnRate), [14.4, 6, 1]);
    table.tiers.forEach((t, i) => {
      assert.ok(near(t.budgetConsumed, [0.02, 0.05, 0.1][i]!), `budgetConsumed ${t.budgetConsumed}`);
      assert.ok(near(t.errorRateThreshold, [0.0144, 0.006, 0.001][i]!), `errorRateThreshold ${t.errorRateThreshold}`);
    });
    assert.equal(table.tiers[0]!.timeToExhaustion, '50h');

    const text = await waitForText(doc, (t) => tableRows(t).length >= 4, 'a Markdown table in the editor');
    assert.ok(text.startsWith('# Alerting\n\n'), 'inserted after the existing text');
    const [header, ...rows] = tableRows(text);
    const burn = header!.findIndex((h) => /burn/i.test(h));
    const budget = header!.findIndex((h) => /budget/i.test(h));
    assert.ok(burn >= 0 && budget >= 0, `table header has burn-rate and budget columns: ${header!.join(' | ')}`);
    assert.deepEqual(rows.map((r) => r[burn]!.replace(/[×x]$/, '')), ['14.4', '6', '1']);
    assert.deepEqual(rows.map((r) => r[budget]!.replace(/\s/g, '')), ['2%', '5%', '10%']);
    assert.ok(rows.some((r) => r.includes('50h')), 'time to exhaustion 50h in the table');
  });

  test('showPreview opens a webview for a runbook and for a post-mortem', async () => {
    const cases = [
      { file: 'runbooks/drift-alert.runbook.yaml', kind: 'runbook' },
      { file: 'postmortems/hostile.postmortem.md', kind: 'postmortem' },
    ];
    for (const { file, kind } of cases) {
      await closeAll();
      await open(file);
      const result = await vscode.commands.executeCommand<{ panel: string; title: string }>('mlRunbooks.showPreview');
      assert.equal(result?.panel, kind, `showPreview returns the kind of ${file}: ${JSON.stringify(result)}`);
      assert.ok(result.title.length > 0, 'and the preview title');
      const tab = await waitForTab(
        (t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('mlRunbooks'),
        `a preview webview tab for ${file}`,
      );
      assert.ok(tab.label.length > 0, 'the preview tab has a title');
      assert.equal(previewTabs().length, 1, 'one preview tab');
    }
  });

  test('showPreviewToSide opens the preview in another editor group', async () => {
    await closeAll();
    await open('fraud-scorer-2026-11-20.postmortem.md');
    await vscode.commands.executeCommand('mlRunbooks.showPreviewToSide');
    const tab = await waitForTab((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('mlRunbooks'), 'a preview tab');
    assert.ok(vscode.window.tabGroups.all.length >= 2, 'the preview sits beside the editor');
    assert.notEqual(tab.group.viewColumn, vscode.ViewColumn.One, 'not in the editor group of the document');
  });

  test('surfaceReport opens its panel and returns the counts of the workspace post-mortems', async () => {
    await closeAll();
    const files = await vscode.workspace.findFiles('**/*.postmortem.md', '**/scratch/**');
    const report = await vscode.commands.executeCommand<{
      total: number;
      bySurface: Record<string, number>;
      bySeverity: Record<string, number>;
      incidents: Array<{ file: string }>;
      skipped: Array<{ file: string; reason: string }>;
    }>('mlRunbooks.surfaceReport');
    assert.ok(report && typeof report.total === 'number', `the command returns the report: ${JSON.stringify(report)?.slice(0, 300)}`);
    assert.ok(report.total + report.skipped.length >= files.length, `every *.postmortem.md is counted or skipped (${files.length} files, ${report.total} counted, ${report.skipped.length} skipped)`);
    const sum = (r: Record<string, number>): number => Object.values(r).reduce((a, b) => a + b, 0);
    assert.equal(sum(report.bySurface), report.total, 'surfaces add up to the total');
    assert.equal(sum(report.bySeverity), report.total, 'severities add up to the total');
    // Fixtures: fraud-scorer + missing-section (data), defects (model), hostile (serving); all SEV2.
    assert.ok((report.bySurface.data ?? 0) >= 2, `data >= 2: ${JSON.stringify(report.bySurface)}`);
    assert.ok((report.bySurface.model ?? 0) >= 1, 'model >= 1');
    assert.ok((report.bySurface.serving ?? 0) >= 1, 'serving >= 1');
    assert.ok((report.bySeverity.SEV2 ?? 0) >= 4, `SEV2 >= 4: ${JSON.stringify(report.bySeverity)}`);
    const counted = report.incidents.map((i) => i.file).join('\n');
    assert.match(counted, /hostile\.postmortem\.md/, 'the hostile post-mortem is among the incidents');
    await waitForTab((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('mlRunbooks'), 'the surface report panel');
  });
});

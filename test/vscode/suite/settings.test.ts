/** Settings reach the language server without a reload: rule severities and the staleness threshold. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, discard, expectedKeys, keysOf, open, sameKeys, scratch, waitForDiagnostics, languageServerReady } from './helpers';

/** Updates a workspace setting and resolves once VS Code reports the change. */
async function setSetting(section: string, value: unknown): Promise<void> {
  const changed = new Promise<void>((resolve) => {
    const sub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`mlRunbooks.${section}`)) {
        sub.dispose();
        resolve();
      }
    });
  });
  await vscode.workspace.getConfiguration('mlRunbooks').update(section, value, vscode.ConfigurationTarget.Workspace);
  await changed;
}

suite('Settings', () => {
  suiteSetup(languageServerReady);
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('mlRunbooks').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('mlRunbooks').update('staleAfterDays', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAll();
  });

  test('mlRunbooks.rules { RB003: off } removes RB003; restoring brings it back', async () => {
    const editor = await open('runbooks/defects.runbook.yaml');
    const uri = editor.document.uri;
    const expected = expectedKeys(editor.document.getText());
    assert.ok(expected.some((k) => k.startsWith('RB003@')));
    await waitForDiagnostics(uri, (d) => sameKeys(keysOf(d), expected), 'the fixture diagnostics', 30_000);

    const without = expected.filter((k) => !k.startsWith('RB003@'));
    const off = waitForDiagnostics(uri, (d) => sameKeys(keysOf(d), without), 'RB003 to disappear');
    await setSetting('rules', { RB003: 'off' });
    await off;

    const back = waitForDiagnostics(uri, (d) => sameKeys(keysOf(d), expected), 'RB003 to come back');
    await setSetting('rules', undefined);
    await back;
  });

  test('mlRunbooks.rules can raise a severity', async () => {
    const editor = await open('runbooks/defects.runbook.yaml');
    const uri = editor.document.uri;
    const isRb003 = (d: vscode.Diagnostic): boolean => keysOf([d])[0]!.startsWith('RB003@');
    const raised = waitForDiagnostics(uri, (d) => d.some((x) => isRb003(x) && x.severity === vscode.DiagnosticSeverity.Error), 'RB003 as an error');
    await setSetting('rules', { RB003: 'error' });
    await raised;
    const back = waitForDiagnostics(uri, (d) => d.some((x) => isRb003(x) && x.severity === vscode.DiagnosticSeverity.Warning), 'RB003 back to a warning');
    await setSetting('rules', undefined);
    await back;
  });

  test('mlRunbooks.staleAfterDays (a user setting) wins over .ml-runbooks.yaml and flags RB007', async () => {
    const editor = await open('runbooks/drift-alert.runbook.yaml');
    const uri = editor.document.uri;
    const line = editor.document.getText().split('\n').findIndex((l) => l.includes('lastReviewed:')) + 1;
    const stale = waitForDiagnostics(uri, (d) => keysOf(d).includes(`RB007@${line}`), `RB007 on line ${line}`, 30_000);
    await setSetting('staleAfterDays', 30);
    await stale;
    const fresh = waitForDiagnostics(uri, (d) => !keysOf(d).includes(`RB007@${line}`), 'RB007 to clear');
    await setSetting('staleAfterDays', undefined);
    await fresh;
  });

  test('a user setting equal to the default (180 days) still wins over the project file (20000 days)', async () => {
    const text = (await open('runbooks/drift-alert.runbook.yaml')).document.getText().replace(/lastReviewed: .*/, 'lastReviewed: 2025-01-01');
    const editor = await scratch('.runbook.yaml', text);
    const uri = editor.document.uri;
    const line = editor.document.getText().split('\n').findIndex((l) => l.includes('lastReviewed:')) + 1;
    try {
      // The copy repeats drift-alert's metadata.name (RB009), so the first check publishes something; the
      // project file's 20000 days apply while nothing is set: not stale.
      const first = await waitForDiagnostics(uri, (d) => d.length > 0, 'the first diagnostics of the copy', 30_000);
      assert.ok(!keysOf(first).includes(`RB007@${line}`), `no RB007 under the project file: ${keysOf(first).join(', ')}`);
      const stale = waitForDiagnostics(uri, (d) => keysOf(d).includes(`RB007@${line}`), `RB007 on line ${line} with 180 days`);
      await setSetting('staleAfterDays', 180);
      await stale;
      const fresh = waitForDiagnostics(uri, (d) => !keysOf(d).includes(`RB007@${line}`), 'RB007 to clear');
      await setSetting('staleAfterDays', undefined);
      await fresh;
    } finally {
      await discard(editor);
    }
  });
});

/** Editing a document re-lints it; undo brings the original diagnostics back. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, expectedKeys, keysOf, open, sameKeys, waitForDiagnostics, languageServerReady } from './helpers';

suite('Editing updates diagnostics', () => {
  suiteSetup(languageServerReady);
  suiteTeardown(closeAll);

  test('fixing a placeholder clears RB003, undo restores it', async () => {
    const editor = await open('runbooks/defects.runbook.yaml');
    const doc = editor.document;
    const original = doc.getText();
    const expected = expectedKeys(original);
    assert.ok(expected.includes('RB003@10'), 'fixture expects RB003 on line 10');
    await waitForDiagnostics(doc.uri, (d) => sameKeys(keysOf(d), expected), 'the fixture diagnostics', 30_000);

    const at = original.indexOf('escalation: TBD') + 'escalation: '.length;
    const range = new vscode.Range(doc.positionAt(at), doc.positionAt(at + 3));
    const fixed = waitForDiagnostics(
      doc.uri,
      (d) => sameKeys(keysOf(d), expected.filter((k) => k !== 'RB003@10')),
      'RB003 to clear while the other findings stay',
    );
    assert.ok(await editor.edit((e) => e.replace(range, '"#ml-oncall"')));
    await fixed;

    const restored = waitForDiagnostics(doc.uri, (d) => sameKeys(keysOf(d), expected), 'the original diagnostics after undo');
    await vscode.commands.executeCommand('undo');
    await restored;
    assert.equal(doc.getText(), original, 'undo restored the text');
  });

  test('breaking a post-mortem adds a finding where the edit is', async () => {
    const editor = await open('fraud-scorer-2026-11-20.postmortem.md');
    const doc = editor.document;
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('The schema change was reviewed'));
    assert.ok(line > 0, 'root-cause paragraph found');
    const added = waitForDiagnostics(
      doc.uri,
      (d) => keysOf(d).includes(`PM008@${line + 1}`),
      `PM008 on line ${line + 1}`,
      30_000,
    );
    assert.ok(await editor.edit((e) => e.insert(new vscode.Position(line, 0), 'It was human error. ')));
    await added;
    const cleared = waitForDiagnostics(doc.uri, (d) => !keysOf(d).includes(`PM008@${line + 1}`), 'PM008 to go after undo');
    await vscode.commands.executeCommand('undo');
    await cleared;
  });
});

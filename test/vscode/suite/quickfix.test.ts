/**
 * Quick fixes through vscode.executeCodeActionProvider + workspace.applyEdit: the fixed diagnostic
 * goes away and the text outside the edited range is untouched.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, codeOf, describe, expectedKeys, keysOf, open, sameKeys, waitForDiagnostics, languageServerReady } from './helpers';

interface Applied {
  before: string;
  after: string;
  action: vscode.CodeAction;
}

/** Finds the quick fix for `diag`, applies its WorkspaceEdit and checks the text outside the edits. */
async function applyQuickFix(doc: vscode.TextDocument, diag: vscode.Diagnostic, cleared: (d: vscode.Diagnostic[]) => boolean, what: string): Promise<Applied> {
  const code = codeOf(diag);
  const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
    'vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
  const fixes = (actions ?? []).filter((a): a is vscode.CodeAction => 'edit' in a || 'kind' in a || 'diagnostics' in a);
  const action = fixes.find((a) => a.edit && a.diagnostics?.some((d) => codeOf(d) === code)) ?? fixes.find((a) => a.edit);
  assert.ok(action?.edit, `a quick fix with an edit is offered for ${code}; got: ${(actions ?? []).map((a) => a.title).join(' | ') || '(none)'}`);
  const edits = action.edit.entries().filter(([u]) => u.toString() === doc.uri.toString()).flatMap(([, e]) => e);
  assert.ok(edits.length > 0, 'the fix edits this document');
  const before = doc.getText();
  const start = Math.min(...edits.map((e) => doc.offsetAt(e.range.start)));
  const end = Math.max(...edits.map((e) => doc.offsetAt(e.range.end)));
  const done = waitForDiagnostics(doc.uri, cleared, what);
  assert.ok(await vscode.workspace.applyEdit(action.edit), 'workspace.applyEdit succeeded');
  const after = doc.getText();
  assert.notEqual(after, before, 'the fix changed the text');
  assert.equal(after.slice(0, start), before.slice(0, start), 'text before the edited range is unchanged');
  assert.equal(after.slice(after.length - (before.length - end)), before.slice(end), 'text after the edited range is unchanged');
  await done;
  return { before, after, action };
}

suite('Quick fixes', () => {
  suiteSetup(languageServerReady);
  suiteTeardown(closeAll);

  test('RB005: fixing the burn-rate numbers clears the finding and keeps the rest', async () => {
    const editor = await open('runbooks/defects.runbook.yaml');
    const doc = editor.document;
    const expected = expectedKeys(doc.getText());
    const target = expected.find((k) => k.startsWith('RB005@'));
    assert.ok(target, 'fixture expects RB005');
    const diags = await waitForDiagnostics(doc.uri, (d) => sameKeys(keysOf(d), expected), `[${expected.join(', ')}]`, 30_000);
    const diag = diags.find((d) => `${codeOf(d)}@${d.range.start.line + 1}` === target)!;
    const rest = expected.filter((k) => k !== target);
    const { after } = await applyQuickFix(doc, diag, (d) => sameKeys(keysOf(d), rest), `RB005 to clear, leaving [${rest.join(', ')}]`);
    assert.match(after, /budgetConsumed: 2\s?%|burnRate: 36\b/, 'budgetConsumed became 2 % (or the burn rate matches 5 %)');
    await vscode.commands.executeCommand('undo');
  });

  test('PM002: inserting the missing section skeleton clears the finding', async () => {
    const editor = await open('postmortems/missing-section.postmortem.md');
    const doc = editor.document;
    const diags = await waitForDiagnostics(
      doc.uri, (d) => d.some((x) => codeOf(x) === 'PM002'), 'PM002 for the missing Detection gap section', 30_000);
    const pm002 = diags.filter((d) => codeOf(d) === 'PM002');
    assert.equal(pm002.length, 1, `exactly one section is missing:\n${describe(diags)}`);
    assert.match(pm002[0]!.message, /detection gap/i, 'the message names the section');
    const { after } = await applyQuickFix(doc, pm002[0]!, (d) => !d.some((x) => codeOf(x) === 'PM002'), 'PM002 to clear');
    const headings = after.split('\n').filter((l) => /^#{1,6} /.test(l)).map((l) => l.replace(/^#+ /, ''));
    const gap = headings.indexOf('Detection gap');
    assert.ok(gap > 0, `a "Detection gap" heading was inserted: ${headings.join(' / ')}`);
    assert.equal(headings[gap - 1], 'Model and data state', 'inserted in canonical order, after Model and data state');
    assert.equal(headings[gap + 1], 'Action items', 'and before Action items');
    await vscode.commands.executeCommand('undo');
  });
});

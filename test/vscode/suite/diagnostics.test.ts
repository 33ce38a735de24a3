/**
 * Every fixture runbook and post-mortem gets exactly the diagnostics its `expect:` markers name
 * (code and line), each with a rule-doc link; fixtures without markers lint clean; examples/ has no
 * errors or warnings; content-detected files keep their plain language id.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  PROBES, closeAll, codeOf, describe, expectedKeys, keysOf, open, sameKeys,
  settledDiagnostics, waitForDiagnostics, workspaceRoot, languageServerReady } from './helpers';

interface Fixture {
  path: string;
  kind: 'runbook' | 'postmortem';
  language: string;
}

const FIXTURES: Fixture[] = [
  { path: 'runbooks/drift-alert.runbook.yaml', kind: 'runbook', language: 'ml-runbook' },
  { path: 'runbooks/defects.runbook.yaml', kind: 'runbook', language: 'ml-runbook' },
  { path: 'runbooks/queries.runbook.yaml', kind: 'runbook', language: 'ml-runbook' },
  { path: 'runbooks/multi.runbook.yaml', kind: 'runbook', language: 'ml-runbook' },
  { path: 'runbooks/duplicate-a.runbook.yml', kind: 'runbook', language: 'ml-runbook' },
  { path: 'runbooks/duplicate-b.runbook.yml', kind: 'runbook', language: 'ml-runbook' },
  { path: 'ops/latency.yaml', kind: 'runbook', language: 'yaml' },
  { path: 'fraud-scorer-2026-11-20.postmortem.md', kind: 'postmortem', language: 'ml-postmortem' },
  { path: 'postmortems/defects.postmortem.md', kind: 'postmortem', language: 'ml-postmortem' },
  { path: 'postmortems/hostile.postmortem.md', kind: 'postmortem', language: 'ml-postmortem' },
  { path: 'notes/incident-review.md', kind: 'postmortem', language: 'markdown' },
];

function checkLinks(diags: readonly vscode.Diagnostic[]): void {
  for (const d of diags) {
    const code = codeOf(d);
    assert.match(code, /^(RB|PM|ML)\d{3}$/, `diagnostic code: ${describe([d])}`);
    assert.ok(typeof d.code === 'object' && d.code.target, `${code} carries a codeDescription link`);
    const target = (d.code as { target: vscode.Uri }).target.toString();
    assert.ok(target.endsWith(`docs/rules/${code}.md`), `${code} links to its rule page, got ${target}`);
    assert.ok(d.message.trim().length > 0 && !d.message.includes('\n'), `${code} has a one-line message: ${JSON.stringify(d.message)}`);
    assert.ok(d.source, `${code} names its source`);
  }
}

suite('Diagnostics of the fixture workspace', () => {
  suiteSetup(languageServerReady);
  suiteTeardown(closeAll);

  for (const f of FIXTURES) {
    test(`${f.path}: expected codes and lines`, async () => {
      const editor = await open(f.path);
      const doc = editor.document;
      assert.equal(doc.languageId, f.language, 'language id');
      const expected = expectedKeys(doc.getText());
      const diags = expected.length
        ? await waitForDiagnostics(doc.uri, (d) => sameKeys(keysOf(d), expected), `[${expected.join(', ')}]`, 30_000)
        : await settledDiagnostics(editor, PROBES[f.kind], (d) => d.length === 0, `${f.path} (expected clean)`);
      assert.deepEqual(keysOf(diags), expected);
      checkLinks(diags);
    });
  }

  test('examples/: no errors or warnings', async () => {
    const files = await vscode.workspace.findFiles(
      new vscode.RelativePattern(workspaceRoot(), 'examples/**/*.{runbook.yaml,runbook.yml,postmortem.md}'),
    );
    assert.ok(files.length > 0, 'examples/ holds runbooks and post-mortems');
    for (const uri of files.sort((a, b) => a.path.localeCompare(b.path))) {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
      const kind = /\.ya?ml$/.test(uri.path) ? 'runbook' : 'postmortem';
      const serious = (d: vscode.Diagnostic[]): vscode.Diagnostic[] =>
        d.filter((x) => x.severity === vscode.DiagnosticSeverity.Error || x.severity === vscode.DiagnosticSeverity.Warning);
      const diags = await settledDiagnostics(editor, PROBES[kind], (d) => serious(d).length === 0, vscode.workspace.asRelativePath(uri))
        .catch((e: Error) => assert.fail(`${vscode.workspace.asRelativePath(uri)}: ${e.message}`));
      checkLinks(diags);
    }
  });
});

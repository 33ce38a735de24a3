/** Completion and hover come from the runbook schema; hover explains burn-rate arithmetic. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, closeAll, open, scratch, languageServerReady } from './helpers';

const SKELETON = [
  'apiVersion: ml-runbooks/v1',
  'kind: Runbook',
  'metadata:',
  '  ',
  'surface:',
  '  likely: ',
  '',
].join('\n');

function labels(list: vscode.CompletionList | undefined): string[] {
  return (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label).replace(/:\s*$/, '').trim());
}

function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** Lower-cased words without Markdown emphasis/code marks, for comparing rendered and raw text. */
function words(s: string): string {
  return s.replace(/[`*_[\]()]/g, ' ').toLowerCase().replace(/\s+/g, ' ').trim();
}

suite('Completion and hover', () => {
  let schema: { properties: Record<string, { description?: string; markdownDescription?: string }> };
  suiteSetup(async () => {
    await languageServerReady();
    const ext = await activateExtension();
    schema = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'schemas', 'runbook.schema.json'), 'utf8'));
  });
  suiteTeardown(closeAll);

  test('completion offers the schema keys under metadata:', async () => {
    const editor = await scratch('.runbook.yaml', SKELETON);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(3, 2));
    const got = labels(list);
    for (const key of ['name', 'title', 'service', 'owners', 'lastReviewed']) {
      assert.ok(got.includes(key), `completion offers "${key}" under metadata: (got ${got.slice(0, 30).join(', ')})`);
    }
    assert.ok(!got.includes('criterion'), 'keys of other objects are not offered under metadata:');
  });

  test('completion offers the enum values after likely:', async () => {
    const editor = await scratch('.runbook.yaml', SKELETON);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(5, '  likely: '.length));
    const got = labels(list);
    for (const v of ['data', 'model', 'serving']) {
      assert.ok(got.includes(v), `completion offers "${v}" after likely: (got ${got.slice(0, 30).join(', ')})`);
    }
  });

  test('hover on a key shows its schema description', async () => {
    const editor = await open('runbooks/drift-alert.runbook.yaml');
    const line = editor.document.getText().split('\n').indexOf('rollback:');
    assert.ok(line > 0);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider', editor.document.uri, new vscode.Position(line, 2));
    const text = words(hoverText(hovers));
    const spec = schema.properties.rollback!;
    const candidates = [spec.description, spec.markdownDescription]
      .filter((d): d is string => !!d)
      .map((d) => words(d).split(' ').slice(0, 5).join(' '));
    assert.ok(candidates.length > 0, 'the schema describes rollback');
    assert.ok(candidates.some((c) => text.includes(c)), `hover on rollback quotes the schema ("${candidates[0]}…"), got: ${text.slice(0, 300)}`);
  });

  test('hover on a burn rate shows the arithmetic (14.4 over 1h of 30d lasts 50h)', async () => {
    const editor = await open('runbooks/drift-alert.runbook.yaml');
    const lines = editor.document.getText().split('\n');
    const line = lines.findIndex((l) => l.trim() === 'burnRate: 14.4');
    assert.ok(line > 0);
    const col = lines[line]!.indexOf('burnRate');
    const at = async (character: number): Promise<string> =>
      hoverText(await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider', editor.document.uri, new vscode.Position(line, character)));
    const onKey = await at(col + 2);
    const onValue = await at(col + 'burnRate: '.length + 1);
    assert.ok(/\b50h\b/.test(onKey) || /\b50h\b/.test(onValue),
      `hover on burnRate (key or value) says the budget lasts 50h; key: ${onKey.slice(0, 300)} | value: ${onValue.slice(0, 300)}`);
    assert.ok(/2\s?%/.test(onKey + onValue), 'hover says 2 % of the budget');
  });
});

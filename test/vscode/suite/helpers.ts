/**
 * Helpers shared by the integration tests. Every wait is on a VS Code event (diagnostics changing,
 * a tab opening, a configuration change) with a deadline — never a fixed sleep.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'ml-runbooks.ml-runbooks';

/** The workspace folder the suite runs in (a fresh copy of test/vscode/fixtures/workspace). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs an open workspace folder');
  return folder.uri;
}

export function wsUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

/** Activates the extension under test and returns it. */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is loaded`);
  if (!ext.isActive) await ext.activate();
  assert.ok(ext.isActive, 'extension activated');
  return ext;
}

/**
 * Resolves once the language server has published diagnostics for a fixture with known findings.
 * Shared by all suites (kept on globalThis because each test file is its own bundle): when the server
 * never answers, every suite that needs it fails at once with this one clear reason instead of each
 * test waiting out its own deadline.
 */
export function languageServerReady(): Promise<void> {
  const g = globalThis as { __mlRunbooksServerReady?: Promise<void> };
  g.__mlRunbooksServerReady ??= (async () => {
    await activateExtension();
    const doc = await vscode.workspace.openTextDocument(wsUri('runbooks/defects.runbook.yaml'));
    await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'the first diagnostics from the language server', 60_000);
  })();
  return g.__mlRunbooksServerReady;
}

/** The diagnostic's code as a string (`code` may be a string, a number or `{ value, target }`). */
export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** `CODE@line` (1-based) keys of diagnostics, sorted — for readable comparisons. */
export function keysOf(diags: readonly vscode.Diagnostic[]): string[] {
  return diags.map((d) => `${codeOf(d)}@${d.range.start.line + 1}`).sort(compareKeys);
}

export function compareKeys(a: string, b: string): number {
  const [ca = '', la = '0'] = a.split('@');
  const [cb = '', lb = '0'] = b.split('@');
  return Number(la) - Number(lb) || ca.localeCompare(cb);
}

export function describe(diags: readonly vscode.Diagnostic[]): string {
  if (!diags.length) return '(no diagnostics)';
  return diags
    .map((d) => `  ${codeOf(d)} ${vscode.DiagnosticSeverity[d.severity]} line ${d.range.start.line + 1}: ${d.message}`)
    .join('\n');
}

/**
 * Resolves with the diagnostics of `uri` as soon as they satisfy `predicate` — checked now and on
 * every `onDidChangeDiagnostics` event for that URI. Rejects after `timeoutMs` with the last
 * diagnostics seen, so a failure says what the server actually published.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diags: vscode.Diagnostic[]) => boolean,
  what = 'the expected diagnostics',
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const d = vscode.languages.getDiagnostics(uri);
      if (predicate(d)) {
        cleanup();
        resolve(d);
        return true;
      }
      return false;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      const d = vscode.languages.getDiagnostics(uri);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} on ${vscode.workspace.asRelativePath(uri)}; last seen:\n${describe(d)}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      sub.dispose();
    };
    check();
  });
}

/** Resolves on the next diagnostics change of `uri` (after `action` ran), with the new diagnostics. */
export async function nextDiagnostics(
  uri: vscode.Uri,
  action: () => Thenable<unknown> | Promise<unknown>,
  what = 'a diagnostics update',
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  const before = JSON.stringify(snapshot(vscode.languages.getDiagnostics(uri)));
  const changed = waitForDiagnostics(uri, (d) => JSON.stringify(snapshot(d)) !== before, what, timeoutMs);
  await action();
  return changed;
}

function snapshot(diags: readonly vscode.Diagnostic[]): unknown {
  return diags.map((d) => [codeOf(d), d.severity, d.message, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);
}

/**
 * Expected findings written in a fixture: `# expect: RB003` (YAML, PromQL), `-- expect: RB004` (SQL)
 * or `<!-- expect: PM008 -->` (Markdown).
 */
export function expectedKeys(text: string): string[] {
  const out: string[] = [];
  const mark = /(?:#|--|<!--)\s*expect:\s*([A-Z]{2}\d{3}(?:\s*,\s*[A-Z]{2}\d{3})*)/g;
  text.split('\n').forEach((line, i) => {
    mark.lastIndex = 0;
    for (let m = mark.exec(line); m; m = mark.exec(line)) {
      for (const code of m[1]!.split(',')) out.push(`${code.trim()}@${i + 1}`);
    }
  });
  return out.sort(compareKeys);
}

export function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/** Opens a workspace file in an editor and returns the editor. */
export async function open(relative: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(wsUri(relative));
  return vscode.window.showTextDocument(doc, { preview: false });
}

let scratchCount = 0;
/** Writes a new file under `scratch/` of the workspace and opens it; the name keeps `suffix` (e.g. `.runbook.yaml`). */
export async function scratch(suffix: string, content: string): Promise<vscode.TextEditor> {
  const uri = wsUri(`scratch/s${Date.now().toString(36)}-${++scratchCount}${suffix}`);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(content, 'utf8'));
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Replaces the whole text of an editor's document. */
export async function setText(editor: vscode.TextEditor, text: string): Promise<void> {
  const doc = editor.document;
  const all = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  const ok = await editor.edit((e) => e.replace(all, text));
  assert.ok(ok, 'edit applied');
}

/** A line that must be flagged, appended to prove the server has linted a document (see settledDiagnostics). */
export const PROBES = {
  runbook: { text: 'zzProbeUnknownKey: 1\n', code: 'RB001' },
  postmortem: { text: '\nThe outage was human error.\n', code: 'PM008' },
} as const;

/**
 * Waits until the language server has linted the document's current text and returns its
 * diagnostics, also when they are empty (an empty set after an empty set fires no event): a probe
 * line that must be flagged is appended, its diagnostic awaited, the probe removed again, and the
 * diagnostics of the original text awaited (`expected`). The document is saved unchanged.
 */
export async function settledDiagnostics(
  editor: vscode.TextEditor,
  probe: { text: string; code: string },
  expected: (d: vscode.Diagnostic[]) => boolean,
  what: string,
): Promise<vscode.Diagnostic[]> {
  const doc = editor.document;
  const original = doc.getText();
  const sep = original === '' || original.endsWith('\n') ? '' : '\n';
  const end = doc.positionAt(original.length);
  const probeLine = end.line + (sep ? 1 : 0);
  const onProbe = (d: vscode.Diagnostic[]): boolean =>
    d.some((x) => codeOf(x) === probe.code && x.range.start.line >= probeLine);
  const flagged = waitForDiagnostics(doc.uri, onProbe, `${probe.code} on a probe line appended to ${what}`, 30_000);
  assert.ok(await editor.edit((e) => e.insert(end, sep + probe.text)), 'probe inserted');
  await flagged;
  const back = waitForDiagnostics(doc.uri, (d) => !onProbe(d) && expected(d), what);
  assert.ok(await editor.edit((e) => e.delete(new vscode.Range(end, doc.positionAt(doc.getText().length)))), 'probe removed');
  assert.equal(doc.getText(), original, 'probe removed cleanly');
  const result = await back;
  await doc.save();
  return result;
}

/** Reverts every changed document and closes all editors, without prompts. */
export async function closeAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isDirty && !doc.isUntitled && !doc.isClosed) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Reverts and closes one scratch document's editor and deletes the file. */
export async function discard(editor: vscode.TextEditor): Promise<void> {
  const uri = editor.document.uri;
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.workspace.fs.delete(uri, { useTrash: false });
}

/** Resolves when `doc`'s text satisfies `predicate` (checked now and on every change of it). */
export function waitForText(doc: vscode.TextDocument, predicate: (text: string) => boolean, what: string, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    if (predicate(doc.getText())) return resolve(doc.getText());
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === doc && predicate(doc.getText())) {
        sub.dispose();
        clearTimeout(timer);
        resolve(doc.getText());
      }
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; text:\n${doc.getText().slice(0, 800)}`));
    }, timeoutMs);
  });
}

/** All open tabs whose input is a webview of this extension (viewType contains `mlRunbooks`). */
export function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('mlRunbooks'));
}

/** Resolves with the first tab matching `predicate`, now or after the next tab changes. */
export function waitForTab(predicate: (t: vscode.Tab) => boolean, what: string, timeoutMs = 20_000): Promise<vscode.Tab> {
  const find = (): vscode.Tab | undefined => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find(predicate);
  return new Promise((resolve, reject) => {
    const hit = find();
    if (hit) return resolve(hit);
    const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
      const t = find();
      if (t) {
        sub.dispose();
        clearTimeout(timer);
        resolve(t);
      }
    });
    const timer = setTimeout(() => {
      sub.dispose();
      const open = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label).join(', ');
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; open tabs: ${open}`));
    }, timeoutMs);
  });
}

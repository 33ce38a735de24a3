/**
 * Every contributed snippet, inserted with editor.insertSnippet into a file of its language, leaves no
 * error diagnostics. Whole-document snippets go into an empty file; a section or block snippet goes
 * into a clean fixture from which that section/key was removed, at the place it was.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, closeAll, codeOf, describe, discard, scratch, waitForDiagnostics, wsUri, languageServerReady } from './helpers';

interface Snippet {
  file: string;
  name: string;
  prefix: string;
  body: string;
  language: 'ml-runbook' | 'ml-postmortem';
}

/** JSON with comments and trailing commas, as .code-snippets files allow. */
function parseJsonc(text: string): unknown {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      const m = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(i));
      out += m![0];
      i += m![0].length - 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 1;
    } else out += c;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}

function loadSnippets(extensionPath: string): Snippet[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
  const contributed: Array<{ language: string; path: string }> = manifest.contributes?.snippets ?? [];
  const byFile = new Map<string, Set<string>>();
  for (const c of contributed) {
    const set = byFile.get(c.path) ?? new Set<string>();
    set.add(c.language);
    byFile.set(c.path, set);
  }
  const out: Snippet[] = [];
  for (const [file, languages] of byFile) {
    const json = parseJsonc(fs.readFileSync(path.join(extensionPath, file), 'utf8')) as Record<string, { prefix: string | string[]; body: string | string[]; scope?: string }>;
    for (const [name, s] of Object.entries(json)) {
      const scopes = s.scope ? s.scope.split(',').map((x) => x.trim()) : [...languages];
      const language = scopes.find((l) => l === 'ml-runbook' || l === 'ml-postmortem') as Snippet['language'] | undefined;
      assert.ok(language, `snippet "${name}" in ${file} targets ml-runbook or ml-postmortem (scopes: ${scopes.join(', ')})`);
      out.push({ file, name, prefix: ([] as string[]).concat(s.prefix)[0] ?? '', body: ([] as string[]).concat(s.body).join('\n'), language });
    }
  }
  return out;
}

/** Removes a top-level YAML key and its indented block. */
function removeTopLevelKey(text: string, key: string): { text: string; at: number } {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${key}:`));
  if (start < 0) return { text, at: text.length };
  let end = start + 1;
  while (end < lines.length && (/^\s/.test(lines[end]!) || lines[end] === '' && end < lines.length - 1 && /^\s/.test(lines[end + 1]!))) end++;
  const at = lines.slice(0, start).join('\n').length + (start > 0 ? 1 : 0);
  return { text: [...lines.slice(0, start), ...lines.slice(end)].join('\n'), at };
}

const normalize = (h: string): string => h.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** Removes the Markdown section whose heading matches `heading` (up to the next heading of the same or a higher level). */
function removeSection(text: string, heading: string): { text: string; at: number } | undefined {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^#{1,6} /.test(l) && normalize(l.replace(/^#+ /, '')) === normalize(heading));
  if (start < 0) return undefined;
  const level = /^#+/.exec(lines[start]!)![0].length;
  let end = start + 1;
  while (end < lines.length && !(new RegExp(`^#{1,${level}} `).test(lines[end]!))) end++;
  const at = lines.slice(0, start).join('\n').length + (start > 0 ? 1 : 0);
  return { text: [...lines.slice(0, start), ...lines.slice(end)].join('\n'), at };
}

/** Where to insert a snippet: the text around it and the scratch file suffix. */
function placement(s: Snippet): { before: string; after: string; suffix: string; where: string } {
  const first = s.body.split('\n')[0] ?? '';
  if (s.language === 'ml-runbook') {
    if (/^(\$\{\d+:)?apiVersion:/.test(first) || /^---/.test(first)) return { before: '', after: '', suffix: '.runbook.yaml', where: 'an empty runbook file' };
    const key = /^([A-Za-z]+):/.exec(first)?.[1];
    assert.ok(key, `runbook snippet "${s.name}" starts with a top-level key or apiVersion (first line: ${first})`);
    // A copy of a clean fixture under a name of its own (RB009 flags names used twice in the workspace).
    let base = fs.readFileSync(wsUri('runbooks/drift-alert.runbook.yaml').fsPath, 'utf8')
      .replace(/^  name: .*$/m, `  name: fx-snippet-base-${s.prefix.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
    if (key === 'slos') base = base.replace(/^  slo: .*\n/m, '');
    const { text, at } = removeTopLevelKey(base, key);
    return { before: text.slice(0, at), after: text.slice(at), suffix: '.runbook.yaml', where: `a clean runbook without its "${key}:"` };
  }
  if (/^---/.test(first)) return { before: '', after: '', suffix: '.postmortem.md', where: 'an empty post-mortem file' };
  const base = fs.readFileSync(wsUri('fraud-scorer-2026-11-20.postmortem.md').fsPath, 'utf8').replace(/^runbook: .*\n/m, '');
  const heading = /^#{1,6} +(.*)$/.exec(first.replace(/\$\{\d+:([^}]*)\}/g, '$1'))?.[1];
  const removed = heading ? removeSection(base, heading) : undefined;
  if (removed) return { before: removed.text.slice(0, removed.at), after: removed.text.slice(removed.at), suffix: '.postmortem.md', where: `a clean post-mortem without its "${heading}" section` };
  return { before: base.endsWith('\n') ? base + '\n' : base + '\n\n', after: '', suffix: '.postmortem.md', where: 'the end of a clean post-mortem' };
}

suite('Snippets', () => {
  let snippets: Snippet[] = [];
  suiteSetup(async () => {
    await languageServerReady();
    const ext = await activateExtension();
    snippets = loadSnippets(ext.extensionPath);
  });
  suiteTeardown(closeAll);

  test('the manifest contributes runbook and post-mortem snippets', () => {
    assert.ok(snippets.some((s) => s.language === 'ml-runbook'), 'runbook snippets');
    assert.ok(snippets.some((s) => s.language === 'ml-postmortem'), 'post-mortem snippets');
  });

  test('each snippet inserts without error diagnostics', async () => {
    const failures: string[] = [];
    for (const s of snippets) {
      const p = placement(s);
      // A placeholder line that the server flags marks where the snippet goes; once its diagnostics are
      // in, the snippet replaces it and the next diagnostics are those of the inserted text.
      const marker = p.before === '' && p.after === '' ? 'zzNotARunbook: 1\nnot a document\n' : s.language === 'ml-runbook' ? 'zzProbeUnknownKey: 1\n' : 'The outage was human error.\n\n';
      const editor = await scratch(p.suffix, p.before + marker + p.after);
      const doc = editor.document;
      const from = doc.positionAt(p.before.length);
      const to = doc.positionAt(p.before.length + marker.length);
      const seed = await waitForDiagnostics(doc.uri, (d) => d.some((x) => x.range.start.line >= from.line && x.range.start.line <= to.line),
        `a diagnostic on the placeholder for snippet "${s.name}"`, 30_000);
      const seedKey = JSON.stringify(seed.map((d) => [codeOf(d), d.message, d.range.start.line]));
      const next = waitForDiagnostics(doc.uri, (d) => JSON.stringify(d.map((x) => [codeOf(x), x.message, x.range.start.line])) !== seedKey,
        `diagnostics after inserting snippet "${s.name}"`);
      assert.ok(await editor.insertSnippet(new vscode.SnippetString(s.body), new vscode.Range(from, to)), `snippet "${s.name}" inserted`);
      // Runbook snippets name the runbook after the scratch file, so no RB009 duplicate is expected either.
      const errors = (await next).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      if (errors.length) failures.push(`"${s.name}" (${s.prefix}) in ${p.where}:\n${describe(errors)}`);
      await discard(editor);
    }
    assert.equal(failures.length, 0, `snippets that leave errors:\n${failures.join('\n')}`);
  });
});

// Protocol tests of the built language server: diagnostics (codes, ranges, versions, links), changes,
// quick fixes, settings, the project file, duplicate names across files, a huge document.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, editsFor, fileUri } from './lspClient';
import { applyLspEdits } from '../helpers/edits';
import { offsetOf, positionAt } from '../helpers/positions';
import { minimalRunbook } from '../helpers/samples';
import { lint } from '../../server/src/core/index';

const DOCS = 'https://github.com/ml-runbooks/ml-runbooks/blob/main/docs/rules/';

const POSTMORTEM = `---
kind: postmortem
title: Fraud scorer degraded
severity: SEV2
status: draft
incidentStart: 2026-11-20T09:14Z
detected: 2026-11-20T11:02Z
resolved: 2026-11-20T12:30Z
---
# Fraud scorer degraded

## Summary

Scores drifted.
`;

const rangeOf = (text: string, needle: string, nth = 0) => {
  const at = offsetOf(text, needle, nth);
  return { start: positionAt(text, at), end: positionAt(text, at + needle.length) };
};
const codes = (ds: Diagnostic[]) => ds.map((d) => d.code).sort();
const msg = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

describe('diagnostics over stdio', { timeout: 30000 }, () => {
  let client: LspClient;
  let root: string;
  const settings: Record<string, unknown> = {};

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'mlrb-lsp-'));
    mkdirSync(join(root, 'ops'));
    writeFileSync(join(root, 'ops', 'on-disk.runbook.yaml'), minimalRunbook('shared-name'));
    writeFileSync(join(root, 'ops', 'other.runbook.yml'), minimalRunbook('only-on-disk'));
    ({ client } = await LspClient.start(root, undefined, settings));
    await client.log(/Indexed 2 runbook file\(s\)/);
  });
  after(() => {
    client.kill();
    rmSync(root, { recursive: true, force: true });
  });

  test('a clean runbook publishes an empty list with its version', async () => {
    const uri = fileUri(join(root, 'ops', 'clean.runbook.yaml'));
    await client.open(uri, 'ml-runbook', minimalRunbook('clean-one'), 7);
    assert.deepEqual(await client.diagnostics(uri, 7), []);
  });

  test('runbook findings: code, exact range, severity, source, codeDescription, data', async () => {
    const uri = fileUri(join(root, 'ops', 'bad.runbook.yaml'));
    const text = minimalRunbook('bad-one').replace('  title: Drift alert\n', '  title: Drift alert\n  bogus: 1\n').replace('roll back the pipeline', 'TODO');
    await client.open(uri, 'ml-runbook', text, 1);
    const ds = await client.diagnostics(uri, 1);
    assert.deepEqual(codes(ds), ['RB001', 'RB003']);
    const rb001 = ds.find((d) => d.code === 'RB001')!;
    assert.deepEqual(rb001.range, rangeOf(text, 'bogus'));
    assert.equal(rb001.severity, 1);
    assert.equal(rb001.source, 'ml-runbooks');
    assert.equal(rb001.codeDescription?.href, `${DOCS}RB001.md`);
    assert.match(msg(rb001), /Unknown key 'bogus'/);
    const rb003 = ds.find((d) => d.code === 'RB003')!;
    assert.deepEqual(rb003.range, rangeOf(text, 'TODO'));
    assert.equal(rb003.severity, 2);
    assert.equal((rb003.data as { version: number }).version, 1);
  });

  test('a YAML syntax error is RB000 at the bad token; fixing it in a new version clears it', async () => {
    const uri = fileUri(join(root, 'ops', 'syntax.runbook.yaml'));
    const good = minimalRunbook('syntax-one');
    const bad = good.replace('  likely: data', '  likely: [data');
    await client.open(uri, 'ml-runbook', bad, 1);
    const ds = await client.diagnostics(uri, 1);
    // Same findings as the core computes, offsets converted to positions exactly.
    const expected = lint(join(root, 'ops', 'syntax.runbook.yaml'), bad).findings;
    assert.deepEqual(
      ds.map((d) => [d.code, d.range]),
      expected.map((f) => [f.code, { start: positionAt(bad, f.start), end: positionAt(bad, f.end) }]),
    );
    const rb000 = ds.find((d) => d.code === 'RB000');
    assert.ok(rb000);
    assert.equal(rb000.severity, 1);
    assert.ok([12, 13].includes(rb000.range.start.line), 'on the line of the unterminated flow sequence or right after it');
    await client.change(uri, 2, good);
    assert.deepEqual(await client.diagnostics(uri, 2), []);
  });

  test('a post-mortem: PM codes and ranges, published under the markdown language id too', async () => {
    const uri = fileUri(join(root, 'pm', 'incident.md'));
    await client.open(uri, 'markdown', POSTMORTEM, 3);
    const ds = await client.diagnostics(uri, 3);
    const pm002 = ds.filter((d) => d.code === 'PM002');
    assert.ok(pm002.length >= 5, JSON.stringify(codes(ds)));
    assert.deepEqual(pm002[0]!.range, rangeOf(POSTMORTEM, 'Fraud scorer degraded', 1));
    assert.equal(pm002[0]!.codeDescription?.href, `${DOCS}PM002.md`);
    assert.ok(pm002.some((d) => /Action items/.test(msg(d))), JSON.stringify(pm002.map(msg)));
    // Plain Markdown that is not a post-mortem gets nothing.
    const notes = fileUri(join(root, 'notes.md'));
    await client.open(notes, 'markdown', '# Notes\n\nhuman error everywhere\n', 1);
    assert.deepEqual(await client.diagnostics(notes, 1), []);
  });

  test('a burst of changes ends with the diagnostics of the latest version', async () => {
    const uri = fileUri(join(root, 'ops', 'burst.runbook.yaml'));
    const text = minimalRunbook('burst-one');
    await client.open(uri, 'ml-runbook', text, 1);
    await client.diagnostics(uri, 1);
    // Written back to back: the server finds them queued and validates far fewer versions than it gets.
    const sent: Array<Promise<void>> = [];
    for (let v = 2; v <= 20; v++) sent.push(client.change(uri, v, v % 2 ? text : text.replace('  title: Drift alert', `  title: TODO ${v}`)));
    sent.push(client.change(uri, 21, text.replace('  title: Drift alert', '  title: TBD')));
    await Promise.all(sent);
    const ds = await client.diagnostics(uri, 21);
    assert.deepEqual(codes(ds), ['RB003']);
    assert.deepEqual(ds[0]!.range, rangeOf(text.replace('  title: Drift alert', '  title: TBD'), 'TBD'));
    // Versions are never published out of order.
    const versions = client.publishes.filter((p) => p.uri === uri).map((p) => p.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
    assert.ok(versions.length <= 10, `a burst of 20 changes collapses: published ${versions.join(',')}`);
  });

  test('quick fix: applying the returned edit removes the diagnostic and changes nothing else', async () => {
    const uri = fileUri(join(root, 'ops', 'fix.runbook.yaml'));
    const full = minimalRunbook('fix-one');
    const start = full.indexOf('rollback:');
    const text = full.slice(0, start); // no rollback at all
    await client.open(uri, 'ml-runbook', text, 1);
    const ds = await client.diagnostics(uri, 1);
    const missing = ds.find((d) => d.code === 'RB001' && /rollback/.test(msg(d)));
    assert.ok(missing, JSON.stringify(ds.map(msg)));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: missing.range,
      context: { diagnostics: [missing], only: ['quickfix'] },
    });
    assert.ok(actions.length >= 1);
    const action = actions[0]!;
    assert.equal(action.kind, 'quickfix');
    assert.deepEqual(action.diagnostics, [missing]);
    assert.equal(action.edit?.documentChanges?.length, 1, 'versioned document changes');
    assert.equal((action.edit!.documentChanges![0] as { textDocument: { version: number } }).textDocument.version, 1);
    const edits = editsFor(action.edit!, uri);
    const fixed = applyLspEdits(text, edits);
    assert.match(fixed, /rollback:\n  criterion:/);
    // Only an insertion: removing the inserted text gives back the original.
    const at = [...text].findIndex((c, i) => c !== fixed[i]);
    const insertedLength = fixed.length - text.length;
    assert.equal(fixed.slice(0, at === -1 ? text.length : at) + fixed.slice((at === -1 ? text.length : at) + insertedLength), text);
    await client.change(uri, 2, fixed);
    const after2 = await client.diagnostics(uri, 2);
    assert.ok(!after2.some((d) => d.code === 'RB001' && /rollback/.test(msg(d))), JSON.stringify(after2.map(msg)));
  });

  test('RB005 burn-rate quick fixes: both choices offered, the preferred one makes the numbers agree', async () => {
    const uri = fileUri(join(root, 'ops', 'slo.runbook.yaml'));
    const slos = `slos:\n  - name: q\n    objective: 99.9\n    period: 30d\n    alerts:\n      - severity: page\n        longWindow: 1h\n        shortWindow: 5m\n        burnRate: 14.4\n        budgetConsumed: 5%\n`;
    const text = minimalRunbook('slo-one', { extra: slos });
    await client.open(uri, 'ml-runbook', text, 1);
    const ds = await client.diagnostics(uri, 1);
    const rb005 = ds.find((d) => d.code === 'RB005');
    assert.ok(rb005, JSON.stringify(codes(ds)));
    assert.deepEqual(rb005.range, rangeOf(text, '5%'));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: rb005.range, context: { diagnostics: [rb005] } });
    const quick = actions.filter((a) => a.kind === 'quickfix');
    assert.equal(quick.length, 2);
    assert.equal(quick.filter((a) => a.isPreferred).length, 1);
    const preferred = quick.find((a) => a.isPreferred)!;
    const fixed = applyLspEdits(text, editsFor(preferred.edit!, uri));
    assert.equal(fixed, text.replace('budgetConsumed: 5%', 'budgetConsumed: 2%'));
    await client.change(uri, 2, fixed);
    assert.ok(!(await client.diagnostics(uri, 2)).some((d) => d.code === 'RB005'));
  });

  test('RB011 quick fix: adds the owners.model placeholder; the warning clears and RB003 asks to fill it in', async () => {
    const uri = fileUri(join(root, 'ops', 'owner.runbook.yaml'));
    const text = minimalRunbook('owner-one').replace('    model: "@fraud-model-owners"\n', '');
    await client.open(uri, 'ml-runbook', text, 1);
    const ds = await client.diagnostics(uri, 1);
    assert.deepEqual(ds.map((d) => d.code), ['RB011']);
    const rb011 = ds[0]!;
    assert.equal(rb011.severity, 2, 'a warning');
    assert.deepEqual(rb011.range, rangeOf(text, 'owners'));
    assert.match(msg(rb011), /^Nobody owns ML quality/);
    assert.match(rb011.codeDescription!.href, /docs\/rules\/RB011\.md$/);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: rb011.range, context: { diagnostics: [rb011], only: ['quickfix'] } });
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.isPreferred, true);
    const fixed = applyLspEdits(text, editsFor(actions[0]!.edit!, uri));
    assert.equal(fixed, text.replace('    escalation: "#ml-oncall"\n', '    escalation: "#ml-oncall"\n    model: <model-owner>\n'));
    await client.change(uri, 2, fixed);
    const after = await client.diagnostics(uri, 2);
    assert.deepEqual(after.map((d) => [d.code, d.range]), [['RB003', rangeOf(fixed, '<model-owner>')]]);
  });

  test('PM011 uses the server\'s file system and workspace root for the runbook path', async () => {
    const pm = (runbookPath: string) => POSTMORTEM.replace('resolved: 2026-11-20T12:30Z\n', `resolved: 2026-11-20T12:30Z\nrunbook: ${runbookPath}\n`);
    const uri = fileUri(join(root, 'pm', 'links.postmortem.md'));
    const missing = pm('ops/missing.runbook.yaml');
    await client.open(uri, 'ml-postmortem', missing, 1);
    const pm011 = (await client.diagnostics(uri, 1)).filter((d) => d.code === 'PM011');
    assert.equal(pm011.length, 1);
    assert.deepEqual(pm011[0]!.range, rangeOf(missing, 'ops/missing.runbook.yaml'));
    await client.change(uri, 2, pm('ops/other.runbook.yml'));
    assert.ok(!(await client.diagnostics(uri, 2)).some((d) => d.code === 'PM011'), 'found at the workspace root');
  });

  test('code actions for a stale diagnostic come from the current version', async () => {
    const uri = fileUri(join(root, 'ops', 'stale.runbook.yaml'));
    const text = '# ml-runbooks-disable-next-line RB003\n' + minimalRunbook('stale-one');
    await client.open(uri, 'ml-runbook', text, 1);
    const ds = await client.diagnostics(uri, 1);
    const ml001 = ds.find((d) => d.code === 'ML001')!;
    assert.ok(ml001, JSON.stringify(codes(ds)));
    assert.deepEqual(ml001.tags, [1], 'unused suppression renders as unnecessary');
    // A new version that the server has not validated yet: code actions re-lint it.
    const v2 = '\n' + text;
    await client.change(uri, 2, v2);
    const moved = { ...ml001, range: { start: { line: 1, character: 0 }, end: { line: 1, character: ml001.range.end.character } } };
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: moved.range, context: { diagnostics: [moved] } });
    const quick = actions.filter((a) => a.kind === 'quickfix');
    assert.equal(quick.length, 1);
    assert.equal((quick[0]!.edit!.documentChanges![0] as { textDocument: { version: number } }).textDocument.version, 2);
    assert.equal(applyLspEdits(v2, editsFor(quick[0]!.edit!, uri)), '\n' + minimalRunbook('stale-one'));
  });

  test('settings: RB003 off via didChangeConfiguration removes the warning; flat keys work too', async () => {
    const uri = fileUri(join(root, 'ops', 'todo.runbook.yaml'));
    const text = minimalRunbook('todo-one').replace('  title: Drift alert', '  title: TODO');
    await client.open(uri, 'ml-runbook', text, 1);
    assert.deepEqual(codes(await client.diagnostics(uri, 1)), ['RB003']);
    const cleared = client.nextDiagnostics(uri, (d) => d.length === 0);
    settings.rules = { RB003: 'off' };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const p = await cleared;
    assert.equal(p.version, 1);
    const back = client.nextDiagnostics(uri, (d) => d.length === 1);
    delete settings.rules;
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal((await back).diagnostics[0]!.severity, 2);
    const error = client.nextDiagnostics(uri, (d) => d.length === 1 && d[0]!.severity === 1);
    settings['rules.RB003'] = 'error';
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal((await error).diagnostics[0]!.code, 'RB003');
    delete settings['rules.RB003'];
    const warn = client.nextDiagnostics(uri, (d) => d.length === 1 && d[0]!.severity === 2);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await warn;
  });

  test('duplicate metadata.name across files: RB009 with the other file as related information', async () => {
    const uri = fileUri(join(root, 'ops', 'dup.runbook.yaml'));
    const text = minimalRunbook('shared-name');
    await client.open(uri, 'ml-runbook', text, 1);
    const ds = await client.diagnostics(uri, 1);
    const dup = ds.find((d) => d.code === 'RB009');
    assert.ok(dup, JSON.stringify(ds.map(msg)));
    assert.deepEqual(dup.range, rangeOf(text, 'shared-name'));
    assert.equal(dup.relatedInformation?.length, 1);
    assert.equal(dup.relatedInformation![0]!.location.uri, fileUri(join(root, 'ops', 'on-disk.runbook.yaml')));
    assert.deepEqual(dup.relatedInformation![0]!.location.range.start, { line: 3, character: 8 });
    // Renaming the file on disk (watched-file event) clears the duplicate in the open one.
    const cleared = client.nextDiagnostics(uri, (d) => !d.some((x) => x.code === 'RB009'));
    writeFileSync(join(root, 'ops', 'on-disk.runbook.yaml'), minimalRunbook('renamed-on-disk'));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(join(root, 'ops', 'on-disk.runbook.yaml')), type: 2 }] });
    await cleared;
    // Two open documents with the same name see each other, and the first one updates when the second appears.
    const uri2 = fileUri(join(root, 'ops', 'dup2.runbook.yaml'));
    const firstAgain = client.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'RB009'));
    await client.open(uri2, 'ml-runbook', text, 1);
    const ds2 = await client.diagnostics(uri2, 1);
    assert.equal(ds2.find((d) => d.code === 'RB009')?.relatedInformation?.[0]?.location.uri, uri);
    await firstAgain;
  });

  test('closing a document clears its diagnostics', async () => {
    const uri = fileUri(join(root, 'ops', 'closing.runbook.yaml'));
    await client.open(uri, 'ml-runbook', minimalRunbook('closing-one').replace('Drift alert', 'TODO'), 1);
    assert.equal((await client.diagnostics(uri, 1)).length, 1);
    const cleared = client.nextDiagnostics(uri);
    await client.close(uri);
    const p = await cleared;
    assert.deepEqual(p.diagnostics, []);
    assert.equal(p.version, undefined);
  });

  test('a 10 MB document gets one diagnostic, quickly', async () => {
    const uri = fileUri(join(root, 'ops', 'huge.runbook.yaml'));
    const line = 'key: ' + 'x'.repeat(94) + '\n';
    const text = minimalRunbook('huge-one') + '# ' + line.repeat(Math.ceil((10 * 1024 * 1024) / line.length));
    const t0 = Date.now();
    await client.open(uri, 'ml-runbook', text, 1);
    const ds = await client.diagnostics(uri, 1);
    const ms = Date.now() - t0;
    assert.equal(ds.length, 1, JSON.stringify(ds.map(msg)));
    assert.equal(ds[0]!.code, 'RB000');
    assert.match(msg(ds[0]!), /larger than/);
    assert.ok(ms < 5000, `took ${ms} ms`);
    // The server still answers afterwards.
    const small = fileUri(join(root, 'ops', 'after-huge.runbook.yaml'));
    await client.open(small, 'ml-runbook', minimalRunbook('after-huge'), 1);
    assert.deepEqual(await client.diagnostics(small, 1), []);
  });

  test('binary content and an alias bomb do not hang or crash the server', async () => {
    const bin = fileUri(join(root, 'ops', 'binary.runbook.yaml'));
    await client.open(bin, 'ml-runbook', 'apiVersion: ml-runbooks/v1\n\u0000\u0001\u0002', 1);
    const ds = await client.diagnostics(bin, 1);
    assert.equal(ds.length, 1);
    const bomb = fileUri(join(root, 'ops', 'bomb.runbook.yaml'));
    const lol = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) lol.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    await client.open(bomb, 'ml-runbook', lol.join('\n') + '\n', 1);
    const ds2 = await client.diagnostics(bomb, 1);
    assert.ok(ds2.length >= 1);
    assert.ok(ds2.every((d) => d.code === 'RB000' || d.code === 'RB001'), JSON.stringify(codes(ds2)));
  });
});

describe('the project file .ml-runbooks.yaml', { timeout: 30000 }, () => {
  let client: LspClient;
  let root: string;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'mlrb-cfg-'));
  });
  after(() => {
    client?.kill();
    rmSync(root, { recursive: true, force: true });
  });

  test('rules from the file apply, a user setting wins, a broken file is reported once and shown as ML002', async () => {
    writeFileSync(join(root, '.ml-runbooks.yaml'), 'rules:\n  RB003: off\n');
    const settings: Record<string, unknown> = {};
    ({ client } = await LspClient.start(root, undefined, settings));
    const uri = fileUri(join(root, 'a.runbook.yaml'));
    const text = minimalRunbook('cfg-one').replace('  title: Drift alert', '  title: TODO');
    await client.open(uri, 'ml-runbook', text, 1);
    assert.deepEqual(await client.diagnostics(uri, 1), [], 'RB003 is off in the project file');

    // A user setting wins over the project file.
    const on = client.nextDiagnostics(uri, (d) => d.length === 1);
    settings.rules = { RB003: 'error' };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal((await on).diagnostics[0]!.severity, 1);
    delete settings.rules;
    const off = client.nextDiagnostics(uri, (d) => d.length === 0);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await off;

    // The file breaks: one warning naming it, ML002 on the file, defaults apply (RB003 back as a warning).
    const cfgUri = fileUri(join(root, '.ml-runbooks.yaml'));
    const ml002 = client.nextDiagnostics(cfgUri, (d) => d.length > 0);
    const back = client.nextDiagnostics(uri, (d) => d.length === 1);
    writeFileSync(join(root, '.ml-runbooks.yaml'), 'rules: [RB003\n');
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: cfgUri, type: 2 }] });
    const cfgDiags = (await ml002).diagnostics;
    assert.ok(cfgDiags.every((d) => d.code === 'ML002' && d.severity === 1));
    assert.equal((await back).diagnostics[0]!.severity, 2);
    const shown = await client.shownMessage(/\.ml-runbooks\.yaml/);
    assert.equal(shown.type, 2, 'a warning');
    // While it stays broken it is not reported again.
    const again = client.nextDiagnostics(uri);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: cfgUri, type: 2 }] });
    await again;
    assert.equal(client.shown.filter((m) => /\.ml-runbooks\.yaml/.test(m.message)).length, 1);

    // Editing the open config document: ML002 on the document's version, and the rules take effect.
    const cleared = client.nextDiagnostics(uri, (d) => d.length === 0);
    await client.open(cfgUri, 'yaml', 'rules:\n  RB003: off\n  XX1: warning\n', 5);
    const docDiags = await client.diagnostics(cfgUri, 5);
    assert.deepEqual(codes(docDiags), ['ML002']);
    assert.deepEqual(docDiags[0]!.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 5 } });
    await cleared;
    // Typing in the still-broken file does not pop up the warning again.
    await client.change(cfgUri, 6, 'rules:\n  RB003: off\n  XX12: warning\n');
    assert.deepEqual(codes(await client.diagnostics(cfgUri, 6)), ['ML002']);
    assert.equal(client.shown.filter((m) => /\.ml-runbooks\.yaml/.test(m.message)).length, 1, JSON.stringify(client.shown));
  });

  test('in an untrusted workspace the project file is checked but not applied', async () => {
    await client.shutdown();
    writeFileSync(join(root, '.ml-runbooks.yaml'), 'rules:\n  RB003: off\n');
    ({ client } = await LspClient.start(root, undefined, {}, { workspaceTrusted: false }));
    const uri = fileUri(join(root, 'c.runbook.yaml'));
    await client.open(uri, 'ml-runbook', minimalRunbook('cfg-untrusted').replace('  title: Drift alert', '  title: TODO'), 1);
    assert.deepEqual(codes(await client.diagnostics(uri, 1)), ['RB003'], 'RB003 not turned off by an untrusted file');
    const cfgUri = fileUri(join(root, '.ml-runbooks.yaml'));
    await client.open(cfgUri, 'yaml', 'rules:\n  RB003: loud\n', 1);
    assert.deepEqual(codes(await client.diagnostics(cfgUri, 1)), ['ML002'], 'the file itself is still validated');
  });

  test('a staleAfterDays setting of 180 (the default value) wins over the project file', async () => {
    await client.shutdown();
    writeFileSync(join(root, '.ml-runbooks.yaml'), 'staleAfterDays: 20000\n');
    ({ client } = await LspClient.start(root, undefined, { staleAfterDays: 180 }));
    const uri = fileUri(join(root, 'd.runbook.yaml'));
    const text = minimalRunbook('cfg-default-value').replace('  title: Drift alert', '  title: Drift alert\n  lastReviewed: 2020-01-01');
    await client.open(uri, 'ml-runbook', text, 1);
    assert.deepEqual(codes(await client.diagnostics(uri, 1)), ['RB007'], 'the user said 180 days; the project file says 20000');
  });

  test('files.runbooks globs decide what a document is, as in the CLI: the whole file is a runbook', async () => {
    await client.shutdown();
    writeFileSync(join(root, '.ml-runbooks.yaml'), 'files:\n  runbooks: ["ops/**/*.yaml"]\n');
    ({ client } = await LspClient.start(root));
    const text = minimalRunbook('cfg-glob').replace('kind: Runbook', 'kind: Runbok').replace('  title: Drift alert', '  title: Drift alert\n  lastReviewed: 2020-01-01');
    const globbed = fileUri(join(root, 'ops', 'latency.yaml'));
    await client.open(globbed, 'yaml', text, 1);
    assert.deepEqual(codes(await client.diagnostics(globbed, 1)), ['RB001', 'RB007'], 'matched by the glob: linted whatever its kind says');
    const elsewhere = fileUri(join(root, 'other', 'latency.yaml'));
    await client.open(elsewhere, 'yaml', text, 1);
    assert.deepEqual(codes(await client.diagnostics(elsewhere, 1)), [], 'not matched, and its content declares no runbook');
  });

  test('a client without workspace/configuration gets the defaults and the project file', async () => {
    await client.shutdown();
    writeFileSync(join(root, '.ml-runbooks.yaml'), 'staleAfterDays: 30\n');
    ({ client } = await LspClient.start(root, { textDocument: {} }));
    const uri = fileUri(join(root, 'b.runbook.yaml'));
    const text = minimalRunbook('cfg-two').replace('  title: Drift alert', '  title: TODO\n  lastReviewed: 2020-01-01');
    await client.open(uri, 'ml-runbook', text, 1);
    assert.deepEqual(codes(await client.diagnostics(uri, 1)), ['RB003', 'RB007']);
    assert.deepEqual(client.configurationRequests, [], 'no configuration pulled from a client that cannot answer');
    // Settings pushed with didChangeConfiguration apply.
    const pushed = client.nextDiagnostics(uri, (d) => d.length === 1);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { mlRunbooks: { rules: { RB007: 'off' } } } });
    assert.deepEqual(codes((await pushed).diagnostics), ['RB003']);
    assert.equal(await client.shutdown(), 0);
  });
});

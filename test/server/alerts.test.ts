// Protocol tests of the alert graph in the built language server (spec §8): diagnostics in rule files,
// re-checks across files, go to definition both ways, hover on runbook_url, document links.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic, DocumentLink, Hover, Location, MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient, ROOT, fileUri } from './lspClient';
import { offsetOf, positionAt } from '../helpers/positions';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'alerts', 'workspace');

describe('alert graph over LSP', () => {
  let client: LspClient;
  let root: string;
  const uri = (rel: string) => fileUri(join(root, rel));
  const text = (rel: string) => readFileSync(join(root, rel), 'utf8');
  const codes = (ds: Diagnostic[]) => ds.map((d) => d.code).sort();

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'mlrb-alerts-'));
    cpSync(FIXTURE, root, { recursive: true });
    ({ client } = await LspClient.start(root));
    await client.log(/Indexed \d+ runbook file\(s\)/);
  });
  after(() => {
    client?.kill();
    rmSync(root, { recursive: true, force: true });
  });

  test('a rule file (plain YAML, recognised by content) gets AL000, AL001 and AL002 with exact ranges', async () => {
    const rel = 'monitoring/api.rules.yaml';
    const t = text(rel);
    await client.open(uri(rel), 'yaml', t);
    const ds = await client.diagnostics(uri(rel), 1);
    assert.deepEqual(codes(ds), ['AL000', 'AL001', 'AL002']);
    const al002 = ds.find((d) => d.code === 'AL002')!;
    const s = offsetOf(t, 'https://runbooks.acme.internal/ml/api-erors');
    assert.deepEqual(al002.range, { start: positionAt(t, s), end: positionAt(t, s + 'https://runbooks.acme.internal/ml/api-erors'.length) });
    assert.match(String(al002.message), /nearest runbook: 'api-errors'/);
    assert.match(String(al002.codeDescription!.href), /docs\/rules\/AL002\.md$/);
  });

  test('AL004 on both sides, with related locations in the other file; editing the rule re-checks the runbook it links', async () => {
    const ruleRel = 'deploy/ranker-slo.yaml';
    const rbRel = 'runbooks/ranker-errors.runbook.yaml';
    const rt = text(ruleRel);
    await client.open(uri(ruleRel), 'yaml', rt);
    await client.open(uri(rbRel), 'yaml', text(rbRel));
    const ruleDs = await client.diagnostics(uri(ruleRel), 1);
    const rbDs = await client.diagnostics(uri(rbRel), 1);
    assert.deepEqual(codes(ruleDs), ['AL004']);
    assert.deepEqual(codes(rbDs), ['AL004']);
    assert.equal(ruleDs[0]!.relatedInformation![0]!.location.uri, uri(rbRel));
    assert.equal(rbDs[0]!.relatedInformation![0]!.location.uri, uri(ruleRel));
    const fixedRule = rt.split('(3 * 0.0009999999999999432)').join('(6 * 0.0009999999999999432)');
    const republished = client.nextDiagnostics(uri(rbRel), (d) => d.length === 0);
    await client.change(uri(ruleRel), 2, fixedRule);
    assert.deepEqual(await client.diagnostics(uri(ruleRel), 2), []);
    assert.deepEqual((await republished).diagnostics, [], 'the runbook is re-published without AL004');
    const back = client.nextDiagnostics(uri(rbRel), (d) => d.some((x) => x.code === 'AL004'));
    await client.change(uri(ruleRel), 3, rt);
    await back;
  });

  test('go to definition: runbook_url → the runbook, signal.alert → the rule', async () => {
    const rel = 'monitoring/api.rules.yaml';
    const t = text(rel);
    const at = offsetOf(t, 'https://runbooks.acme.internal/ml/{{ $labels.runbook }}') + 5;
    const defs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: uri(rel) }, position: positionAt(t, at) });
    const rb = text('runbooks/api-errors.runbook.yaml');
    assert.deepEqual(defs, [{ uri: uri('runbooks/api-errors.runbook.yaml'), range: { start: positionAt(rb, offsetOf(rb, 'api-errors')), end: positionAt(rb, offsetOf(rb, 'api-errors') + 10) } }]);

    const rbRel = 'runbooks/ranker-errors.runbook.yaml';
    const rbt = text(rbRel);
    const toRule = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: uri(rbRel) }, position: positionAt(rbt, offsetOf(rbt, 'RankerErrorBudgetBurn') + 3) });
    const rule = text('deploy/ranker-slo.yaml');
    const s = offsetOf(rule, 'RankerErrorBudgetBurn');
    assert.deepEqual(toRule, [{ uri: uri('deploy/ranker-slo.yaml'), range: { start: positionAt(rule, s), end: positionAt(rule, s + 'RankerErrorBudgetBurn'.length) } }]);
  });

  test('go to definition from a runbook: the Pyrra selector finds both ErrorBudgetBurn rules of its slo', async () => {
    const rbRel = 'runbooks/scorer.runbook.yaml';
    const t = text(rbRel);
    await client.open(uri(rbRel), 'yaml', t);
    await client.diagnostics(uri(rbRel), 1);
    const defs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: uri(rbRel) }, position: positionAt(t, offsetOf(t, 'ErrorBudgetBurn{') + 2) });
    assert.deepEqual(defs.map((d) => [d.uri, d.range.start.line]), [[uri('monitoring/pyrra.yaml'), 9], [uri('monitoring/pyrra.yaml'), 19]]);
  });

  test('a rule file changed on disk (not open): the watched-file event re-checks the open runbook it links', async () => {
    const rel = 'monitoring/pyrra.yaml';
    const before = text(rel);
    writeFileSync(join(root, rel), before.split('(14 * (1-0.99))').join('(7 * (1-0.99))'));
    const flagged = client.nextDiagnostics(uri('runbooks/scorer.runbook.yaml'), (d) => d.some((x) => x.code === 'AL004'));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(rel), type: 2 }] });
    const d = (await flagged).diagnostics.find((x) => x.code === 'AL004')!;
    assert.match(String(d.message), /it fires at 1h\/5m 7×/);
    writeFileSync(join(root, rel), before);
    const cleared = client.nextDiagnostics(uri('runbooks/scorer.runbook.yaml'), (ds) => !ds.some((x) => x.code === 'AL004'));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(rel), type: 2 }] });
    await cleared;
  });

  test('hover on runbook_url shows the runbook title, signal and severity; document links open the runbooks', async () => {
    const rel = 'monitoring/api.rules.yaml';
    const t = text(rel);
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: uri(rel) }, position: positionAt(t, offsetOf(t, '../runbooks/drift.runbook.yaml') + 3) });
    const md = (h.contents as MarkupContent).value;
    assert.match(md, /\*\*Feature drift burn\*\* — runbook `feature-drift` \(runbooks\/drift\.runbook\.yaml\)/);
    assert.match(md, /Signal: The service burns its error budget faster than allowed/);
    assert.match(md, /Severity: SEV2/);
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: uri(rel) } });
    const targets = links.map((l) => l.target).sort();
    assert.deepEqual(targets, [uri('runbooks/api-errors.runbook.yaml'), uri('runbooks/api-errors.runbook.yaml'), uri('runbooks/drift.runbook.yaml'), uri('runbooks/pyrra-other.runbook.yaml')].sort());
  });

  test('mlRunbooks/runbookAlerts lists the alerts that link the runbooks of a file (the preview card)', async () => {
    const got = await client.request<Array<{ runbook: string; alert: string; uri: string; line: number }>>('mlRunbooks/runbookAlerts', { uri: uri('runbooks/scorer.runbook.yaml') });
    assert.deepEqual(
      got.map((a) => [a.runbook, a.alert, a.uri.slice(uri('').length).replace(/^\//, ''), a.line]).sort(), // sorted as strings
      [
        ['scorer-latency', 'ErrorBudgetBurn', 'monitoring/pyrra.yaml', 19],
        ['scorer-latency', 'ErrorBudgetBurn', 'monitoring/pyrra.yaml', 9],
        ['scorer-latency', 'ScorerBadQuery', 'loki/rules.yaml', 8],
        ['scorer-latency', 'ScorerPanics', 'loki/rules.yaml', 4],
      ],
    );
  });

  test('clean shutdown', async () => {
    assert.equal(await client.shutdown(), 0);
  });
});

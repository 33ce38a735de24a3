// Protocol tests of the built language server: initialize, completion, hover, outline, links, shutdown.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, DocumentLink, DocumentSymbol, Hover, InitializeResult, MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient } from './lspClient';
import { version as packageVersion } from '../../package.json';
import { offsetOf, positionAt } from '../helpers/positions';

const RUNBOOK = `apiVersion: ml-runbooks/v1
kind: Runbook
metadata:
  name: drift-alert
  title: Drift alert
  owners:
    team: ml-platform
    escalation: "#ml-oncall"
    model: "@fraud-model-owners"
signal:
  summary: A monitoring job reports feature drift above threshold
  slo: prediction-quality
surface:
  likely: data
severity:
  default: SEV3
diagnostics:
  - question: Did the detector itself change?
    query:
      language: promql
      text: |
        changes(drift_detector_config_version[24h]) > 0
    dashboard: https://grafana.internal/d/drift
  - question: Did an upstream feature pipeline change?
    check: Look at the pipeline run log
  - question: Is the prediction distribution shifted?
    check: Compare the score histogram with last week
  - question: Which slice moved?
    check: Break down by country
rollback:
  criterion: If the drift traces to a pipeline break, roll back the pipeline
  actions:
    - Roll back the feature pipeline to the last good run
slos:
  - name: prediction-quality
    objective: 99.9
    period: 30d
    alerts:
      - severity: page
        longWindow: 1h
        shortWindow: 5m
        burnRate: 14.4
        budgetConsumed: 2%
      - severity: ticket
        longWindow: 3d
        shortWindow: 6h
        burnRate: 1
references:
  - https://sre.google/workbook/alerting-on-slos/
`;

const POSTMORTEM = `---
kind: postmortem
title: Fraud scorer degraded
severity: SEV2
status: draft
incidentStart: 2026-11-20T09:14Z
detected: 2026-11-20T11:02Z
runbook: ops/drift.runbook.yaml
---
# Fraud scorer degraded

## Summary

Scores drifted.

## Timeline

### Early signs

Nothing.

## Action items
`;

/** The offset of the n-th occurrence (0-based) of `needle` plus `delta`, as an LSP position in `text`. */
const pos = (text: string, needle: string, delta = 0, nth = 0) => positionAt(text, offsetOf(text, needle, nth) + delta);

describe('language features over stdio', { timeout: 20000 }, () => {
  let client: LspClient;
  let init: InitializeResult;
  const rb = 'file:///virtual/ops/drift.runbook.yaml';
  const pm = 'file:///virtual/pm/fraud.postmortem.md';

  before(async () => {
    ({ client, init } = await LspClient.start());
    await client.open(rb, 'ml-runbook', RUNBOOK);
    await client.open(pm, 'ml-postmortem', POSTMORTEM);
    await client.diagnostics(rb, 1);
  });
  after(() => client.kill());

  test('initialize announces the capabilities the extension relies on', () => {
    const c = init.capabilities;
    assert.deepEqual(c.textDocumentSync, { openClose: true, change: 2 });
    assert.ok(c.completionProvider);
    assert.equal(c.hoverProvider, true);
    assert.deepEqual((c.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll']);
    assert.ok(c.documentSymbolProvider);
    assert.ok(c.documentLinkProvider);
    assert.equal(init.serverInfo?.name, 'ml-runbooks');
    assert.equal(init.serverInfo?.version, packageVersion, 'the version of the package the server was built from');
  });

  test('completion offers the keys of metadata not yet present, required first, with schema docs', async () => {
    const text = RUNBOOK.replace('  title: Drift alert\n', '  title: Drift alert\n  \n');
    await client.change(rb, 2, text);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: rb }, position: pos(text, '  title: Drift alert\n', 23) });
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('service') && labels.includes('lastReviewed') && labels.includes('tags'), labels.join(','));
    for (const present of ['name', 'title', 'owners']) assert.ok(!labels.includes(present), `${present} is already there`);
    const service = items.find((i) => i.label === 'service')!;
    assert.equal((service.textEdit as { newText: string }).newText, 'service: ');
    assert.equal(service.detail, 'string');
    assert.match((service.documentation as MarkupContent).value, /service/i);
    const tags = items.find((i) => i.label === 'tags')!;
    assert.equal((tags.textEdit as { newText: string }).newText, 'tags:\n  ');
  });

  test('completion of a partly typed key under metadata replaces the typed prefix', async () => {
    const text = RUNBOOK.replace('  title: Drift alert\n', '  title: Drift alert\n  ser\n');
    await client.change(rb, 3, text);
    const at = pos(text, '  ser\n', 5);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: rb }, position: at });
    const service = items.find((i) => i.label === 'service');
    assert.ok(service, items.map((i) => i.label).join(','));
    assert.deepEqual((service.textEdit as { range: unknown }).range, { start: { line: at.line, character: 2 }, end: at });
  });

  test('completion offers the enum values of surface.likely and severity.default', async () => {
    const text = RUNBOOK.replace('  likely: data', '  likely: ').replace('  default: SEV3', '  default: ');
    await client.change(rb, 4, text);
    const likely = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: rb }, position: pos(text, '  likely: ', 10) });
    assert.deepEqual(likely.map((i) => i.label), ['data', 'model', 'serving']);
    const sev = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: rb }, position: pos(text, '  default: ', 11) });
    assert.deepEqual(sev.map((i) => i.label), ['SEV1', 'SEV2', 'SEV3']);
    await client.change(rb, 5, RUNBOOK);
  });

  test('completion in a post-mortem front matter offers its schema values', async () => {
    const text = POSTMORTEM.replace('status: draft', 'status: ');
    await client.change(pm, 2, text);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: pm }, position: pos(text, 'status: ', 8) });
    assert.deepEqual(items.map((i) => i.label), ['draft', 'review', 'final']);
    const body = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: pm }, position: pos(text, 'Scores drifted.', 3) });
    assert.deepEqual(body, [], 'no YAML completion in the Markdown body');
    await client.change(pm, 3, POSTMORTEM);
  });

  test('the project file gets completion from its own schema', async () => {
    const cfg = 'file:///virtual/.ml-runbooks.yaml';
    const text = 'rules:\n  RB003: \n';
    await client.open(cfg, 'yaml', text, 1);
    assert.deepEqual((await client.diagnostics(cfg, 1)).map((d) => d.code), ['ML002'], 'the empty severity is invalid');
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: cfg }, position: { line: 1, character: 9 } });
    assert.deepEqual(items.map((i) => i.label).slice(0, 5), ['off', 'hint', 'info', 'warning', 'error']);
  });

  test('hover shows the key description and the allowed values', async () => {
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: rb }, position: pos(RUNBOOK, 'likely', 2) });
    const md = (h.contents as MarkupContent).value;
    assert.match(md, /\*\*likely\*\*/);
    assert.match(md, /Allowed values: `data`, `model`, `serving`/);
    assert.deepEqual(h.range, { start: pos(RUNBOOK, 'likely'), end: pos(RUNBOOK, 'likely', 6) });
  });

  test('hover on a burn rate explains the arithmetic with the enclosing SLO', async () => {
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: rb }, position: pos(RUNBOOK, '14.4', 1) });
    const md = (h.contents as MarkupContent).value;
    assert.match(md, /14\.4× over 1h of a 30d period = 2 % of the error budget; at this rate the whole budget lasts 50h/);
    assert.match(md, /Error-rate threshold = 14\.4 × \(1 − 99\.9 %\) = 1\.44 %/);
    const b = await client.request<Hover>('textDocument/hover', { textDocument: { uri: rb }, position: pos(RUNBOOK, 'budgetConsumed', 3) });
    assert.match((b.contents as MarkupContent).value, /budgetConsumed stated 2 %, computed 2 % — consistent/);
    const t = await client.request<Hover>('textDocument/hover', { textDocument: { uri: rb }, position: pos(RUNBOOK, 'longWindow: 3d', 13) });
    assert.match((t.contents as MarkupContent).value, /1× over 3d of a 30d period = 10 % of the error budget; at this rate the whole budget lasts 30d/);
    const o = await client.request<Hover>('textDocument/hover', { textDocument: { uri: rb }, position: pos(RUNBOOK, 'objective: 99.9', 12) });
    assert.match((o.contents as MarkupContent).value, /Error budget = \(1 − 99\.9 %\) × 30d = 43m/);
  });

  test('hover on a severity value shows the playbook rubric, the hovered level marked (runbook and post-mortem)', async () => {
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: rb }, position: pos(RUNBOOK, 'default: SEV3', 11) });
    const md = (h.contents as MarkupContent).value;
    assert.match(md, /^\*\*Severity rubric\*\*/);
    assert.ok(md.includes('- SEV1: Wrong predictions affecting users at scale, or full serving outage.  \n  Page on-call immediately; consider rollback or fallback before root-cause.'), md);
    assert.ok(md.includes('- SEV2: Quality degraded on a slice, or latency SLO burning fast.  \n  Page on-call; mitigate within the hour.'), md);
    assert.ok(md.includes('- **SEV3: Drift detected, no user-visible impact yet.**  \n  **Ticket; investigate in business hours.** ← this value'), md);
    assert.deepEqual(h.range, { start: pos(RUNBOOK, 'default: SEV3', 9), end: pos(RUNBOOK, 'default: SEV3', 13) });
    const p = await client.request<Hover>('textDocument/hover', { textDocument: { uri: pm }, position: pos(POSTMORTEM, 'severity: SEV2', 11) });
    const pmd = (p.contents as MarkupContent).value;
    assert.ok(pmd.includes('- **SEV2: Quality degraded on a slice, or latency SLO burning fast.**'), pmd);
    // An alert tier's `severity: page` is not an incident severity.
    const t = await client.request<Hover>('textDocument/hover', { textDocument: { uri: rb }, position: pos(RUNBOOK, 'severity: page', 11) });
    assert.doesNotMatch((t.contents as MarkupContent).value, /Severity rubric/);
  });

  test('post-mortem hover: the computed detection gap on a front-matter timestamp', async () => {
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: pm }, position: pos(POSTMORTEM, '2026-11-20T11:02Z', 3) });
    const md = (h.contents as MarkupContent).value;
    assert.match(md, /Detection gap \(`detected − incidentStart`\): \*\*1h48m\*\* \(108 min\)/);
  });

  test('document links: a post-mortem runbook path resolves next to the post-mortem', async () => {
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: pm } });
    assert.equal(links.length, 1);
    assert.equal(links[0]!.target, 'file:///virtual/pm/ops/drift.runbook.yaml');
    assert.deepEqual(links[0]!.range, { start: pos(POSTMORTEM, 'ops/drift'), end: pos(POSTMORTEM, 'ops/drift', 'ops/drift.runbook.yaml'.length) });
  });

  test('hover outside anything known returns null', async () => {
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: pm }, position: pos(POSTMORTEM, 'Scores drifted', 2) });
    assert.equal(h, null);
  });

  test('document symbols: a runbook outline with numbered diagnostics and SLO alerts', async () => {
    const syms = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: rb } });
    assert.equal(syms.length, 1);
    assert.equal(syms[0]!.name, 'drift-alert');
    assert.equal(syms[0]!.detail, 'Drift alert');
    const sections = syms[0]!.children!.map((c) => c.name);
    assert.deepEqual(sections, ['apiVersion', 'kind', 'metadata', 'signal', 'surface', 'severity', 'diagnostics', 'rollback', 'slos', 'references']);
    const diags = syms[0]!.children!.find((c) => c.name === 'diagnostics')!.children!;
    assert.deepEqual(diags.map((d) => d.name), ['1. Did the detector itself change?', '2. Did an upstream feature pipeline change?', '3. Is the prediction distribution shifted?', '4. Which slice moved?']);
    assert.deepEqual(diags.map((d) => (d.detail ?? '').startsWith('triage')), [true, true, true, false]);
    assert.deepEqual(diags[0]!.selectionRange.start, pos(RUNBOOK, 'Did the detector'));
    const slo = syms[0]!.children!.find((c) => c.name === 'slos')!.children![0]!;
    assert.equal(slo.name, 'prediction-quality');
    assert.deepEqual(slo.children!.map((a) => `${a.name} ${a.detail}`), ['page 1 1h/5m ×14.4', 'ticket 2 3d/6h ×1']);
  });

  test('document symbols: post-mortem headings nested by level', async () => {
    const syms = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: pm } });
    assert.deepEqual(syms.map((s) => s.name), ['Front matter', 'Fraud scorer degraded']);
    const title = syms[1]!;
    assert.deepEqual(title.children!.map((c) => c.name), ['Summary', 'Timeline', 'Action items']);
    assert.deepEqual(title.children![1]!.children!.map((c) => c.name), ['Early signs']);
    assert.deepEqual(title.selectionRange, { start: pos(POSTMORTEM, 'Fraud scorer degraded', 0, 1), end: pos(POSTMORTEM, 'Fraud scorer degraded', 21, 1) });
  });

  test('document links: dashboards and references of a runbook', async () => {
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: rb } });
    assert.deepEqual(links.map((l) => l.target), ['https://grafana.internal/d/drift', 'https://sre.google/workbook/alerting-on-slos/']);
    assert.deepEqual(links[0]!.range.start, pos(RUNBOOK, 'https://grafana'));
  });

  test('shutdown then exit ends the process with code 0', async () => {
    assert.equal(await client.shutdown(), 0);
  });
});

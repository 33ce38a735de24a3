import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { renderPage, renderPreviewBody, renderTimelineSvg, escapeHtml, contentSecurityPolicy, type PreviewModel } from '../../client/src/preview/html';
import { buildPostmortemModel, isSafeLink, sameTitle, previewBodyText, MAX_TABLE_ROWS } from '../../client/src/preview/postmortemModel';
import { buildRunbookModel, triageOrder } from '../../client/src/preview/runbookModel';
import { buildTimelineModel, MAX_EVENTS, MAX_UNPLACED } from '../../client/src/preview/timelineModel';
import { parsePostmortem } from '../../server/src/core/postmortem/parse';
import { attributedSurfaces } from '../../server/src/core/postmortem/rules/surfaceAttribution';

const RES = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: 'bm9uY2Utdy1wbHVzKz0=', scriptUri: 'https://x/webview.js', styleUri: 'https://x/webview.css' };

const POSTMORTEM = `---
kind: postmortem
title: Fraud scorer degraded after a feature-pipeline schema change
severity: SEV2
status: draft
incidentStart: 2026-11-20T09:14Z
detected: 2026-11-20T11:02Z
resolved: 2026-11-20T12:30Z
---

# Fraud scorer degraded

## Summary

Scores drifted. <script>alert(1)</script> and <img src=x onerror=alert(2)> stay text.
A [bad link](javascript:alert(3)), a [sneaky one](JaVa&#x09;Script:alert(4)), a [data one](data:text/html,<b>x</b>),
a [good link](https://sre.google/workbook/alerting-on-slos/), [mail](mailto:oncall@corp.test) and [relative](../runbooks/drift.runbook.yaml).
![chart](https://remote.test/x.png)

## Timeline

| Time | Type | Event |
|---|---|---|
| 08:50 | deploy | fraud-scorer v42 rolled out |
| 09:14 | pipeline | Feature pipeline run with the new schema |
| 10:00 | metric | Score distribution shifts |
| 11:02 | alert | FeatureDriftHigh pages |
| 12:30 | mitigation | Pipeline rolled back |
| sometime | other | Unknown time |

## Surface attribution

- [x] Data issue
- [ ] Model issue
- [ ] Serving issue
`;

function page(model: PreviewModel): string {
  return renderPage(RES, { title: 'Preview', view: 'preview', bodyHtml: renderPreviewBody(model), state: { uri: 'file:///a"b.md' } });
}

describe('client preview: page shell and CSP', () => {
  const pm = buildPostmortemModel(POSTMORTEM);
  const html = page({ ...pm, fileName: 'x.postmortem.md', problems: [] });

  test('CSP meta with default-src none, nonce script-src, style and img only from the webview source', () => {
    const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
    assert.ok(m, 'CSP meta present');
    const csp = m![1]!.replace(/&#39;/g, "'");
    assert.equal(csp, contentSecurityPolicy(RES.cspSource, RES.nonce));
    assert.match(csp, /^default-src 'none';/);
    assert.match(csp, new RegExp(`script-src 'nonce-${RES.nonce.replace(/[+=]/g, (c) => `\\${c}`)}'`));
    assert.match(csp, /style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  });

  test('every script carries the nonce and comes from the media URI; no inline script body', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    assert.equal(scripts.length, 1);
    for (const s of scripts) {
      assert.match(s[1]!, new RegExp(`nonce="${escapeHtml(RES.nonce)}"`));
      assert.match(s[1]!, /src="https:\/\/x\/webview\.js"/);
      assert.equal(s[2], '');
    }
  });

  test('no inline event handlers, no style attributes, no javascript: URLs anywhere', () => {
    assert.doesNotMatch(html, /<[^>]+\son[a-z]+\s*=/i);
    assert.doesNotMatch(html, /<[^>]+\sstyle\s*=/i);
    assert.doesNotMatch(html, /href="\s*javascript:/i);
    assert.doesNotMatch(html, /href="data:/i);
    assert.doesNotMatch(html, /src="https:\/\/remote\.test/);
  });

  test('raw HTML in the Markdown stays text', () => {
    assert.doesNotMatch(html, /<script>alert\(1\)<\/script>/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(html, /<img[^>]*onerror/i);
    assert.match(html, /&lt;img src=x onerror=alert\(2\)&gt;/);
  });

  test('javascript: and data: links are neutralised; http(s), mailto and relative links stay', () => {
    assert.doesNotMatch(html, /<a [^>]*>bad link<\/a>/);
    assert.doesNotMatch(html, /<a [^>]*>sneaky one<\/a>/);
    assert.doesNotMatch(html, /<a [^>]*>data one<\/a>/);
    assert.match(html, /<a href="https:\/\/sre\.google\/workbook\/alerting-on-slos\/" rel="noopener noreferrer">good link<\/a>/);
    assert.match(html, /<a href="mailto:oncall@corp\.test" rel="noopener noreferrer">mail<\/a>/);
    assert.match(html, /<a href="\.\.\/runbooks\/drift\.runbook\.yaml" rel="noopener noreferrer">relative<\/a>/);
    assert.match(html, /\[image: chart\]/);
  });

  test('isSafeLink allow-list', () => {
    for (const ok of ['https://a.test', 'http://a.test/x', 'mailto:a@b.test', '#anchor', './x.md', '../x', 'x.md', '/abs']) assert.ok(isSafeLink(ok), ok);
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:x', 'java\tscript:x', 'JaVa%09Script:x', ' %6aavascript:x', ' javascript:x', 'vbscript:x', 'data:text/html,x', 'file:///etc/passwd', 'command:workbench.action.quit', '\\\\host\\share']) {
      assert.ok(!isSafeLink(bad), bad);
    }
  });

  test('the state attribute is escaped JSON', () => {
    assert.match(html, /data-state="\{&quot;uri&quot;:&quot;file:\/\/\/a\\&quot;b\.md&quot;\}"/);
  });

  test('header shows severity, status and surface; checkboxes render as characters', () => {
    assert.equal(pm.severity, 'SEV2');
    assert.equal(pm.status, 'draft');
    assert.deepEqual(pm.surfaces, ['data']);
    assert.match(html, /<span class="badge-label">severity<\/span> SEV2/);
    assert.match(html, /surface-data">data</);
    assert.match(html, /☑ Data issue/);
    assert.match(html, /☐ Model issue/);
  });
});

describe('client preview: timeline model', () => {
  test('lanes, positions and detection gap from the fixture', () => {
    const pm = buildPostmortemModel(POSTMORTEM);
    const t = pm.timeline;
    // 'other' has only an unreadable row, which is listed under the chart, not drawn: no lane for it.
    assert.deepEqual(t.lanes.map((l) => l.type), ['deploy', 'pipeline', 'alert', 'metric', 'mitigation']);
    assert.deepEqual(t.events.map((e) => e.lane), ['deploy', 'pipeline', 'metric', 'alert', 'mitigation']);
    // Axis from 08:50 (first deploy) to 12:30 (resolved / mitigation): 220 minutes.
    assert.equal(t.start, '2026-11-20T08:50:00.000Z');
    assert.equal(t.end, '2026-11-20T12:30:00.000Z');
    const x = (lane: string): number => t.events.find((e) => e.lane === lane)!.x;
    assert.equal(x('deploy'), 0);
    assert.ok(Math.abs(x('pipeline') - 24 / 220) < 1e-9);
    assert.ok(Math.abs(x('alert') - 132 / 220) < 1e-9);
    assert.equal(x('mitigation'), 1);
    assert.ok(t.gap);
    assert.equal(t.gap!.minutes, 108);
    assert.equal(t.gap!.label, '1h48m');
    assert.equal(t.gap!.until, 'detected');
    assert.ok(Math.abs(t.gap!.x0 - 24 / 220) < 1e-9);
    assert.ok(Math.abs(t.gap!.x1 - 132 / 220) < 1e-9);
    assert.deepEqual(t.unplaced.map((u) => u.time), ['sometime']);
    // Row lines point at the table rows in the document (0-based).
    const lines = POSTMORTEM.split('\n');
    const alertRow = t.events.find((e) => e.lane === 'alert')!;
    assert.match(lines[alertRow.line!]!, /FeatureDriftHigh pages/);
    assert.deepEqual(t.markers.map((m) => m.id), ['incidentStart', 'detected', 'resolved']);
  });

  test('without detected, the gap runs to the first alert row; only base lanes when unused', () => {
    const t = buildTimelineModel(
      parsePostmortem(
        '---\nkind: postmortem\nincidentStart: 2026-01-01T10:00Z\n---\n\n## Timeline\n\n| Time | Type | Event |\n|---|---|---|\n' +
          '| 10:30 | alert | page |\n| 10:10 | Alert | earlier page |\n| 2026-01-01T11:00Z | metric | recovered |\n',
      ),
    );
    assert.deepEqual(t.lanes.map((l) => l.type), ['deploy', 'pipeline', 'alert', 'metric']);
    assert.equal(t.gap?.minutes, 10);
    assert.equal(t.gap?.until, 'first alert');
    assert.equal(t.gap?.x0, 0);
    assert.equal(t.ticks.length > 0, true);
  });

  test('the SVG is drawn with the gap shaded and events clickable', () => {
    const pm = buildPostmortemModel(POSTMORTEM);
    const body = renderPreviewBody({ ...pm, fileName: 'x.postmortem.md', problems: [] });
    assert.match(body, /<svg class="timeline"/);
    assert.match(body, /<rect class="gap" /);
    assert.match(body, /detection gap 1h48m/);
    assert.equal((body.match(/class="event-group" data-reveal="1"/g) ?? []).length, 5);
  });

  test('an old deploy days before the incident: the axis focuses on the incident window and marks it at the edge', () => {
    const text =
      '---\nkind: postmortem\nincidentStart: 2026-11-20T09:14Z\ndetected: 2026-11-20T11:02Z\nresolved: 2026-11-20T12:30Z\n---\n\n## Timeline\n\n| Time | Type | Event |\n|---|---|---|\n' +
      '| 2026-11-14T16:00Z | deploy | fraud-gbm v37 deployed six days earlier |\n| 09:00 | pipeline | pipeline run |\n| 09:14 | metric | precision drops |\n| 11:02 | alert | page |\n| 12:30 | mitigation | rolled back |\n';
    const t = buildTimelineModel(parsePostmortem(text));
    // The axis is the incident window (the 09:00 run is within its margin), not six days.
    assert.equal(t.start, '2026-11-20T09:00:00.000Z');
    assert.equal(t.end, '2026-11-20T12:30:00.000Z');
    assert.deepEqual(t.outside, { before: 1, after: 0, earliest: '2026-11-14T16:00:00.000Z' });
    const deploy = t.events.find((e) => e.lane === 'deploy')!;
    assert.equal(deploy.x, 0);
    assert.equal(deploy.outside, 'before');
    // The incident's own events spread over the axis instead of the last pixels.
    const x = (lane: string): number => t.events.find((e) => e.lane === lane)!.x;
    assert.ok(Math.abs(x('metric') - 14 / 210) < 1e-9);
    assert.ok(Math.abs(x('alert') - 122 / 210) < 1e-9);
    assert.equal(x('mitigation'), 1);
    assert.ok(t.gap && t.gap.x1 - t.gap.x0 > 0.5, 'the detection gap is most of the chart');
    assert.ok(t.ticks.length >= 3 && t.ticks.every((k) => /^\d\d-\d\d \d\d:\d\d$|^\d\d:\d\d$/.test(k.label)));
    const body = renderTimelineSvg(t);
    assert.match(body, /<g class="axis-break axis-break-before">/);
    assert.match(body, /class="event-group event-outside"/);
    assert.match(body, /1 earlier event\(s\) \(from 2026-11-14 16:00 UTC\) are drawn at its start/);
    // Without the old deploy nothing is focused: the axis spans every instant.
    const near = buildTimelineModel(parsePostmortem(text.replace('| 2026-11-14T16:00Z | deploy |', '| 08:40 | deploy |')));
    assert.equal(near.outside, undefined);
    assert.equal(near.start, '2026-11-20T08:40:00.000Z');
    // A late event (a follow-up days after) goes to the right edge.
    const late = buildTimelineModel(parsePostmortem(text.replace('| 2026-11-14T16:00Z | deploy |', '| 2026-11-27T10:00Z | deploy |')));
    assert.deepEqual(late.outside, { before: 0, after: 1, latest: '2026-11-27T10:00:00.000Z' });
    assert.equal(late.events.find((e) => e.lane === 'deploy')!.x, 1);
  });

  test('a 150,000-row timeline: no stack overflow, bounded work, and the chart says how many rows were left out', () => {
    const rows: string[] = [];
    for (let i = 0; i < 150_000; i++) rows.push(`| 2026-11-20T${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z | metric | sample ${i} |`);
    for (let i = 0; i < 80; i++) rows.push(`| later ${i} | other | unreadable |`);
    const text = '---\nkind: postmortem\nincidentStart: 2026-11-20T09:14Z\n---\n\n## Timeline\n\n| Time | Type | Event |\n|---|---|---|\n' + rows.join('\n') + '\n';
    const pm = parsePostmortem(text);
    const started = performance.now();
    const t = buildTimelineModel(pm);
    const html = renderTimelineSvg(t);
    const ms = performance.now() - started;
    assert.equal(t.events.length, MAX_EVENTS);
    assert.deepEqual(t.omitted, { events: 150_000 - MAX_EVENTS, unplaced: 80 - MAX_UNPLACED });
    assert.equal(t.unplaced.length, MAX_UNPLACED);
    assert.match(html, new RegExp(`Large timeline: ${150_000 - MAX_EVENTS} more row\\(s\\) not drawn \\(the first ${MAX_EVENTS} are\\); ${80 - MAX_UNPLACED} more unreadable row\\(s\\) not listed\\.`));
    assert.ok(html.length < 400_000, `the chart stays small (${html.length} characters)`);
    // The chart's own work is bounded by the caps, not by the table (the parse is the core's).
    assert.ok(ms < 1000, `model and SVG in ${Math.round(ms)} ms`);
  });

  test('the playbook\'s one-line checkbox renders every box, as PM003 reads them', () => {
    const m = buildPostmortemModel('---\nkind: postmortem\n---\n# T\n\n### Surface attribution\n- [ ] Data issue  [ ] Model issue  [X] Serving issue\n');
    assert.deepEqual(m.surfaces, ['serving']);
    assert.match(m.html, /☐ Data issue  ☐ Model issue  ☑ Serving issue/);
  });

  test('a long timeline table: the rendered body shows its first rows and says how many were left out', () => {
    const rows: string[] = [];
    for (let i = 0; i < 5000; i++) rows.push(`| 2026-11-20T10:${String(i % 60).padStart(2, '0')}Z | metric | sample ${i} |`);
    const text = '---\nkind: postmortem\nincidentStart: 2026-11-20T09:14Z\n---\n\n# Big\n\n## Timeline\n\n| Time | Type | Event |\n|---|---|---|\n' + rows.join('\n') + '\n\n## Summary\n\nAfter the table.\n';
    const m = buildPostmortemModel(text);
    assert.equal((m.html.match(/<tr>/g) ?? []).length, MAX_TABLE_ROWS + 1, 'header and the first rows');
    assert.match(m.html, new RegExp(`${5000 - MAX_TABLE_ROWS} more rows of this table not shown in the preview`));
    assert.match(m.html, /<h2>Summary<\/h2>\n<p>After the table\.<\/p>/, 'what follows the table is still rendered');
    assert.ok(!m.html.includes('<h1>'), 'the title is still dropped (it is in the header)');
    // A short table is untouched.
    assert.equal(previewBodyText(parsePostmortem(POSTMORTEM)), POSTMORTEM.slice(parsePostmortem(POSTMORTEM).bodyStart));
  });

  test('no instants at all → a hint instead of a chart', () => {
    const t = buildTimelineModel(parsePostmortem('## Timeline\n\n| Time | Type | Event |\n|---|---|---|\n| soon | deploy | x |\n'));
    assert.equal(t.events.length, 0);
    assert.deepEqual(t.unplaced.map((u) => u.time), ['soon']);
    const body = renderPreviewBody({ ...buildPostmortemModel('# x\n'), fileName: 'x.md', problems: [] });
    assert.match(body, /No timeline to draw/);
  });
});

const RUNBOOK = `apiVersion: ml-runbooks/v1
kind: Runbook
metadata:
  name: drift-alert
  title: Drift <alert> & "friends"
  service: fraud-scorer
  owners: { team: ml-platform, escalation: "#ml-oncall", model: "@fraud-model-owners" }
signal:
  summary: Feature drift above threshold
  alert: FeatureDriftHigh
  slo: prediction-quality
surface: { likely: data, alternatives: [model] }
severity: { default: SEV3, escalations: [{ to: SEV2, when: Quality SLO breached }] }
diagnostics:
  - question: Did the detector change?
    query: { language: promql, text: "changes(drift_detector_config_version[24h]) > 0" }
    dashboard: javascript:alert(1)
  - question: Is serving healthy?
    query: { language: promql, text: "sum(rate(http_requests_total{code=~\\"5..\\"}[5m]))" }
    dashboard: https://grafana.corp.test/d/serving
  - question: Which features moved?
    check: Compare the feature histograms
  - question: Fourth
    check: extra
rollback:
  criterion: If the drift traces to a pipeline break, roll back the pipeline
  actions: [Roll back the feature pipeline]
slos:
  - name: prediction-quality
    objective: 99.9
    period: 30d
    alerts:
      - { severity: page, longWindow: 1h, shortWindow: 5m, burnRate: 14.4, budgetConsumed: 2% }
      - { severity: page, longWindow: 6h, shortWindow: 30m, burnRate: 6, budgetConsumed: 10% }
      - { severity: ticket, longWindow: 3d, shortWindow: 6h, burnRate: 1 }
`;

describe('client preview: runbook triage card', () => {
  const m = buildRunbookModel(RUNBOOK);
  const card = m.cards[0]!;

  test('model: triage order, steps, computed SLO thresholds', () => {
    assert.equal(m.error, undefined);
    assert.equal(card.title, 'Drift <alert> & "friends"');
    assert.deepEqual(card.surface.triageOrder.map((s) => s.surface), ['serving', 'data', 'model']);
    assert.deepEqual(card.diagnostics.map((d) => d.triage), [true, true, true, false]);
    assert.equal(card.diagnostics[0]!.dashboard?.href, undefined, 'javascript: dashboard is not a link');
    assert.equal(card.diagnostics[1]!.dashboard?.href, 'https://grafana.corp.test/d/serving');
    const a = card.slos[0]!.alerts;
    assert.equal(a[0]!.errorRateThreshold, 0.0144);
    assert.equal(a[0]!.budgetConsumed, 0.02);
    assert.equal(a[0]!.timeToExhaustion, '50h');
    assert.equal(a[1]!.budgetConsumed, 0.05);
    assert.match(a[1]!.warnings.join(' '), /disagrees/);
    assert.equal(a[2]!.errorRateThreshold, 0.001);
    assert.equal(a[2]!.timeToExhaustion, '30d');
  });

  test('triage order when serving is likely', () => {
    assert.deepEqual(triageOrder('serving', []).map((s) => s.surface), ['serving', 'data', 'model']);
    assert.deepEqual(triageOrder('model', ['data']).map((s) => s.surface), ['serving', 'model', 'data']);
  });

  test('html: user text escaped, queries in order, rollback highlighted', () => {
    const body = renderPreviewBody({ ...m, fileName: 'drift.runbook.yaml', problems: [] });
    assert.match(body, /Drift &lt;alert&gt; &amp; &quot;friends&quot;/);
    assert.doesNotMatch(body, /<alert>/);
    assert.doesNotMatch(body, /href="javascript:/);
    assert.match(body, /<a href="https:\/\/grafana\.corp\.test\/d\/serving"/);
    const i1 = body.indexOf('Did the detector change?');
    const i2 = body.indexOf('Is serving healthy?');
    const i3 = body.indexOf('Which features moved?');
    assert.ok(i1 > 0 && i1 < i2 && i2 < i3);
    assert.match(body, /code=~&quot;5\.\.&quot;/);
    assert.match(body, /<p class="criterion">If the drift traces/);
    // Both owners of the playbook's split: the platform team and the model owner.
    assert.match(body, /<span class="badge-label">team<\/span> ml-platform<\/span>/);
    assert.match(body, /<span class="badge-label">model owner<\/span> @fraud-model-owners<\/span>/);
    assert.match(body, /1\.44 %/);
  });

  test('problems are listed as reveal buttons', () => {
    const body = renderPreviewBody({
      ...m,
      fileName: 'drift.runbook.yaml',
      problems: [{ severity: 'warning', code: 'RB003', message: 'Not <localised>', line: 4, character: 2, endLine: 4, endCharacter: 9 }],
    });
    assert.match(body, /<button type="button" class="problem sev-warning" data-reveal="1" data-line="4" data-character="2" data-end-line="4" data-end-character="9"/);
    assert.match(body, /Not &lt;localised&gt;/);
  });

  test('broken YAML never throws and says so', () => {
    const bad = buildRunbookModel('apiVersion: ml-runbooks/v1\nkind: Runbook\nmetadata: [\n');
    assert.match(bad.error ?? '', /YAML error/);
  });

  test('front matter split keeps the body line (the core split the preview renders from)', () => {
    const text = '---\na: 1\n---\n# T\n';
    const s = parsePostmortem(text);
    // The core's YAML range ends after the last YAML line's break (the old client split stopped before it).
    assert.equal(text.slice(s.frontMatter!.contentStart, s.frontMatter!.contentEnd), 'a: 1\n');
    assert.deepEqual(s.frontMatter!.value, { a: 1 });
    assert.equal(s.bodyLine, 3);
    assert.equal(text.slice(s.bodyStart), '# T\n');
    // The preview renders exactly that body: the front matter never shows up in it.
    const m = buildPostmortemModel(text);
    assert.equal(m.title, 'T');
    assert.doesNotMatch(m.html, /a: 1/);
  });
});

describe('client preview: the title is shown once', () => {
  const doc = (title: string, h1: string): string =>
    `---\nkind: postmortem\ntitle: ${JSON.stringify(title)}\nseverity: SEV3\n---\n\n# ${h1}\n\n## Summary\n\nText.\n`;
  const body = (text: string): string => renderPreviewBody({ ...buildPostmortemModel(text), fileName: 'x.postmortem.md', problems: [] });
  const h1s = (html: string): string[] => [...html.matchAll(/<h1>([\s\S]*?)<\/h1>/g)].map((m) => m[1]!);

  test('a body H1 equal to the front-matter title (case and whitespace aside) is not rendered again', () => {
    const m = buildPostmortemModel(doc('Fraud scorer degraded', '  fraud   SCORER  degraded '));
    assert.equal(m.title, 'Fraud scorer degraded');
    assert.doesNotMatch(m.html, /<h1>/);
    assert.match(m.html, /<h2>Summary<\/h2>/);
    assert.deepEqual(h1s(body(doc('Fraud scorer degraded', '  fraud   SCORER  degraded '))), ['Fraud scorer degraded']);
  });

  test('a body H1 that differs from the title stays in the body', () => {
    assert.deepEqual(h1s(body(doc('Fraud scorer degraded after a schema change', 'Fraud scorer degraded'))), [
      'Fraud scorer degraded after a schema change',
      'Fraud scorer degraded',
    ]);
    const pm = buildPostmortemModel(POSTMORTEM);
    assert.match(pm.html, /<h1>Fraud scorer degraded<\/h1>/);
  });

  test('without a front-matter title the H1 becomes the header title, shown once', () => {
    const text = '---\nkind: postmortem\nseverity: SEV3\n---\n# Feature store outage\n\n## Summary\n';
    const m = buildPostmortemModel(text);
    assert.equal(m.title, 'Feature store outage');
    assert.deepEqual(h1s(body(text)), ['Feature store outage']);
    // No front matter at all: the same.
    assert.deepEqual(h1s(body('# Feature store outage\n\nText.\n')), ['Feature store outage']);
  });

  test('only the title heading is dropped: a later H1 with the same text stays', () => {
    const text = `${doc('Outage', 'Outage')}\n# Outage\n\nAppendix.\n`;
    assert.equal((buildPostmortemModel(text).html.match(/<h1>Outage<\/h1>/g) ?? []).length, 1);
  });

  test('sameTitle ignores case and runs of whitespace only', () => {
    assert.ok(sameTitle(' Model  Drift\tIncident ', 'model drift incident'));
    assert.ok(!sameTitle('Model drift incident', 'Model-drift incident'));
    assert.ok(!sameTitle('ModelDrift', 'Model drift'));
  });
});

describe('client preview: reads files as the core does', () => {
  test('post-mortem: surfaces, timeline rows and the detection gap are the core parse', () => {
    const p = parsePostmortem(POSTMORTEM);
    const m = buildPostmortemModel(POSTMORTEM);
    assert.deepEqual(m.surfaces, attributedSurfaces(p));
    const placed = p.timeline!.rows.filter((r) => r.date);
    assert.deepEqual(
      m.timeline.events.map((e) => [e.line, e.at]).sort(),
      placed.map((r) => [r.line, r.date!.toISOString()]).sort(),
    );
    assert.deepEqual(m.timeline.unplaced.map((u) => u.line), p.timeline!.rows.filter((r) => !r.date).map((r) => r.line));
  });

  test('post-mortem: the timeline uses the core column names and cell text (emphasis removed)', () => {
    const text =
      '---\nkind: postmortem\nincidentStart: 2026-03-01T08:00Z\n---\n\n## Timeline\n\n| Event | When (UTC) | Kind |\n|---|---|---|\n' +
      '| Pipeline run | **08:05** | pipeline |\n| Page | `08:40` | ALERT |\n';
    const t = buildPostmortemModel(text).timeline;
    assert.deepEqual(t.events.map((e) => [e.lane, e.time, e.text, e.at]), [
      ['pipeline', '08:05', 'Pipeline run', '2026-03-01T08:05:00.000Z'],
      ['alert', '08:40', 'Page', '2026-03-01T08:40:00.000Z'],
    ]);
    assert.equal(t.gap?.minutes, 40);
    assert.equal(t.gap?.until, 'first alert');
  });

  test('post-mortem: front-matter problems as the core reads them', () => {
    assert.match(buildPostmortemModel('# x\n').frontMatterError ?? '', /No front matter/);
    assert.match(buildPostmortemModel('---\nkind: postmortem\n# x\n').frontMatterError ?? '', /never closed/);
    assert.match(buildPostmortemModel('---\nkind: postmortem\nkind: postmortem\n---\n# x\n').frontMatterError ?? '', /not valid YAML/);
    assert.match(buildPostmortemModel('---\n- a\n---\n# x\n').frontMatterError ?? '', /not a YAML mapping/);
    assert.equal(buildPostmortemModel(POSTMORTEM).frontMatterError, undefined);
  });

  test('runbook: duplicate keys and binary files are read as the linter reads them', () => {
    assert.match(buildRunbookModel('apiVersion: ml-runbooks/v1\nkind: Runbook\nkind: Runbook\n').error ?? '', /YAML error/);
    const bin = buildRunbookModel('apiVersion: ml-runbooks/v1\nkind: Runbook\u0000\n');
    assert.deepEqual(bin.cards, []);
    assert.match(bin.error ?? '', /NUL bytes/);
  });

  test('runbook: SLO values are read as RB005 reads them', () => {
    const text = `${RUNBOOK.split('slos:')[0]}slos:
  - name: s
    objective: 99.9
    period: 30d
    alerts:
      - { severity: page, longWindow: 1h, shortWindow: 5m, burnRate: 14.4, budgetConsumed: 0.02 }
      - { severity: page, longWindow: 1h, shortWindow: 5m, burnRate: 14.4, budgetConsumed: "2 %" }
      - { severity: page, longWindow: 1h, shortWindow: 5m, burnRate: "14.4" }
      - { severity: page, longWindow: 1h, shortWindow: 0m, burnRate: 14.4 }
`;
    const a = buildRunbookModel(text).cards[0]!.slos[0]!.alerts;
    assert.deepEqual(a[0]!.warnings, []);
    assert.deepEqual(a[1]!.warnings, []);
    assert.equal(a[1]!.budgetConsumedDeclared, '2 %');
    // A quoted burn rate is not a number for the schema or RB005: nothing is computed from it.
    assert.equal(a[2]!.burnRate, undefined);
    assert.equal(a[2]!.errorRateThreshold, undefined);
    // `0m` is no window for RB005 either: the row still computes, with the long window as the short one.
    assert.equal(a[3]!.errorRateThreshold, 0.0144);
    assert.deepEqual(a[3]!.warnings, []);
  });
});

describe('client preview: bundle weight', () => {
  test('the preview models import specific core modules, never the facade or a rule registry', async () => {
    const esbuild = await import('esbuild');
    const r = await esbuild.build({
      absWorkingDir: join(import.meta.dirname, '..', '..'),
      entryPoints: ['postmortemModel', 'runbookModel', 'timelineModel', 'html'].map((m) => `client/src/preview/${m}.ts`),
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'cjs',
      outdir: 'out-preview-check',
      logLevel: 'silent',
    });
    const inputs = Object.keys(r.metafile.inputs).map((p) => p.replace(/\\/g, '/'));
    const forbidden = inputs.filter((p) =>
      /(^|\/)server\/src\/core\/(index|registry|suppress)\.ts$|(^|\/)server\/src\/core\/(postmortem|runbook)\/(index|rules\/index)\.ts$|(^|\/)server\/src\/core\/queries\//.test(p),
    );
    assert.deepEqual(forbidden, []);
    assert.ok(inputs.some((p) => p.endsWith('server/src/core/postmortem/parse.ts')), 'builds on the core post-mortem parser');
    assert.ok(inputs.some((p) => p.endsWith('server/src/core/runbook/parse.ts')), 'builds on the core runbook parser');
  });
});

describe('runbook card: the alerts that page it', () => {
  const card = (pagedBy?: Array<{ alert: string; file: string; line: number }>): PreviewModel => {
    const m = buildRunbookModel('apiVersion: ml-runbooks/v1\nkind: Runbook\nmetadata:\n  name: api-errors\n  title: API errors\nsignal:\n  summary: Errors\n  alert: ApiHighErrorRate\n');
    return { ...m, cards: m.cards.map((c) => (pagedBy ? { ...c, pagedBy } : c)), fileName: 'a.runbook.yaml', problems: [] };
  };
  test('lists each linking alert with its rule file and 1-based line, escaped', () => {
    const html = renderPreviewBody(card([{ alert: 'ApiHighErrorRate', file: 'monitoring/api.rules.yaml', line: 7 }, { alert: '<b>x</b>', file: 'a&b.yaml', line: 0 }]));
    assert.match(html, /<p class="paged-by"><strong>Paged by<\/strong> <code>ApiHighErrorRate<\/code> <span class="muted">\(monitoring\/api\.rules\.yaml:8\)<\/span>, <code>&lt;b&gt;x&lt;\/b&gt;<\/code> <span class="muted">\(a&amp;b\.yaml:1\)<\/span><\/p>/);
  });
  test('no line when no alert links it, or when the server was not asked', () => {
    assert.doesNotMatch(renderPreviewBody(card([])), /paged-by/);
    assert.doesNotMatch(renderPreviewBody(card()), /paged-by/);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSurfaceReport } from '../../server/src/core/postmortem/report';
import { renderSurfaceReportBody, renderSurfaceBars } from '../../client/src/surfaceReport/html';

const pm = (start: string, surface: string, sev = 'SEV2', title = `Incident ${start}`): string => `---
kind: postmortem
title: "${title}"
severity: ${sev}
status: draft
incidentStart: ${start}
detected: ${start.replace(/T(\d\d)/, (_m, h: string) => `T${String(Number(h) + 1).padStart(2, '0')}`)}
resolved: ${start.replace(/T(\d\d)/, (_m, h: string) => `T${String(Number(h) + 2).padStart(2, '0')}`)}
---
# x

## Surface attribution

- [${surface === 'data' ? 'x' : ' '}] Data issue
- [${surface === 'model' ? 'x' : ' '}] Model issue
- [${surface === 'serving' ? 'x' : ' '}] Serving issue
`;

test('surface report page: counts, medians, chart, runs called out, user text escaped', () => {
  const files = [
    { file: 'pm/a.postmortem.md', text: pm('2026-01-10T10:00Z', 'data', 'SEV1') },
    { file: 'pm/b.postmortem.md', text: pm('2026-04-10T10:00Z', 'serving') },
    { file: 'pm/c.postmortem.md', text: pm('2026-05-10T10:00Z', 'serving') },
    { file: 'pm/d.postmortem.md', text: pm('2026-06-10T10:00Z', 'serving', 'SEV3', '<script>alert(1)</script>') },
    { file: 'pm/e.postmortem.md', text: pm('2026-07-10T10:00Z', 'none') },
  ];
  const report = buildSurfaceReport(files);
  assert.equal(report.total, 5);
  assert.equal(report.bySurface.serving, 3);
  const html = renderSurfaceReportBody(report, 'demo');
  assert.match(html, /5 post-mortems in demo · 4 attributed/);
  assert.match(html, /<div class="callout"><strong>3 serving incidents in a row<\/strong>: a capacity or deployment-process problem \(the playbook&#39;s reading\)/);
  assert.match(html, /<svg class="bars"/);
  assert.match(html, /<rect class="bar-serving" x="100" y="\d+" width="370"/);
  assert.match(html, /<td class="num">3<\/td><td>1h<\/td>/);
  assert.match(html, /2026-Q2/);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.doesNotMatch(html, /<script>/);
  assert.match(html, /data-action="open" data-arg="pm\/e\.postmortem\.md"/);
  assert.doesNotMatch(html, /\son[a-z]+=|\sstyle=/i);
});

test('empty workspace: a hint, zero bars', () => {
  const report = buildSurfaceReport([]);
  const html = renderSurfaceReportBody(report, 'empty');
  assert.match(html, /No post-mortems found/);
  const widths = [...renderSurfaceBars(report).matchAll(/<rect class="bar-\w+" x="\d+" y="\d+" width="([\d.]+)"/g)].map((m) => m[1]);
  assert.deepEqual(widths, ['0', '0', '0', '0']);
});

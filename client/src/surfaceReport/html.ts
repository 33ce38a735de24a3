/**
 * The surface report page (pure: no vscode). Numbers come from the core's `buildSurfaceReport`, the
 * same function the CLI `report` command prints.
 */
import type { SurfaceReport, ReportSurface } from '../../../server/src/core/postmortem/report';
import { runReading } from '../../../server/src/core/postmortem/report';
import { formatMinutes } from '../../../server/src/core/postmortem/time';
import { escapeHtml } from '../preview/html';

const SURFACES: readonly ReportSurface[] = ['data', 'model', 'serving', 'unattributed'];
const gap = (m: number | null | undefined): string => (m === null || m === undefined ? '–' : formatMinutes(m));

/** A horizontal bar chart of the incidents per surface (SVG, classes only). */
export function renderSurfaceBars(report: SurfaceReport): string {
  const max = Math.max(1, ...SURFACES.map((s) => report.bySurface[s]));
  const W = 520;
  const left = 100;
  const barH = 22;
  const H = SURFACES.length * (barH + 8) + 8;
  const plot = W - left - 50;
  const bars = SURFACES.map((s, i) => {
    const n = report.bySurface[s];
    const y = 8 + i * (barH + 8);
    const w = Math.round((n / max) * plot * 10) / 10;
    return (
      `<text x="${left - 8}" y="${y + barH / 2 + 4}" text-anchor="end">${s}</text>` +
      `<rect class="bar-${s}" x="${left}" y="${y}" width="${Math.max(w, n ? 2 : 0)}" height="${barH}"><title>${s}: ${n}</title></rect>` +
      `<text x="${left + w + 6}" y="${y + barH / 2 + 4}">${n}</text>`
    );
  }).join('');
  return `<svg class="bars" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Incidents by surface" xmlns="http://www.w3.org/2000/svg"><line class="axis" x1="${left}" y1="4" x2="${left}" y2="${H - 4}"></line>${bars}</svg>`;
}

/** Stacked columns per quarter (SVG). */
export function renderQuarterColumns(report: SurfaceReport): string {
  if (!report.byQuarter.length) return '';
  const max = Math.max(1, ...report.byQuarter.map((q) => q.total));
  const colW = 46;
  const gapW = 18;
  const top = 10;
  const plotH = 140;
  const W = Math.max(300, 40 + report.byQuarter.length * (colW + gapW));
  const H = top + plotH + 34;
  const cols = report.byQuarter
    .map((q, i) => {
      const x = 40 + i * (colW + gapW);
      let y = top + plotH;
      const segs = SURFACES.map((s) => {
        const n = q[s];
        if (!n) return '';
        const h = Math.round((n / max) * plotH * 10) / 10;
        y -= h;
        return `<rect class="bar-${s}" x="${x}" y="${Math.round(y * 10) / 10}" width="${colW}" height="${h}"><title>${escapeHtml(q.quarter)} ${s}: ${n}</title></rect>`;
      }).join('');
      return `${segs}<text x="${x + colW / 2}" y="${top + plotH + 16}" text-anchor="middle">${escapeHtml(q.quarter)}</text><text x="${x + colW / 2}" y="${Math.round((y - 4) * 10) / 10}" text-anchor="middle">${q.total}</text>`;
    })
    .join('');
  return `<svg class="bars" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Incidents by quarter and surface" xmlns="http://www.w3.org/2000/svg"><line class="axis" x1="34" y1="${top + plotH}" x2="${W - 4}" y2="${top + plotH}"></line>${cols}</svg>`;
}

/** The body of the surface report panel. `scope` says which folders were searched. */
export function renderSurfaceReportBody(report: SurfaceReport, scope: string): string {
  const out: string[] = [];
  out.push(`<h1>Surface report</h1><p class="muted">${report.total} post-mortem${report.total === 1 ? '' : 's'} in ${escapeHtml(scope)} · ${report.total - report.bySurface.unattributed} attributed to a surface</p>`);
  if (!report.total) {
    out.push('<p class="notice">No post-mortems found. Post-mortems are <code>*.postmortem.md</code> files (or the globs of <code>files.postmortems</code> in <code>.ml-runbooks.yaml</code>) and Markdown files whose front matter has <code>kind: postmortem</code>.</p>');
  }
  if (report.runs.length) {
    out.push('<h2>Runs of the same surface</h2>');
    for (const r of report.runs) {
      out.push(`<div class="callout"><strong>${escapeHtml(r.message)}</strong>: ${escapeHtml(runReading(r))} <span class="muted">(${escapeHtml(r.from.slice(0, 10))} → ${escapeHtml(r.to.slice(0, 10))})</span>: ${r.files.map((f) => `<button type="button" class="linklike" data-action="open" data-arg="${escapeHtml(f)}">${escapeHtml(f)}</button>`).join(', ')}</div>`);
    }
  }
  out.push('<h2>By surface</h2>');
  out.push(renderSurfaceBars(report));
  out.push(
    '<table><thead><tr><th>Surface</th><th>Incidents</th><th>Median detection gap</th></tr></thead><tbody>' +
      SURFACES.map((s) => `<tr><td><span class="surface-tag surface-${s === 'unattributed' ? 'unknown' : s}">${s}</span></td><td class="num">${report.bySurface[s]}</td><td>${gap(report.detectionGapMedian[s])}</td></tr>`).join('') +
      `<tr><th>total</th><th class="num">${report.total}</th><th>${gap(report.detectionGapMedian.overall)}</th></tr></tbody></table>`,
  );
  out.push('<h2>By severity</h2>');
  out.push(`<table><thead><tr>${Object.keys(report.bySeverity).map((s) => `<th>${escapeHtml(s)}</th>`).join('')}</tr></thead><tbody><tr>${Object.values(report.bySeverity).map((n) => `<td class="num">${n}</td>`).join('')}</tr></tbody></table>`);
  if (report.byQuarter.length) {
    out.push('<h2>By quarter</h2>');
    out.push(renderQuarterColumns(report));
    out.push(
      `<table><thead><tr><th>Quarter</th>${SURFACES.map((s) => `<th>${s}</th>`).join('')}<th>total</th></tr></thead><tbody>` +
        report.byQuarter.map((q) => `<tr><td>${escapeHtml(q.quarter)}</td>${SURFACES.map((s) => `<td class="num">${q[s]}</td>`).join('')}<td class="num">${q.total}</td></tr>`).join('') +
        '</tbody></table>',
    );
  }
  if (report.incidents.length) {
    out.push('<h2>Incidents</h2><table><thead><tr><th>Start</th><th>Severity</th><th>Surface</th><th>Detection gap</th><th>Post-mortem</th></tr></thead><tbody>');
    for (const i of report.incidents) {
      out.push(
        `<tr><td>${escapeHtml(i.incidentStart ? i.incidentStart.slice(0, 16).replace('T', ' ') : '–')}</td><td>${escapeHtml(i.severity ?? '–')}</td><td>${escapeHtml(i.surface)}</td><td>${gap(i.detectionGapMinutes)}</td>` +
          `<td><button type="button" class="linklike" data-action="open" data-arg="${escapeHtml(i.file)}">${escapeHtml(i.title ?? i.file)}</button></td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  if (report.skipped.length) {
    out.push(`<h2>Not counted or not attributed</h2><ul>${report.skipped.map((s) => `<li><button type="button" class="linklike" data-action="open" data-arg="${escapeHtml(s.file)}">${escapeHtml(s.file)}</button>: ${escapeHtml(s.reason)}</li>`).join('')}</ul>`);
  }
  return out.join('\n');
}

/**
 * Pure HTML builders of the extension's webviews (preview, burn-rate calculator, surface report).
 * No vscode import: the panel passes in the webview's CSP source, a nonce and the media URIs.
 *
 * Security model: a strict Content-Security-Policy (`default-src 'none'`, styles and images only from
 * the extension's media folder, scripts only with the page's nonce), no inline handlers or styles,
 * and every piece of user text escaped here. The only HTML not built here is the post-mortem body,
 * which markdown-it renders with raw HTML disabled and links sanitised (see postmortemModel.ts).
 */
import type { RunbookCard, RunbookPreviewModel, SloCard } from './runbookModel';
import type { PostmortemPreviewModel } from './postmortemModel';
import type { TimelineModel } from './timelineModel';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"'`]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]!);
}

/** The Content-Security-Policy of every webview of the extension. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return `default-src 'none'; img-src ${cspSource} data:; style-src ${cspSource}; script-src 'nonce-${nonce}'`;
}

/** What every page needs from the host. */
export interface PageResources {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh random nonce (base64), one per page load. */
  nonce: string;
  /** `asWebviewUri` of client/media/webview.js and webview.css, as strings. */
  scriptUri: string;
  styleUri: string;
}

/**
 * A complete webview document. `state` is stored (JSON, escaped) in a data attribute so the webview
 * script can persist it for the panel serializer; `bodyHtml` must already be safe HTML.
 */
export function renderPage(res: PageResources, page: { title: string; view: 'preview' | 'burnRate' | 'surfaceReport'; bodyHtml: string; state?: unknown }): string {
  const state = page.state === undefined ? '' : ` data-state="${escapeHtml(JSON.stringify(page.state))}"`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(res.cspSource, res.nonce))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    `<link rel="stylesheet" href="${escapeHtml(res.styleUri)}">`,
    `<title>${escapeHtml(page.title)}</title>`,
    '</head>',
    `<body data-view="${escapeHtml(page.view)}"${state}>`,
    `<main id="root">${page.bodyHtml}</main>`,
    `<script nonce="${escapeHtml(res.nonce)}" src="${escapeHtml(res.scriptUri)}"></script>`,
    '</body>',
    '</html>',
  ].join('\n');
}

/** A problem of the previewed document, as listed above the preview (0-based positions). */
export interface ProblemItem {
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  code?: string;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

/** The preview model the panel renders: one of the two kinds plus the document's open problems. */
export type PreviewModel = (RunbookPreviewModel | PostmortemPreviewModel) & {
  /** File name shown in the header (basename). */
  fileName: string;
  problems: ProblemItem[];
};

const revealAttrs = (p: { line: number; character?: number; endLine?: number; endCharacter?: number }): string =>
  ` data-reveal="1" data-line="${p.line}" data-character="${p.character ?? 0}" data-end-line="${p.endLine ?? p.line}" data-end-character="${p.endCharacter ?? p.character ?? 0}"`;

/** The open problems of the document; each one is a button that reveals it in the editor. */
export function renderProblems(problems: ProblemItem[]): string {
  if (!problems.length) return '<section class="problems ok" aria-label="Problems"><p>No problems in this document.</p></section>';
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const p of problems) counts[p.severity]++;
  const summary = (['error', 'warning', 'info', 'hint'] as const)
    .filter((s) => counts[s])
    .map((s) => `${counts[s]} ${s}${counts[s] === 1 ? '' : s === 'info' ? '' : 's'}`)
    .join(', ');
  const items = problems
    .map(
      (p) =>
        `<li><button type="button" class="problem sev-${escapeHtml(p.severity)}"${revealAttrs(p)} title="Reveal in the editor">` +
        `<span class="sev">${escapeHtml(p.severity)}</span> ` +
        (p.code ? `<span class="code">${escapeHtml(p.code)}</span> ` : '') +
        `<span class="msg">${escapeHtml(p.message)}</span> <span class="pos">line ${p.line + 1}</span></button></li>`,
    )
    .join('');
  return `<section class="problems" aria-label="Problems"><h2>Open problems <span class="muted">(${escapeHtml(summary)})</span></h2><ul>${items}</ul></section>`;
}

const badge = (label: string, value: string | undefined, cls = ''): string =>
  value ? `<span class="badge ${cls}"><span class="badge-label">${escapeHtml(label)}</span> ${escapeHtml(value)}</span>` : '';

const sevClass = (s: string | undefined): string => (s && /^SEV[123]$/i.test(s) ? `sev-level-${s.slice(3)}` : '');

/** The body of the preview (without the page shell): what the webview swaps in on each update. */
export function renderPreviewBody(model: PreviewModel, options: { showProblems?: boolean } = {}): string {
  const problems = options.showProblems === false ? '' : renderProblems(model.problems);
  if (model.kind === 'runbook') return problems + renderRunbook(model);
  return problems + renderPostmortem(model);
}

function renderRunbook(model: RunbookPreviewModel): string {
  const parts: string[] = [];
  if (model.error) parts.push(`<p class="notice error">${escapeHtml(model.error)}</p>`);
  if (!model.cards.length) parts.push('<p class="notice">No runbook in this file yet. Start with the <code>runbook</code> snippet.</p>');
  for (const c of model.cards) parts.push(renderCard(c));
  return parts.join('\n');
}

function renderCard(c: RunbookCard): string {
  const out: string[] = [];
  out.push(`<article class="card runbook" data-doc="${c.index}">`);
  out.push(`<header><h1>${escapeHtml(c.title)}</h1><div class="badges">`);
  out.push(badge('service', c.service));
  out.push(badge('severity', c.severity.default, sevClass(c.severity.default)));
  out.push(badge('team', c.owners.team));
  out.push(badge('escalate to', c.owners.escalation, 'escalation'));
  out.push(badge('model owner', c.owners.model));
  out.push(badge('reviewed', c.lastReviewed));
  out.push(`</div>${c.name ? `<p class="muted mono">${escapeHtml(c.name)}</p>` : ''}</header>`);
  if (c.severity.escalations.length) {
    out.push(`<p class="escalations"><strong>Escalate</strong> ${c.severity.escalations.map((e) => `to <span class="${sevClass(e.to)}">${escapeHtml(e.to)}</span> when ${escapeHtml(e.when)}`).join('; ')}</p>`);
  }

  out.push('<section class="signal"><h2>Signal</h2>');
  out.push(`<p>${c.signal.summary ? escapeHtml(c.signal.summary) : '<span class="missing">No signal summary.</span>'}</p>`);
  const sig = [c.signal.alert ? `alert <code>${escapeHtml(c.signal.alert)}</code>` : '', c.signal.slo ? `SLO <code>${escapeHtml(c.signal.slo)}</code>` : ''].filter(Boolean);
  if (sig.length) out.push(`<p class="muted">${sig.join(' · ')}</p>`);
  if (c.pagedBy?.length) {
    out.push(`<p class="paged-by"><strong>Paged by</strong> ${c.pagedBy.map((a) => `<code>${escapeHtml(a.alert)}</code> <span class="muted">(${escapeHtml(a.file)}:${a.line + 1})</span>`).join(', ')}</p>`);
  }
  out.push('</section>');

  out.push('<section class="surface"><h2>Likely surface</h2>');
  out.push(`<p><span class="surface-tag surface-${escapeHtml(c.surface.likely ?? 'unknown')}">${escapeHtml(c.surface.likely ?? 'not stated')}</span>${c.surface.rationale ? ` ${escapeHtml(c.surface.rationale)}` : ''}</p>`);
  out.push('<ol class="triage-order">');
  for (const s of c.surface.triageOrder) {
    out.push(`<li class="${s.likely ? 'likely' : ''}"><span class="surface-tag surface-${s.surface}">${s.surface}</span> ${escapeHtml(s.note)}</li>`);
  }
  out.push('</ol></section>');

  out.push('<section class="diagnostics"><h2>Triage queries</h2>');
  if (!c.diagnostics.length) out.push('<p class="missing">No diagnostics: add at least three triage queries.</p>');
  out.push('<ol class="steps">');
  for (const d of c.diagnostics) {
    out.push(`<li class="step${d.triage ? ' triage' : ' extra'}"><h3><span class="step-no">${d.step}</span> ${escapeHtml(d.question)}</h3>`);
    if (d.why) out.push(`<p class="why">${escapeHtml(d.why)}</p>`);
    if (d.query !== undefined) {
      out.push(`<div class="query"><span class="lang">${escapeHtml(d.language ?? 'query')}${d.dialect ? ` · ${escapeHtml(d.dialect)}` : ''}</span><pre><code>${escapeHtml(d.query)}</code></pre></div>`);
    }
    if (d.check) out.push(`<p class="check"><strong>Check:</strong> ${escapeHtml(d.check)}</p>`);
    if (d.dashboard) {
      out.push(
        d.dashboard.href
          ? `<p class="dashboard"><a href="${escapeHtml(d.dashboard.href)}" rel="noopener noreferrer">Dashboard: ${escapeHtml(d.dashboard.text)}</a></p>`
          : `<p class="dashboard">Dashboard: ${escapeHtml(d.dashboard.text)}</p>`,
      );
    }
    if (d.decides) out.push(`<p class="decides"><strong>Decides:</strong> ${escapeHtml(d.decides)}</p>`);
    out.push('</li>');
  }
  out.push('</ol></section>');

  out.push('<section class="rollback"><h2>Rollback</h2>');
  out.push(`<p class="criterion">${c.rollback.criterion ? escapeHtml(c.rollback.criterion) : '<span class="missing">No rollback criterion.</span>'}</p>`);
  if (c.rollback.actions.length) out.push(`<ul>${c.rollback.actions.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>`);
  out.push('</section>');

  if (c.mitigations.length) {
    out.push('<section class="mitigations"><h2>Mitigations</h2><ul>');
    for (const m of c.mitigations) out.push(`<li>${escapeHtml(m.action)}${m.reversible === true ? ' <span class="pill ok">reversible</span>' : m.reversible === false ? ' <span class="pill warn">not reversible</span>' : ''}</li>`);
    out.push('</ul></section>');
  }
  if (c.falsePages.length) {
    out.push('<section class="false-pages"><h2>Known false pages</h2><ul>');
    for (const f of c.falsePages) out.push(`<li><strong>${escapeHtml(f.pattern)}</strong>${f.check ? ` — ${escapeHtml(f.check)}` : ''}</li>`);
    out.push('</ul></section>');
  }
  if (c.slos.length) {
    out.push('<section class="slos"><h2>SLO alerts</h2>');
    for (const s of c.slos) out.push(renderSloTable(s));
    out.push('</section>');
  }
  if (c.references.length) {
    out.push('<section class="references"><h2>References</h2><ul>');
    for (const r of c.references) out.push(`<li>${r.href ? `<a href="${escapeHtml(r.href)}" rel="noopener noreferrer">${escapeHtml(r.text)}</a>` : escapeHtml(r.text)}</li>`);
    out.push('</ul></section>');
  }
  out.push('</article>');
  return out.filter(Boolean).join('\n');
}

/** A fraction as a percent without floating-point noise (0.0144 → "1.44 %"). */
export function pct(fraction: number | undefined): string {
  if (fraction === undefined || !Number.isFinite(fraction)) return '—';
  return `${Number((fraction * 100).toPrecision(6))} %`;
}

function renderSloTable(s: SloCard): string {
  const head = `<h3>${escapeHtml(s.name)} <span class="muted">${s.objective !== undefined ? `${escapeHtml(s.objective)} %` : '(no objective)'} over ${escapeHtml(s.period ?? '(no period)')}</span></h3>${s.sli ? `<p class="muted">${escapeHtml(s.sli)}</p>` : ''}`;
  if (!s.alerts.length) return `${head}<p class="muted">No alerts.</p>`;
  const rows = s.alerts
    .map(
      (a) =>
        `<tr class="${a.warnings.length ? 'has-warning' : ''}"><td>${escapeHtml(a.severity)}</td><td>${escapeHtml(a.longWindow)}</td><td>${escapeHtml(a.shortWindow)}</td>` +
        `<td class="num">${a.burnRate !== undefined ? escapeHtml(a.burnRate) : '—'}</td><td class="num">${pct(a.budgetConsumed)}${a.budgetConsumedDeclared !== undefined ? ` <span class="muted">(declared ${escapeHtml(a.budgetConsumedDeclared)})</span>` : ''}</td>` +
        `<td class="num">${pct(a.errorRateThreshold)}</td><td>${escapeHtml(a.timeToExhaustion ?? '—')}</td></tr>` +
        a.warnings.map((w) => `<tr class="warning-row"><td colspan="7">⚠ ${escapeHtml(w)}</td></tr>`).join(''),
    )
    .join('');
  return `${head}<table class="slo-table"><thead><tr><th>Severity</th><th>Long</th><th>Short</th><th>Burn rate</th><th>Budget consumed</th><th>Error-rate threshold</th><th>Budget lasts</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function renderPostmortem(m: PostmortemPreviewModel): string {
  const out: string[] = [];
  out.push('<article class="postmortem">');
  out.push(`<header><h1>${escapeHtml(m.title)}</h1><div class="badges">`);
  out.push(badge('severity', m.severity, sevClass(m.severity)));
  out.push(badge('status', m.status, m.status ? `status-${m.status.replace(/[^a-z]/gi, '')}` : ''));
  out.push(
    m.surfaces.length
      ? `<span class="badge"><span class="badge-label">surface</span> ${m.surfaces.map((s) => `<span class="surface-tag surface-${s}">${s}</span>`).join(' ')}</span>`
      : '<span class="badge warn"><span class="badge-label">surface</span> not attributed</span>',
  );
  if (m.timeline.gap) out.push(badge('detection gap', m.timeline.gap.label));
  out.push('</div></header>');
  if (m.frontMatterError) out.push(`<p class="notice error">${escapeHtml(m.frontMatterError)}</p>`);
  out.push(`<section class="timeline-chart"><h2>Timeline overlay</h2>${renderTimelineSvg(m.timeline)}</section>`);
  out.push(`<div class="markdown-body">${m.html}</div>`);
  out.push('</article>');
  return out.filter(Boolean).join('\n');
}

/** The timeline overlay as an inline SVG (no script, no style attributes: classes only). */
export function renderTimelineSvg(t: TimelineModel): string {
  if (!t.events.length && !t.markers.length) {
    return '<p class="muted">No timeline to draw: add a <code>| Time | Type | Event |</code> table under “Timeline” and the incident instants in the front matter.</p>';
  }
  const W = 800;
  const left = 130;
  const right = 20;
  const top = 34;
  const laneH = 30;
  const plotW = W - left - right;
  const H = top + t.lanes.length * laneH + 30;
  const X = (x: number): number => Math.round((left + x * plotW) * 10) / 10;
  const laneY = (type: string): number => {
    const l = t.lanes.find((x) => x.type === type) ?? t.lanes[t.lanes.length - 1]!;
    return top + l.index * laneH + laneH / 2;
  };
  const parts: string[] = [];
  parts.push(`<svg class="timeline" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Timeline overlay: ${t.events.length} events on ${t.lanes.length} lanes" xmlns="http://www.w3.org/2000/svg">`);
  if (t.gap) {
    const x0 = X(t.gap.x0);
    const x1 = X(t.gap.x1);
    parts.push(`<rect class="gap" x="${x0}" y="${top - 4}" width="${Math.max(1, Math.round((x1 - x0) * 10) / 10)}" height="${t.lanes.length * laneH + 8}"><title>Detection gap ${escapeHtml(t.gap.label)} (incident start → ${escapeHtml(t.gap.until)})</title></rect>`);
    parts.push(`<text class="gap-label" x="${Math.round(((x0 + x1) / 2) * 10) / 10}" y="${top - 8}" text-anchor="middle">detection gap ${escapeHtml(t.gap.label)}</text>`);
  }
  for (const l of t.lanes) {
    const y = top + l.index * laneH;
    parts.push(`<rect class="lane lane-${l.index % 2 ? 'odd' : 'even'}" x="${left}" y="${y}" width="${plotW}" height="${laneH}"></rect>`);
    parts.push(`<text class="lane-label" x="${left - 8}" y="${y + laneH / 2 + 4}" text-anchor="end">${escapeHtml(l.label)}</text>`);
  }
  const axisY = top + t.lanes.length * laneH;
  parts.push(`<line class="axis" x1="${left}" y1="${axisY}" x2="${left + plotW}" y2="${axisY}"></line>`);
  for (const tick of t.ticks) {
    parts.push(`<line class="tick" x1="${X(tick.x)}" y1="${axisY}" x2="${X(tick.x)}" y2="${axisY + 5}"></line><text class="tick-label" x="${X(tick.x)}" y="${axisY + 18}" text-anchor="middle">${escapeHtml(tick.label)}</text>`);
  }
  // Axis breaks: events far outside the incident window sit at the edge, past a break mark.
  if (t.outside?.before) {
    parts.push(`<g class="axis-break axis-break-before"><path class="break" d="M${left - 4} ${axisY + 6} L${left + 2} ${axisY - 6} M${left + 2} ${axisY + 6} L${left + 8} ${axisY - 6}"></path><title>${t.outside.before} earlier event(s), from ${escapeHtml((t.outside.earliest ?? '').slice(0, 16).replace('T', ' '))} UTC: drawn at the edge</title></g>`);
  }
  if (t.outside?.after) {
    parts.push(`<g class="axis-break axis-break-after"><path class="break" d="M${left + plotW - 8} ${axisY + 6} L${left + plotW - 2} ${axisY - 6} M${left + plotW - 2} ${axisY + 6} L${left + plotW + 4} ${axisY - 6}"></path><title>${t.outside.after} later event(s), until ${escapeHtml((t.outside.latest ?? '').slice(0, 16).replace('T', ' '))} UTC: drawn at the edge</title></g>`);
  }
  for (const m of t.markers) {
    parts.push(`<line class="marker marker-${m.id}" x1="${X(m.x)}" y1="${top - 2}" x2="${X(m.x)}" y2="${axisY}"><title>${escapeHtml(m.label)} ${escapeHtml(m.at.slice(0, 16).replace('T', ' '))} UTC</title></line>`);
  }
  const metric = t.events.filter((e) => e.lane === 'metric');
  if (metric.length > 1) {
    parts.push(`<polyline class="metric-line" points="${metric.map((e) => `${X(e.x)},${laneY('metric')}`).join(' ')}"></polyline>`);
  }
  for (const e of t.events) {
    const cx = X(e.x);
    const cy = laneY(e.lane);
    const reveal = e.line !== undefined ? revealAttrs({ line: e.line }) : '';
    const shape =
      e.lane === 'alert'
        ? `<path class="event event-alert" d="M${cx} ${cy - 7} L${cx + 7} ${cy + 6} L${cx - 7} ${cy + 6} Z"></path>`
        : e.lane === 'deploy'
          ? `<rect class="event event-deploy" x="${cx - 5}" y="${cy - 5}" width="10" height="10"></rect>`
          : `<circle class="event event-${escapeHtml(e.lane)}" cx="${cx}" cy="${cy}" r="5"></circle>`;
    const where = e.outside === 'before' ? ' (before the axis: drawn at its start)' : e.outside === 'after' ? ' (after the axis: drawn at its end)' : '';
    parts.push(`<g class="event-group${e.outside ? ' event-outside' : ''}"${reveal}>${shape}<title>${escapeHtml(e.time)} · ${escapeHtml(e.lane)}${e.unknownType ? ' (unknown type)' : ''} · ${escapeHtml(e.text)}${where}</title></g>`);
  }
  parts.push('</svg>');
  const legend =
    `<p class="legend muted">${t.markers.map((m) => `<span class="legend-marker marker-${m.id}">${escapeHtml(m.label)} ${escapeHtml(m.at.slice(11, 16))}</span>`).join(' ')}` +
    (t.gap ? ` <span class="legend-gap">shaded: detection gap (${escapeHtml(t.gap.label)}, until ${escapeHtml(t.gap.until)})</span>` : '') +
    ' · times in UTC</p>';
  const fmt = (iso: string | undefined): string => escapeHtml((iso ?? '').slice(0, 16).replace('T', ' '));
  const outside =
    t.outside && (t.outside.before || t.outside.after)
      ? `<p class="notice">The axis shows the incident window${t.outside.before ? `; ${t.outside.before} earlier event(s) (from ${fmt(t.outside.earliest)} UTC) are drawn at its start` : ''}${t.outside.after ? `; ${t.outside.after} later event(s) (until ${fmt(t.outside.latest)} UTC) are drawn at its end` : ''}.</p>`
      : '';
  const omitted = t.omitted
    ? `<p class="notice">Large timeline: ${t.omitted.events ? `${t.omitted.events} more row(s) not drawn (the first ${t.events.length} are)` : ''}${t.omitted.events && t.omitted.unplaced ? '; ' : ''}${t.omitted.unplaced ? `${t.omitted.unplaced} more unreadable row(s) not listed` : ''}.</p>`
    : '';
  const unplaced = t.unplaced.length
    ? `<p class="notice">Not drawn (time not readable): ${t.unplaced.map((u) => `<button type="button" class="linklike"${u.line !== undefined ? revealAttrs({ line: u.line }) : ''}>${escapeHtml(u.time || '(empty)')} — ${escapeHtml(u.text)}</button>`).join(', ')}</p>`
    : '';
  return parts.join('') + legend + outside + omitted + unplaced;
}

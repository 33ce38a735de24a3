/**
 * The burn-rate calculator's result page (pure: no vscode). The numbers come from the core SLO module;
 * this only lays them out and escapes them.
 */
import type { BurnRateTable, ReverseResult } from '../../../server/src/core/slo/index';
import { escapeHtml, pct } from '../preview/html';

export interface BurnRateView {
  objectivePercent: number;
  period: string;
  /** Human name of the tier set (SRE workbook, Sloth, custom). */
  presetLabel: string;
  table: BurnRateTable;
  reverse?: ReverseResult;
  /** Whether a text editor is available to insert into (buttons say so). */
  editorName?: string;
}

/** The warnings of the table that concern one tier (the core prefixes them with "severity long/short:"). */
export function tierWarnings(table: BurnRateTable, t: { severity: string; longWindow: string; shortWindow: string }): string[] {
  const prefix = `${t.severity} ${t.longWindow}/${t.shortWindow}:`;
  return table.warnings.filter((w) => w.startsWith(prefix)).map((w) => w.slice(prefix.length).trim());
}

/** The body of the result panel. */
export function renderBurnRateBody(v: BurnRateView): string {
  const out: string[] = [];
  out.push(`<h1>Burn rates for ${escapeHtml(v.objectivePercent)} % over ${escapeHtml(v.period)}</h1>`);
  out.push(`<p class="muted">Error budget ${pct(1 - v.table.objective)} of requests · ${escapeHtml(v.presetLabel)} · multi-window, multi-burn-rate alerting (an alert fires when both windows exceed the threshold).</p>`);
  const rows = v.table.tiers
    .map((t) => {
      const w = tierWarnings(v.table, t);
      const cls = w.length ? ' class="has-warning"' : '';
      return (
        `<tr${cls}><td>${escapeHtml(t.severity)}</td><td>${escapeHtml(t.longWindow)}</td><td>${escapeHtml(t.shortWindow)}</td>` +
        `<td class="num">${escapeHtml(t.burnRate)}×</td><td class="num">${pct(t.budgetConsumed)}</td><td class="num">${pct(t.errorRateThreshold)}</td><td>${escapeHtml(t.timeToExhaustion)}</td></tr>` +
        w.map((x) => `<tr class="warning-row"><td colspan="7">⚠ ${escapeHtml(x)}</td></tr>`).join('')
      );
    })
    .join('');
  out.push(
    '<table class="burn-table"><thead><tr><th>Severity</th><th>Long window</th><th>Short window</th><th>Burn rate</th><th>Budget consumed</th><th>Error-rate threshold</th><th>Budget lasts</th></tr></thead>' +
      `<tbody>${rows || '<tr><td colspan="7" class="muted">No valid tier.</td></tr>'}</tbody></table>`,
  );
  const tierKeys = v.table.tiers.map((t) => `${t.severity} ${t.longWindow}/${t.shortWindow}:`);
  const general = v.table.warnings.filter((w) => !tierKeys.some((k) => w.startsWith(k)));
  if (general.length) out.push(`<ul class="warnings">${general.map((w) => `<li>⚠ ${escapeHtml(w)}</li>`).join('')}</ul>`);
  if (v.reverse) {
    const r = v.reverse;
    out.push('<h2>Observed error rate</h2>');
    out.push(
      '<table class="reverse-table"><tbody>' +
        `<tr><th>Error rate</th><td class="num">${pct(r.errorRate)}</td></tr>` +
        `<tr><th>Burn rate</th><td class="num">${escapeHtml(r.burnRate)}×</td></tr>` +
        `<tr><th>Budget consumed after ${escapeHtml(r.afterHours)}h</th><td class="num">${pct(r.budgetConsumedAfter)}</td></tr>` +
        `<tr><th>Budget left after ${escapeHtml(r.afterHours)}h</th><td class="num">${pct(r.budgetLeftAfter)}</td></tr>` +
        `<tr><th>A full budget lasts</th><td>${escapeHtml(r.timeToExhaustion)}</td></tr>` +
        '</tbody></table>',
    );
    const fires = v.table.tiers.filter((t) => r.errorRate > t.errorRateThreshold);
    out.push(
      `<p>${fires.length ? `At this rate ${fires.map((t) => `the <strong>${escapeHtml(t.severity)} ${escapeHtml(t.longWindow)}</strong> tier`).join(', ')} would fire.` : 'At this rate none of the tiers above would fire.'}</p>`,
    );
    if (r.warnings.length) out.push(`<ul class="warnings">${r.warnings.map((w) => `<li>⚠ ${escapeHtml(w)}</li>`).join('')}</ul>`);
  }
  const target = v.editorName ? ` into ${escapeHtml(v.editorName)}` : '';
  out.push(
    '<div class="actions">' +
      `<button type="button" data-action="insert-markdown" title="Insert at the cursor${target}">Insert as Markdown table</button>` +
      `<button type="button" data-action="insert-slos" title="Insert at the cursor${target}">Insert as runbook slos block</button>` +
      '<button type="button" class="secondary" data-action="copy-prometheus" title="Asks for the error-ratio metric, then copies the rules">Copy Prometheus alerting rules</button>' +
      '</div>',
  );
  if (!v.editorName) out.push('<p class="muted">Open a text editor to insert the results at its cursor.</p>');
  return out.join('\n');
}

import type { AlertGraphJson, TierJson } from '../core/index';
import { EXIT_OK, type CliIO } from './io';
import { reportArgs } from './reportArgs';
import { buildAlertGraph } from './alerts';
import { GRAPH_USAGE } from './usage';

function tiers(ts: ReadonlyArray<TierJson | { longWindow: string; shortWindow: string; burnRate: number | null }>): string {
  return ts.map((t) => `${t.longWindow}/${t.shortWindow} ${'factor' in t ? t.factor : (t.burnRate ?? '?')}×`).join(', ');
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd());
}

/** The coverage table of `ml-runbooks graph`. */
export function formatGraphTable(g: AlertGraphJson): string {
  const files = new Set(g.alerts.map((a) => a.file)).size;
  const linked = g.alerts.filter((a) => a.runbookUrl !== null).length;
  const resolved = g.alerts.filter((a) => a.runbook !== null).length;
  const unresolved = new Set(g.unresolved.map((u) => `${u.file}:${u.line}`));
  const lines = [
    `${g.alerts.length} alerting rule(s) in ${files} rule file(s): ${linked} with a runbook_url, ${resolved} resolve to a runbook, ${g.unresolved.length} unresolved; ` +
      `${g.runbooks.length} runbook(s), ${g.orphans.length} linked by no alert; ${g.mismatches.length} tier mismatch(es).`,
  ];
  if (g.alerts.length) {
    const rows = [['ALERT', 'RULE FILE', 'RUNBOOK', 'TIERS']];
    for (const a of g.alerts) {
      const runbook = a.runbook ?? (a.runbookUrl === null ? '— (no runbook_url)' : unresolved.has(`${a.file}:${a.line}`) ? '✗ unresolved' : '? (not resolvable statically)');
      rows.push([a.name, `${a.file}:${a.line}`, runbook, a.tiers.length ? tiers(a.tiers) : '']);
    }
    lines.push('', ...table(rows));
  }
  if (g.unresolved.length) {
    lines.push('', 'Unresolved runbook_url:');
    for (const u of g.unresolved) lines.push(`  ${u.alert} (${u.file}:${u.line}): ${u.url}${u.nearest ? ` — nearest runbook: ${u.nearest}` : ''}`);
  }
  if (g.orphans.length) {
    lines.push('', 'Runbooks no alert links:');
    for (const r of g.runbooks.filter((x) => !x.alerts.length)) lines.push(`  ${r.name} (${r.file})`);
  }
  if (g.mismatches.length) {
    lines.push('', 'Burn-rate tier mismatches:');
    for (const m of g.mismatches) lines.push(`  ${m.alert} (${m.file}:${m.line}) fires at ${tiers(m.alertTiers)}; runbook ${m.runbook} (${m.runbookFile}, SLO ${m.slo}) documents ${tiers(m.runbookTiers) || 'no tier'}`);
  }
  return lines.join('\n') + '\n';
}

/** `ml-runbooks graph`: alerting rules ↔ runbooks coverage; returns the exit code (0: it is a report). */
export function runGraph(args: string[], io: CliIO): number {
  const run = reportArgs(args, io, 'graph', GRAPH_USAGE);
  if (!run) return EXIT_OK;
  const { format, config } = run;
  const files = run.files.filter((f) => f.kind !== 'postmortem');
  const json = buildAlertGraph(files, config, io.cwd).toJSON();
  io.out(format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : formatGraphTable(json));
  if (!files.some((f) => f.kind === 'alerts')) io.err('ml-runbooks: no alerting rule files found\n');
  return EXIT_OK;
}

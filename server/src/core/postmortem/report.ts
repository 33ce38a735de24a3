/**
 * The surface report: every post-mortem counted by failure surface, severity and quarter, with
 * detection-gap medians and runs of the same surface called out with what they mean (the playbook's
 * reading for serving and data runs, the product's for model runs). Used by the CLI `report` command and
 * the editor's surface-report command, so both show the same numbers.
 */
import { parsePostmortem } from './parse';
import { attributedSurfaces, SURFACES, type Surface } from './rules/surfaceAttribution';
import { formatMinutes, quarterOf } from './time';

/** A surface, or `unattributed` when none (or several) are ticked. */
export type ReportSurface = Surface | 'unattributed';

/** One counted post-mortem. */
export interface ReportIncident {
  file: string;
  title: string | undefined;
  severity: string | undefined;
  surface: ReportSurface;
  /** ISO timestamp of incidentStart, when it parses. */
  incidentStart: string | undefined;
  quarter: string | undefined;
  detectionGapMinutes: number | undefined;
}

/** A run of consecutive incidents (chronological) on the same surface. */
export interface SurfaceRun {
  surface: Surface;
  length: number;
  files: string[];
  from: string;
  to: string;
  /** e.g. "3 serving incidents in a row". */
  message: string;
  /** What the run means, e.g. "a capacity or deployment-process problem" (see {@link RUN_READINGS}). */
  meaning: string;
  /** Whose reading it is: the playbook's (serving, data) or the product's (model: the playbook is silent). */
  readingFrom: 'playbook' | 'product';
}

/**
 * What a run of incidents on one surface means. Serving and data are the playbook's words ("Three
 * serving incidents in a row is a capacity or deployment-process problem. Three data incidents in a
 * row is a data-quality or pipeline-validation problem."); for model incidents the playbook is silent,
 * and the reading is the product's.
 */
export const RUN_READINGS: Record<Surface, { meaning: string; from: 'playbook' | 'product' }> = {
  serving: { meaning: 'a capacity or deployment-process problem', from: 'playbook' },
  data: { meaning: 'a data-quality or pipeline-validation problem', from: 'playbook' },
  model: { meaning: 'a promotion-gate and evaluation problem', from: 'product' },
};

/** The reading of a run as one sentence, saying whose reading it is. */
export function runReading(r: Pick<SurfaceRun, 'meaning' | 'readingFrom'>): string {
  return `${r.meaning} (${r.readingFrom === 'playbook' ? "the playbook's reading" : "the product's reading: the playbook is silent on model runs"})`;
}

/** The report. Counts cover every post-mortem; `skipped` lists files not counted or not attributed. */
export interface SurfaceReport {
  total: number;
  bySurface: Record<ReportSurface, number>;
  bySeverity: Record<string, number>;
  /** Quarters in chronological order (`unknown` last when some incidentStart does not parse). */
  byQuarter: Array<{ quarter: string; total: number } & Record<ReportSurface, number>>;
  /** Median detection gap in minutes, overall and per surface (null when no data). */
  detectionGapMedian: { overall: number | null } & Record<ReportSurface, number | null>;
  /** Runs of ≥ 3 incidents on the same surface in chronological order. */
  runs: SurfaceRun[];
  /** Counted incidents in chronological order (unknown start last). */
  incidents: ReportIncident[];
  /** Files that are not post-mortems, or post-mortems without a single attributed surface. */
  skipped: Array<{ file: string; reason: string }>;
}

const ALL: readonly ReportSurface[] = [...SURFACES, 'unattributed'];
const SEVERITIES = ['SEV1', 'SEV2', 'SEV3'];
/** The shortest run the report calls out. */
export const MIN_RUN = 3;

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function isPostmortemFile(file: string, kind: string | undefined): boolean {
  return /\.postmortem\.md$/i.test(file) || kind === 'postmortem';
}

/**
 * Builds the surface report from file contents.
 *
 * @example
 * const r = buildSurfaceReport([{ file: 'pm/a.postmortem.md', text }]);
 * r.bySurface.serving; r.runs[0]?.message; // "3 serving incidents in a row"
 */
export function buildSurfaceReport(files: Array<{ file: string; text: string }>): SurfaceReport {
  const incidents: ReportIncident[] = [];
  const skipped: SurfaceReport['skipped'] = [];
  for (const { file, text } of files) {
    let pm;
    try {
      pm = parsePostmortem(text);
    } catch {
      skipped.push({ file, reason: 'not a post-mortem (could not be read)' });
      continue;
    }
    if (!isPostmortemFile(file, pm.meta.kind)) {
      skipped.push({ file, reason: 'not a post-mortem (no `kind: postmortem` front matter)' });
      continue;
    }
    const surfaces = attributedSurfaces(pm);
    let surface: ReportSurface = 'unattributed';
    if (!surfaces) skipped.push({ file, reason: 'no Surface attribution section' });
    else if (surfaces.length === 0) skipped.push({ file, reason: 'no surface ticked' });
    else if (surfaces.length > 1) skipped.push({ file, reason: `several surfaces ticked (${surfaces.join(', ')})` });
    else surface = surfaces[0]!;
    const start = pm.meta.incidentStart?.date;
    const det = pm.meta.detected?.date;
    const gap = start && det ? Math.round((det.getTime() - start.getTime()) / 60000) : undefined;
    incidents.push({
      file,
      title: pm.meta.title ?? (pm.title ? pm.title.text : undefined),
      severity: pm.meta.severity,
      surface,
      incidentStart: start?.toISOString(),
      quarter: start ? quarterOf(start) : undefined,
      detectionGapMinutes: gap !== undefined && gap >= 0 ? gap : undefined,
    });
  }
  incidents.sort((a, b) => {
    if (a.incidentStart && b.incidentStart) return a.incidentStart < b.incidentStart ? -1 : a.incidentStart > b.incidentStart ? 1 : a.file.localeCompare(b.file);
    if (a.incidentStart) return -1;
    if (b.incidentStart) return 1;
    return a.file.localeCompare(b.file);
  });

  const bySurface = Object.fromEntries(ALL.map((s) => [s, 0])) as Record<ReportSurface, number>;
  const bySeverity: Record<string, number> = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
  const quarters = new Map<string, { quarter: string; total: number } & Record<ReportSurface, number>>();
  for (const inc of incidents) {
    bySurface[inc.surface]++;
    const sev = inc.severity && SEVERITIES.includes(inc.severity) ? inc.severity : 'unknown';
    bySeverity[sev] = (bySeverity[sev] ?? 0) + 1;
    const q = inc.quarter ?? 'unknown';
    const row = quarters.get(q) ?? ({ quarter: q, total: 0, data: 0, model: 0, serving: 0, unattributed: 0 } as { quarter: string; total: number } & Record<ReportSurface, number>);
    row[inc.surface]++;
    row.total++;
    quarters.set(q, row);
  }
  const byQuarter = [...quarters.values()].sort((a, b) => (a.quarter === 'unknown' ? 1 : b.quarter === 'unknown' ? -1 : a.quarter.localeCompare(b.quarter)));

  const gaps = (f: (i: ReportIncident) => boolean): number[] => incidents.filter((i) => f(i) && i.detectionGapMinutes !== undefined).map((i) => i.detectionGapMinutes!);
  const detectionGapMedian = { overall: median(gaps(() => true)) } as SurfaceReport['detectionGapMedian'];
  for (const s of ALL) detectionGapMedian[s] = median(gaps((i) => i.surface === s));

  // Runs: consecutive dated incidents with the same attributed surface; an unattributed one breaks a run.
  const runs: SurfaceRun[] = [];
  let cur: ReportIncident[] = [];
  const flush = (): void => {
    const s = cur[0]?.surface;
    if (cur.length >= MIN_RUN && s && s !== 'unattributed') {
      const n = cur.length;
      runs.push({
        surface: s,
        length: n,
        files: cur.map((i) => i.file),
        from: cur[0]!.incidentStart!,
        to: cur[n - 1]!.incidentStart!,
        message: `${n} ${s} incidents in a row`,
        meaning: RUN_READINGS[s].meaning,
        readingFrom: RUN_READINGS[s].from,
      });
    }
    cur = [];
  };
  for (const inc of incidents) {
    if (!inc.incidentStart) continue;
    if (cur.length && cur[0]!.surface !== inc.surface) flush();
    cur.push(inc);
  }
  flush();

  return { total: incidents.length, bySurface, bySeverity, byQuarter, detectionGapMedian, runs, incidents, skipped };
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const sep = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(head), sep, ...rows.map(line)].join('\n');
}

const gapText = (m: number | null): string => (m === null ? '–' : formatMinutes(m));

/**
 * Formats the report as Markdown tables (readable in a terminal, pasteable into a wiki).
 *
 * @example
 * console.log(formatSurfaceReportTable(buildSurfaceReport(files)));
 */
export function formatSurfaceReportTable(report: SurfaceReport): string {
  const out: string[] = [];
  const attributed = report.total - report.bySurface.unattributed;
  out.push(`Post-mortems: ${report.total} (${attributed} attributed to a surface)`);
  out.push('');
  const sevs = Object.keys(report.bySeverity);
  out.push(table(
    ['Surface', 'Incidents', ...sevs, 'Median detection gap'],
    [
      ...ALL.map((s) => [s, String(report.bySurface[s]), ...sevs.map((v) => String(report.incidents.filter((i) => i.surface === s && (i.severity && SEVERITIES.includes(i.severity) ? i.severity : 'unknown') === v).length)), gapText(report.detectionGapMedian[s])]),
      ['total', String(report.total), ...sevs.map((v) => String(report.bySeverity[v] ?? 0)), gapText(report.detectionGapMedian.overall)],
    ],
  ));
  if (report.byQuarter.length) {
    out.push('');
    out.push(table(['Quarter', ...ALL, 'total'], report.byQuarter.map((q) => [q.quarter, ...ALL.map((s) => String(q[s])), String(q.total)])));
  }
  out.push('');
  if (report.runs.length) {
    out.push('Runs of the same surface:');
    for (const r of report.runs) out.push(`- ${r.message} (${r.from.slice(0, 10)} → ${r.to.slice(0, 10)}): ${runReading(r)} — ${r.files.join(', ')}`);
  } else out.push(`Runs of the same surface: none of ${MIN_RUN} or more.`);
  if (report.skipped.length) {
    out.push('');
    out.push('Not counted or not attributed:');
    for (const s of report.skipped) out.push(`- ${s.file}: ${s.reason}`);
  }
  return out.join('\n') + '\n';
}

/**
 * What the alert graph needs from a runbook: its name, title and severity (hovers), `signal.alert`
 * and `signal.slo`, and the documented burn-rate tiers of that SLO, with offsets. Plain data, so a
 * host can compute it in another process and send it over.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { parseRunbookFile, parseRunbookFileUncached, type ParsedRunbookFile } from '../runbook/parse';
import { nodeAt, pairAt } from '../runbook/context';
import { isRunbookDocument } from '../runbook/index';
import { promDuration } from './tiers';
import { isRunbookFileName } from '../kind';

/** A tier the runbook documents under `slos[].alerts`. */
export interface DocumentedTier {
  longWindow: string;
  shortWindow: string;
  longSeconds?: number;
  shortSeconds?: number;
  burnRate?: number;
  severity?: string;
  /** Offsets of the tier's mapping. */
  start: number;
  end: number;
}

/** One runbook document as the graph sees it. */
export interface RunbookAlertInfo {
  name: string;
  /** Offsets of `metadata.name`'s value. */
  start: number;
  end: number;
  /** 1-based line and 0-based character of `metadata.name`'s value. */
  line: number;
  character: number;
  title?: string;
  severity?: string;
  summary?: string;
  alert?: { value: string; start: number; end: number };
  slo?: {
    name: string;
    objective?: number;
    period?: string;
    /** The documented tiers, in order. */
    tiers: DocumentedTier[];
    /** Offsets of the `alerts` sequence (or of the SLO's `name` key when there is none) and its column. */
    alertsStart: number;
    alertsEnd: number;
    alertsColumn: number;
    /** 0-based line of `alertsStart`. */
    alertsLine: number;
    hasAlerts: boolean;
  };
}

function str(n: unknown): string | undefined {
  return isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number') ? String(n.value) : undefined;
}

function num(n: unknown): number | undefined {
  if (!isScalar(n)) return undefined;
  const v = typeof n.value === 'number' ? n.value : typeof n.value === 'string' ? Number(n.value) : NaN;
  return Number.isFinite(v) ? v : undefined;
}

/**
 * The runbook documents of a file, as the alert graph needs them. With `cache: false` the parse
 * stays out of the core's caches (a file read from disk once); `parsed` is a parse the caller already
 * has. With `wholeFile` (a `files.runbooks` glob or the editor's language says so) every document is
 * a runbook, as with a `*.runbook.yaml` name. Never throws.
 *
 * @example
 * runbookAlertInfo('a.runbook.yaml', text)[0].alert?.value // 'DriftAlert'
 */
export function runbookAlertInfo(file: string, text: string, options: { cache?: boolean; parsed?: ParsedRunbookFile; wholeFile?: boolean } = {}): RunbookAlertInfo[] {
  const parsed = options.parsed ?? (options.cache === false ? parseRunbookFileUncached(text) : parseRunbookFile(text));
  if (parsed.fatal) return [];
  const byName = options.wholeFile ?? isRunbookFileName(file);
  const out: RunbookAlertInfo[] = [];
  for (const d of parsed.docs) {
    if (d.unusable || !isRunbookDocument(d, byName)) continue;
    const nameNode = nodeAt(d.doc, ['metadata', 'name']);
    const name = str(nameNode);
    if (!name || !nameNode?.range) continue;
    const info: RunbookAlertInfo = {
      name,
      start: nameNode.range[0],
      end: nameNode.range[1],
      line: parsed.lines.positionAt(nameNode.range[0]).line + 1,
      character: parsed.lines.positionAt(nameNode.range[0]).character,
    };
    const title = str(nodeAt(d.doc, ['metadata', 'title']));
    if (title !== undefined) info.title = title;
    const sev = str(nodeAt(d.doc, ['severity', 'default']));
    if (sev !== undefined) info.severity = sev;
    const summary = str(nodeAt(d.doc, ['signal', 'summary']));
    if (summary !== undefined) info.summary = summary;
    const alertNode = nodeAt(d.doc, ['signal', 'alert']);
    const alert = str(alertNode);
    if (alert !== undefined && alertNode?.range) info.alert = { value: alert, start: alertNode.range[0], end: alertNode.range[1] };
    const sloName = str(nodeAt(d.doc, ['signal', 'slo']));
    const slos = nodeAt(d.doc, ['slos']);
    if (sloName !== undefined && isSeq(slos)) {
      const index = slos.items.findIndex((s) => str(isMap(s) ? s.get('name', true) : undefined) === sloName);
      const sloNode = slos.items[index] as Node | undefined;
      if (index >= 0 && isMap(sloNode)) {
        const alerts = nodeAt(d.doc, ['slos', index, 'alerts']);
        const namePair = pairAt(d.doc, ['slos', index, 'name']);
        const anchor = (isSeq(alerts) && alerts.range ? alerts : (namePair?.key as Node | undefined)) ?? sloNode;
        const r = anchor.range ?? [0, 0];
        let alertsEnd = r[1];
        while (alertsEnd > r[0] && /\s/.test(text[alertsEnd - 1] ?? '')) alertsEnd--;
        const tiers: DocumentedTier[] = [];
        if (isSeq(alerts)) {
          for (const t of alerts.items) {
            if (!isMap(t) || !t.range) continue;
            const long = str(t.get('longWindow', true)) ?? '';
            const short = str(t.get('shortWindow', true)) ?? '';
            const tier: DocumentedTier = { longWindow: long, shortWindow: short, start: t.range[0], end: t.range[1] };
            const ls = promDuration(long);
            const ss = promDuration(short);
            if (ls !== undefined) tier.longSeconds = ls;
            if (ss !== undefined) tier.shortSeconds = ss;
            const br = num(t.get('burnRate', true));
            if (br !== undefined) tier.burnRate = br;
            const ts = str(t.get('severity', true));
            if (ts !== undefined) tier.severity = ts;
            tiers.push(tier);
          }
        }
        const slo: NonNullable<RunbookAlertInfo['slo']> = {
          name: sloName,
          tiers,
          alertsStart: r[0],
          alertsEnd,
          alertsColumn: parsed.lines.positionAt(r[0]).character,
          alertsLine: parsed.lines.positionAt(r[0]).line,
          hasAlerts: isSeq(alerts) && !!alerts.range,
        };
        const objective = num(sloNode.get('objective', true));
        if (objective !== undefined) slo.objective = objective;
        const period = str(sloNode.get('period', true));
        if (period !== undefined) slo.period = period;
        info.slo = slo;
      }
    }
    out.push(info);
  }
  return out;
}

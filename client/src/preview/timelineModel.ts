/**
 * The timeline overlay of a post-mortem as a chart model: one lane per event type on a shared time
 * axis, positions as fractions of the axis (0 = first instant, 1 = last), and the detection gap.
 * Pure: no vscode, no DOM — the HTML builder turns it into SVG.
 */
import { parseTimestamp, parseTimelineTime, formatMinutes } from '../../../server/src/core/postmortem/time';

/** The event types of a timeline table (`| Time | Type | Event |`). */
export const TIMELINE_TYPES = ['deploy', 'pipeline', 'alert', 'metric', 'mitigation', 'other'] as const;
export type TimelineType = (typeof TIMELINE_TYPES)[number];

/** Lanes always drawn (the overlay the spec asks for); mitigation and other appear when used. */
const BASE_LANES: readonly TimelineType[] = ['deploy', 'pipeline', 'alert', 'metric'];

const LANE_LABEL: Record<TimelineType, string> = {
  deploy: 'Deploys',
  pipeline: 'Feature pipeline',
  alert: 'Alerts',
  metric: 'Metric',
  mitigation: 'Mitigation',
  other: 'Other',
};

/** One row of the timeline table as written. */
export interface TimelineRowInput {
  time: string;
  type: string;
  event: string;
  /** 0-based line of the row in the document (for reveal), when known. */
  line?: number;
}

/** What the model is computed from: the front-matter instants and the table rows. */
export interface TimelineInput {
  incidentStart?: string;
  detected?: string;
  resolved?: string;
  rows: TimelineRowInput[];
}

export interface TimelineLane {
  type: TimelineType;
  label: string;
  /** 0-based lane index, top to bottom. */
  index: number;
}

export interface TimelineEvent {
  lane: TimelineType;
  /** ISO instant. */
  at: string;
  /** Position on the axis, 0..1. */
  x: number;
  time: string;
  text: string;
  line?: number;
  /** True when the Type cell was not one of the known types (drawn in the "other" lane). */
  unknownType?: boolean;
}

export interface TimelineMarker {
  id: 'incidentStart' | 'detected' | 'resolved';
  label: string;
  at: string;
  x: number;
}

export interface TimelineModel {
  lanes: TimelineLane[];
  events: TimelineEvent[];
  markers: TimelineMarker[];
  /** Axis bounds (ISO). Undefined when nothing could be placed. */
  start?: string;
  end?: string;
  /** Tick marks on the axis. */
  ticks: Array<{ x: number; label: string }>;
  /**
   * The detection gap, shaded on the chart: from `incidentStart` to `detected` (front matter), or to the
   * first `alert` row when `detected` is missing or unparsable.
   */
  gap?: { from: string; to: string; x0: number; x1: number; minutes: number; label: string; until: 'detected' | 'first alert' };
  /** Rows whose time could not be read (listed under the chart, not drawn). */
  unplaced: Array<{ time: string; text: string; line?: number }>;
}

const laneOf = (type: string): { lane: TimelineType; unknown: boolean } => {
  const t = type.trim().toLowerCase();
  return (TIMELINE_TYPES as readonly string[]).includes(t) ? { lane: t as TimelineType, unknown: false } : { lane: 'other', unknown: true };
};

/**
 * Builds the chart model.
 *
 * Clock-only times (`09:14`) are read on the date of `incidentStart` (or of the first full timestamp
 * in the table). The axis spans every placed instant, including the front-matter instants.
 *
 * @example
 * buildTimelineModel({ incidentStart: '2026-11-20T09:14Z', detected: '2026-11-20T11:02Z',
 *   rows: [{ time: '09:14', type: 'pipeline', event: 'run' }, { time: '11:02', type: 'alert', event: 'page' }] })
 * // gap: { minutes: 108, label: '1h48m', x0: 0, x1: 1, … }
 */
export function buildTimelineModel(input: TimelineInput): TimelineModel {
  const startTs = input.incidentStart ? parseTimestamp(input.incidentStart) : undefined;
  let base = startTs;
  if (!base) {
    for (const r of input.rows) {
      const p = parseTimestamp(r.time);
      if (p) {
        base = p;
        break;
      }
    }
  }
  const placed: Array<{ lane: TimelineType; unknown: boolean; date: Date; row: TimelineRowInput }> = [];
  const unplaced: TimelineModel['unplaced'] = [];
  for (const row of input.rows) {
    const date = parseTimelineTime(row.time, base);
    const { lane, unknown } = laneOf(row.type);
    if (!date) unplaced.push({ time: row.time, text: row.event, ...(row.line !== undefined ? { line: row.line } : {}) });
    else placed.push({ lane, unknown, date, row });
  }
  const fm: Array<{ id: TimelineMarker['id']; label: string; date: Date }> = [];
  const add = (id: TimelineMarker['id'], label: string, s: string | undefined): void => {
    const p = s ? parseTimestamp(s) : undefined;
    if (p) fm.push({ id, label, date: p.date });
  };
  add('incidentStart', 'Incident start', input.incidentStart);
  add('detected', 'Detected', input.detected);
  add('resolved', 'Resolved', input.resolved);

  const used = new Set(placed.map((p) => p.lane));
  const laneTypes = [...BASE_LANES, ...(['mitigation', 'other'] as const).filter((t) => used.has(t))];
  const lanes: TimelineLane[] = laneTypes.map((type, index) => ({ type, label: LANE_LABEL[type], index }));

  const instants = [...placed.map((p) => p.date.getTime()), ...fm.map((m) => m.date.getTime())];
  if (!instants.length) return { lanes, events: [], markers: [], ticks: [], unplaced };
  const t0 = Math.min(...instants);
  const t1 = Math.max(...instants);
  const span = t1 - t0;
  const xOf = (t: number): number => (span > 0 ? (t - t0) / span : 0.5);

  const events: TimelineEvent[] = placed
    .map((p) => ({
      lane: p.lane,
      at: p.date.toISOString(),
      x: xOf(p.date.getTime()),
      time: p.row.time,
      text: p.row.event,
      ...(p.row.line !== undefined ? { line: p.row.line } : {}),
      ...(p.unknown ? { unknownType: true } : {}),
    }))
    .sort((a, b) => a.x - b.x);
  const markers: TimelineMarker[] = fm.map((m) => ({ id: m.id, label: m.label, at: m.date.toISOString(), x: xOf(m.date.getTime()) }));

  let gap: TimelineModel['gap'];
  const startMarker = fm.find((m) => m.id === 'incidentStart');
  if (startMarker) {
    const detected = fm.find((m) => m.id === 'detected');
    const firstAlert = placed.filter((p) => p.lane === 'alert').sort((a, b) => a.date.getTime() - b.date.getTime())[0];
    const end = detected ? { date: detected.date, until: 'detected' as const } : firstAlert ? { date: firstAlert.date, until: 'first alert' as const } : undefined;
    if (end && end.date.getTime() >= startMarker.date.getTime()) {
      const minutes = Math.round((end.date.getTime() - startMarker.date.getTime()) / 60000);
      gap = {
        from: startMarker.date.toISOString(),
        to: end.date.toISOString(),
        x0: xOf(startMarker.date.getTime()),
        x1: xOf(end.date.getTime()),
        minutes,
        label: formatMinutes(minutes),
        until: end.until,
      };
    }
  }

  return { lanes, events, markers, start: new Date(t0).toISOString(), end: new Date(t1).toISOString(), ticks: ticks(t0, t1, xOf), gap, unplaced };
}

const STEPS_MIN = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];

/** About five evenly spaced ticks on round clock values (UTC). */
function ticks(t0: number, t1: number, xOf: (t: number) => number): Array<{ x: number; label: string }> {
  const span = t1 - t0;
  if (span <= 0) return [{ x: 0.5, label: clock(new Date(t0), false) }];
  const stepMin = STEPS_MIN.find((s) => span / (s * 60000) <= 6) ?? 10080;
  const step = stepMin * 60000;
  const multiDay = new Date(t0).toISOString().slice(0, 10) !== new Date(t1).toISOString().slice(0, 10);
  const out: Array<{ x: number; label: string }> = [];
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) out.push({ x: xOf(t), label: clock(new Date(t), multiDay) });
  return out;
}

function clock(d: Date, withDate: boolean): string {
  const iso = d.toISOString();
  return withDate ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
}

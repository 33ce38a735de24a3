/**
 * The timeline overlay of a post-mortem as a chart model: one lane per event type on a shared time
 * axis, positions as fractions of the axis (0 = first instant, 1 = last), and the detection gap.
 * Built from the core's parse of the post-mortem (front-matter instants, timeline rows with their
 * parsed times and types), so the chart places every row exactly where the linter (PM009) reads it.
 * Pure: no vscode, no DOM — the HTML builder turns it into SVG.
 */
import type { ParsedPostmortem, TimelineType } from '../../../server/src/core/postmortem/parse';
import { detectionGap } from '../../../server/src/core/postmortem/rules/detectionGap';
import { formatMinutes } from '../../../server/src/core/postmortem/time';

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
   * The detection gap, shaded on the chart: from `incidentStart` to `detected` (front matter; the
   * core's `detectionGap`, the number PM006 checks), or to the first `alert` row when `detected` is
   * missing or unparsable.
   */
  gap?: { from: string; to: string; x0: number; x1: number; minutes: number; label: string; until: 'detected' | 'first alert' };
  /** Rows whose time could not be read (listed under the chart, not drawn). */
  unplaced: Array<{ time: string; text: string; line?: number }>;
}

/**
 * Builds the chart model of a parsed post-mortem.
 *
 * Row times are the core's: clock-only times (`09:14`) are read on the date of `incidentStart` (or
 * of the first full timestamp in the table). The axis spans every placed instant, including the
 * front-matter instants.
 *
 * @example
 * buildTimelineModel(parsePostmortem(text)).gap // { minutes: 108, label: '1h48m', until: 'detected', … }
 */
export function buildTimelineModel(pm: ParsedPostmortem): TimelineModel {
  const placed: Array<{ lane: TimelineType; unknown: boolean; date: Date; time: string; event: string; line: number }> = [];
  const unplaced: TimelineModel['unplaced'] = [];
  for (const row of pm.timeline?.rows ?? []) {
    if (!row.date) unplaced.push({ time: row.time, text: row.event, line: row.line });
    else placed.push({ lane: row.knownType ?? 'other', unknown: !row.knownType, date: row.date, time: row.time, event: row.event, line: row.line });
  }
  const fm: Array<{ id: TimelineMarker['id']; label: string; date: Date }> = [];
  const add = (id: TimelineMarker['id'], label: string): void => {
    const p = pm.meta[id];
    if (p) fm.push({ id, label, date: p.date });
  };
  add('incidentStart', 'Incident start');
  add('detected', 'Detected');
  add('resolved', 'Resolved');

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
      time: p.time,
      text: p.event,
      line: p.line,
      ...(p.unknown ? { unknownType: true } : {}),
    }))
    .sort((a, b) => a.x - b.x);
  const markers: TimelineMarker[] = fm.map((m) => ({ id: m.id, label: m.label, at: m.date.toISOString(), x: xOf(m.date.getTime()) }));

  let gap: TimelineModel['gap'];
  const start = pm.meta.incidentStart?.date;
  if (start) {
    const detected = pm.meta.detected?.date;
    const computed = detectionGap(pm).computedMinutes;
    const firstAlert = placed.filter((p) => p.lane === 'alert').sort((a, b) => a.date.getTime() - b.date.getTime())[0];
    const end =
      detected && computed !== undefined
        ? { date: detected, minutes: computed, until: 'detected' as const }
        : firstAlert
          ? { date: firstAlert.date, minutes: Math.round((firstAlert.date.getTime() - start.getTime()) / 60000), until: 'first alert' as const }
          : undefined;
    if (end && end.date.getTime() >= start.getTime()) {
      gap = {
        from: start.toISOString(),
        to: end.date.toISOString(),
        x0: xOf(start.getTime()),
        x1: xOf(end.date.getTime()),
        minutes: end.minutes,
        label: formatMinutes(end.minutes),
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

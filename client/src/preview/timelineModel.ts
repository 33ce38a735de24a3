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
  /** Set when the event lies outside the focused axis: drawn at that edge, beyond the axis break. */
  outside?: 'before' | 'after';
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
  /** Rows whose time could not be read (listed under the chart, not drawn; at most {@link MAX_UNPLACED}). */
  unplaced: Array<{ time: string; text: string; line?: number }>;
  /**
   * Set when the axis is focused on the incident window because some events lie far outside it (an
   * old deploy days before): how many events sit beyond each edge (drawn at the edge, past an axis
   * break) and the earliest / latest of them.
   */
  outside?: { before: number; after: number; earliest?: string; latest?: string };
  /** Rows not drawn because the table is larger than {@link MAX_EVENTS} (readable rows) or {@link MAX_UNPLACED} (unreadable ones). */
  omitted?: { events: number; unplaced: number };
}

/** The most events the chart draws (a larger table is drawn in part, and says how many rows were left out). */
export const MAX_EVENTS = 400;
/** The most unreadable rows listed under the chart. */
export const MAX_UNPLACED = 50;
/**
 * The axis is focused on the incident window when events outside it would stretch the axis to more
 * than this many times the window's length (everything else would be squeezed into a few pixels).
 */
export const FOCUS_RATIO = 3;

/**
 * Builds the chart model of a parsed post-mortem.
 *
 * Row times are the core's: clock-only times (`09:14`) are read on the date of `incidentStart` (or
 * of the first full timestamp in the table). The axis spans every placed instant, including the
 * front-matter instants — unless events far outside the incident window (an old deploy days before)
 * would squeeze the incident into a few pixels: then the axis is the incident window and those events
 * are drawn at its edges, past an axis break ({@link TimelineModel.outside}). A very large table is
 * drawn in part ({@link MAX_EVENTS}); {@link TimelineModel.omitted} says how many rows were left out.
 *
 * @example
 * buildTimelineModel(parsePostmortem(text)).gap // { minutes: 108, label: '1h48m', until: 'detected', … }
 */
export function buildTimelineModel(pm: ParsedPostmortem): TimelineModel {
  // Bounded work: at most MAX_EVENTS placed rows and MAX_UNPLACED unreadable ones are kept, in table
  // order; the rest are counted. Every loop is linear and nothing spreads a large array into a call.
  const placed: Array<{ lane: TimelineType; unknown: boolean; date: Date; time: string; event: string; line: number }> = [];
  const unplaced: TimelineModel['unplaced'] = [];
  let omittedEvents = 0;
  let omittedUnplaced = 0;
  for (const row of pm.timeline?.rows ?? []) {
    if (!row.date) {
      if (unplaced.length < MAX_UNPLACED) unplaced.push({ time: row.time, text: row.event, line: row.line });
      else omittedUnplaced++;
    } else if (placed.length < MAX_EVENTS) placed.push({ lane: row.knownType ?? 'other', unknown: !row.knownType, date: row.date, time: row.time, event: row.event, line: row.line });
    else omittedEvents++;
  }
  const omitted = omittedEvents || omittedUnplaced ? { omitted: { events: omittedEvents, unplaced: omittedUnplaced } } : {};
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

  if (!placed.length && !fm.length) return { lanes, events: [], markers: [], ticks: [], unplaced, ...omitted };
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of placed) {
    const t = p.date.getTime();
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  for (const m of fm) {
    const t = m.date.getTime();
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  // The incident window: the front-matter instants (incidentStart → resolved), or failing two of
  // them, every instant. When events outside it would stretch the axis past FOCUS_RATIO × its length,
  // the axis shows the window (with a margin) and the outside events sit at its edges.
  let t0 = lo;
  let t1 = hi;
  let outside: TimelineModel['outside'];
  if (fm.length >= 2) {
    let w0 = Infinity;
    let w1 = -Infinity;
    for (const m of fm) {
      const t = m.date.getTime();
      if (t < w0) w0 = t;
      if (t > w1) w1 = t;
    }
    const win = Math.max(w1 - w0, 10 * 60000);
    if (hi - lo > FOCUS_RATIO * win) {
      const margin = Math.max(win * 0.15, 5 * 60000);
      // Events just outside the window but within the margin stay on the axis; it ends at the last of them.
      let f0 = w0;
      let f1 = w1;
      for (const p of placed) {
        const t = p.date.getTime();
        if (t < f0 && t >= w0 - margin) f0 = t;
        if (t > f1 && t <= w1 + margin) f1 = t;
      }
      t0 = f0;
      t1 = f1;
      let before = 0;
      let after = 0;
      let earliest: number | undefined;
      let latest: number | undefined;
      for (const p of placed) {
        const t = p.date.getTime();
        if (t < t0) {
          before++;
          if (earliest === undefined || t < earliest) earliest = t;
        } else if (t > t1) {
          after++;
          if (latest === undefined || t > latest) latest = t;
        }
      }
      outside = {
        before,
        after,
        ...(earliest !== undefined ? { earliest: new Date(earliest).toISOString() } : {}),
        ...(latest !== undefined ? { latest: new Date(latest).toISOString() } : {}),
      };
    }
  }
  const span = t1 - t0;
  const xOf = (t: number): number => (t < t0 ? 0 : t > t1 ? 1 : span > 0 ? (t - t0) / span : 0.5);

  const events: TimelineEvent[] = placed
    .map((p) => {
      const t = p.date.getTime();
      return {
        lane: p.lane,
        at: p.date.toISOString(),
        x: xOf(t),
        time: p.time,
        text: p.event,
        line: p.line,
        ...(p.unknown ? { unknownType: true } : {}),
        ...(outside && t < t0 ? { outside: 'before' as const } : outside && t > t1 ? { outside: 'after' as const } : {}),
      };
    })
    .sort((a, b) => a.x - b.x);
  const markers: TimelineMarker[] = fm.map((m) => ({ id: m.id, label: m.label, at: m.date.toISOString(), x: xOf(m.date.getTime()) }));

  let gap: TimelineModel['gap'];
  const start = pm.meta.incidentStart?.date;
  if (start) {
    const detected = pm.meta.detected?.date;
    const computed = detectionGap(pm).computedMinutes;
    let firstAlert: (typeof placed)[number] | undefined;
    for (const p of placed) if (p.lane === 'alert' && (!firstAlert || p.date.getTime() < firstAlert.date.getTime())) firstAlert = p;
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

  return {
    lanes,
    events,
    markers,
    start: new Date(t0).toISOString(),
    end: new Date(t1).toISOString(),
    ticks: ticks(t0, t1, xOf),
    gap,
    unplaced,
    ...(outside ? { outside } : {}),
    ...omitted,
  };
}

const STEPS_MIN = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];

/** About five evenly spaced ticks on round clock values (UTC). */
function ticks(t0: number, t1: number, xOf: (t: number) => number): Array<{ x: number; label: string }> {
  const span = t1 - t0;
  if (span <= 0) return [{ x: 0.5, label: clock(new Date(t0), false) }];
  // Past a week per tick, about six ticks on whole minutes: never more than a handful, whatever the span.
  const stepMin = STEPS_MIN.find((s) => span / (s * 60000) <= 6) ?? Math.ceil(span / 6 / 60000);
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

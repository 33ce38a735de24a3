/**
 * Durations and date formatting as post-mortem authors write them. Dates and timestamps are read by
 * the core's one date reader (`../time`), re-exported here for the post-mortem module.
 */
export { parseTimestamp, parseTimelineTime, type ParsedTime } from '../time';

/**
 * Formats a duration in minutes the compact way post-mortems state detection gaps: `45m`, `1h48m`,
 * `2h`, `1d3h12m`. Negative values get a leading minus.
 */
export function formatMinutes(minutes: number): string {
  const neg = minutes < 0;
  let m = Math.round(Math.abs(minutes));
  const d = Math.floor(m / 1440);
  m -= d * 1440;
  const h = Math.floor(m / 60);
  m -= h * 60;
  let out = '';
  if (d) out += `${d}d`;
  if (h) out += `${h}h`;
  if (m || !out) out += `${m}m`;
  return (neg ? '-' : '') + out;
}

/** A duration found in prose, with its offsets inside the searched string. */
export interface DurationMatch {
  minutes: number;
  index: number;
  length: number;
  /** `minutes` when written only in minutes ("108 minutes"), else `compact`. */
  style: 'minutes' | 'compact';
}

const UNIT: Record<string, number> = { d: 1440, day: 1440, days: 1440, h: 60, hr: 60, hrs: 60, hour: 60, hours: 60, m: 1, min: 1, mins: 1, minute: 1, minutes: 1 };
const PART = String.raw`(\d+(?:\.\d+)?)\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m)(?![a-z])`;
const DURATION = new RegExp(String.raw`(?<![\w.])${PART}(?:\s*(?:and\s+|,\s*)?${PART})?(?:\s*(?:and\s+|,\s*)?${PART})?`, 'gi');

/**
 * Finds the first duration in a string: `1h48m`, `1 h 48 min`, `108 minutes`, `1.8 hours`,
 * `2 hours and 5 minutes`, `1d2h`.
 *
 * @example
 * findDuration('Detection gap: 1h48m (paged late)') // { minutes: 108, index: 15, length: 5, style: 'compact' }
 */
export function findDuration(s: string): DurationMatch | undefined {
  DURATION.lastIndex = 0;
  const m = DURATION.exec(s);
  if (!m) return undefined;
  let minutes = 0;
  let onlyMinutes = true;
  for (let i = 1; i < m.length; i += 2) {
    if (m[i] === undefined) continue;
    const unit = UNIT[m[i + 1]!.toLowerCase()]!;
    if (unit !== 1) onlyMinutes = false;
    minutes += Number(m[i]) * unit;
  }
  let length = m[0].length;
  while (length > 0 && /\s/.test(m[0][length - 1]!)) length--;
  return { minutes, index: m.index, length, style: onlyMinutes && !/^\d+m$/i.test(m[0].trim()) ? 'minutes' : 'compact' };
}

/** Writes `minutes` in the style of a stated duration, for quick fixes. */
export function formatInStyle(minutes: number, style: DurationMatch['style']): string {
  const m = Math.round(minutes);
  return style === 'minutes' ? `${m} minute${m === 1 ? '' : 's'}` : formatMinutes(m);
}

/** `2026-11-20 09:14 UTC` — a timestamp for hover text. */
export function formatUtc(d: Date): string {
  const iso = d.toISOString();
  const secs = iso.slice(17, 19) !== '00' ? iso.slice(16, 19) : '';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${secs} UTC`;
}

/** `2026-11-20T09:14Z` — the compact form used in front matter. */
export function formatCompact(d: Date): string {
  return `${d.toISOString().slice(0, 16)}Z`;
}

/** Calendar quarter of a date in UTC, e.g. `2026-Q4`. */
export function quarterOf(d: Date): string {
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

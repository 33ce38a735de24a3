/**
 * Timestamps and durations as post-mortem authors write them. The `yaml` package keeps
 * `2026-11-20T09:14Z` as a string (YAML 1.2 core schema), so the post-mortem module parses them itself.
 *
 * Accepted timestamps: `2026-11-20T09:14Z`, `2026-11-20T09:14:05Z`, `2026-11-20T09:14:05.120Z`,
 * `2026-11-20 09:14`, `2026-11-20T09:14+01:00`, `2026-11-20 09:14 UTC`. Seconds and offset are
 * optional; without an offset a timestamp is read as UTC.
 */

/** A timestamp as parsed from the text. */
export interface ParsedTime {
  date: Date;
  /** Offset from UTC in minutes written in the text (0 when absent or `Z`). */
  offsetMinutes: number;
  /** Whether the text carried an explicit offset (`Z`, `UTC`, `+01:00`). */
  hasOffset: boolean;
}

const TS = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;

function offsetOf(z: string | undefined): number | undefined {
  if (!z) return undefined;
  if (/^(z|utc|gmt)$/i.test(z)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z);
  if (!m) return undefined;
  const h = Number(m[2]);
  const mi = Number(m[3]);
  if (h > 23 || mi > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (h * 60 + mi);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1–12) of a year, as `Date.UTC` counts them (years 0–99 are read as 1900–1999). */
function daysIn(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1]!;
  const y = year >= 0 && year <= 99 ? year + 1900 : year;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

/**
 * Parses a timestamp (or a date alone, read as midnight). Returns undefined when the text is not a
 * timestamp or names an impossible date or time (month 13, 25:00).
 *
 * @example
 * parseTimestamp('2026-11-20T09:14Z')?.date.toISOString() // '2026-11-20T09:14:00.000Z'
 */
export function parseTimestamp(s: string): ParsedTime | undefined {
  const m = TS.exec(s.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [h, mi, se] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || se > 59) return undefined;
  const off = offsetOf(m[8]);
  if (m[8] && off === undefined) return undefined;
  const utc = Date.UTC(y, mo - 1, d, h, mi, se, ms) - (off ?? 0) * 60000;
  return { date: new Date(utc), offsetMinutes: off ?? 0, hasOffset: off !== undefined };
}

/**
 * Parses a timeline time: a full timestamp, or a clock time `HH:MM` read on the date of `base`
 * (in base's offset).
 */
export function parseTimelineTime(s: string, base: ParsedTime | undefined): Date | undefined {
  const t = s.trim();
  const full = parseTimestamp(t);
  if (full) return full.date;
  const m = CLOCK.exec(t);
  if (!m || !base) return undefined;
  const [h, mi, se] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || mi > 59 || se > 59) return undefined;
  const off = m[4] ? offsetOf(m[4]) : base.offsetMinutes;
  if (off === undefined) return undefined;
  // The calendar date of `base` as written (in its own offset).
  const local = new Date(base.date.getTime() + base.offsetMinutes * 60000);
  const utc = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), h, mi, se) - off * 60000;
  return new Date(utc);
}

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

/**
 * The one reader of calendar dates and timestamps in the core. Runbooks (`metadata.lastReviewed`,
 * RB007) and post-mortems (front matter, timeline, model/data state) read dates through it, so
 * "a real date" means the same everywhere: a month 1–12, a day that month has (2024-02-29 yes,
 * 2023-02-29 and 2026-02-30 no), a time up to 23:59:59, an offset up to ±23:59, and a year of four
 * digits from 0100 (`Date.UTC` reads years 0–99 as 1900–1999, so those are refused rather than
 * silently moved by nineteen centuries).
 *
 * The `yaml` package keeps `2026-11-20T09:14Z` as a string (YAML 1.2 core schema), so the core parses
 * timestamps itself. Accepted timestamps: `2026-11-20T09:14Z`, `2026-11-20T09:14:05Z`,
 * `2026-11-20T09:14:05.120Z`, `2026-11-20 09:14`, `2026-11-20T09:14+01:00`, `2026-11-20T04:14-0500`,
 * `2026-11-20 09:14 UTC` (or `GMT`), and a date alone (midnight). Seconds and offset are optional;
 * without an offset a timestamp is read as UTC. Surrounding whitespace is ignored.
 */

/** A timestamp as parsed from the text. */
export interface ParsedTime {
  date: Date;
  /** Offset from UTC in minutes written in the text (0 when absent or `Z`). */
  offsetMinutes: number;
  /** Whether the text carried an explicit offset (`Z`, `UTC`, `+01:00`). */
  hasOffset: boolean;
}

/** The shape of a calendar date, `YYYY-MM-DD` (whether it is a real date is {@link parseDate}'s question). */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TS = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;

/** Minutes east of UTC of a written offset (`Z`, `UTC`, `GMT`, `+01:00`, `-0500`), or undefined when absent or impossible. */
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

/** Days in a month (1–12) of a year of the Gregorian calendar. */
function daysIn(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1]!;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** Milliseconds since the epoch of a wall-clock time in UTC, or undefined when it names no real instant. */
function utcOf(y: number, mo: number, d: number, h = 0, mi = 0, se = 0, ms = 0): number | undefined {
  if (y < 100 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || se > 59) return undefined;
  return Date.UTC(y, mo - 1, d, h, mi, se, ms);
}

/**
 * A calendar date written `YYYY-MM-DD`, as midnight UTC; undefined when the text has another shape
 * or names a day the calendar does not have.
 *
 * @example
 * parseDate('2024-02-29')?.toISOString() // '2024-02-29T00:00:00.000Z'
 * parseDate('2023-02-29') // undefined
 */
export function parseDate(s: string): Date | undefined {
  const m = DATE.exec(s.trim());
  if (!m) return undefined;
  const t = utcOf(Number(m[1]), Number(m[2]), Number(m[3]));
  return t === undefined ? undefined : new Date(t);
}

/**
 * Parses a timestamp (or a date alone, read as midnight). Returns undefined when the text is not a
 * timestamp or names an impossible date, time or offset (month 13, 25:00, +25:00).
 *
 * @example
 * parseTimestamp('2026-11-20T09:14Z')?.date.toISOString() // '2026-11-20T09:14:00.000Z'
 */
export function parseTimestamp(s: string): ParsedTime | undefined {
  const m = TS.exec(s.trim());
  if (!m) return undefined;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const t = utcOf(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms);
  if (t === undefined) return undefined;
  const off = offsetOf(m[8]);
  if (m[8] && off === undefined) return undefined;
  return { date: new Date(t - (off ?? 0) * 60000), offsetMinutes: off ?? 0, hasOffset: off !== undefined };
}

/**
 * A timestamp as it stands in prose (a post-mortem's "Last deploy: 2026-11-20T08:02Z (v42)"): the
 * shapes {@link parseTimestamp} reads, ending at a word boundary. Found by shape; whether it is real is
 * {@link parseTimestamp}'s question.
 */
const IN_TEXT = /\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})(?!\w))?/gi;
/** The same pattern anchored where the search starts (sticky). */
const AT_START = new RegExp(IN_TEXT.source, 'iy');

/** A timestamp found in a text: what was written, where, and what it reads as (undefined: not a real date or time). */
export interface FoundTimestamp {
  text: string;
  index: number;
  end: number;
  parsed: ParsedTime | undefined;
}

/** The timestamp a text starts with (after nothing: no leading space), or undefined when it starts with none. */
export function leadingTimestamp(s: string): FoundTimestamp | undefined {
  AT_START.lastIndex = 0;
  const m = AT_START.exec(s);
  return m ? { text: m[0], index: 0, end: m[0].length, parsed: parseTimestamp(m[0]) } : undefined;
}

/** Every timestamp in a text, in order (each parsed; one that names no real date has `parsed` undefined). */
export function timestampsIn(s: string): FoundTimestamp[] {
  const out: FoundTimestamp[] = [];
  IN_TEXT.lastIndex = 0;
  for (let m = IN_TEXT.exec(s); m; m = IN_TEXT.exec(s)) out.push({ text: m[0], index: m.index, end: m.index + m[0].length, parsed: parseTimestamp(m[0]) });
  return out;
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

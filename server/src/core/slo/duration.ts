/**
 * Durations as runbooks write them: a whole number and a unit, `m` (minutes), `h` (hours), `d` (days)
 * or `w` (weeks) — `5m`, `1h`, `30d`, `4w`. Compound forms in descending units (`1h30m`, `4d12h`) are
 * accepted too, so everything {@link formatDuration} prints parses back.
 */

const UNIT_SECONDS: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60 };
const UNIT_ORDER = 'wdhm';
const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

/**
 * Parses a duration into seconds. Returns undefined for anything that is not `N<unit>` (or a compound
 * of such parts with units in descending order, each at most once). `0m` parses to 0; callers that
 * need a positive duration check it.
 *
 * @example
 * parseDuration('30d')   // 2592000
 * parseDuration('1h30m') // 5400
 * parseDuration('90s')   // undefined (seconds are not a runbook unit)
 */
export function parseDuration(s: string): number | undefined {
  if (typeof s !== 'string') return undefined;
  const t = s.trim();
  if (!t || t.length > 64) return undefined;
  const re = /(\d+)([wdhm])/gy;
  let total = 0;
  let lastUnit = -1;
  let pos = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const unitIndex = UNIT_ORDER.indexOf(m[2]!);
    if (unitIndex <= lastUnit) return undefined;
    lastUnit = unitIndex;
    total += Number(m[1]) * UNIT_SECONDS[m[2]!]!;
    pos = re.lastIndex;
  }
  if (pos !== t.length || lastUnit < 0 || !Number.isSafeInteger(total)) return undefined;
  return total;
}

/**
 * Formats a number of seconds for people, with one rule everywhere (tables, hovers, JSON):
 * - below 72 hours: hours, plus minutes when not whole (`50h`, `1h30m`); below one hour, minutes
 *   (`5m`); rounded to the minute; below one minute, seconds (`26s`, display only);
 * - from 72 hours: days plus the remaining hours (`5d`, `30d`, `4d12h`), rounded to the hour.
 * Weeks are never printed (`7d`, not `1w`). Infinity prints `∞`; zero or less prints `0m`.
 *
 * @example
 * formatDuration(180000)  // '50h'  (30d at 14.4×)
 * formatDuration(432000)  // '5d'
 * formatDuration(5400)    // '1h30m'
 * formatDuration(388800)  // '4d12h'
 */
export function formatDuration(seconds: number): string {
  if (Number.isNaN(seconds)) return '';
  if (seconds === Infinity) return '∞';
  if (seconds <= 0) return '0m';
  if (seconds < 30) return `${Math.max(1, Math.round(seconds))}s`;
  const minutes = Math.round(seconds / MINUTE);
  if (minutes < 72 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    if (h === 0) return `${m}m`;
    return m === 0 ? `${h}h` : `${h}h${m}m`;
  }
  const hours = Math.round(seconds / HOUR);
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return h === 0 ? `${d}d` : `${d}d${h}h`;
}

/**
 * Formats a duration as a single-unit window that every runbook field accepts (`5m`, `6h`, `3d`):
 * rounded to the minute, then the largest of days, hours or minutes that divides it exactly.
 * Used by quick fixes and generated blocks, where a compound like `1h30m` would be unusual.
 *
 * @example
 * formatWindow(300)   // '5m'
 * formatWindow(5400)  // '90m'
 * formatWindow(21600) // '6h'
 */
export function formatWindow(seconds: number): string {
  const minutes = Math.max(1, Math.round(seconds / MINUTE));
  const s = minutes * MINUTE;
  if (s % DAY === 0) return `${s / DAY}d`;
  if (s % HOUR === 0) return `${s / HOUR}h`;
  return `${minutes}m`;
}

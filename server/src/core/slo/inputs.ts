/**
 * Validation of what people type into the burn-rate calculator and the CLI flags. Each function
 * returns either a value or one clear message that says what to enter instead.
 */
import { parseDuration } from './duration';

/** A parsed input: `value` when valid, `error` (a message for people) otherwise. */
export interface InputResult<T> {
  value?: T;
  error?: string;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * An SLO objective in percent: `99.9` or `99.9%` → 99.9. Rejects 0, 100 and above (no error budget),
 * non-numbers, and fractions such as `0.999` (written as a percent, that would be 0.999 %).
 *
 * @example
 * parseObjectiveInput('99.9 %') // { value: 99.9 }
 * parseObjectiveInput('100')    // { error: 'An objective of 100 % leaves no error budget; …' }
 */
export function parseObjectiveInput(s: string): InputResult<number> {
  const raw = String(s ?? '').trim();
  const t = raw.endsWith('%') ? raw.slice(0, -1).trimEnd() : raw;
  if (!t) return { error: 'Enter the objective as a percent, e.g. 99.9' };
  if (!NUMBER.test(t)) return { error: `"${String(s).trim()}" is not a number; enter the objective as a percent, e.g. 99.9` };
  const v = Number(t);
  if (v >= 100) return { error: `An objective of ${v} % leaves no error budget; enter a value below 100, e.g. 99.9` };
  if (v <= 0) return { error: `An objective must be above 0 %; enter a value such as 99.9` };
  if (v < 1) return { error: `${v} would be an objective of ${v} %; write it as a percent, e.g. ${Number((v * 100).toPrecision(12))} for ${v}` };
  return { value: v };
}

/**
 * An SLO period: a duration such as `30d`, `28d` or `4w` → the trimmed string, with its seconds.
 *
 * @example
 * parsePeriodInput('30d') // { value: '30d', seconds: 2592000 }
 * parsePeriodInput('0d')  // { error: 'The period must be longer than zero, e.g. 30d' }
 */
export function parsePeriodInput(s: string): InputResult<string> & { seconds?: number } {
  const t = String(s ?? '').trim();
  if (!t) return { error: 'Enter the period as a duration, e.g. 30d or 4w' };
  const sec = parseDuration(t);
  if (sec === undefined) return { error: `"${t}" is not a duration; use a number and a unit m, h, d or w, e.g. 30d or 4w` };
  if (sec === 0) return { error: 'The period must be longer than zero, e.g. 30d' };
  return { value: t, seconds: sec };
}

/**
 * An observed error rate, as a percent (`0.5%`) or a fraction (`0.005`) → the fraction 0.005.
 * A bare number above 1 is rejected as ambiguous (write `5%` for five percent).
 *
 * @example
 * parseErrorRateInput('0.5%')  // { value: 0.005 }
 * parseErrorRateInput('0.005') // { value: 0.005 }
 * parseErrorRateInput('5')     // { error: '5 is not a fraction; write 5% for a percent or 0.05 for a fraction' }
 */
export function parseErrorRateInput(s: string): InputResult<number> {
  const raw = String(s ?? '').trim();
  if (!raw) return { error: 'Enter the observed error rate, e.g. 0.5% or 0.005' };
  const percent = /%$/.test(raw);
  const t = percent ? raw.slice(0, -1).trimEnd() : raw;
  if (!NUMBER.test(t)) return { error: `"${raw}" is not a number; enter the error rate as a percent (0.5%) or a fraction (0.005)` };
  const v = Number(t);
  if (v < 0) return { error: 'An error rate cannot be negative; enter e.g. 0.5% or 0.005' };
  if (percent) {
    if (v > 100) return { error: `An error rate cannot exceed 100 %, got ${v} %` };
    return { value: Number((v / 100).toPrecision(12)) };
  }
  if (v > 1) return { error: `${v} is not a fraction; write ${v}% for a percent or ${Number((v / 100).toPrecision(12))} for a fraction` };
  return { value: v };
}

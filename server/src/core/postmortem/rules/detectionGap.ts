import type { PostmortemRule } from '../context';
import type { ParsedPostmortem } from '../parse';
import { sectionsOf } from '../parse';
import { findDuration, formatInStyle, formatMinutes, type DurationMatch } from '../time';
import { eolOf, headingRange } from '../util';

/** The stated and computed detection gap of a post-mortem. */
export interface DetectionGap {
  /** `detected − incidentStart` in minutes, when both parse. */
  computedMinutes: number | undefined;
  /** The gap the Detection gap section states, with its offsets in the file. */
  stated: (DurationMatch & { start: number; end: number; line: number }) | undefined;
}

const LABELLED = /\b(detection gap|gap|time to detect(?:ion)?|ttd|detected after)\b[^\n:=]{0,20}[:=—–-]/i;

/**
 * Reads the detection gap: the computed one from the front matter and the stated one from the
 * Detection gap section — a labelled line (`Detection gap: 1h48m`) wins, else the first duration in
 * the section's prose (code and quotes ignored).
 */
export function detectionGap(pm: ParsedPostmortem): DetectionGap {
  const a = pm.meta.incidentStart?.date;
  const b = pm.meta.detected?.date;
  const computedMinutes = a && b ? Math.round((b.getTime() - a.getTime()) / 60000) : undefined;
  let stated: DetectionGap['stated'];
  let firstAny: DetectionGap['stated'];
  for (const s of sectionsOf(pm, 'detection-gap')) {
    for (let l = s.contentLine; l < s.endLine && !stated; l++) {
      if (pm.codeLines.has(l) || pm.quoteLines.has(l)) continue;
      const ls = pm.lines.lineStart(l);
      const line = pm.text.slice(ls, pm.lines.offsetAt({ line: l, character: Number.MAX_SAFE_INTEGER }));
      const masked = line.replace(/`[^`]*`/g, (m) => ' '.repeat(m.length)).replace(/<!--.*?-->/g, (m) => ' '.repeat(m.length));
      const lab = LABELLED.exec(masked);
      if (lab) {
        const from = lab.index + lab[0].length;
        const d = findDuration(masked.slice(from));
        if (d) {
          stated = { ...d, index: from + d.index, start: ls + from + d.index, end: ls + from + d.index + d.length, line: l };
          break;
        }
      }
      if (!firstAny) {
        const d = findDuration(masked);
        if (d) firstAny = { ...d, start: ls + d.index, end: ls + d.index + d.length, line: l };
      }
    }
    if (stated) break;
  }
  return { computedMinutes, stated: stated ?? firstAny };
}

/**
 * The detection gap when `offset` is on the stated gap's line (for hover), else undefined.
 *
 * @example
 * detectionGapAt(parsePostmortem(text), offset)?.computedMinutes // 108
 */
export function detectionGapAt(pm: ParsedPostmortem, offset: number): DetectionGap | undefined {
  const g = detectionGap(pm);
  if (!g.stated) return undefined;
  const l = pm.lines.positionAt(offset).line;
  return l === g.stated.line ? g : undefined;
}

/**
 * PM006 — the detection gap stated in the Detection gap section differs from `detected −
 * incidentStart` by more than a minute.
 *
 * Rationale: the detection gap is the number the post-mortem exists to shrink; a hand-typed number
 * that disagrees with the front matter makes the surface report's medians wrong. The fix writes the
 * computed value in the style of the stated one; when no gap is stated, the fix adds a
 * `Detection gap:` line. Hovering the gap shows the computed value.
 */
export const detectionGapRule: PostmortemRule = {
  id: 'PM006',
  name: 'detection-gap',
  description: 'The stated detection gap must equal detected − incidentStart (±1 minute).',
  defaultSeverity: 'warning',
  check(ctx, report) {
    const { pm } = ctx;
    const secs = sectionsOf(pm, 'detection-gap');
    if (!secs.length) return;
    const g = detectionGap(pm);
    if (g.computedMinutes === undefined || g.computedMinutes < 0) return;
    const computed = formatMinutes(g.computedMinutes);
    if (!g.stated) {
      const sec = secs[0]!;
      const eol = eolOf(pm.text);
      const at = sec.contentStart;
      const prefix = at === pm.text.length && !pm.text.endsWith('\n') ? eol + eol : eol;
      const rest = pm.text.slice(at);
      const suffix = rest === '' || /^[ \t]*\r?\n/.test(rest) ? '' : eol;
      const newText = `${prefix}Detection gap: ${computed}${eol}${suffix}`;
      report({
        message: `State the detection gap: \`detected − incidentStart\` = ${computed}. Add "Detection gap: ${computed}" and why it took that long.`,
        ...range(headingRange(sec)),
        fixes: [{ title: `Add "Detection gap: ${computed}"`, edits: [{ start: at, end: at, newText }], isPreferred: true }],
      });
      return;
    }
    const diff = g.stated.minutes - g.computedMinutes;
    if (Math.abs(diff) <= 1) return;
    const fixed = formatInStyle(g.computedMinutes, g.stated.style);
    report({
      message: `Stated detection gap ${formatMinutes(g.stated.minutes)} differs from \`detected − incidentStart\` = ${computed}: correct the number or the front-matter timestamps.`,
      start: g.stated.start,
      end: g.stated.end,
      fixes: [{ title: `Write the computed gap (${fixed})`, edits: [{ start: g.stated.start, end: g.stated.end, newText: fixed }], isPreferred: true }],
    });
  },
};

function range(r: [number, number]): { start: number; end: number } {
  return { start: r[0], end: r[1] };
}

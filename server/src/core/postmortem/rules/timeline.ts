import type { PostmortemRule } from '../context';
import { sectionsOf, TIMELINE_TYPES } from '../parse';
import { headingRange } from '../util';

/**
 * PM009 — the timeline.
 *
 * Rationale: the timeline is the overlay the preview draws (deploys, feature-pipeline runs, the metric
 * that paged), so it must be a table `| Time | Type | Event |` whose times parse and run in order.
 * Times may be `2026-11-20T09:14Z`, `2026-11-20 09:14` or `09:14` (read on incidentStart's date).
 * Type is one of deploy, pipeline, alert, metric, mitigation, other. A timeline without an `alert`
 * row does not say when the page fired, which is half of the detection gap.
 */
export const timelineRule: PostmortemRule = {
  id: 'PM009',
  name: 'timeline',
  description: 'Timeline table rows parse, run in order, use known types and include the alert (page/detection).',
  defaultSeverity: 'warning',
  check(ctx, report) {
    const { pm } = ctx;
    const secs = sectionsOf(pm, 'timeline');
    if (!secs.length) return;
    const tl = pm.timeline;
    if (!tl) {
      const [s, e] = headingRange(secs[0]!);
      report({ message: 'Write the timeline as a Markdown table `| Time | Type | Event |` (Type: deploy, pipeline, alert, metric, mitigation, other).', start: s, end: e });
      return;
    }
    const headerEnd = pm.lines.offsetAt({ line: tl.table.line, character: Number.MAX_SAFE_INTEGER });
    if (tl.columns.type === undefined) {
      report({ message: `Add a Type column to the timeline (\`| Time | Type | Event |\`; Type is one of ${TIMELINE_TYPES.join(', ')}) so the preview can draw deploys, pipeline runs and the page.`, start: tl.table.start, end: headerEnd });
    }
    let prev: Date | undefined;
    for (const row of tl.rows) {
      if (!row.date) {
        report({
          message: row.time
            ? `Timeline time "${row.time}" does not parse: write 2026-11-20T09:14Z, 2026-11-20 09:14 or 09:14 (on incidentStart's date).`
            : 'Timeline row without a time: write 2026-11-20T09:14Z, 2026-11-20 09:14 or 09:14.',
          start: row.timeCell.start,
          end: row.timeCell.end,
        });
      } else {
        if (prev && row.date.getTime() < prev.getTime()) {
          report({
            message: `Timeline out of order: ${row.time} is earlier than the row above. Sort the rows${/^\d{1,2}:\d{2}/.test(row.time) ? ', or write the full date if the incident crossed midnight' : ''}.`,
            start: row.timeCell.start,
            end: row.timeCell.end,
          });
        }
        prev = row.date;
      }
      if (tl.columns.type !== undefined && row.typeCell && !row.knownType) {
        report({
          message: row.type ? `Unknown timeline type "${row.type}": use one of ${TIMELINE_TYPES.join(', ')}.` : `Timeline row without a type: use one of ${TIMELINE_TYPES.join(', ')}.`,
          start: row.typeCell.start,
          end: row.typeCell.end,
        });
      }
    }
    if (tl.columns.type !== undefined && !tl.rows.some((r) => r.knownType === 'alert')) {
      const [s, e] = headingRange(secs.find((x) => tl.table.line > x.line && tl.table.line < x.endLine) ?? secs[0]!);
      report({ message: 'The timeline has no `alert` row: add the moment the page fired (or the problem was detected).', start: s, end: e });
    }
  },
};

import type { PostmortemRule } from '../context';
import type { ParsedPostmortem } from '../parse';
import type { TextEdit } from '../../types';
import { GAP_QUESTIONS, SECTIONS, skeletonAtLevel, type SectionId } from '../sections';
import { anchor, eolOf, withEol } from '../util';
import { formatCompact, formatMinutes } from '../time';

/**
 * Where the skeleton of a missing section goes: after the end of the nearest preceding present
 * section (canonical order), else before the nearest following one, else at the end of the file —
 * and before the following one when it is nested deeper than the preceding one (the ML sections under
 * the playbook's umbrella heading). The heading level follows that neighbour.
 */
export function sectionInsertion(pm: ParsedPostmortem, id: SectionId): TextEdit {
  const idx = SECTIONS.findIndex((s) => s.id === id);
  const firstOf = (sid: SectionId) => pm.sections.find((s) => s.id === sid);
  let at = pm.text.length;
  let level = pm.title ? 2 : (pm.sections[0]?.level ?? 2);
  let before = false;
  let prev: ParsedPostmortem['sections'][number] | undefined;
  let next: ParsedPostmortem['sections'][number] | undefined;
  for (let j = idx - 1; j >= 0 && !prev; j--) prev = firstOf(SECTIONS[j]!.id);
  for (let j = idx + 1; j < SECTIONS.length && !next; j++) next = firstOf(SECTIONS[j]!.id);
  // After the preceding section — unless the following one is nested deeper (the ML sections under the
  // playbook's "ML-specific post-mortem additions"): then before it, under the same umbrella.
  if (prev && !(next && next.level > prev.level)) {
    at = prev.end;
    level = prev.level;
  } else if (next) {
    at = next.start;
    level = next.level;
    before = true;
  }
  const text = pm.text;
  const eol = eolOf(text);
  let prefix = '';
  const head = text.slice(0, at);
  if (at > 0 && !head.endsWith('\n')) prefix = eol + eol;
  else if (at > 0 && !/(^|\n)[ \t]*\r?\n$/.test(head)) prefix = eol;
  const skeleton = withEol(fillFromFrontMatter(pm, id, skeletonAtLevel(id, level)), eol);
  const suffix = before || at < text.length ? eol : '';
  return { start: at, end: at, newText: prefix + skeleton + suffix };
}

/**
 * Skeletons that can use the front matter do: the timeline starts with the incident's own start,
 * detection and resolution rows, and "How long between incident start and page?" is answered with the
 * computed gap.
 */
function fillFromFrontMatter(pm: ParsedPostmortem, id: SectionId, skeleton: string): string {
  const { incidentStart, detected, resolved } = pm.meta;
  if (id === 'detection-gap' && incidentStart && detected && detected.date >= incidentStart.date) {
    const q = GAP_QUESTIONS.howLong.text;
    return skeleton.replace(`- ${q}\n`, `- ${q} ${formatMinutes((detected.date.getTime() - incidentStart.date.getTime()) / 60000)}\n`);
  }
  if (id === 'timeline' && incidentStart && detected && resolved) {
    const head = skeleton.slice(0, skeleton.indexOf('|---|---|---|\n') + '|---|---|---|\n'.length);
    return (
      head +
      `| ${formatCompact(incidentStart.date)} | metric | Impact begins |\n` +
      `| ${formatCompact(detected.date)} | alert | Page fires |\n` +
      `| ${formatCompact(resolved.date)} | mitigation | Impact ends |\n`
    );
  }
  return skeleton;
}

/**
 * PM002 — a required section is missing.
 *
 * Rationale: an ML post-mortem that skips the surface attribution, the drift/quality context or the
 * model and data state cannot be counted or learned from; one that skips the action items does not
 * close the loop. Headings are matched case- and punctuation-insensitively at any level below the
 * title, with the aliases common templates use (PagerDuty's "Contributing factors", "Corrective
 * actions", …). One finding per missing section, on the title; the fix inserts the section's skeleton
 * at its canonical position without touching other text.
 */
export const requiredSectionsRule: PostmortemRule = {
  id: 'PM002',
  name: 'required-sections',
  description: 'A required section is missing; the quick fix inserts its skeleton in the right place.',
  defaultSeverity: 'error',
  check(ctx, report) {
    const { pm } = ctx;
    const [start, end] = anchor(pm);
    for (const spec of SECTIONS) {
      if (pm.sections.some((s) => s.id === spec.id)) continue;
      const aliases = spec.aliases.slice(0, 2).map((a) => `"${a}"`);
      report({
        message: `Missing required section "${spec.title}"${aliases.length ? ` (or ${aliases.join(', ')})` : ''} — add it. ${spec.purpose}`,
        start,
        end,
        fixes: [{ title: `Insert the "${spec.title}" section`, edits: [sectionInsertion(pm, spec.id)], isPreferred: true }],
      });
    }
  },
};

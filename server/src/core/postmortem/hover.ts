import { parsePostmortem, type ParsedPostmortem } from './parse';
import { detectionGap } from './rules/detectionGap';
import { formatMinutes, formatUtc } from './time';
import { sectionSpec } from './sections';

function minutes(a: Date, b: Date): number {
  return Math.round((b.getTime() - a.getTime()) / 60000);
}

function gapLines(pm: ParsedPostmortem): string[] {
  const { incidentStart, detected, resolved } = pm.meta;
  const out: string[] = [];
  if (incidentStart && detected) {
    const m = minutes(incidentStart.date, detected.date);
    out.push(`Detection gap (\`detected − incidentStart\`): **${formatMinutes(m)}** (${m} min)`);
  }
  if (detected && resolved) out.push(`Time to resolve after detection (\`resolved − detected\`): ${formatMinutes(minutes(detected.date, resolved.date))}`);
  if (incidentStart && resolved) out.push(`Impact duration (\`resolved − incidentStart\`): ${formatMinutes(minutes(incidentStart.date, resolved.date))}`);
  return out;
}

/**
 * Hover Markdown for a post-mortem position: the front-matter timestamps (with the computed detection
 * gap and durations), the stated detection gap (with the computed one), and required section
 * headings (what the section is for). Undefined elsewhere.
 *
 * @example
 * postmortemHover(text, text.indexOf('1h48m')) // '**Detection gap** …'
 */
export function postmortemHover(text: string, offset: number): string | undefined {
  const pm = parsePostmortem(text);
  const within = (r: [number, number] | undefined): boolean => !!r && offset >= r[0] && offset <= r[1];
  for (const key of ['incidentStart', 'detected', 'resolved'] as const) {
    if (!within(pm.fmRange(key)) && !within(pm.fmRange(key, 'key'))) continue;
    const t = pm.meta[key];
    const head = t ? `**${key}** — ${formatUtc(t.date)}${t.hasOffset ? '' : ' (no offset written: read as UTC)'}` : `**${key}** — does not parse; write a timestamp like \`2026-11-20T09:14Z\``;
    return [head, ...gapLines(pm)].join('\n\n');
  }
  const g = detectionGap(pm);
  const line = pm.lines.positionAt(offset).line;
  const howLong = g.questions.get('howLong');
  if (!g.stated && howLong && line === howLong.line && g.computedMinutes !== undefined) {
    return [`**Detection gap** — computed from the front matter: \`detected − incidentStart\` = **${formatMinutes(g.computedMinutes)}** (${g.computedMinutes} min); not stated yet: answer "How long between incident start and page?" with it.`, ...gapLines(pm).slice(1)].join('\n\n');
  }
  if (g.stated && line === g.stated.line) {
    const stated = formatMinutes(g.stated.minutes);
    if (g.computedMinutes === undefined) {
      return `**Detection gap** — stated ${stated}; cannot compute \`detected − incidentStart\`: the front matter lacks a valid incidentStart or detected.`;
    }
    const diff = g.stated.minutes - g.computedMinutes;
    const verdict = Math.abs(diff) <= 1 ? 'matches the stated gap' : `stated ${stated} is ${formatMinutes(Math.abs(diff))} ${diff > 0 ? 'longer' : 'shorter'}`;
    return [`**Detection gap** — computed from the front matter: \`detected − incidentStart\` = **${formatMinutes(g.computedMinutes)}** (${g.computedMinutes} min); ${verdict}.`, ...gapLines(pm).slice(1)].join('\n\n');
  }
  const sec = pm.sections.find((s) => s.id && offset >= s.start && offset <= s.end && pm.lines.positionAt(offset).line === s.line);
  if (sec?.id) {
    const spec = sectionSpec(sec.id);
    return `**${spec.title}** (required section) — ${spec.purpose}`;
  }
  return undefined;
}

/**
 * The playbook's severity rubric, word for word, in one place: the hover on a runbook's
 * `severity.default` / `severity.escalations[].to` and on a post-mortem's front-matter `severity`
 * read it here, and a unit test checks that the schemas' enum descriptions quote it.
 */
import type { NavPath } from './nav/yamlCursor';

/** A severity level of the rubric. */
export type SeverityLevel = 'SEV1' | 'SEV2' | 'SEV3';

/** One rubric entry: what the incident looks like, and the response it earns. */
export interface RubricEntry {
  level: SeverityLevel;
  /** What the incident looks like (the rubric's first line). */
  impact: string;
  /** What on-call does (the rubric's second line). */
  response: string;
}

/**
 * The rubric as the playbook gives it ("a useful starting default").
 *
 * @example
 * SEVERITY_RUBRIC[2].impact // 'Drift detected, no user-visible impact yet.'
 */
export const SEVERITY_RUBRIC: readonly RubricEntry[] = Object.freeze([
  {
    level: 'SEV1',
    impact: 'Wrong predictions affecting users at scale, or full serving outage.',
    response: 'Page on-call immediately; consider rollback or fallback before root-cause.',
  },
  {
    level: 'SEV2',
    impact: 'Quality degraded on a slice, or latency SLO burning fast.',
    response: 'Page on-call; mitigate within the hour.',
  },
  {
    level: 'SEV3',
    impact: 'Drift detected, no user-visible impact yet.',
    response: 'Ticket; investigate in business hours.',
  },
] as const);

/** `SEV1: <impact> <response>` — one rubric entry on one line (the schemas' enum descriptions). */
export function rubricLine(e: RubricEntry): string {
  return `${e.level}: ${e.impact} ${e.response}`;
}

/**
 * The rubric as Markdown, the entry of `current` (when it is a rubric level) marked.
 *
 * @example
 * severityRubricMarkdown('SEV2') // '**Severity rubric** …\n\n- SEV1: …\n- **SEV2: Quality degraded …** ← this value\n- SEV3: …'
 */
export function severityRubricMarkdown(current?: string): string {
  const lines = SEVERITY_RUBRIC.map((e) =>
    e.level === current ? `- **${e.level}: ${e.impact}**  \n  **${e.response}** ← this value` : `- ${e.level}: ${e.impact}  \n  ${e.response}`,
  );
  return `**Severity rubric** (the playbook's starting default; every SEV1 and SEV2 earns a blameless post-mortem)\n\n${lines.join('\n')}`;
}

/** Whether a YAML path is a severity value: a runbook's `severity.default` or `severity.escalations[n].to`, or a post-mortem's front-matter `severity`. */
export function isSeverityPath(kind: 'runbook' | 'postmortem', path: NavPath): boolean {
  if (kind === 'postmortem') return path.length === 1 && path[0] === 'severity';
  if (path[0] !== 'severity') return false;
  if (path.length === 2) return path[1] === 'default';
  return path.length === 4 && path[1] === 'escalations' && typeof path[2] === 'number' && path[3] === 'to';
}

/**
 * Hover Markdown for a severity key or value, or undefined for any other path. `value` is the text
 * under the cursor when it is on the value.
 *
 * @example
 * severityRubricHover('runbook', ['severity', 'default'], 'SEV3') // the rubric with SEV3 marked
 * severityRubricHover('runbook', ['signal', 'summary'], 'x') // undefined
 */
export function severityRubricHover(kind: 'runbook' | 'postmortem', path: NavPath, value?: string): string | undefined {
  if (!isSeverityPath(kind, path)) return undefined;
  const v = value?.trim().replace(/^(["'])(.*)\1$/, '$2');
  return severityRubricMarkdown(v);
}

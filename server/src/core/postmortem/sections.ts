/**
 * The required sections of an ML post-mortem, in canonical order, with the heading aliases teams
 * already use (PagerDuty, Google SRE, Atlassian templates) and the skeleton Markdown the quick fixes
 * and snippets insert.
 */

/** Canonical id of a required section. */
export type SectionId =
  | 'summary'
  | 'impact'
  | 'timeline'
  | 'root-cause'
  | 'surface-attribution'
  | 'drift-quality-context'
  | 'model-data-state'
  | 'detection-gap'
  | 'action-items';

/** A required section. */
export interface SectionSpec {
  id: SectionId;
  /** The canonical heading text. */
  title: string;
  /** Other headings accepted for this section, as people write them (compared after {@link normalizeHeading}); the first two are shown in messages. */
  aliases: string[];
  /** One line saying what the section is for (hover, docs, completion). */
  purpose: string;
  /** Skeleton Markdown of the section, heading at level 2, ending with a newline. */
  skeleton: string;
}

/** The drift/quality questions of the skeleton (PM004), in order. */
export const DRIFT_QUESTIONS = {
  driftType: 'Drift type',
  sloBreached: 'Quality SLO breached?',
  slices: 'Which slices?',
  referenceWindow: 'Reference window?',
} as const;

/** The model/data-state fields of the skeleton (PM005), in order; `kind` says how the value is checked. */
export const STATE_FIELDS: ReadonlyArray<{ label: string; kind: 'text' | 'timestamp' | 'window' }> = [
  { label: 'Model version', kind: 'text' },
  { label: 'Last model deploy', kind: 'timestamp' },
  { label: 'Feature pipeline run', kind: 'timestamp' },
  { label: 'Training data window', kind: 'window' },
  { label: 'Reference data window', kind: 'window' },
];

/** The required sections in canonical order. */
export const SECTIONS: readonly SectionSpec[] = [
  {
    id: 'summary',
    title: 'Summary',
    aliases: ['Overview', 'Executive summary', 'Incident summary', 'TL;DR', 'TLDR', 'Abstract', 'Synopsis'],
    purpose: 'What happened, in two or three sentences: the symptom, the failure surface, the impact and how it ended.',
    skeleton: '## Summary\n\nWhat happened, in two or three sentences: the symptom, the failure surface, the impact and how it ended.\n',
  },
  {
    id: 'impact',
    title: 'Impact',
    aliases: ['Customer impact', 'User impact', 'Business impact', 'Impact assessment', 'Impact and scope', 'Blast radius'],
    purpose: 'Who and what was affected, for how long, and by how much (requests, money, error budget).',
    skeleton: '## Impact\n\nWho was affected, for how long, and how much: requests or decisions affected, error budget consumed.\n',
  },
  {
    id: 'timeline',
    title: 'Timeline',
    aliases: ['Detailed timeline', 'Incident timeline', 'Timeline of events', 'Chronology', 'Sequence of events'],
    purpose: 'A table `| Time | Type | Event |`; Type is deploy, pipeline, alert, metric, mitigation or other.',
    skeleton:
      '## Timeline\n\n' +
      '| Time | Type | Event |\n' +
      '|---|---|---|\n' +
      '| 09:14 | pipeline | Feature pipeline run starts |\n' +
      '| 11:02 | alert | Page fires |\n' +
      '| 12:30 | mitigation | Mitigation in place, metric back to normal |\n',
  },
  {
    id: 'root-cause',
    title: 'Root cause',
    aliases: [
      'Contributing factors', 'Root cause(s)', 'Root causes', 'Root cause and contributing factors',
      'Root causes and contributing factors', 'Causes', 'Cause', 'Root cause analysis', 'RCA', 'Why it happened',
    ],
    purpose: 'The conditions that made the failure possible — systems and processes, not people.',
    skeleton: '## Root cause\n\nThe conditions that made the failure possible: systems, processes and missing guardrails (not people).\n',
  },
  {
    id: 'surface-attribution',
    title: 'Surface attribution',
    aliases: ['Surface', 'Failure surface', 'Attribution', 'Surface of failure', 'Failure surface attribution'],
    purpose: 'Tick exactly one primary failure surface: data, model or serving.',
    skeleton: '## Surface attribution\n\n- [ ] Data issue\n- [ ] Model issue\n- [ ] Serving issue\n',
  },
  {
    id: 'drift-quality-context',
    title: 'Drift/quality context',
    aliases: ['Drift and quality context', 'Drift context', 'Quality context', 'Drift/quality', 'Drift and quality', 'Drift'],
    purpose: 'Which kind of drift, whether the quality SLO breached, on which slices, against which reference window.',
    skeleton:
      '## Drift/quality context\n\n' +
      '- Drift type: none | data (covariate) | prior (label) | concept | detector (false page)\n' +
      '- Quality SLO breached? Y/N\n' +
      '- Which slices?\n' +
      '- Reference window?\n',
  },
  {
    id: 'model-data-state',
    title: 'Model and data state',
    aliases: ['Model & data state', 'Model state', 'Data state', 'Model/data state', 'Model and data', 'State of model and data', 'Model and data versions'],
    purpose: 'The model version, its last deploy, the feature-pipeline run and the data windows at the time of the incident.',
    skeleton:
      '## Model and data state\n\n' +
      '- Model version:\n' +
      '- Last model deploy:\n' +
      '- Feature pipeline run:\n' +
      '- Training data window:\n' +
      '- Reference data window:\n',
  },
  {
    id: 'detection-gap',
    title: 'Detection gap',
    aliases: ['Time to detect', 'Detection', 'Time to detection', 'Detection delay', 'Detection and response', 'How we found out'],
    purpose: 'How long the impact ran before anyone knew (`detected − incidentStart`), and why.',
    skeleton: '## Detection gap\n\nDetection gap: 0m\n\nWhy the impact ran this long before anyone knew, and which signal would have caught it sooner.\n',
  },
  {
    id: 'action-items',
    title: 'Action items',
    aliases: [
      'Follow-ups', 'Corrective actions', 'Followups', 'Follow-up', 'Follow-up items', 'Follow-up actions',
      'Corrective and preventive actions', 'Corrective and preventative actions', 'CAPA', 'Remediation items',
      'Remediations', 'Next steps', 'Action plan', 'Actions',
    ],
    purpose: 'Owned, dated changes that close the loop: monitoring, runbook, guardrail, promotion gate or severity rubric.',
    skeleton:
      '## Action items\n\n' +
      '- [ ] Add a monitor for the signal that would have paged earlier — @owner, due YYYY-MM-DD\n' +
      '- [ ] Update the runbook with what we learned — @owner, due YYYY-MM-DD\n',
  },
];

/** Headings that commonly sit beside the required sections and are never an error. */
export const KNOWN_EXTRA_HEADINGS = [
  'what happened', 'resolution', 'resolution and recovery', 'recovery', 'what went well', 'what didn t go well',
  'what did not go well', 'what went wrong', 'where we got lucky', 'lessons learned', 'responders', 'messaging',
  'how d we do', 'supporting information', 'appendix', 'glossary', 'references',
];

/**
 * Normalizes a heading for matching: lower case, `(s)` plural markers and punctuation dropped, `&` read
 * as "and", leading numbering (`1.`, `2)`, `IV.`) removed, whitespace collapsed.
 *
 * @example
 * normalizeHeading('3. Root Cause(s)') // 'root cause'
 * normalizeHeading('Drift / Quality context') // 'drift quality context'
 */
export function normalizeHeading(h: string): string {
  return h
    .toLowerCase()
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/\(s\)/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^(?:\d+|[ivx]+)\s+(?=\S)/, '')
    .replace(/\s+/g, ' ');
}

const BY_NAME = new Map<string, SectionId>();
for (const s of SECTIONS) {
  BY_NAME.set(normalizeHeading(s.title), s.id);
  for (const a of s.aliases) BY_NAME.set(normalizeHeading(a), s.id);
}

/** Headings already looked up (the same headings come back on every keystroke); cleared when it grows large. */
const ID_CACHE = new Map<string, SectionId | undefined>();

/** The canonical section a heading names, or undefined. */
export function sectionIdOf(heading: string): SectionId | undefined {
  if (ID_CACHE.has(heading)) return ID_CACHE.get(heading);
  const id = BY_NAME.get(normalizeHeading(heading));
  if (ID_CACHE.size >= 1000) ID_CACHE.clear();
  ID_CACHE.set(heading, id);
  return id;
}

/** The spec of a section id. */
export function sectionSpec(id: SectionId): SectionSpec {
  return SECTIONS.find((s) => s.id === id)!;
}

/** A section skeleton with its heading at `level` (1–6). */
export function skeletonAtLevel(id: SectionId, level: number): string {
  const l = Math.min(6, Math.max(1, level));
  return sectionSpec(id).skeleton.replace(/^## /, `${'#'.repeat(l)} `);
}

/** The full post-mortem skeleton (front matter and every section), as the snippet inserts it. */
export function postmortemSkeleton(title = 'Incident title', now: Date = new Date()): string {
  const ts = `${now.toISOString().slice(0, 16)}Z`;
  return (
    '---\n' +
    'kind: postmortem\n' +
    `title: ${JSON.stringify(title)}\n` +
    'severity: SEV3\n' +
    'status: draft\n' +
    `incidentStart: ${ts}\n` +
    `detected: ${ts}\n` +
    `resolved: ${ts}\n` +
    '---\n\n' +
    `# ${title}\n\n` +
    SECTIONS.map((s) => s.skeleton).join('\n')
  );
}

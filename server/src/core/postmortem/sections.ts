/**
 * The required sections of an ML post-mortem, in canonical order, with the heading aliases teams
 * already use (PagerDuty, Google SRE, Atlassian templates) and the skeleton Markdown the quick fixes
 * and snippets insert.
 */
import { replaceHtmlComments } from '../htmlComments';
import { cacheSlot } from '../caches';

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
  /** The canonical section name (messages, outline, hover). */
  title: string;
  /** The heading the skeleton writes, when the playbook's template words it with a qualifier (else `title`). */
  heading?: string;
  /** Other headings accepted for this section, as people write them (compared after {@link normalizeHeading}); the first two are shown in messages. */
  aliases: string[];
  /** One line saying what the section is for (hover, docs, completion). */
  purpose: string;
  /** Skeleton Markdown of the section in the playbook's wording, heading at level 2, ending with a newline. */
  skeleton: string;
}

/**
 * A question or field of the playbook's template: its canonical wording (what skeletons, snippets and
 * quick fixes write) and the other wordings accepted for it (the product's earlier names), longest
 * first where one is a prefix of another.
 */
export interface TemplateQuestion {
  /** The playbook's wording, verbatim (a field ends with `:`). */
  text: string;
  /** Other wordings that name the same question (compared after {@link normLabelText}). */
  aliases: readonly string[];
}

/** The drift/quality questions of the playbook's template (PM004), in its order. */
export const DRIFT_QUESTIONS = {
  sloBreached: {
    text: 'Was a quality SLO breached? (Y/N, which SLO, for how long)',
    aliases: ['Was a quality SLO breached?', 'Was the quality SLO breached?', 'Quality SLO breached?', 'Quality SLO breached', 'SLO breached'],
  },
  driftKind: {
    text: 'Was this real drift (concept drift) or virtual drift (covariate shift)?',
    aliases: ['Was this real drift or virtual drift?', 'Drift type', 'Type of drift', 'Drift kind'],
  },
  labelLag: {
    text: 'Was label lag a contributing factor?',
    aliases: ['Label lag a contributing factor?', 'Label lag'],
  },
} as const satisfies Record<string, TemplateQuestion>;

/** The model/data-state fields of the playbook's template (PM005), in its order; `kind` says how the value is checked. */
export const STATE_FIELDS: ReadonlyArray<TemplateQuestion & { key: 'modelVersion' | 'lastDeploy' | 'pipelineRun' | 'referenceData'; kind: 'text' | 'timestamp' | 'window' }> = [
  { key: 'modelVersion', text: 'Model version in production at incident start:', aliases: ['Model version in production', 'Model version'], kind: 'text' },
  { key: 'lastDeploy', text: 'Last deploy timestamp:', aliases: ['Last model deploy timestamp', 'Last model deploy', 'Last deploy'], kind: 'timestamp' },
  { key: 'pipelineRun', text: 'Feature pipeline last successful run:', aliases: ['Feature pipeline last run', 'Feature pipeline run', 'Last feature pipeline run'], kind: 'timestamp' },
  {
    key: 'referenceData',
    text: 'Reference dataset / training cut-off date:',
    aliases: ['Reference dataset', 'Training cut-off date', 'Training cut-off', 'Training data window', 'Reference data window', 'Reference window'],
    kind: 'window',
  },
];

/** The detection-gap questions of the playbook's template (PM006), in its order. */
export const GAP_QUESTIONS = {
  howLong: { text: 'How long between incident start and page?', aliases: ['How long between incident start and the page?', 'Detection gap', 'Time to detect', 'Time to detection', 'TTD'] },
  firstSignal: { text: 'Which signal detected it first?', aliases: ['Which signal detected it?', 'First signal', 'Detected by'] },
  earlierSignal: {
    text: 'What signal, if any, could have detected it earlier?',
    aliases: ['What signal could have detected it earlier?', 'Which signal could have detected it earlier?', 'Earlier signal'],
  },
} as const satisfies Record<string, TemplateQuestion>;

/** The action-item options of the playbook's template, verbatim (PM007 reads them as leftovers when untouched). */
export const TEMPLATE_ACTIONS: readonly string[] = [
  'Update drift detector reference window / threshold',
  'Add/improve quality SLI',
  'Tighten model promotion gate',
  'Fix/add runbook step',
  'Reduce tool/data blast radius for LLM incidents',
];

/** The umbrella heading the playbook puts the ML sections under. */
export const ML_ADDITIONS_HEADING = 'ML-specific post-mortem additions';

/** Lower case, letters and digits only, single spaces (how questions and field labels are compared). */
export function normLabelText(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

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
    skeleton: '## Surface attribution\n\n- [ ] Data issue  [ ] Model issue  [ ] Serving issue\n',
  },
  {
    id: 'drift-quality-context',
    title: 'Drift/quality context',
    aliases: ['Drift and quality context', 'Drift context', 'Quality context', 'Drift/quality', 'Drift and quality', 'Drift'],
    purpose: 'Whether a quality SLO was breached, whether this was real drift (concept drift) or virtual drift (covariate shift), and whether label lag contributed.',
    skeleton: '## Drift/quality context\n\n' + Object.values(DRIFT_QUESTIONS).map((q) => `- ${q.text}\n`).join(''),
  },
  {
    id: 'model-data-state',
    title: 'Model and data state',
    heading: 'Model and data state at incident time',
    aliases: ['Model & data state', 'Model state', 'Data state', 'Model/data state', 'Model and data', 'State of model and data', 'Model and data versions'],
    purpose: 'The model version in production at incident start, the last deploy, the last successful feature-pipeline run and the reference dataset / training cut-off date.',
    skeleton: '## Model and data state at incident time\n\n' + STATE_FIELDS.map((f) => `- ${f.text}\n`).join(''),
  },
  {
    id: 'detection-gap',
    title: 'Detection gap',
    aliases: ['Time to detect', 'Detection', 'Time to detection', 'Detection delay', 'Detection and response', 'How we found out'],
    purpose: 'How long between incident start and page (`detected − incidentStart`), which signal detected it first, and what signal could have detected it earlier.',
    skeleton: '## Detection gap\n\n' + Object.values(GAP_QUESTIONS).map((q) => `- ${q.text}\n`).join(''),
  },
  {
    id: 'action-items',
    title: 'Action items',
    heading: 'Action items (surface-specific)',
    aliases: [
      'Follow-ups', 'Corrective actions', 'Followups', 'Follow-up', 'Follow-up items', 'Follow-up actions',
      'Corrective and preventive actions', 'Corrective and preventative actions', 'CAPA', 'Remediation items',
      'Remediations', 'Next steps', 'Action plan', 'Actions',
    ],
    purpose: 'Owned changes (an @owner and a due date or ticket) that close the loop: add or tighten a detection signal, fix the runbook, reduce the blast radius, improve promotion gates, or update the severity rubric.',
    skeleton: '## Action items (surface-specific)\n\n' + TEMPLATE_ACTIONS.map((a) => `- [ ] ${a}\n`).join(''),
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
  return replaceHtmlComments(h.toLowerCase(), () => ' ')
    .replace(/\(s\)/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^(?:\d+|[ivx]+)\s+(?=\S)/, '')
    .replace(/\s+/g, ' ');
}

const BY_NAME = new Map<string, SectionId>();
/** Names a heading may start with, followed by a qualifier ("Model and data state at incident time"). */
const BY_PREFIX = new Map<string, SectionId>();
for (const s of SECTIONS) {
  for (const name of [s.title, ...(s.heading ? [s.heading] : []), ...s.aliases]) {
    const n = normalizeHeading(name);
    BY_NAME.set(n, s.id);
    // A one-word alias ("Drift", "Surface", "Detection") is too loose to take a qualifier; a canonical
    // one-word title ("Summary", "Impact", "Timeline") is not.
    if (n.includes(' ') || name === s.title) BY_PREFIX.set(n, s.id);
  }
}

/** Headings already looked up (the same headings come back on every keystroke); cleared when it grows large. */
const idCache = cacheSlot<SectionId | undefined>('section ids');

/** The longest known name the normalized heading starts with, followed by a qualifier. */
function byPrefix(n: string): SectionId | undefined {
  const words = n.split(' ', 12);
  for (let k = words.length - 1; k >= 1; k--) {
    const id = BY_PREFIX.get(words.slice(0, k).join(' '));
    if (id) return id;
  }
  return undefined;
}

/**
 * The canonical section a heading names, or undefined. Besides the names and aliases themselves, a
 * heading may add a trailing qualifier: a parenthesis ("Timeline (UTC)", "Action items
 * (surface-specific)") or words ("Model and data state at incident time").
 */
export function sectionIdOf(heading: string): SectionId | undefined {
  const ID_CACHE = idCache();
  if (ID_CACHE.has(heading)) return ID_CACHE.get(heading);
  const n = normalizeHeading(heading);
  let id = BY_NAME.get(n);
  if (!id) {
    const open = heading.indexOf('(');
    if (open > 0) id = BY_NAME.get(normalizeHeading(heading.slice(0, open)));
  }
  if (!id) id = byPrefix(n);
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

/** Whether a section belongs to the playbook's "ML-specific post-mortem additions". */
export function isMlSection(id: SectionId): boolean {
  return id === 'surface-attribution' || id === 'drift-quality-context' || id === 'model-data-state' || id === 'detection-gap' || id === 'action-items';
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
    SECTIONS.filter((s) => !isMlSection(s.id)).map((s) => s.skeleton).join('\n') +
    `\n## ${ML_ADDITIONS_HEADING}\n\n` +
    SECTIONS.filter((s) => isMlSection(s.id)).map((s) => skeletonAtLevel(s.id, 3)).join('\n')
  );
}

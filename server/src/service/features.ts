/**
 * Completion, hover, outline and links of one file, offset-based: which core function serves which
 * file kind. Hosts convert offsets to their positions (the language server: server/features.ts).
 */
import type { FileKind } from '../core/index';
import { completeYaml, frontMatterRegion, hoverYaml, type NavCompletion, type NavHover, type SchemaNode } from '../core/schemaNav';
import { burnRateHover } from '../core/nav/burnRateHover';
import { severityRubricHover } from '../core/severityRubric';
import { runbookOutline, type OutlineNode } from '../core/nav/outline';
import { runbookLinks } from '../core/nav/links';
import { runbookSchema } from '../core/runbook/schema';
import { postmortemFrontmatterSchema, postmortemHover, postmortemLinks, postmortemOutline, runbookCandidates } from '../core/postmortem/index';
import configSchemaJson from '../../../schemas/ml-runbooks-config.schema.json';

export type { NavCompletion, NavHover, OutlineNode };

const RUNBOOK_SCHEMA = runbookSchema as unknown as SchemaNode;
const POSTMORTEM_SCHEMA = postmortemFrontmatterSchema as unknown as SchemaNode;
const CONFIG_SCHEMA = configSchemaJson as unknown as SchemaNode;

/** Completion items (offset-based) for a file of a kind. */
export function completionsFor(kind: FileKind, text: string, offset: number): NavCompletion[] {
  if (kind === 'runbook') return completeYaml(RUNBOOK_SCHEMA, text, offset);
  if (kind === 'config') return completeYaml(CONFIG_SCHEMA, text, offset, { start: 0, end: text.length });
  if (kind !== 'postmortem') return [];
  const fm = frontMatterRegion(text);
  if (!fm || offset < fm.start || offset > fm.end) return [];
  return completeYaml(POSTMORTEM_SCHEMA, text, offset, fm);
}

/** Hover (offset-based) for a file of a kind (rule files: the alert graph's hover, in the service). */
export function hoverFor(kind: FileKind, text: string, offset: number): NavHover | undefined {
  if (kind === 'runbook') {
    return hoverYaml(RUNBOOK_SCHEMA, text, offset, undefined, (t, region) =>
      severityRubricHover('runbook', t.path, t.on === 'value' ? text.slice(t.start, t.end) : undefined) ?? burnRateHover(text, region, t.path),
    );
  }
  if (kind === 'config') return hoverYaml(CONFIG_SCHEMA, text, offset, { start: 0, end: text.length });
  if (kind !== 'postmortem') return undefined;
  // Post-mortem: the module's own hover (computed detection gap, section purpose) and, in the front
  // matter, the schema's description of the key.
  const fm = frontMatterRegion(text);
  const schemaHover =
    fm && offset >= fm.start && offset <= fm.end
      ? hoverYaml(POSTMORTEM_SCHEMA, text, offset, fm, (t) => severityRubricHover('postmortem', t.path, t.on === 'value' ? text.slice(t.start, t.end) : undefined))
      : undefined;
  const own = postmortemHover(text, offset);
  if (!own) return schemaHover;
  if (schemaHover) return { ...schemaHover, markdown: `${own}\n\n---\n\n${schemaHover.markdown}` };
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  return { markdown: own, start: lineStart, end: (nl === -1 ? text.length : nl) - (text[nl - 1] === '\r' ? 1 : 0) };
}

/** A post-mortem's outline (front matter, headings nested by level) from the post-mortem module. */
export function postmortemHeadingOutline(text: string): OutlineNode[] {
  type PmNode = ReturnType<typeof postmortemOutline>[number];
  const conv = (n: PmNode): OutlineNode => ({
    name: n.name,
    ...(n.detail ? { detail: n.detail } : {}),
    kind: 'heading',
    start: n.start,
    end: n.end,
    selectionStart: n.selectionStart,
    selectionEnd: n.selectionEnd,
    children: n.children.map(conv),
  });
  return postmortemOutline(text).map(conv);
}

/** The outline of a file. */
export function outlineFor(kind: FileKind, text: string): OutlineNode[] {
  return kind === 'runbook' ? runbookOutline(text) : kind === 'postmortem' ? postmortemHeadingOutline(text) : [];
}

/** A link of a file (offsets): `target` is a URL, or a path (`isPath`) the host turns into its URI. */
export interface FileLink {
  start: number;
  end: number;
  target: string;
  isPath: boolean;
  tooltip?: string;
}

const URL_RE = /^[a-z][a-z0-9+.-]+:\/\//i;

/**
 * Links of a file: a runbook's dashboards and references, a post-mortem's `runbook:` file — resolved
 * as PM011 does: next to the post-mortem, then at the workspace root `root`; the first that `exists`
 * (or the first candidate, when none does: PM011 reports it).
 */
export function linksFor(kind: FileKind, file: string, text: string, root: string, exists: (p: string) => boolean): FileLink[] {
  if (kind === 'runbook') return runbookLinks(text).map((l) => ({ start: l.start, end: l.end, target: l.target, isPath: false, tooltip: l.tooltip }));
  if (kind !== 'postmortem') return [];
  return postmortemLinks(text).map((l) => {
    if (URL_RE.test(l.target)) return { start: l.start, end: l.end, target: l.target, isPath: false, tooltip: 'Open the runbook' };
    const candidates = runbookCandidates(file, l.target, root);
    const found = candidates.find((c) => exists(c)) ?? candidates[0] ?? `${root}/${l.target}`;
    return { start: l.start, end: l.end, target: found, isPath: true, tooltip: 'Open the runbook' };
  });
}

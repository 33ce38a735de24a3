/**
 * Post-mortem linting and the building blocks the server, CLI and preview share: parse, sections,
 * outline, links, hover, timeline and the surface report.
 */
import type { Finding } from '../types';
import type { LintEnv } from '../index';
import type { ResolvedConfig } from '../config';
import { runRules } from '../registry';
import { applySuppressions } from '../suppress';
import { parsePostmortem } from './parse';
import { postmortemRules } from './rules';
import type { PostmortemContext } from './context';
import type { LineIndex } from '../lineIndex';

export { parsePostmortem, sectionsOf, itemsIn, TIMELINE_TYPES } from './parse';
export type { ParsedPostmortem, FrontMatter, Heading, Section, ListItem, Table, Cell, Timeline, TimelineRow, TimelineType, PostmortemMeta } from './parse';
export { SECTIONS, DRIFT_QUESTIONS, STATE_FIELDS, normalizeHeading, sectionIdOf, sectionSpec, skeletonAtLevel, postmortemSkeleton } from './sections';
export type { SectionId, SectionSpec } from './sections';
export { postmortemRules } from './rules';
export type { PostmortemContext, PostmortemRule } from './context';
export { postmortemFrontmatterSchema } from './schema';
export { postmortemHover } from './hover';
export { postmortemOutline, postmortemLinks } from './outline';
export type { OutlineNode, PostmortemLink } from './outline';
export { detectionGap, detectionGapAt } from './rules/detectionGap';
export type { DetectionGap } from './rules/detectionGap';
export { attributedSurfaces, SURFACES } from './rules/surfaceAttribution';
export type { Surface } from './rules/surfaceAttribution';
export { runbookCandidates, joinPath, dirnameOf } from './rules/runbookExists';
export { buildSurfaceReport, formatSurfaceReportTable, runReading, RUN_READINGS } from './report';
export type { SurfaceReport, SurfaceRun, ReportIncident, ReportSurface } from './report';
export { parseTimestamp, parseTimelineTime, formatMinutes } from './time';

/**
 * The timeline rows of a post-mortem (time, type, event, parsed Date, offsets) for the preview's chart.
 *
 * @example
 * postmortemTimeline(text).filter((r) => r.knownType === 'deploy')
 */
export function postmortemTimeline(text: string) {
  return parsePostmortem(text).timeline?.rows ?? [];
}

/**
 * Lints a post-mortem Markdown file: every rule, then PM010 (final status) over the others'
 * findings after configuration and suppression comments. Suppressions themselves are applied by
 * the caller (`lint` in core/index.ts). `lines` is the text's {@link LineIndex} when the caller has one.
 */
export function lintPostmortemText(file: string, text: string, env: LintEnv & { config: ResolvedConfig }, lines?: LineIndex): Finding[] {
  const pm = parsePostmortem(text, lines);
  const ctx: PostmortemContext = { file, text, lines: pm.lines, pm, env, earlier: [] };
  const first = postmortemRules.filter((r) => r.id !== 'PM010');
  const last = postmortemRules.filter((r) => r.id === 'PM010');
  const findings = runRules(first, ctx, env.config);
  ctx.earlier = applySuppressions(text, 'postmortem', findings.map((f) => ({ ...f })), pm.lines).filter((f) => f.code !== 'ML001');
  return runRules(last, ctx, env.config, findings);
}

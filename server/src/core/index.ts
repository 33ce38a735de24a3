/**
 * The public API of the pure core: detect a file's kind, lint it, and the building blocks the
 * language server, the CLI and the client share. No I/O happens here: the host passes file contents
 * in and answers the few questions the rules need (does a file exist, what time is it, which other
 * runbooks define a name).
 */
import type { Finding, FileKind, RelatedInformation } from './types';
import type { ResolvedConfig } from './config';
import { defaultConfig } from './config';
import { applySuppressions } from './suppress';
import { sortFindings } from './registry';
import { LineIndex } from './lineIndex';
import { lintRunbookText } from './runbook';
import { utf8Length } from './runbook/parse';
import { lintPostmortemText } from './postmortem';
import { detectKind } from './kind';
import { ALERT_CODES, readRuleFile, type GraphFinding } from './alerts/index';

export * from './types';
export * from './config';
export { LineIndex } from './lineIndex';
export { detectKind, classifyFile, isRunbookFileName, isRunbookText, isPostmortemText, isAlertRulesText, type Classification, type GlobKind } from './kind';
export { globKind } from './files';
export * from './alerts/index';
export { docUrl, DOCS_BASE_URL } from './registry';
export { ruleCatalog, PROJECT_HOME_URL, type RuleMeta } from './meta';
export { parseRunbookFile, releaseRunbookText, MAX_RUNBOOK_BYTES, type ParsedRunbookFile } from './runbook/parse';
export { runbookSchema, schemaAt, shortDescription, type SchemaNode } from './runbook/schema';
export { runbookNames } from './runbook/names';
export { runbookRules } from './runbook/rules/index';
export { nodeAt, pairAt, rangeAt, keyOf, type RunbookDocument, type RunbookContext, type RunbookRule, type YamlPath } from './runbook/context';
export {
  parsePostmortem, postmortemRules, SECTIONS, DRIFT_QUESTIONS, STATE_FIELDS, TIMELINE_TYPES, postmortemSkeleton, skeletonAtLevel,
  sectionIdOf, normalizeHeading, postmortemFrontmatterSchema, postmortemHover, postmortemOutline, postmortemLinks, postmortemTimeline,
  detectionGap, detectionGapAt, attributedSurfaces, runbookCandidates, buildSurfaceReport, formatSurfaceReportTable,
  type ParsedPostmortem, type TimelineRow, type SectionId, type SectionSpec, type OutlineNode, type PostmortemLink, type SurfaceReport,
  type SurfaceRun, type ReportIncident, type ReportSurface, type PostmortemRule, type PostmortemContext, type DetectionGap,
} from './postmortem';
export { validateYamlDocument, type SchemaProblem, type ValidateYamlOptions } from './yamlSchema';
export {
  parseDuration, formatDuration, formatWindow, WORKBOOK_TIERS, SLOTH_TIERS, computeBurnRateTable, reverseBurnRate, explainBurnRate,
  parseObjectiveInput, parsePeriodInput, parseErrorRateInput, formatMarkdownTable, formatSlosBlock, formatPrometheusRules,
  errorRatioMetricName, formatPercent,
  type TierSpec, type BurnRateTier, type BurnRateTable, type ReverseResult, type InputResult, type PrometheusRuleOptions,
} from './slo';
export { checkQuerySyntax, checkPromQL, checkLogQL, checkSql, normalizeSqlDialect, SQL_DIALECTS, COMMON_SQL_DIALECTS, type QueryProblem } from './queries';

const ALERT_SEVERITY = new Map(ALERT_CODES.map((c) => [c.id, c.defaultSeverity] as const));

/** Graph findings with the configured severities (a code set to `off` is dropped). */
function addAlertFindings(out: Finding[], graph: readonly GraphFinding[], config: ResolvedConfig): void {
  for (const g of graph) {
    const configured = config.rules[g.code];
    if (configured === 'off') continue;
    const base = g.severity ?? ALERT_SEVERITY.get(g.code) ?? 'error';
    const f: Finding = { code: g.code, severity: configured ?? base, message: g.message, start: g.start, end: Math.max(g.start, g.end) };
    if (g.fixes?.length) f.fixes = g.fixes;
    if (g.related?.length) f.related = g.related;
    out.push(f);
  }
}

/** What the host tells the core about the world outside the file. All members are optional. */
export interface LintEnv {
  config?: ResolvedConfig;
  /** "Now", for staleness (RB007). Defaults to the current time. */
  now?: Date;
  /** Whether a path exists (PM011). Paths are absolute or relative to the host's cwd, as the host resolves them. */
  fileExists?: (path: string) => boolean;
  /** Root folder of the workspace/project, used to resolve relative references (PM011). */
  workspaceRoot?: string;
  /**
   * Other places in the workspace that define a runbook `metadata.name` (RB009 duplicates).
   * Called with a name and the linted file; returns the other definitions (not this file's).
   */
  otherRunbookDefinitions?: (name: string, file: string) => RelatedInformation[];
  /**
   * Whether every YAML document of a runbook file is a runbook (`Classification.wholeFile`: its name, a
   * `files.runbooks` glob or the editor's language says so). When false, only documents that declare
   * `apiVersion: ml-runbooks/v1` and `kind: Runbook` are linted as runbooks. Default: by the file name.
   */
  runbookFile?: boolean;
  /**
   * The alert graph's findings of a file (AL002–AL005, spec §8): an `AlertGraph` that holds the
   * workspace's rule files and runbooks, or precomputed findings. Without it a rule file gets only
   * what it shows alone (AL000, AL001) and a runbook no AL finding.
   */
  alerts?: { findingsFor(file: string): GraphFinding[] };
}

/** The result of linting one file. */
export interface LintResult {
  /** The detected kind, or undefined when the file is neither a runbook nor a post-mortem (then no findings). */
  kind: FileKind | undefined;
  findings: Finding[];
}

/**
 * Lints one file: the rules of its kind, then suppression comments, sorted by position.
 * Never throws: a rule that fails becomes a finding.
 *
 * @example
 * const { kind, findings } = lint('drift.runbook.yaml', text, { config: mergeConfig(projectLayer) });
 */
export function lint(file: string, text: string, env: LintEnv = {}, kind: FileKind | undefined = detectKind(file, text)): LintResult {
  // A file with old Mac line endings (CR only) is linted as if they were LF: the same length, so every
  // offset holds; the fixes' line breaks are turned back into CR.
  if (kind && text.includes('\r') && !text.includes('\n')) {
    const r = lint(file, text.replace(/\r/g, '\n'), env, kind);
    // Copies: findings may be shared with the rules' caches.
    const cr = (f: Finding): Finding =>
      f.fixes ? { ...f, fixes: f.fixes.map((fx) => ({ ...fx, edits: fx.edits.map((e) => ({ ...e, newText: e.newText.replace(/\n/g, '\r') })) })) } : f;
    return { kind: r.kind, findings: r.findings.map(cr) };
  }
  const config = env.config ?? defaultConfig();
  const full: LintEnv & { config: ResolvedConfig } = { ...env, config };
  let findings: Finding[];
  let lines: LineIndex;
  if (kind === 'runbook') {
    const parsed: { lines?: LineIndex } = {};
    findings = lintRunbookText(file, text, full, parsed);
    lines = parsed.lines ?? new LineIndex(text);
  } else if (kind === 'postmortem') {
    const big = tooLargePostmortem(text);
    if (big) return { kind, findings: [big] };
    lines = new LineIndex(text);
    findings = lintPostmortemText(file, text, full, lines);
  } else if (kind === 'alerts') {
    lines = new LineIndex(text);
    findings = [];
  } else return { kind, findings: [] };
  if (kind === 'runbook' || kind === 'alerts') {
    const graph = env.alerts ? env.alerts.findingsFor(file) : kind === 'alerts' ? readRuleFile(file, text, lines).problems : [];
    addAlertFindings(findings, graph, config);
  }
  findings = applySuppressions(text, kind, findings, lines);
  if (config.rules.ML001 === 'off') findings = findings.filter((f) => f.code !== 'ML001');
  else if (config.rules.ML001) for (const f of findings) if (f.code === 'ML001') f.severity = config.rules.ML001;
  return { kind, findings: sortFindings(findings) };
}

/** Largest post-mortem checked, in UTF-8 bytes (1 MB of prose and tables; at the cap a lint takes about a second): a larger one is one finding, read no further. */
export const MAX_POSTMORTEM_BYTES = 1024 * 1024;

function tooLargePostmortem(text: string): Finding | undefined {
  if (text.length * 3 <= MAX_POSTMORTEM_BYTES) return undefined;
  if (text.length <= MAX_POSTMORTEM_BYTES && utf8Length(text, MAX_POSTMORTEM_BYTES) <= MAX_POSTMORTEM_BYTES) return undefined;
  return {
    code: 'PM001',
    severity: 'error',
    message: `File is larger than ${MAX_POSTMORTEM_BYTES / 1024 / 1024} MB and was not checked; move logs and long tables out of the post-mortem and link to them.`,
    start: 0,
    end: Math.min(text.length, 1),
  };
}

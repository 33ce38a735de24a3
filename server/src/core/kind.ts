/**
 * Which of the product's file kinds a file is, from its name and text. A module of its own, with no
 * imports beyond types and the import-free front-matter splitter, so that hosts that need only this (the VS Code client) do not bundle the rules.
 */
import type { FileKind } from './types';
import { splitFrontMatter } from './frontMatter';

const RUNBOOK_NAME = /\.runbook\.ya?ml$/i;
const POSTMORTEM_NAME = /\.postmortem\.md$/i;
const CONFIG_NAME = /(^|[\\/])\.ml-runbooks\.ya?ml$/i;
const YAML_NAME = /\.ya?ml$/i;
const MARKDOWN_NAME = /\.(md|markdown)$/i;
/** Content detection reads no further than this. */
const HEAD_CHARS = 64 * 1024;

/** Whether a path names a runbook file (`*.runbook.yaml`, `*.runbook.yml`): then every YAML document in it is a runbook. */
export function isRunbookFileName(path: string): boolean {
  return RUNBOOK_NAME.test(path);
}

/**
 * Whether a YAML text declares a runbook: top-level `apiVersion: ml-runbooks/v1` and `kind: Runbook`.
 *
 * @example
 * isRunbookText('apiVersion: ml-runbooks/v1\nkind: Runbook\n') // true
 */
export function isRunbookText(text: string): boolean {
  const head = text.slice(0, HEAD_CHARS);
  return /^apiVersion:\s*["']?ml-runbooks\/v1["']?\s*$/m.test(head) && /^kind:\s*["']?Runbook["']?\s*$/m.test(head);
}

/**
 * Whether a Markdown text opens with front matter holding `kind: postmortem`.
 *
 * @example
 * isPostmortemText('---\nkind: postmortem\n---\n# Incident\n') // true
 */
export function isPostmortemText(text: string): boolean {
  const head = text.slice(0, HEAD_CHARS);
  const split = splitFrontMatter(head);
  if (split.kind !== 'closed') return false;
  return /^kind:[ \t]*["']?postmortem["']?[ \t]*(#.*)?$/im.test(head.slice(split.span.contentStart, split.span.contentEnd));
}

/**
 * Whether a YAML text looks like a Prometheus/Loki rule file: a top-level `groups:` key, or a
 * Kubernetes `PrometheusRule` object (`apiVersion: monitoring.coreos.com/…`). A cheap test on the
 * text's head; reading the file decides which documents hold rules.
 *
 * @example
 * isAlertRulesText('groups:\n  - name: x\n    rules: []\n') // true
 */
export function isAlertRulesText(text: string): boolean {
  const head = text.length > HEAD_CHARS ? text.slice(0, HEAD_CHARS) : text;
  if (/^groups:[ \t]*(?:#.*)?$/m.test(head)) return true;
  return /^kind:[ \t]*["']?PrometheusRule["']?[ \t]*$/m.test(head) && /^apiVersion:[ \t]*["']?monitoring\.coreos\.com\//m.test(head);
}

/**
 * Decides whether a file is a runbook, a post-mortem, the project file, a rule file (`alerts`), or neither, from its name
 * and (for other `.yaml`/`.md` files) its content: a YAML document with `apiVersion: ml-runbooks/v1`
 * and `kind: Runbook`, or Markdown whose front matter has `kind: postmortem`.
 *
 * @example
 * detectKind('ops/drift.runbook.yaml', '') // 'runbook'
 * detectKind('notes.md', '---\nkind: postmortem\n---\n') // 'postmortem'
 */
export function detectKind(file: string, text: string): FileKind | undefined {
  return classifyFile(file, text)?.kind;
}

/** A kind the project file's `files.runbooks` / `files.postmortems` / `files.alertRules` globs can assign. */
export type GlobKind = 'runbook' | 'postmortem' | 'alerts';

/** What a file is, and whether the whole file is that (not only the documents that declare it). */
export interface Classification {
  kind: FileKind;
  /**
   * For runbooks: every YAML document of the file is a runbook, because its name (`*.runbook.yaml`), a
   * `files.runbooks` glob or the editor's language says so. Otherwise only the documents that declare
   * `apiVersion: ml-runbooks/v1` and `kind: Runbook` are (a plain `.yaml` file found by its content).
   */
  wholeFile: boolean;
}

/**
 * The one place that decides what a file is, used by every host (CLI, language server, index): the
 * project file by its name; then a `files` glob match (`byGlob`, computed by the host from the path
 * relative to the project root, see `globKind`); then the product's file names; then the content.
 *
 * @example
 * classifyFile('ops/latency.yaml', 'kind: Runbok\n', 'runbook') // { kind: 'runbook', wholeFile: true }
 * classifyFile('ops/latency.yaml', 'kind: Runbok\n')            // undefined
 */
export function classifyFile(file: string, text: string, byGlob?: GlobKind): Classification | undefined {
  if (CONFIG_NAME.test(file)) return { kind: 'config', wholeFile: true };
  if (byGlob) return { kind: byGlob, wholeFile: true };
  if (RUNBOOK_NAME.test(file)) return { kind: 'runbook', wholeFile: true };
  if (POSTMORTEM_NAME.test(file)) return { kind: 'postmortem', wholeFile: true };
  if (YAML_NAME.test(file)) return isRunbookText(text) ? { kind: 'runbook', wholeFile: false } : isAlertRulesText(text) ? { kind: 'alerts', wholeFile: true } : undefined;
  if (MARKDOWN_NAME.test(file)) return isPostmortemText(text) ? { kind: 'postmortem', wholeFile: true } : undefined;
  return undefined;
}

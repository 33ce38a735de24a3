/**
 * Which of the product's file kinds a file is, from its name and text. A module of its own, with no
 * imports beyond types, so that hosts that need only this (the VS Code client) do not bundle the rules.
 */
import type { FileKind } from './types';

const RUNBOOK_NAME = /\.runbook\.ya?ml$/i;
const POSTMORTEM_NAME = /\.postmortem\.md$/i;
const CONFIG_NAME = /(^|[\\/])\.ml-runbooks\.ya?ml$/i;
const YAML_NAME = /\.ya?ml$/i;
const MARKDOWN_NAME = /\.(md|markdown)$/i;
/** Content detection reads no further than this. */
const HEAD_CHARS = 64 * 1024;

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
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/.exec(text.slice(0, HEAD_CHARS));
  return !!m && /^kind:\s*["']?postmortem["']?\s*(#.*)?$/im.test(m[1] ?? '');
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
  if (RUNBOOK_NAME.test(file)) return 'runbook';
  if (POSTMORTEM_NAME.test(file)) return 'postmortem';
  if (CONFIG_NAME.test(file)) return 'config';
  if (YAML_NAME.test(file)) return isRunbookText(text) ? 'runbook' : isAlertRulesText(text) ? 'alerts' : undefined;
  if (MARKDOWN_NAME.test(file)) return isPostmortemText(text) ? 'postmortem' : undefined;
  return undefined;
}

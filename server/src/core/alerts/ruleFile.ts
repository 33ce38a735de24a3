/**
 * Prometheus and Loki rule files read as data: which files are rule files (by content), and the
 * alerting rules of each with the offsets the findings and the editor need. Every `expr` is parsed
 * with the PromQL grammar (LogQL in a Loki rule file) and its burn-rate tiers are recovered.
 */
import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { parseRunbookFileUncached } from '../runbook/parse';
import { keyOf, nodeAt } from '../yamlPath';
import { checkLogQL, checkPromQL, valueRangeToSource } from '../queries/index';
import type { LineIndex } from '../lineIndex';
export { isAlertRulesText } from '../kind';
import { parser as promqlParser } from '@prometheus-io/lezer-promql';
import type { Tree } from '@lezer/common';
import { MAX_TIER_EXPR_CHARS, tiersFromTree, type AlertTier } from './tiers';

/**
 * Rule files larger than this (UTF-16 code units, about the same in bytes for YAML) are not read: a
 * YAML parse costs about a second per megabyte on a slow core, and the largest generated rule
 * bundles (kube-prometheus, Sloth over hundreds of SLOs) stay well under it.
 */
export const MAX_RULE_FILE_CHARS = 2 * 1024 * 1024;

/** A string value in the file and where it is. */
export interface Placed {
  value: string;
  start: number;
  end: number;
}

/** One alerting rule of a rule file. */
export interface AlertRule {
  name: string;
  /** Offsets of the `alert:` value. */
  start: number;
  end: number;
  /** 1-based line and 0-based character of the `alert:` value. */
  line: number;
  character: number;
  group: string;
  expr?: Placed;
  /** The rule's own `labels` (string values only). */
  labels: Record<string, string>;
  runbookUrl?: Placed;
  /** Other annotations (summary, description), for hovers and the graph. */
  summary?: string;
  tiers: AlertTier[];
  /** The expr's language: LogQL in a Loki rule file. */
  language: 'promql' | 'logql';
}

/** A problem found while reading a rule file (AL000: expr or file unreadable; AL001: no runbook_url). */
export interface RuleFileProblem {
  code: 'AL000' | 'AL001';
  message: string;
  start: number;
  end: number;
}

/** What the product reads from one rule file. */
export interface RuleFile {
  file: string;
  alerts: AlertRule[];
  /** Recording rule names (`record:`), for the graph. */
  records: string[];
  problems: RuleFileProblem[];
  /** Whether the file was recognised as a Loki rule file (exprs are LogQL). */
  loki: boolean;
}

/** Whether a path names a Loki rule file: a folder or file name containing `loki`. */
export function isLokiPath(file: string): boolean {
  return /loki/i.test(file.replace(/\\/g, '/').split('/').slice(-3).join('/'));
}

/** Whether a Lezer tree holds an error node (stops at the first). */
function hasError(tree: Tree): boolean {
  let bad = false;
  tree.iterate({ enter: (n) => (bad ? false : n.type.isError ? ((bad = true), false) : undefined) });
  return bad;
}

/**
 * An expr parsed once: its tiers from the tree, and the syntax problem (by the product's query
 * checker, which words the message) only when the tree has an error.
 */
function checkExpr(expr: string, loki: boolean): { problem?: ReturnType<typeof checkPromQL>; language: 'promql' | 'logql'; tiers: AlertTier[] } {
  if (loki) {
    const problem = checkLogQL(expr);
    if (!problem) return { language: 'logql', tiers: [] };
    // A Prometheus rule in a folder that happens to be named loki: PromQL, not an error.
    const asPromql = checkExpr(expr, false);
    return asPromql.problem || asPromql.language === 'logql' ? { problem, language: 'logql', tiers: [] } : asPromql;
  }
  const tree = expr.length <= MAX_TIER_EXPR_CHARS ? promqlParser.parse(expr) : undefined;
  if (tree && !hasError(tree)) {
    const top = tree.topNode.firstChild;
    return { language: 'promql', tiers: top ? tiersFromTree(top, expr) : [] };
  }
  const problem = checkPromQL(expr);
  if (!problem) return { language: 'promql', tiers: [] };
  // An expr PromQL rejects but LogQL accepts is a Loki rule: not an error.
  return checkLogQL(expr) ? { problem, language: 'promql', tiers: [] } : { language: 'logql', tiers: [] };
}

function str(n: unknown): string | undefined {
  return isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number') ? String(n.value) : undefined;
}

const get = (map: unknown, key: string): Node | undefined => nodeAt(map, [key]);

function placed(n: Node | undefined): Placed | undefined {
  if (!n || !isScalar(n) || !n.range) return undefined;
  const v = str(n);
  return v === undefined ? undefined : { value: v, start: n.range[0], end: n.range[1] };
}

/** The `groups` sequences of one YAML document: top-level, or under `spec` of a PrometheusRule. */
function groupsOf(doc: Document.Parsed): Node | undefined {
  const c = doc.contents;
  if (!isMap(c)) return undefined;
  const kind = str(get(c, 'kind'));
  if (kind === 'PrometheusRule') return get(get(c, 'spec'), 'groups');
  return get(c, 'groups');
}

/**
 * Reads a rule file: every alerting rule with its name, labels, `runbook_url`, parsed `expr` and
 * tiers; AL000 for an expr that does not parse (at the bad token) and AL001 for an alert with no
 * `runbook_url`. Documents that are not rule groups (a Helm template that is not YAML, a
 * `PrometheusRule` with no spec) are skipped silently. Never throws.
 *
 * @example
 * readRuleFile('a.rules.yaml', 'groups:\n- name: g\n  rules:\n  - alert: Up\n    expr: up == 0\n').alerts[0].name // 'Up'
 */
export function readRuleFile(file: string, text: string, lines?: LineIndex): RuleFile {
  const out: RuleFile = { file, alerts: [], records: [], problems: [], loki: isLokiPath(file) };
  if (text.length > MAX_RULE_FILE_CHARS) {
    out.problems.push({
      code: 'AL000',
      message: `Rule file is larger than ${MAX_RULE_FILE_CHARS / 1024 / 1024} MB and was not checked; split it into smaller rule files.`,
      start: 0,
      end: 0,
    });
    return out;
  }
  const parsed = parseRunbookFileUncached(text);
  if (parsed.fatal) return out;
  const lineIndex = lines ?? parsed.lines;
  for (const d of parsed.docs) {
    if (d.unusable || d.doc.errors.length) continue;
    const groups = groupsOf(d.doc);
    if (!isSeq(groups)) continue;
    for (const g of groups.items) {
      const groupName = str(get(g, 'name')) ?? '';
      const rules = get(g, 'rules');
      if (!isSeq(rules)) continue;
      for (const r of rules.items) {
        if (!isMap(r)) continue;
        const record = str(get(r, 'record'));
        if (record !== undefined) out.records.push(record);
        const alertNode = get(r, 'alert');
        const alert = placed(alertNode);
        const exprNode = get(r, 'expr');
        const expr = placed(exprNode);
        let exprLanguage: 'promql' | 'logql' = out.loki ? 'logql' : 'promql';
        let tiers: AlertTier[] = [];
        if (expr && exprNode && isScalar(exprNode)) {
          const checked = checkExpr(expr.value, out.loki);
          const problem = checked.problem;
          exprLanguage = checked.language;
          tiers = checked.tiers;
          if (problem) {
            const [s, e] = valueRangeToSource(text, exprNode, problem.start, problem.end);
            out.problems.push({ code: 'AL000', message: `${problem.message}.`, start: s, end: e });
          }
        }
        if (!alert) continue;
        const labels: Record<string, string> = {};
        const labelsNode = get(r, 'labels');
        if (isMap(labelsNode)) {
          for (const it of labelsNode.items) {
            const k = keyOf(it);
            const v = str(it.value);
            if (k !== undefined && v !== undefined) labels[k] = v;
          }
        }
        const annotations = get(r, 'annotations');
        const runbookUrl = placed(get(annotations, 'runbook_url'));
        const rule: AlertRule = {
          name: alert.value,
          start: alert.start,
          end: alert.end,
          line: lineIndex.positionAt(alert.start).line + 1,
          character: lineIndex.positionAt(alert.start).character,
          group: groupName,
          labels,
          tiers,
          language: exprLanguage,
        };
        if (expr) rule.expr = expr;
        if (runbookUrl) rule.runbookUrl = runbookUrl;
        const summary = str(get(annotations, 'summary'));
        if (summary !== undefined) rule.summary = summary;
        out.alerts.push(rule);
        if (!runbookUrl || !runbookUrl.value.trim()) {
          out.problems.push({
            code: 'AL001',
            message: `Alert '${alert.value}' has no annotations.runbook_url; add one that points at the runbook on-call should open when it pages.`,
            start: alert.start,
            end: alert.end,
          });
        }
      }
    }
  }
  return out;
}

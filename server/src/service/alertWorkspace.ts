/**
 * The service's side of the alert graph (spec §8): the core's `AlertGraph`, keyed by the host's file
 * identifiers (URIs in the language server) and fed from open documents and the workspace scan, and
 * the editor features built on it — which open documents to re-check after a change, go to definition
 * (`runbook_url` → runbook, `signal.alert` → rule), hover on a `runbook_url`, document links. No file
 * access.
 */
import {
  AlertGraph,
  isAlertRulesText,
  isRunbookFileName,
  isRunbookText,
  readRuleFile,
  runbookAlertInfo,
  type RuleFile,
  type RunbookAlertInfo,
} from '../core/index';
import { parseRunbookFileUncached } from '../core/runbook/parse';
import { runbookNames } from '../core/runbook/names';
import { definitionsIn, type IndexedName } from './workspaceIndex';

/** What the workspace scan reads from a file for the graph (plain data, sent over IPC). */
export interface ScannedAlerts {
  runbooks?: RunbookAlertInfo[];
  rules?: RuleFile;
}

/** What the workspace scan reads from a file on disk (plain data, sent over IPC). */
export interface ScannedFile {
  /** A runbook: by its name, its folder's `files.runbooks` globs, or its content. */
  runbook: boolean;
  /** A runbook's `metadata.name` definitions (RB009). */
  defs: IndexedName[];
  /** What the file contributes to the alert graph. */
  alerts?: ScannedAlerts;
}

/**
 * What a file on disk contributes to the index and the graph: a runbook's names and documents, or a
 * rule file's rules; undefined for other files. One parse, outside the core's caches (each file is
 * read once). `byGlob`: the folder's `files.runbooks` globs match the file (every document is a runbook).
 */
export function scanFile(file: string, text: string, byGlob = false): ScannedFile | undefined {
  const wholeFile = byGlob || isRunbookFileName(file);
  if (wholeFile || isRunbookText(text)) {
    const parsed = parseRunbookFileUncached(text);
    const defs = definitionsIn(text, (t) => runbookNames(t, { parsed }));
    return { runbook: true, defs, alerts: { runbooks: runbookAlertInfo(file, text, { parsed, wholeFile }) } };
  }
  if (isAlertRulesText(text)) return { runbook: false, defs: [], alerts: { rules: readRuleFile(file, text) } };
  return undefined;
}

/** A place in another document (0-based), for definitions and links. */
export interface AlertLocation {
  uri: string;
  line: number;
  character: number;
  length: number;
}

/** Identity of what a runbook contributes to other files' findings (names, alert, tiers), offsets left out. */
function runbookKey(infos: readonly RunbookAlertInfo[]): string {
  return JSON.stringify(infos.map((i) => [i.name, i.alert?.value, i.slo?.name, i.slo?.objective, i.slo?.period, i.slo?.tiers.map((t) => [t.longWindow, t.shortWindow, t.burnRate])]));
}

export class AlertWorkspace {
  readonly graph = new AlertGraph();
  private readonly runbookKeys = new Map<string, string>();

  /**
   * `repoPath(uri)`: the file's path relative to its workspace folder (`{path}` of the URL template);
   * `run`: runs a core call in the caches of the service that owns this workspace.
   */
  constructor(
    private readonly repoPath: (uri: string) => string,
    private readonly run: <T>(f: () => T) => T = (f) => f(),
  ) {}

  /** Sets the `alerts.runbookUrl` template; true when it changed (every open document is then re-checked). */
  setTemplate(runbookUrl: string): boolean {
    const before = this.graph.toTemplate();
    this.graph.setOptions({ runbookUrl });
    return before !== runbookUrl;
  }

  /**
   * Records a file's current text (an open document). Returns the URIs of the other documents whose
   * findings may have changed: for a rule file, the runbooks it links or that name its alerts, before
   * and after; for a runbook whose name, alert or tiers changed, every rule file; `'all'` when the
   * workspace gained or lost its first rule file (AL003/AL005 apply only with rule files).
   */
  update(uri: string, kind: 'runbook' | 'alerts', text: string, wholeFile?: boolean): Set<string> | 'all' {
    if (kind === 'alerts') return this.setRules(uri, this.run(() => readRuleFile(uri, text)));
    return this.setRunbooks(uri, this.run(() => runbookAlertInfo(uri, text, wholeFile ? { wholeFile } : {})));
  }

  /** Records what the scan read from a file on disk. */
  setScanned(uri: string, scanned: ScannedAlerts | undefined): Set<string> | 'all' {
    if (scanned?.rules) return this.setRules(uri, { ...scanned.rules, file: uri });
    if (scanned?.runbooks) return this.setRunbooks(uri, scanned.runbooks);
    return this.remove(uri);
  }

  /** Forgets a file. */
  remove(uri: string): Set<string> | 'all' {
    if (this.graph.isRuleFile(uri)) {
      const had = this.graph.hasRuleFiles();
      const before = this.graph.runbooksAffectedBy(uri);
      this.graph.remove(uri);
      return had !== this.graph.hasRuleFiles() ? 'all' : new Set(before);
    }
    if (!this.runbookKeys.has(uri)) return new Set();
    this.runbookKeys.delete(uri);
    this.graph.remove(uri);
    return new Set(this.graph.ruleFileNames());
  }

  private setRules(uri: string, rf: RuleFile): Set<string> | 'all' {
    const had = this.graph.hasRuleFiles();
    const before = this.graph.runbooksAffectedBy(uri);
    this.runbookKeys.delete(uri);
    this.graph.setRuleFileData(rf, this.repoPath(uri));
    if (had !== this.graph.hasRuleFiles()) return 'all';
    return new Set([...before, ...this.graph.runbooksAffectedBy(uri)]);
  }

  private setRunbooks(uri: string, infos: RunbookAlertInfo[]): Set<string> {
    const key = runbookKey(infos);
    const changed = this.runbookKeys.get(uri) !== key;
    this.runbookKeys.set(uri, key);
    this.graph.setRunbookData(uri, infos, this.repoPath(uri));
    return changed ? new Set(this.graph.ruleFileNames()) : new Set();
  }

  /** Go to definition at an offset: from a `runbook_url` to the runbook, from `signal.alert` to the rules. */
  definition(uri: string, offset: number): AlertLocation[] {
    const rf = this.graph.ruleFile(uri);
    if (rf) {
      const rule = rf.alerts.find((a) => a.runbookUrl && offset >= a.runbookUrl.start && offset <= a.runbookUrl.end);
      const rb = rule ? this.graph.linkOf(rule)?.runbook : undefined;
      return rb ? [{ uri: rb.file, line: rb.info.line - 1, character: rb.info.character, length: rb.info.end - rb.info.start }] : [];
    }
    for (const r of this.graph.runbookDocs(uri)) {
      const a = r.info.alert;
      if (!a || offset < a.start || offset > a.end) continue;
      return this.graph.alertsOf(r.info).map((ref) => ({ uri: ref.file, line: ref.rule.line - 1, character: ref.rule.character, length: ref.rule.end - ref.rule.start }));
    }
    return [];
  }

  /** Hover on a `runbook_url`: the runbook's title, signal and severity (Markdown), with the value's offsets. */
  hover(uri: string, offset: number): { markdown: string; start: number; end: number } | undefined {
    const rf = this.graph.ruleFile(uri);
    const rule = rf?.alerts.find((a) => a.runbookUrl && offset >= a.runbookUrl.start && offset <= a.runbookUrl.end);
    if (!rule?.runbookUrl) return undefined;
    const link = this.graph.linkOf(rule);
    const { start, end } = rule.runbookUrl;
    if (!link || link.url === undefined) return { markdown: 'This URL has templates that cannot be expanded without Prometheus; it is not checked.', start, end };
    const rb = link.runbook;
    if (!rb) return { markdown: `Resolves to no runbook: \`${link.url}\`${link.nearest ? ` — nearest runbook: \`${link.nearest}\`` : ''}.`, start, end };
    const i = rb.info;
    const lines = [`**${i.title ?? i.name}** — runbook \`${i.name}\` (${rb.path})`, ''];
    if (i.summary) lines.push(`Signal: ${i.summary}`, '');
    if (i.alert) lines.push(`Alert: \`${i.alert.value}\``, '');
    if (i.severity) lines.push(`Severity: ${i.severity}`);
    return { markdown: lines.join('\n').trimEnd(), start, end };
  }

  /** The alerts whose `runbook_url` resolves to a runbook of a file, per runbook name (the preview lists them). */
  linkingAlerts(uri: string): Array<{ runbook: string; alert: string; uri: string; line: number }> {
    const out: Array<{ runbook: string; alert: string; uri: string; line: number }> = [];
    for (const r of this.graph.runbookDocs(uri)) {
      for (const a of this.graph.linksTo(r.info.name)) out.push({ runbook: r.info.name, alert: a.rule.name, uri: a.file, line: a.rule.line - 1 });
    }
    return out;
  }

  /** Document links of a rule file: each `runbook_url` that resolves, to the runbook's file. */
  links(uri: string): Array<{ start: number; end: number; target: string; tooltip: string }> {
    const rf = this.graph.ruleFile(uri);
    if (!rf) return [];
    const out: Array<{ start: number; end: number; target: string; tooltip: string }> = [];
    for (const a of rf.alerts) {
      const rb = a.runbookUrl ? this.graph.linkOf(a)?.runbook : undefined;
      if (rb && a.runbookUrl) out.push({ start: a.runbookUrl.start, end: a.runbookUrl.end, target: rb.file, tooltip: `Open runbook ${rb.info.name}` });
    }
    return out;
  }
}

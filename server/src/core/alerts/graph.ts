/**
 * The workspace graph between alerting rules and runbooks (spec §8): a plain data structure, updated
 * one file at a time, that answers the findings of any rule file or runbook (AL002–AL005), the
 * coverage JSON of `ml-runbooks graph`, and the editor's navigation. Host-independent: the CLI fills
 * it from the files it was given, the language server from its workspace index and open documents.
 */
import type { Fix, RawFinding, RelatedInformation } from '../types';
import { nearest } from '../yamlSchema';
import { parseDuration } from '../slo/duration';
import { formatPercent, roundSig } from '../slo/burnRate';
import { readRuleFile, type AlertRule, type RuleFile } from './ruleFile';
import { runbookAlertInfo, type DocumentedTier, type RunbookAlertInfo } from './runbookInfo';
import { LinkResolver, expandUrlTemplate, type LinkTarget } from './links';
import { parseAlertSelector, selectorMatches, type AlertSelector } from './selector';
import type { AlertTier } from './tiers';

/**
 * Unresolved links given a "nearest runbook" suggestion per rule file (and per graph JSON): each costs an
 * edit distance per runbook, and a file of thousands of links to an external wiki must stay fast.
 */
export const MAX_SUGGESTIONS = 100;

/** Relative tolerance of windows, burn rates and budgets (spec §8: ±5 %). */
export const TIER_TOLERANCE = 0.05;

/** Options of a graph: the project's `alerts.runbookUrl` template. */
export interface AlertGraphOptions {
  runbookUrl?: string;
}

/** An alerting rule, placed in its file. */
export interface AlertRef {
  file: string;
  rule: AlertRule;
}

/** A runbook document, placed in its file. */
export interface RunbookRef {
  file: string;
  path: string;
  info: RunbookAlertInfo;
}

/** Where an alert's `runbook_url` leads. */
export interface AlertLink {
  /** The URL after expanding Go templates; undefined when it cannot be expanded statically (not checked). */
  url?: string;
  runbook?: RunbookRef;
  /** The nearest runbook name, for an unresolved link (computed on first use: see `AlertGraph.linkOf`). */
  nearest?: string;
  /** The name an unresolved link was looking for (the template's `{name}` part, else the URL's last segment). */
  wanted?: string;
}

/** A graph finding before configuration: the code's default severity is applied by the caller. */
export type GraphFinding = RawFinding & { code: string };

/** A tier as the JSON shows it. */
export interface TierJson {
  longWindow: string;
  shortWindow: string;
  factor: number;
  budget: number;
}

/** The JSON of `ml-runbooks graph --format json` (spec §8). */
export interface AlertGraphJson {
  alerts: Array<{ name: string; file: string; line: number; runbookUrl: string | null; runbook: string | null; tiers: TierJson[] }>;
  runbooks: Array<{ name: string; file: string; alerts: string[] }>;
  orphans: string[];
  unresolved: Array<{ alert: string; file: string; line: number; runbookUrl: string; url: string; nearest: string | null }>;
  mismatches: Array<{ alert: string; file: string; line: number; runbook: string; runbookFile: string; slo: string; alertTiers: TierJson[]; runbookTiers: Array<{ longWindow: string; shortWindow: string; burnRate: number | null }> }>;
}

interface Derived {
  resolver: LinkResolver;
  runbookByName: Map<string, RunbookRef>;
  links: Map<AlertRule, AlertLink>;
  /** Runbook name → alerts whose `runbook_url` resolves to it. */
  linkedBy: Map<string, AlertRef[]>;
  /** Alert name → alerting rules. */
  alertsByName: Map<string, AlertRef[]>;
  selectors: Map<RunbookAlertInfo, AlertSelector>;
}

function within(a: number, b: number): boolean {
  return Math.abs(a - b) <= TIER_TOLERANCE * Math.abs(b);
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function tierJson(t: AlertTier): TierJson {
  return { longWindow: t.longWindow, shortWindow: t.shortWindow, factor: roundSig(t.factor, 6), budget: roundSig(t.budget, 6) };
}

/** `1h/5m 14.4×` */
function showTier(t: { longWindow: string; shortWindow: string; factor?: number; burnRate?: number }): string {
  const f = t.factor ?? t.burnRate;
  return `${t.longWindow}/${t.shortWindow} ${f === undefined ? '?' : roundSig(f, 4)}×`;
}

function showTiers(ts: ReadonlyArray<{ longWindow: string; shortWindow: string; factor?: number; burnRate?: number }>): string {
  return ts.length ? ts.map(showTier).join(', ') : 'no tier';
}

function tierSeverity(rule: AlertRule | undefined, t: AlertTier, documented: readonly DocumentedTier[]): 'page' | 'ticket' {
  const label = (rule?.labels.sloth_severity ?? rule?.labels.severity ?? '').toLowerCase();
  if (label === 'page' || label === 'critical') return 'page';
  if (label === 'ticket' || label === 'warning') return 'ticket';
  const same = documented.find((d) => d.longSeconds !== undefined && within(t.longSeconds, d.longSeconds));
  if (same?.severity === 'page' || same?.severity === 'ticket') return same.severity;
  return t.factor >= 6 ? 'page' : 'ticket';
}

/** The comparison of an alert's tiers with an SLO's documented ones. */
interface Comparison {
  /** Rule tiers the runbook does not document. */
  missing: Array<{ tier: AlertTier; ref: AlertRef }>;
  /** Documented tiers no rule has. */
  extra: DocumentedTier[];
  /** A rule budget that differs from 1 − objective. */
  budget?: { ref: AlertRef; budget: number; expected: number };
}

function compare(ruleTiers: ReadonlyArray<{ tier: AlertTier; ref: AlertRef }>, slo: NonNullable<RunbookAlertInfo['slo']>): Comparison {
  const documented = slo.tiers;
  const matches = (t: AlertTier, d: DocumentedTier): boolean =>
    d.longSeconds !== undefined && d.shortSeconds !== undefined && d.burnRate !== undefined &&
    within(t.longSeconds, d.longSeconds) && within(t.shortSeconds, d.shortSeconds) && within(t.factor, d.burnRate);
  const missing = ruleTiers.filter((r) => !documented.some((d) => matches(r.tier, d)));
  const extra = documented.filter((d) => !ruleTiers.some((r) => matches(r.tier, d)));
  const out: Comparison = { missing, extra };
  if (slo.objective !== undefined && slo.objective > 0 && slo.objective < 100) {
    const expected = 1 - slo.objective / 100;
    const off = ruleTiers.find((r) => !within(r.tier.budget, expected));
    if (off) out.budget = { ref: off.ref, budget: off.tier.budget, expected };
  }
  return out;
}

/**
 * The graph. Files are added, replaced and removed one at a time; everything derived (link
 * resolution, the reverse indexes) is rebuilt lazily on the next question, in time linear in the
 * number of alerts and runbooks.
 *
 * @example
 * const g = new AlertGraph({ runbookUrl: 'https://runbooks.acme.internal/{name}' });
 * g.setRuleFile('monitoring/api.rules.yaml', rulesText);
 * g.setRunbook('runbooks/api.runbook.yaml', runbookText);
 * g.findingsFor('runbooks/api.runbook.yaml'); // AL003–AL005 of that runbook
 */
export class AlertGraph {
  private readonly ruleFiles = new Map<string, RuleFile>();
  private readonly runbooks = new Map<string, RunbookRef[]>();
  private readonly paths = new Map<string, string>();
  private options: AlertGraphOptions;
  private derived: Derived | undefined;

  constructor(options: AlertGraphOptions = {}) {
    this.options = { ...options };
  }

  /** The `alerts.runbookUrl` template in use ('' for none). */
  toTemplate(): string {
    return this.options.runbookUrl ?? '';
  }

  /** Changes the `alerts.runbookUrl` template. */
  setOptions(options: AlertGraphOptions): void {
    if (options.runbookUrl === this.options.runbookUrl) return;
    this.options = { ...options };
    this.derived = undefined;
  }

  /** Adds or replaces a rule file from its text; `path` is its repository path (default: `file`). */
  setRuleFile(file: string, text: string, path = file): RuleFile {
    const rf = readRuleFile(file, text);
    this.setRuleFileData(rf, path);
    return rf;
  }

  /** Adds or replaces a rule file already read (e.g. by another process). */
  setRuleFileData(rf: RuleFile, path = rf.file): void {
    this.runbooks.delete(rf.file);
    this.ruleFiles.set(rf.file, rf);
    this.paths.set(rf.file, normalizeRepoPath(path));
    this.derived = undefined;
  }

  /** Adds or replaces a runbook file from its text. */
  setRunbook(file: string, text: string, path = file, options: { cache?: boolean } = {}): void {
    this.setRunbookData(file, runbookAlertInfo(file, text, options), path);
  }

  /** Adds or replaces a runbook file's documents already read. */
  setRunbookData(file: string, infos: readonly RunbookAlertInfo[], path = file): void {
    this.ruleFiles.delete(file);
    const p = normalizeRepoPath(path);
    this.paths.set(file, p);
    this.runbooks.set(file, infos.map((info) => ({ file, path: p, info })));
    this.derived = undefined;
  }

  /** Forgets a file. */
  remove(file: string): void {
    const had = this.ruleFiles.delete(file) || this.runbooks.delete(file);
    this.paths.delete(file);
    if (had) this.derived = undefined;
  }

  hasRuleFiles(): boolean {
    for (const rf of this.ruleFiles.values()) if (rf.alerts.length || rf.records.length) return true;
    return false;
  }

  isRuleFile(file: string): boolean {
    return this.ruleFiles.has(file);
  }

  ruleFile(file: string): RuleFile | undefined {
    return this.ruleFiles.get(file);
  }

  runbookDocs(file: string): readonly RunbookRef[] {
    return this.runbooks.get(file) ?? [];
  }

  private derive(): Derived {
    if (this.derived) return this.derived;
    const runbookByName = new Map<string, RunbookRef>();
    const targets: LinkTarget[] = [];
    for (const list of this.runbooks.values()) {
      for (const r of list) {
        if (!runbookByName.has(r.info.name)) runbookByName.set(r.info.name, r);
        targets.push({ name: r.info.name, path: r.path });
      }
    }
    const resolver = new LinkResolver(targets, this.options.runbookUrl);
    const links = new Map<AlertRule, AlertLink>();
    const linkedBy = new Map<string, AlertRef[]>();
    const alertsByName = new Map<string, AlertRef[]>();
    for (const [file, rf] of this.ruleFiles) {
      const dir = dirOf(this.paths.get(file) ?? file);
      for (const rule of rf.alerts) {
        const ref: AlertRef = { file, rule };
        const byName = alertsByName.get(rule.name);
        if (byName) byName.push(ref);
        else alertsByName.set(rule.name, [ref]);
        if (!rule.runbookUrl || !rule.runbookUrl.value.trim()) continue;
        const url = expandUrlTemplate(rule.runbookUrl.value, rule.name, rule.labels);
        if (url === undefined) {
          links.set(rule, {});
          continue;
        }
        const res = resolver.resolve(url, dir);
        const link: AlertLink = { url };
        if (res.target) {
          const rb = runbookByName.get(res.target.name);
          if (rb) link.runbook = rb;
        }
        if (link.runbook) {
          const l = linkedBy.get(link.runbook.info.name);
          if (l) l.push(ref);
          else linkedBy.set(link.runbook.info.name, [ref]);
        } else link.wanted = res.wantedName ?? lastSegment(url);
        links.set(rule, link);
      }
    }
    const selectors = new Map<RunbookAlertInfo, AlertSelector>();
    for (const list of this.runbooks.values()) for (const r of list) if (r.info.alert) selectors.set(r.info, parseAlertSelector(r.info.alert.value));
    this.derived = { resolver, runbookByName, links, linkedBy, alertsByName, selectors };
    return this.derived;
  }

  /** Where an alert's `runbook_url` leads (undefined when it has none), with the nearest runbook name when it leads nowhere. */
  linkOf(rule: AlertRule, suggest = true): AlertLink | undefined {
    const d = this.derive();
    const link = d.links.get(rule);
    // "Did you mean" costs an edit distance per runbook: computed only for the links someone looks at.
    if (suggest && link && link.wanted !== undefined && link.nearest === undefined && d.runbookByName.size) {
      const n = nearest(link.wanted, d.resolver.names());
      if (n) link.nearest = n.best;
    }
    return link;
  }

  /** The alerting rules a runbook document's `signal.alert` names. */
  alertsOf(info: RunbookAlertInfo): AlertRef[] {
    const d = this.derive();
    const sel = d.selectors.get(info);
    if (!sel) return [];
    return (d.alertsByName.get(sel.name) ?? []).filter((a) => selectorMatches(sel, a.rule.name, a.rule.labels));
  }

  /** The alerts whose `runbook_url` resolves to a runbook name. */
  linksTo(name: string): AlertRef[] {
    return this.derive().linkedBy.get(name) ?? [];
  }

  /** The runbooks whose `signal.alert` matches an alerting rule. */
  runbooksNaming(rule: AlertRule): RunbookRef[] {
    const out: RunbookRef[] = [];
    const d = this.derive();
    for (const list of this.runbooks.values()) {
      for (const r of list) {
        const sel = d.selectors.get(r.info);
        if (sel && selectorMatches(sel, rule.name, rule.labels)) out.push(r);
      }
    }
    return out;
  }

  /**
   * The runbook files whose findings depend on a rule file (it links them, or their `signal.alert`
   * names one of its alerts): what to re-check when it changes. Call before and after the change.
   */
  runbooksAffectedBy(file: string): string[] {
    const rf = this.ruleFiles.get(file);
    if (!rf) return [];
    const out = new Set<string>();
    const d = this.derive();
    const names = new Set(rf.alerts.map((a) => a.name));
    for (const rule of rf.alerts) {
      const l = d.links.get(rule);
      if (l?.runbook) out.add(l.runbook.file);
    }
    for (const list of this.runbooks.values()) {
      for (const r of list) {
        const sel = d.selectors.get(r.info);
        if (sel && names.has(sel.name)) out.add(r.file);
      }
    }
    return [...out];
  }

  /** Every runbook file in the graph. */
  runbookFiles(): string[] {
    return [...this.runbooks.keys()];
  }

  /** Every rule file in the graph. */
  ruleFileNames(): string[] {
    return [...this.ruleFiles.keys()];
  }

  private collectTiers(info: RunbookAlertInfo): Array<{ tier: AlertTier; ref: AlertRef }> {
    const out: Array<{ tier: AlertTier; ref: AlertRef }> = [];
    const seen = new Set<string>();
    for (const ref of this.alertsOf(info)) {
      for (const tier of ref.rule.tiers) {
        const key = `${tier.longSeconds}/${tier.shortSeconds}/${tier.factor}/${tier.budget}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ tier, ref });
      }
    }
    return out.sort((a, b) => a.tier.longSeconds - b.tier.longSeconds || a.tier.shortSeconds - b.tier.shortSeconds);
  }

  /** The quick fix that makes a runbook's SLO alerts match the rules' tiers. */
  private runbookFix(info: RunbookAlertInfo, tiers: ReadonlyArray<{ tier: AlertTier; ref: AlertRef }>): Fix | undefined {
    const slo = info.slo;
    if (!slo || !slo.hasAlerts || !tiers.length) return undefined;
    const period = slo.period !== undefined ? parseDuration(slo.period) : undefined;
    const pad = ' '.repeat(slo.alertsColumn);
    const lines: string[] = [];
    for (const { tier, ref } of tiers) {
      lines.push(`- severity: ${tierSeverity(ref.rule, tier, slo.tiers)}`);
      lines.push(`  longWindow: ${tier.longWindow}`);
      lines.push(`  shortWindow: ${tier.shortWindow}`);
      lines.push(`  burnRate: ${roundSig(tier.factor, 6)}`);
      if (period) lines.push(`  budgetConsumed: ${formatPercent(roundSig((tier.factor * tier.longSeconds) / period, 6), false)}`);
    }
    return {
      title: `Document the alert's tiers in SLO '${slo.name}' (${showTiers(tiers.map((t) => t.tier))})`,
      edits: [{ start: slo.alertsStart, end: slo.alertsEnd, newText: lines.join(`\n${pad}`) }],
      isPreferred: true,
    };
  }

  /** The comparison of a runbook document with the alerts it names, or undefined when not compared. */
  private comparisonOf(info: RunbookAlertInfo): { tiers: Array<{ tier: AlertTier; ref: AlertRef }>; cmp: Comparison } | undefined {
    if (!info.slo) return undefined;
    const tiers = this.collectTiers(info);
    if (!tiers.length) return undefined;
    const cmp = compare(tiers, info.slo);
    if (!cmp.missing.length && !cmp.extra.length && !cmp.budget) return undefined;
    return { tiers, cmp };
  }

  /**
   * The graph findings of one file (rule file: AL000–AL002, AL004; runbook: AL003–AL005), with the
   * codes' default severities unless a finding says otherwise. `related` entries carry 1-based lines.
   */
  findingsFor(file: string): GraphFinding[] {
    const rf = this.ruleFiles.get(file);
    if (rf) return this.ruleFileFindings(rf);
    const rbs = this.runbooks.get(file);
    if (!rbs) return [];
    const out: GraphFinding[] = [];
    const hasRules = this.hasRuleFiles();
    for (const r of rbs) {
      const info = r.info;
      if (!hasRules) continue;
      if (info.alert) {
        const found = this.alertsOf(info);
        if (!found.length) {
          const sel = this.derive().selectors.get(info);
          const names = [...this.derive().alertsByName.keys()];
          const n = sel && names.length ? nearest(sel.name, names) : undefined;
          const near = n && n.distance <= Math.max(2, Math.floor(sel!.name.length / 3)) ? n.best : undefined;
          const exists = sel && this.derive().alertsByName.has(sel.name);
          out.push({
            code: 'AL003',
            message: exists
              ? `No alerting rule '${sel!.name}' has the labels ${info.alert.value.slice(info.alert.value.indexOf('{'))}; fix the matchers or the rule's labels.`
              : `signal.alert '${info.alert.value}' names no alerting rule in the workspace${near ? `; nearest alert: '${near}'` : ''}. Fix the name or add the rule.`,
            start: info.alert.start,
            end: info.alert.end,
          });
        }
        const c = this.comparisonOf(info);
        if (c && info.slo) {
          const first = c.tiers[0]!.ref;
          const anchor = c.cmp.extra[0] ?? { start: info.slo.alertsStart, end: info.slo.alertsEnd };
          const budget = c.cmp.budget
            ? ` The alert's error budget is ${formatPercent(c.cmp.budget.budget)}; objective ${info.slo.objective} % gives ${formatPercent(c.cmp.budget.expected)}.`
            : '';
          const fix = this.runbookFix(info, c.tiers);
          out.push({
            code: 'AL004',
            message: `Burn-rate tiers disagree with alert '${first.rule.name}' (${this.paths.get(first.file) ?? first.file}:${first.rule.line}): it fires at ${showTiers(c.tiers.map((t) => t.tier))}; SLO '${info.slo.name}' documents ${showTiers(info.slo.tiers)}.${budget} Apply the quick fix to document the alert's tiers, or change the alert.`,
            start: anchor.start,
            end: anchor.end,
            ...(fix ? { fixes: [fix] } : {}),
            related: [{ file: first.file, start: first.rule.start, end: first.rule.end, line: first.rule.line - 1, character: first.rule.character, message: `alert '${first.rule.name}'` }],
          });
        }
      }
      if (!this.linksTo(info.name).length) {
        out.push({
          code: 'AL005',
          message: `No alert links to runbook '${info.name}' (no runbook_url resolves to it); link it from the alert that pages for it, or retire it.`,
          start: info.start,
          end: info.end,
        });
      }
    }
    return out;
  }

  private ruleFileFindings(rf: RuleFile): GraphFinding[] {
    const out: GraphFinding[] = rf.problems.map((p) => ({ ...p }));
    const d = this.derive();
    const anyRunbook = d.runbookByName.size > 0;
    let suggestions = MAX_SUGGESTIONS;
    for (const rule of rf.alerts) {
      const link = this.linkOf(rule, suggestions > 0);
      if (link && link.url !== undefined && !link.runbook && rule.runbookUrl) {
        suggestions--;
        out.push({
          code: 'AL002',
          message: anyRunbook
            ? `runbook_url resolves to no runbook: built '${link.url}'${link.nearest ? `; nearest runbook: '${link.nearest}'` : ''}. Point it at a runbook (alerts.runbookUrl, a relative path or a repository URL).`
            : `runbook_url resolves to no runbook: built '${link.url}', and the workspace has no runbook. Add the runbook.`,
          start: rule.runbookUrl.start,
          end: rule.runbookUrl.end,
        });
      }
      if (!rule.tiers.length || !rule.expr) continue;
      for (const rb of this.runbooksNaming(rule)) {
        const c = this.comparisonOf(rb.info);
        if (!c || !rb.info.slo) continue;
        const mine = c.cmp.missing.some((m) => m.ref.rule === rule) || c.cmp.extra.length > 0 || c.cmp.budget?.ref.rule === rule;
        if (!mine) continue;
        const budget = c.cmp.budget?.ref.rule === rule
          ? ` Its error budget ${formatPercent(c.cmp.budget.budget)} differs from 1 − objective (${rb.info.slo.objective} % → ${formatPercent(c.cmp.budget.expected)}).`
          : '';
        const related: RelatedInformation = {
          file: rb.file,
          start: rb.info.slo.alertsStart,
          end: rb.info.slo.alertsStart + 1,
          line: rb.info.slo.alertsLine,
          character: rb.info.slo.alertsColumn,
          message: `runbook '${rb.info.name}', SLO '${rb.info.slo.name}'`,
        };
        out.push({
          code: 'AL004',
          message: `Burn-rate tiers disagree with runbook '${rb.info.name}' (${rb.path}, SLO '${rb.info.slo.name}'): this alert fires at ${showTiers(rule.tiers)}; the runbook documents ${showTiers(rb.info.slo.tiers)}.${budget} Fix the alert, or apply the runbook's quick fix.`,
          start: rule.expr.start,
          end: rule.expr.end,
          related: [related],
        });
      }
    }
    return out;
  }

  /** The coverage graph as JSON (spec §8). Files are shown by their repository paths. */
  toJSON(): AlertGraphJson {
    const json: AlertGraphJson = { alerts: [], runbooks: [], orphans: [], unresolved: [], mismatches: [] };
    let suggestions = MAX_SUGGESTIONS;
    const files = [...this.ruleFiles.keys()].sort();
    for (const file of files) {
      const rf = this.ruleFiles.get(file)!;
      const shown = this.paths.get(file) ?? file;
      for (const rule of rf.alerts) {
        const link = this.linkOf(rule, suggestions > 0);
        if (link && link.url !== undefined && !link.runbook) suggestions--;
        json.alerts.push({
          name: rule.name,
          file: shown,
          line: rule.line,
          runbookUrl: rule.runbookUrl?.value ?? null,
          runbook: link?.runbook?.info.name ?? null,
          tiers: rule.tiers.map(tierJson),
        });
        if (link && link.url !== undefined && !link.runbook && rule.runbookUrl) {
          json.unresolved.push({ alert: rule.name, file: shown, line: rule.line, runbookUrl: rule.runbookUrl.value, url: link.url, nearest: link.nearest ?? null });
        }
        if (!rule.tiers.length) continue;
        for (const rb of this.runbooksNaming(rule)) {
          const c = this.comparisonOf(rb.info);
          if (!c || !rb.info.slo) continue;
          json.mismatches.push({
            alert: rule.name,
            file: shown,
            line: rule.line,
            runbook: rb.info.name,
            runbookFile: rb.path,
            slo: rb.info.slo.name,
            alertTiers: rule.tiers.map(tierJson),
            runbookTiers: rb.info.slo.tiers.map((t) => ({ longWindow: t.longWindow, shortWindow: t.shortWindow, burnRate: t.burnRate ?? null })),
          });
        }
      }
    }
    const rbFiles = [...this.runbooks.keys()].sort();
    for (const file of rbFiles) {
      for (const r of this.runbooks.get(file)!) {
        const alerts = [...new Set(this.linksTo(r.info.name).map((a) => a.rule.name))];
        json.runbooks.push({ name: r.info.name, file: r.path, alerts });
        if (!alerts.length) json.orphans.push(r.info.name);
      }
    }
    return json;
  }
}

function lastSegment(url: string): string {
  let s = url;
  for (const c of ['#', '?']) {
    const i = s.indexOf(c);
    if (i >= 0) s = s.slice(0, i);
  }
  while (s.endsWith('/')) s = s.slice(0, -1);
  let seg = s.slice(s.lastIndexOf('/') + 1);
  for (const ext of ['.runbook.yaml', '.runbook.yml', '.yaml', '.yml', '.md', '.html']) if (seg.toLowerCase().endsWith(ext)) seg = seg.slice(0, -ext.length);
  return seg;
}

function normalizeRepoPath(p: string): string {
  let s = p.replace(/\\/g, '/');
  while (s.startsWith('./')) s = s.slice(2);
  return s;
}

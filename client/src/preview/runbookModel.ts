/**
 * The runbook preview as a "triage card" model: what the on-call engineer reads at 3 a.m., in the
 * order they need it. Pure: no vscode, no DOM. Tolerant of half-written runbooks (everything optional;
 * the language server reports what is missing).
 *
 * The file is read by the core's `parseRunbookFile` (the linter's parse: same documents, size and
 * binary guards, alias limit, duplicate keys), and SLO alert tiers are read and checked with the
 * core's SLO arithmetic and RB005's own readers, so the card never disagrees with the diagnostics.
 */
import { parseRunbookFile } from '../../../server/src/core/runbook/parse';
import { BUDGET_TOLERANCE, parseBudgetConsumed } from '../../../server/src/core/runbook/rules/burn-rate';
import { computeBurnRateTable, parseDuration, type TierSpec } from '../../../server/src/core/slo/index';

export type Surface = 'data' | 'model' | 'serving';
const SURFACES: readonly Surface[] = ['data', 'model', 'serving'];

/** One step of the triage order. */
export interface TriageStep {
  surface: Surface;
  /** Why this surface comes at this point of the order. */
  note: string;
  likely: boolean;
}

export interface DiagnosticStep {
  /** 1-based step number. */
  step: number;
  /** True for the first three diagnostics (the triage queries). */
  triage: boolean;
  question: string;
  why?: string;
  language?: string;
  dialect?: string;
  query?: string;
  check?: string;
  /** Only http(s) dashboard links survive; anything else is shown as text. */
  dashboard?: { href?: string; text: string };
  decides?: string;
}

export interface SloAlertRow {
  severity: string;
  longWindow: string;
  shortWindow: string;
  burnRate?: number;
  /** As written in the runbook (e.g. `2%`), if any. */
  budgetConsumedDeclared?: string;
  /** Computed with the core SLO module: burnRate × longWindow ÷ period. */
  budgetConsumed?: number;
  errorRateThreshold?: number;
  timeToExhaustion?: string;
  /** Problems the preview can see (the language server reports the authoritative RB005). */
  warnings: string[];
}

export interface SloCard {
  name: string;
  objective?: number;
  period?: string;
  sli?: string;
  alerts: SloAlertRow[];
}

export interface RunbookCard {
  /** 0-based index of the YAML document in the file. */
  index: number;
  name?: string;
  title: string;
  service?: string;
  lastReviewed?: string;
  tags: string[];
  owners: { team?: string; escalation?: string; model?: string };
  severity: { default?: string; escalations: Array<{ to: string; when: string }> };
  signal: { summary?: string; alert?: string; slo?: string };
  surface: { likely?: Surface; alternatives: Surface[]; rationale?: string; triageOrder: TriageStep[] };
  diagnostics: DiagnosticStep[];
  rollback: { criterion?: string; actions: string[] };
  mitigations: Array<{ action: string; reversible?: boolean }>;
  falsePages: Array<{ pattern: string; check?: string }>;
  slos: SloCard[];
  references: Array<{ href?: string; text: string }>;
  /** The alerts whose `runbook_url` links this runbook (from the language server's alert graph; absent when unknown). */
  pagedBy?: Array<{ alert: string; file: string; line: number }>;
}

export interface RunbookPreviewModel {
  kind: 'runbook';
  cards: RunbookCard[];
  /** Set when the file cannot be read as YAML at all (the cards may still be partial). */
  error?: string;
}

type Rec = Record<string, unknown>;
const rec = (x: unknown): Rec => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Rec) : {});
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const str = (x: unknown): string | undefined => {
  if (typeof x === 'string') return x.trim() === '' ? undefined : x;
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  if (x instanceof Date) return x.toISOString().slice(0, 10);
  return undefined;
};
const surface = (x: unknown): Surface | undefined => {
  const s = typeof x === 'string' ? x.trim().toLowerCase() : '';
  return (SURFACES as readonly string[]).includes(s) ? (s as Surface) : undefined;
};

/** An http(s) URL, or undefined: the only links the preview makes clickable. */
export function safeHttpUrl(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const t = s.trim();
  return /^https?:\/\/[^\s"'<>`]+$/i.test(t) ? t : undefined;
}

const NOTES: Record<Surface, string> = {
  serving: 'Request path: error rate, latency, saturation, recent deploys and config of the serving stack.',
  data: 'Inputs changed: schema, freshness, null rates and feature distributions against the reference window.',
  model: 'Inputs fine, predictions worse: model version, quality on slices, prediction distribution.',
};

/**
 * The triage order: rule out serving first (it is the cheapest to check and the most urgent), then
 * data versus model, the likely one first.
 *
 * @example
 * triageOrder('data', ['model']).map((s) => s.surface) // ['serving', 'data', 'model']
 */
export function triageOrder(likely: Surface | undefined, alternatives: Surface[]): TriageStep[] {
  const rest: Surface[] = [];
  if (likely && likely !== 'serving') rest.push(likely);
  for (const a of alternatives) if (a !== 'serving' && !rest.includes(a)) rest.push(a);
  for (const s of ['data', 'model'] as const) if (!rest.includes(s)) rest.push(s);
  const order: Surface[] = ['serving', ...rest];
  return order.map((s, i) => ({
    surface: s,
    likely: s === likely,
    note: (s === 'serving' ? (likely === 'serving' ? 'Likely surface, and first anyway. ' : 'Rule out first. ') : i === 1 ? 'Then: ' : 'Then rule out: ') + NOTES[s],
  }));
}

/** A duration as RB005 reads it: a string the core parses to more than zero seconds. */
const durationOf = (x: unknown): number | undefined => {
  const v = typeof x === 'string' ? parseDuration(x) : undefined;
  return v && v > 0 ? v : undefined;
};

function sloCard(x: unknown): SloCard | undefined {
  const s = rec(x);
  const name = str(s.name);
  if (!name && !s.objective && !s.alerts) return undefined;
  // Read as the schema and RB005 read them: a number objective, a duration period, a number burn rate.
  const objective = typeof s.objective === 'number' && Number.isFinite(s.objective) ? s.objective : undefined;
  const period = str(s.period);
  const periodSec = durationOf(s.period);
  const alerts: SloAlertRow[] = [];
  for (const a of list(s.alerts)) {
    const r = rec(a);
    const row: SloAlertRow = {
      severity: str(r.severity) ?? '',
      longWindow: str(r.longWindow) ?? '',
      shortWindow: str(r.shortWindow) ?? '',
      warnings: [],
    };
    const burnRate = typeof r.burnRate === 'number' && Number.isFinite(r.burnRate) && r.burnRate > 0 ? r.burnRate : undefined;
    if (burnRate !== undefined) row.burnRate = burnRate;
    const declared = r.budgetConsumed !== undefined && r.budgetConsumed !== null ? String(r.budgetConsumed) : undefined;
    if (declared !== undefined) row.budgetConsumedDeclared = declared;
    const long = durationOf(r.longWindow);
    const short = durationOf(r.shortWindow);
    // burnRate × longWindow ÷ period: the share RB005 expects.
    const expected = periodSec && long && burnRate !== undefined ? (burnRate * long) / periodSec : undefined;
    if (objective !== undefined && objective > 0 && objective < 100 && period && expected !== undefined) {
      // The core computes from the budget share; derive it from the declared burn rate so the table
      // shows this runbook's numbers (threshold, exhaustion) as the core computes them.
      const tier: TierSpec = {
        severity: row.severity === 'ticket' ? 'ticket' : 'page',
        longWindow: row.longWindow,
        shortWindow: short ? row.shortWindow : row.longWindow,
        budgetConsumed: expected,
      };
      if (tier.budgetConsumed > 0 && tier.budgetConsumed <= 1) {
        const t = computeBurnRateTable(objective, period, [tier]);
        const c = t.tiers[0];
        if (c) {
          row.budgetConsumed = c.budgetConsumed;
          row.errorRateThreshold = c.errorRateThreshold;
          row.timeToExhaustion = c.timeToExhaustion;
          if (c.errorRateThreshold > 1) row.warnings.push('Can never fire: the threshold is above a 100 % error rate.');
        }
      } else {
        row.warnings.push('Burns more than the whole budget within the long window.');
      }
    }
    const declaredShare = parseBudgetConsumed(r.budgetConsumed);
    if (declaredShare !== undefined && expected !== undefined && Math.abs(declaredShare - expected) > BUDGET_TOLERANCE * expected) {
      row.warnings.push(`Declared budget ${declared} disagrees with the burn rate (computed ${round(expected * 100)} %).`);
    }
    if (long && short && short >= long) row.warnings.push('The short window must be shorter than the long window.');
    alerts.push(row);
  }
  return { name: name ?? '(unnamed SLO)', ...(objective !== undefined ? { objective } : {}), ...(period ? { period } : {}), ...(str(s.sli) ? { sli: str(s.sli)! } : {}), alerts };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function card(value: unknown, index: number): RunbookCard {
  const v = rec(value);
  const md = rec(v.metadata);
  const owners = rec(md.owners);
  const sev = rec(v.severity);
  const sig = rec(v.signal);
  const sur = rec(v.surface);
  const rb = rec(v.rollback);
  const likely = surface(sur.likely);
  const alternatives = list(sur.alternatives).map(surface).filter((s): s is Surface => !!s);
  const diagnostics: DiagnosticStep[] = list(v.diagnostics).map((d, i) => {
    const r = rec(d);
    const q = rec(r.query);
    const dash = str(r.dashboard);
    const step: DiagnosticStep = { step: i + 1, triage: i < 3, question: str(r.question) ?? '(no question)' };
    if (str(r.why)) step.why = str(r.why)!;
    if (str(q.language)) step.language = str(q.language)!;
    if (str(q.dialect)) step.dialect = str(q.dialect)!;
    if (typeof q.text === 'string') step.query = q.text.trimEnd();
    if (str(r.check)) step.check = str(r.check)!;
    if (dash) {
      const href = safeHttpUrl(dash);
      step.dashboard = href ? { href, text: dash } : { text: dash };
    }
    if (str(r.decides)) step.decides = str(r.decides)!;
    return step;
  });
  return {
    index,
    ...(str(md.name) ? { name: str(md.name)! } : {}),
    title: str(md.title) ?? str(md.name) ?? `Runbook ${index + 1}`,
    ...(str(md.service) ? { service: str(md.service)! } : {}),
    ...(str(md.lastReviewed) ? { lastReviewed: str(md.lastReviewed)! } : {}),
    tags: list(md.tags).map(str).filter((s): s is string => !!s),
    owners: {
      ...(str(owners.team) ? { team: str(owners.team)! } : {}),
      ...(str(owners.escalation) ? { escalation: str(owners.escalation)! } : {}),
      ...(str(owners.model) ? { model: str(owners.model)! } : {}),
    },
    severity: {
      ...(str(sev.default) ? { default: str(sev.default)! } : {}),
      escalations: list(sev.escalations).map((e) => ({ to: str(rec(e).to) ?? '?', when: str(rec(e).when) ?? '' })),
    },
    signal: {
      ...(str(sig.summary) ? { summary: str(sig.summary)! } : {}),
      ...(str(sig.alert) ? { alert: str(sig.alert)! } : {}),
      ...(str(sig.slo) ? { slo: str(sig.slo)! } : {}),
    },
    surface: {
      ...(likely ? { likely } : {}),
      alternatives,
      ...(str(sur.rationale) ? { rationale: str(sur.rationale)! } : {}),
      triageOrder: triageOrder(likely, alternatives),
    },
    diagnostics,
    rollback: { ...(str(rb.criterion) ? { criterion: str(rb.criterion)! } : {}), actions: list(rb.actions).map(str).filter((s): s is string => !!s) },
    mitigations: list(v.mitigations)
      .map((m) => {
        const r = rec(m);
        const action = str(r.action) ?? str(m);
        if (!action) return undefined;
        return typeof r.reversible === 'boolean' ? { action, reversible: r.reversible } : { action };
      })
      .filter((m): m is { action: string; reversible?: boolean } => !!m),
    falsePages: list(v.falsePages)
      .map((f) => {
        const r = rec(f);
        const pattern = str(r.pattern) ?? str(f);
        if (!pattern) return undefined;
        return str(r.check) ? { pattern, check: str(r.check)! } : { pattern };
      })
      .filter((f): f is { pattern: string; check?: string } => !!f),
    slos: list(v.slos).map(sloCard).filter((s): s is SloCard => !!s),
    references: list(v.references)
      .map(str)
      .filter((s): s is string => !!s)
      .map((s) => {
        const href = safeHttpUrl(s);
        return href ? { href, text: s } : { text: s };
      }),
  };
}

/**
 * Builds the triage cards of every runbook document in a file. Never throws.
 *
 * @example
 * buildRunbookModel('apiVersion: ml-runbooks/v1\nkind: Runbook\nmetadata: { title: Drift alert }\n').cards[0].title // 'Drift alert'
 */
export function buildRunbookModel(text: string): RunbookPreviewModel {
  try {
    const parsed = parseRunbookFile(text);
    if (parsed.fatal) return { kind: 'runbook', cards: [], error: parsed.fatal.message };
    const cards: RunbookCard[] = [];
    let error: string | undefined;
    for (const d of parsed.docs) {
      const problem = d.unusable?.message ?? (d.doc.errors[0] ? `YAML error: ${d.doc.errors[0].message.split('\n')[0]}` : undefined);
      if (problem && !error) error = problem;
      const value = d.value;
      if (value === null || value === undefined) continue;
      const v = rec(value);
      if (v.kind !== undefined && v.kind !== 'Runbook') continue;
      cards.push(card(value, d.index));
    }
    return error ? { kind: 'runbook', cards, error } : { kind: 'runbook', cards };
  } catch (e) {
    return { kind: 'runbook', cards: [], error: `The file could not be read: ${(e as Error).message}` };
  }
}

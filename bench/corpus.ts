/**
 * Seeded, deterministic benchmark corpus in the product's formats: runbooks (YAML, several
 * `---`-separated runbook documents per file once a file grows past one runbook) and post-mortems
 * (Markdown with front matter) of about 100, 1,000 and 10,000 lines, each valid and with about 20
 * injected errors, plus a workspace of 2,000 mixed files. The same seed always yields the same bytes.
 *
 * Usage: node --import tsx bench/corpus.ts [--seed N] [--out DIR]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Bumped whenever the generator's output changes, so results name the corpus they were measured on. */
export const CORPUS_VERSION = 3;
export const DEFAULT_SEED = 20261125;
export const SIZES = [100, 1000, 10000] as const;
export type Size = (typeof SIZES)[number];
export const WORKSPACE_FILES = 2000;

/** mulberry32: small, fast, good enough for test data, and identical on every platform. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

const SERVICES = ['fraud-scorer', 'search-ranker', 'churn-model', 'ads-ctr', 'recsys-feed', 'eta-predictor', 'llm-gateway', 'embeddings-api', 'pricing-model', 'spam-filter'];
const TEAMS = ['ml-platform', 'ranking', 'trust-safety', 'growth-ml', 'serving-infra', 'data-eng'];
const CHANNELS = ['#ml-oncall', '#ranking-oncall', 'pagerduty:ml-serving', '#ts-oncall', 'rota:growth-ml'];
const SIGNALS = [
  { slug: 'drift-alert', title: 'Drift alert', alert: 'FeatureDriftHigh', surface: 'data', alt: ['model'], summary: 'A monitoring job reports input-feature or prediction drift above threshold' },
  { slug: 'p99-latency', title: 'p99 latency spike', alert: 'InferenceLatencyP99High', surface: 'serving', alt: ['model'], summary: 'The p99 inference latency is above the objective for five minutes' },
  { slug: 'prompt-injection', title: 'Prompt-injection attempt', alert: 'PromptInjectionRateHigh', surface: 'model', alt: ['serving', 'data'], summary: 'The guardrail classifier flags more prompt-injection attempts than usual' },
  { slug: 'quality-drop', title: 'Prediction quality drop', alert: 'PredictionQualityLow', surface: 'model', alt: ['data'], summary: 'Online precision on labelled traffic fell below the quality objective' },
  { slug: 'error-rate', title: 'Inference error rate', alert: 'InferenceErrorRateHigh', surface: 'serving', alt: [], summary: 'The share of failed inference requests is burning the availability budget' },
  { slug: 'stale-features', title: 'Stale features', alert: 'FeatureFreshnessLow', surface: 'data', alt: ['serving'], summary: 'Online features are older than the freshness objective' },
] as const;
const QUESTIONS = [
  'Did the detector itself change?',
  'Is the serving path healthy (errors, saturation, timeouts)?',
  'Did a feature pipeline run fail or skip?',
  'Did a model version roll out in the last day?',
  'Is the drift concentrated on one slice or feature?',
  'Are upstream event volumes normal?',
  'Did the reference window move?',
  'Is the feature store lagging the stream?',
  'Did label delay change the quality estimate?',
  'Is one replica or zone responsible?',
  'Did traffic shift between models in the experiment?',
  'Are retries amplifying the load?',
];
const WHY = [
  'A notable fraction of drift pages are the detector drifting not the data',
  'Rule out serving first because it is the cheapest to fix and the most visible',
  'Skipped pipeline runs leave stale features that look like drift',
  'A new model version is the usual suspect when quality moves without input drift',
  'Slice-level drift points at one upstream producer rather than the model',
  'Volume drops upstream change the feature distribution downstream',
  'A moved reference window raises every drift score at once',
  'Lagging features degrade predictions gradually and page late',
];
const PROMQL = [
  'changes(drift_detector_config_version[24h]) > 0',
  'sum(rate(http_requests_total{service="SVC",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="SVC"}[5m]))',
  'histogram_quantile(0.99, sum by (le) (rate(inference_latency_seconds_bucket{service="SVC"}[5m])))',
  'max by (feature) (feature_drift_psi{service="SVC"}) > 0.2',
  'time() - max(feature_pipeline_last_success_timestamp_seconds{pipeline="SVC"})',
  'sum by (model_version) (rate(predictions_total{service="SVC"}[10m]))',
  'avg_over_time(model_precision{service="SVC"}[1h]) < 0.92',
];
const LOGQL = [
  'sum by (level) (count_over_time({app="SVC"} |= "error" [5m]))',
  '{app="SVC", component="pipeline"} |= "schema" | logfmt | level="error"',
  'rate({app="SVC"} |~ "timeout|deadline" [1m])',
];
const SQL = [
  ['SELECT date_trunc(\'hour\', ts) AS hour, avg(score) AS mean_score', 'FROM predictions', 'WHERE service = \'SVC\' AND ts > now() - INTERVAL \'1 day\'', 'GROUP BY 1', 'ORDER BY 1'],
  ['SELECT feature, count(*) AS null_count', 'FROM feature_log', 'WHERE value IS NULL AND ts > now() - INTERVAL \'6 hours\'', 'GROUP BY feature', 'ORDER BY null_count DESC', 'LIMIT 20'],
  ['SELECT model_version, count(*) AS n, avg(CASE WHEN label = prediction THEN 1 ELSE 0 END) AS accuracy', 'FROM labelled_predictions', 'WHERE ts > now() - INTERVAL \'2 days\'', 'GROUP BY model_version'],
];
const SHELL = ['kubectl -n SVC get pods -o wide', 'kubectl -n SVC rollout history deploy/SVC', 'gsutil ls gs://feature-snapshots/SVC/ | tail -5'];
const WORDS = 'the a model feature pipeline drift alert serving replica latency budget window label slice store stream batch rollout canary detector threshold request queue cache index shard quota schema event volume upstream downstream traffic precision recall score reference baseline metric dashboard owner rota escalation mitigation rollback guardrail gate promotion experiment cohort region zone node pod job run snapshot version release config flag'.split(' ');

const pad2 = (n: number) => String(n).padStart(2, '0');

function sentence(r: Rng, min = 8, max = 16): string {
  const n = r.int(min, max);
  const ws: string[] = [];
  for (let i = 0; i < n; i++) ws.push(r.pick(WORDS));
  const s = ws.join(' ');
  return s[0]!.toUpperCase() + s.slice(1) + '.';
}

// ---------------------------------------------------------------------------------------------
// Runbooks
// ---------------------------------------------------------------------------------------------

/** Kinds of injected runbook errors; each maps to the rule that must report it. */
const RB_DIAG_MUTS = ['todo', 'badPromql', 'badSql', 'badLanguage', 'unknownKey', 'exampleHost'] as const; // per diagnostic
const RB_ALERT_MUTS = ['badBudget', 'shortWindow'] as const; // per SLO alert
const RB_DOC_MUTS = ['badSurface', 'missingSlo', 'dupQuestion', 'missingEscalation', 'badSeverity', 'noReversible', 'twoDiagnostics', 'badName', 'badObjective', 'yamlSyntax'] as const; // per document
type RbMut = { kind: string; index: number };

interface RunbookPlan {
  lines: number; // approximate length wanted
  nDiag: number;
  muts: RbMut[];
}

/** Rule each mutation should trigger (for the corpus manifest; the bench only counts findings). */
export const MUTATION_RULE: Record<string, string> = {
  todo: 'RB003', badPromql: 'RB004', badSql: 'RB004', badLanguage: 'RB001', unknownKey: 'RB001', exampleHost: 'RB003',
  badBudget: 'RB005', shortWindow: 'RB005', badSurface: 'RB001', missingSlo: 'RB009', dupQuestion: 'RB010',
  missingEscalation: 'RB001', badSeverity: 'RB001', noReversible: 'RB008', twoDiagnostics: 'RB002', badName: 'RB001',
  badObjective: 'RB001', yamlSyntax: 'RB000',
  blame: 'PM008', timelineOrder: 'PM009', timelineStamp: 'PM009', actionOwner: 'PM007', missingSection: 'PM002',
  twoSurfaces: 'PM003', badFrontMatter: 'PM001', gapMismatch: 'PM006', emptyModelField: 'PM005', sloAnswer: 'PM004',
};

const ALERT_TIERS = [
  { severity: 'page', longWindow: '1h', shortWindow: '5m', burnRate: '14.4', budgetConsumed: '2%' },
  { severity: 'page', longWindow: '6h', shortWindow: '30m', burnRate: '6', budgetConsumed: '5%' },
  { severity: 'ticket', longWindow: '3d', shortWindow: '6h', burnRate: '1', budgetConsumed: '10%' },
];

function runbookDoc(r: Rng, id: number, plan: RunbookPlan): string {
  const has = (kind: string, index = 0) => plan.muts.some((m) => m.kind === kind && m.index === index);
  const svc = r.pick(SERVICES);
  const sig = r.pick(SIGNALS);
  const team = r.pick(TEAMS);
  const sloName = `${svc}-${sig.slug === 'p99-latency' ? 'latency' : 'quality'}`;
  const L: string[] = [];
  L.push('apiVersion: ml-runbooks/v1', 'kind: Runbook', 'metadata:');
  L.push(has('badName') ? `  name: ${svc.replace(/-/g, '_').toUpperCase()}_${id}` : `  name: ${svc}-${sig.slug}-${id}`);
  L.push(`  title: ${sig.title} on ${svc}`, `  service: ${svc}`, '  owners:', `    team: ${team}`);
  if (!has('missingEscalation')) L.push(`    escalation: "${r.pick(CHANNELS)}"`);
  L.push(`  lastReviewed: 2026-${pad2(r.int(9, 11))}-${pad2(r.int(1, 20))}`, `  tags: [${sig.slug.split('-')[0]}, ${svc.split('-')[0]}]`);
  L.push('signal:', `  summary: ${sig.summary}`, `  alert: ${sig.alert}`, `  slo: ${has('missingSlo') ? 'no-such-slo' : sloName}`);
  L.push('surface:', `  likely: ${has('badSurface') ? 'network' : sig.surface}`);
  if (sig.alt.length) L.push(`  alternatives: [${sig.alt.join(', ')}]`);
  L.push(`  rationale: ${r.pick(WHY)}`);
  L.push('severity:', `  default: ${has('badSeverity') ? 'SEV4' : r.pick(['SEV2', 'SEV3', 'SEV3'])}`, '  escalations:', '    - to: SEV2', '      when: Quality SLO breached on a slice');
  L.push('diagnostics:');
  const nDiag = has('twoDiagnostics') ? 2 : plan.nDiag;
  const qs = r.shuffle([...QUESTIONS]);
  for (let d = 0; d < nDiag; d++) {
    const question = has('dupQuestion') && d === 1 ? qs[0]! : qs[d % qs.length]!;
    L.push(`  - question: ${question}`);
    // A YAML syntax error as a typist leaves one: a colon-space inside a plain scalar.
    if (has('syntaxHere', d)) L.push('    why: the detector: changed');
    else L.push(`    why: ${has('todo', d) ? 'TODO explain why this question comes first' : r.pick(WHY)}`);
    if (has('unknownKey', d)) L.push('    owner: alice');
    const lang = has('badPromql', d) ? 'promql' : has('badSql', d) ? 'sql' : has('badLanguage', d) ? 'graphql' : r.pick(['promql', 'promql', 'logql', 'sql', 'text', 'shell']);
    if (lang === 'text' && !has('badLanguage', d)) {
      L.push(`    check: ${r.pick(['Look at the monitoring change log', 'Ask the feature-store on-call whether a backfill is running', 'Compare the canary and the baseline dashboards'])}`);
    } else {
      L.push('    query:', `      language: ${lang}`);
      if (lang === 'sql') L.push('      dialect: postgresql');
      L.push('      text: |');
      if (has('badPromql', d)) L.push(`        sum(rate(http_requests_total{service="${svc}"}[5m])`);
      else if (has('badSql', d)) L.push('        SELEC avg(score) FROM predictions WHERE ts >');
      else if (lang === 'promql' || lang === 'graphql') L.push(`        ${r.pick(PROMQL).replace(/SVC/g, svc)}`);
      else if (lang === 'logql') L.push(`        ${r.pick(LOGQL).replace(/SVC/g, svc)}`);
      else if (lang === 'shell') L.push(`        ${r.pick(SHELL).replace(/SVC/g, svc)}`);
      else for (const line of r.pick(SQL)) L.push(`        ${line.replace(/SVC/g, svc)}`);
    }
    L.push(`    dashboard: ${has('exampleHost', d) ? 'https://grafana.example.com/d/drift' : `https://grafana.internal/d/${svc}-${d}`}`);
    L.push(`    decides: ${r.pick(['Re-baselined reference window -> false page', 'Errors above 1 % -> serving surface, page serving on-call', 'Skipped run -> data surface, rerun the pipeline', 'New version -> model surface, roll back'])}`);
  }
  L.push('rollback:', `  criterion: If the cause is the latest ${r.pick(['model rollout', 'feature pipeline change', 'config change'])}, roll it back first`);
  const noRev = has('noReversible');
  L.push(noRev ? '  actions: []' : '  actions:');
  if (!noRev) L.push(`    - Roll back ${svc} to the previous model version`);
  L.push('mitigations:', '  - action: Raise the replica floor', `    reversible: ${noRev ? 'false' : 'true'}`);
  L.push('falsePages:', '  - pattern: The monitor moved, not the system', '    check: Check the monitoring change log before the data');
  L.push('slos:', `  - name: ${sloName}`, `    objective: ${has('badObjective') ? '100' : '99.9'}`, '    period: 30d', '    sli: Fraction of requests meeting the quality threshold', '    alerts:');
  ALERT_TIERS.forEach((t, i) => {
    L.push(`      - severity: ${t.severity}`, `        longWindow: ${t.longWindow}`, `        shortWindow: ${has('shortWindow', i) ? '2h' : t.shortWindow}`, `        burnRate: ${t.burnRate}`, `        budgetConsumed: ${has('badBudget', i) ? '7%' : t.budgetConsumed}`);
  });
  L.push('references:', '  - https://sre.google/workbook/alerting-on-slos/');
  // Grow to the planned length with the parts real runbooks grow by: more false pages, more
  // mitigations, more references (inserted before `slos:` so the document stays well-formed).
  const extra: string[] = [];
  const want = plan.lines - L.length;
  let k = 0;
  while (extra.length < want) {
    const kind = k++ % 3;
    if (kind === 0) extra.push('  - pattern: ' + sentence(r, 5, 9).replace(/\.$/, ''), '    check: ' + sentence(r, 6, 12).replace(/\.$/, ''));
    else if (kind === 1) extra.push('  - pattern: A stale dashboard panel shows ' + r.pick(WORDS) + ' ' + r.pick(WORDS), '    check: Reload the panel with a fresh time range');
    else extra.push('  - pattern: The ' + r.pick(WORDS) + ' ' + r.pick(WORDS) + ' job retried', '    check: ' + sentence(r, 5, 10).replace(/\.$/, ''));
  }
  const at = L.indexOf('slos:');
  L.splice(at, 0, ...extra);
  return L.join('\n');
}

/** Builds a runbook file of about `lines` lines with `errors` injected errors. */
export function runbookFile(r: Rng, lines: number, errors: number, idBase: number): { text: string; injected: string[] } {
  const plans: RunbookPlan[] = [];
  let total = 0;
  while (total < lines - 20) {
    const remaining = lines - total;
    const len = remaining < 200 ? Math.max(70, remaining - (plans.length ? 1 : 0)) : r.int(90, 160);
    plans.push({ lines: len, nDiag: 3, muts: [] });
    total += len + 1;
  }
  // Candidate mutation slots across the file; 20 distinct ones are drawn, at most one query
  // mutation per diagnostic and at most one YAML syntax error per file.
  const slots: Array<{ doc: number; m: RbMut }> = [];
  plans.forEach((_, doc) => {
    for (let d = 0; d < 3; d++) for (const kind of RB_DIAG_MUTS) slots.push({ doc, m: { kind, index: d } });
    for (let a = 0; a < 3; a++) for (const kind of RB_ALERT_MUTS) slots.push({ doc, m: { kind, index: a } });
    for (const kind of RB_DOC_MUTS) slots.push({ doc, m: { kind, index: 0 } });
  });
  r.shuffle(slots);
  const injected: string[] = [];
  const queryKinds = new Set(['badPromql', 'badSql', 'badLanguage']);
  let syntax = false;
  for (const s of slots) {
    if (injected.length >= errors) break;
    const p = plans[s.doc]!;
    if (queryKinds.has(s.m.kind) && p.muts.some((m) => queryKinds.has(m.kind) && m.index === s.m.index)) continue;
    if (s.m.kind === 'yamlSyntax') {
      if (syntax) continue;
      syntax = true;
      p.muts.push({ kind: 'syntaxHere', index: r.int(0, 2) });
    }
    // twoDiagnostics drops the third diagnostic: keep mutations off it.
    if (s.m.kind === 'twoDiagnostics' && p.muts.some((m) => RB_DIAG_MUTS.includes(m.kind as never) && m.index === 2)) continue;
    if (p.muts.some((m) => m.kind === 'twoDiagnostics') && RB_DIAG_MUTS.includes(s.m.kind as never) && s.m.index === 2) continue;
    if (s.m.kind === 'dupQuestion' && p.muts.some((m) => m.kind === 'twoDiagnostics')) continue;
    p.muts.push(s.m);
    injected.push(`${MUTATION_RULE[s.m.kind]}:${s.m.kind}`);
  }
  const docs = plans.map((p, i) => runbookDoc(r, idBase + i, p));
  return { text: docs.join('\n---\n') + '\n', injected };
}

// ---------------------------------------------------------------------------------------------
// Post-mortems
// ---------------------------------------------------------------------------------------------

const PM_DOC_MUTS = ['missingSection', 'twoSurfaces', 'badFrontMatter', 'gapMismatch', 'emptyModelField', 'sloAnswer'] as const;
const BLAME = ['This was human error by the on-call engineer', 'It was Dave\'s fault for merging late', 'The reviewer was careless with the schema change', 'The author should have known the feature was shared', 'The release manager was negligent'];

function isoAt(base: number, seconds: number): string {
  const d = new Date(base + seconds * 1000);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}Z`;
}

/** Builds a post-mortem of about `lines` lines with `errors` injected errors. */
export function postmortemFile(r: Rng, lines: number, errors: number): { text: string; injected: string[] } {
  const svc = r.pick(SERVICES);
  const day = r.int(1, 20);
  const base = Date.UTC(2026, 10, day, 9, 14, 0);
  const detectedS = 108 * 60; // 1h48m
  const resolvedS = 196 * 60;
  // Budget of lines: ~45 % timeline rows, ~35 % narrative, ~20 % action items and state rows.
  const body = Math.max(0, lines - 75);
  const nRows = Math.max(8, Math.round(body * 0.45));
  const nParas = Math.max(4, Math.round((body * 0.35) / 4));
  const nActions = Math.max(3, Math.round(body * 0.2));
  // Draw mutations over slots.
  const slots: Array<{ kind: string; index: number }> = [];
  for (let i = 2; i < nRows - 1; i++) slots.push({ kind: 'timelineOrder', index: i }, { kind: 'timelineStamp', index: i });
  for (let i = 0; i < nParas; i++) slots.push({ kind: 'blame', index: i });
  for (let i = 0; i < nActions; i++) slots.push({ kind: 'actionOwner', index: i });
  for (const kind of PM_DOC_MUTS) slots.push({ kind, index: 0 });
  r.shuffle(slots);
  const muts: Array<{ kind: string; index: number }> = [];
  for (const s of slots) {
    if (muts.length >= errors) break;
    if (s.kind.startsWith('timeline') && muts.some((m) => m.kind.startsWith('timeline') && Math.abs(m.index - s.index) < 2)) continue;
    muts.push(s);
  }
  const has = (kind: string, index = 0) => muts.some((m) => m.kind === kind && m.index === index);
  const L: string[] = [];
  L.push('---', 'kind: postmortem', `title: ${svc} degraded after a feature-pipeline schema change`, `severity: ${has('badFrontMatter') ? 'SEV5' : r.pick(['SEV1', 'SEV2'])}`, 'status: review');
  L.push(`incidentStart: ${isoAt(base, 0).replace(/:00Z$/, 'Z')}`, `detected: ${isoAt(base, detectedS).replace(/:00Z$/, 'Z')}`, `resolved: ${isoAt(base, resolvedS).replace(/:00Z$/, 'Z')}`, '---', '');
  L.push(`# ${svc} degraded after a feature-pipeline schema change`, '');
  // Narrative paragraphs are spread over Summary, Impact and Root cause.
  let para = 0;
  const paragraphs = (count: number) => {
    for (let i = 0; i < count; i++, para++) {
      const first = has('blame', para) ? `${r.pick(BLAME)}.` : sentence(r);
      L.push(first, sentence(r), sentence(r), '');
    }
  };
  const third = Math.max(1, Math.floor(nParas / 3));
  L.push('## Summary', '');
  paragraphs(third);
  L.push('## Impact', '', `- ${r.int(2, 30)} % of scored transactions used stale features for ${r.int(40, 190)} minutes.`, '');
  paragraphs(third);
  L.push('## Timeline', '', '| Time | Type | Event |', '|---|---|---|');
  const types = ['deploy', 'pipeline', 'metric', 'other', 'mitigation'];
  for (let i = 0; i < nRows; i++) {
    let t = Math.round((i / (nRows - 1)) * resolvedS);
    let type = i === 0 ? 'deploy' : r.pick(types);
    let event = sentence(r, 5, 10).replace(/\.$/, '');
    if (i === Math.round((detectedS / resolvedS) * (nRows - 1))) {
      t = detectedS;
      type = 'alert';
      event = 'FeatureDriftHigh paged the on-call';
    }
    let stamp = isoAt(base, t);
    if (has('timelineOrder', i)) stamp = isoAt(base, Math.max(0, t - 3600));
    if (has('timelineStamp', i)) stamp = stamp.replace(/T(\d\d):/, 'T$1h').replace(/Z$/, 'x');
    L.push(`| ${stamp} | ${type} | ${event} |`);
  }
  L.push('');
  if (!has('missingSection')) {
    L.push('## Detection gap', '');
    L.push(`Detection gap: ${has('gapMismatch') ? '45m' : '1h48m'} (from the first bad pipeline run to the page).`, '');
  }
  L.push('## Root cause', '');
  paragraphs(nParas - 2 * third);
  L.push('## Surface attribution', '', '- [x] Data issue', `- [${has('twoSurfaces') ? 'x' : ' '}] Model issue`, '- [ ] Serving issue', '', 'The inputs changed; the model and the request path were healthy.', '');
  L.push('## Drift/quality context', '', '- Drift type: data (covariate)', `- Quality SLO breached? ${has('sloAnswer') ? 'maybe' : 'Y'}`, '- Which slices? card-not-present transactions in two regions', '- Reference window? the trailing 28 days before the schema change', '');
  L.push('## Model and data state', '', `- Model version: ${svc} v${r.int(10, 99)}`, `- Last model deploy: ${isoAt(base, -86400).replace(/:00Z$/, 'Z')}`, `- Feature pipeline run: ${has('emptyModelField') ? '' : `${isoAt(base, -600).replace(/:00Z$/, 'Z')} (run ${r.int(1000, 9999)}, failed schema check)`}`, '- Training data window: 2026-08-01 → 2026-10-31', '- Reference data window: rolling 28 days', '');
  L.push('## Action items', '');
  for (let i = 0; i < nActions; i++) {
    const what = i % 3 === 0 ? 'Add a schema-change monitor on the feature pipeline' : i % 3 === 1 ? 'Update the drift-alert runbook with the schema check' : 'Add a promotion gate on feature null rates';
    L.push(has('actionOwner', i) ? `- [ ] ${what} (${i})` : `- [ ] ${what} (${i}) — @${r.pick(['alice', 'bo', 'chen', 'dana'])}, due 2026-12-${pad2(r.int(1, 28))}, ML-${1000 + i}`);
  }
  L.push('');
  return { text: L.join('\n'), injected: muts.map((m) => `${MUTATION_RULE[m.kind]}:${m.kind}`) };
}

// ---------------------------------------------------------------------------------------------
// Workspace and files on disk
// ---------------------------------------------------------------------------------------------

function plainMarkdown(r: Rng): string {
  const L = [`# ${r.pick(['Team notes', 'On-call handbook', 'Design notes', 'Dashboards'])}`, ''];
  for (let i = 0; i < r.int(3, 12); i++) L.push(`## ${sentence(r, 2, 4).replace(/\.$/, '')}`, '', sentence(r), sentence(r), '', `- ${sentence(r, 4, 8)}`, `- ${sentence(r, 4, 8)}`, '');
  return L.join('\n');
}

function otherYaml(r: Rng, i: number): string {
  const svc = r.pick(SERVICES);
  return ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${svc}-${i}`, 'spec:', `  replicas: ${r.int(2, 12)}`, '  template:', '    spec:', '      containers:', `        - name: ${svc}`, `          image: registry.internal/${svc}:${r.int(1, 300)}`, ''].join('\n');
}

export interface CorpusFile {
  kind: 'runbook' | 'postmortem';
  size: Size;
  variant: 'valid' | 'errors';
  path: string;
  lines: number;
  injected: string[];
}

export interface Corpus {
  root: string;
  seed: number;
  files: CorpusFile[];
  workspace: { dir: string; files: number; runbooks: number; postmortems: number; markdown: number; otherYaml: number };
}

/** Generates the whole corpus into `root` (wiped first). Deterministic in `seed`. */
export function generateCorpus(root: string, seed = DEFAULT_SEED): Corpus {
  rmSync(root, { recursive: true, force: true });
  const files: CorpusFile[] = [];
  const write = (p: string, text: string) => {
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  };
  for (const size of SIZES) {
    for (const variant of ['valid', 'errors'] as const) {
      const errs = variant === 'errors' ? 20 : 0;
      // Names are unique across the whole corpus (RB009 checks the workspace): these ids never meet the workspace's.
      const rb = runbookFile(new Rng(seed ^ (size * 7 + (errs ? 1 : 0))), size, errs, 10_000_000 + size * 1000 + (errs ? 500 : 0));
      const rbPath = join(root, 'runbooks', `bench-${size}-${variant}.runbook.yaml`);
      write(rbPath, rb.text);
      files.push({ kind: 'runbook', size, variant, path: rbPath, lines: rb.text.split('\n').length - 1, injected: rb.injected });
      const pm = postmortemFile(new Rng(seed ^ (size * 13 + (errs ? 1 : 0))), size, errs);
      const pmPath = join(root, 'postmortems', `bench-${size}-${variant}.postmortem.md`);
      write(pmPath, pm.text);
      files.push({ kind: 'postmortem', size, variant, path: pmPath, lines: pm.text.split('\n').length - 1, injected: pm.injected });
    }
  }
  // Workspace: 2,000 files, 45 % runbooks, 35 % post-mortems, 12 % other Markdown, 8 % other YAML;
  // about a quarter of runbooks and post-mortems carry one to three errors.
  const r = new Rng(seed ^ 0x5eed);
  const ws = join(root, 'workspace');
  const counts = { runbooks: 0, postmortems: 0, markdown: 0, otherYaml: 0 };
  for (let i = 0; i < WORKSPACE_FILES; i++) {
    const team = TEAMS[i % TEAMS.length]!;
    const roll = r.next();
    if (roll < 0.45) {
      const f = runbookFile(r, r.int(60, 260), r.chance(0.25) ? r.int(1, 3) : 0, 100000 + i * 10);
      write(join(ws, 'teams', team, 'runbooks', `rb-${i}.runbook.yaml`), f.text);
      counts.runbooks++;
    } else if (roll < 0.8) {
      const f = postmortemFile(r, r.int(80, 320), r.chance(0.25) ? r.int(1, 3) : 0);
      write(join(ws, 'teams', team, 'postmortems', `2026-${pad2(1 + (i % 11))}-pm-${i}.postmortem.md`), f.text);
      counts.postmortems++;
    } else if (roll < 0.92) {
      write(join(ws, 'teams', team, 'docs', `notes-${i}.md`), plainMarkdown(r));
      counts.markdown++;
    } else {
      write(join(ws, 'deploy', team, `deploy-${i}.yaml`), otherYaml(r, i));
      counts.otherYaml++;
    }
  }
  const corpus: Corpus = { root, seed, files, workspace: { dir: ws, files: WORKSPACE_FILES, ...counts } };
  writeFileSync(join(root, 'manifest.json'), JSON.stringify({ version: CORPUS_VERSION, ...corpus }, null, 2));
  return corpus;
}

if (process.argv[1] && /corpus\.ts$/.test(process.argv[1])) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const out = arg('--out') ?? 'bench-results/corpus';
  const c = generateCorpus(out, Number(arg('--seed') ?? DEFAULT_SEED));
  for (const f of c.files) console.log(`${f.path}  ${f.lines} lines  ${f.injected.length} injected`);
  console.log(`workspace ${c.workspace.dir}: ${JSON.stringify(c.workspace)}`);
}

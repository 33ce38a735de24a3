/**
 * Turns benchmark results into the targets verdict, a console table and docs/benchmarks.md.
 * Ratios are the headline (medians of the same run); absolute times are context.
 */
import type { CliRun, EditSeries, Measure, Results } from './run';
import { ms, ratio } from './stats';
import { renderAlerts } from './alerts';
import { cacheSpeedup, renderCache } from './cache';

/** 1 MiB = 1.048576 MB (10^6 bytes): the targets speak of MB, /proc reports KiB. */
const MB_PER_MIB = 1.048576;

export interface Target {
  id: string;
  text: string;
  status: 'met' | 'not met' | 'not measured';
  detail: string;
}

const isSeries = (m: Measure | undefined): m is EditSeries => !!m && !('error' in m);
const errOf = (m: Measure | undefined) => (m && 'error' in m ? m.error : m ? '' : 'not run');
const VARIANTS = ['valid', 'errors'] as const;

function lsp(res: Results, kind: string, size: number, variant: string, id: string): EditSeries | undefined {
  const m = res.lsp[`${kind}:${size}:${variant}`]?.[id];
  return isSeries(m) ? m : undefined;
}
function inproc(res: Results, kind: string, size: number, variant: string, id: string): EditSeries | undefined {
  const m = res.inproc[`${kind}:${size}:${variant}`]?.[id];
  return isSeries(m) ? m : undefined;
}
const lines = (res: Results, kind: string, size: number, variant: string) => res.corpus.files.find((f) => f.kind === kind && f.size === size && f.variant === variant)?.lines ?? size;

/** Checks every target of the issue on what was measured; never claims a target that was not measured. */
export function evaluateTargets(res: Results): Target[] {
  const sizes = res.options.sizes;
  const out: Target[] = [];
  const verdict = (checks: Array<boolean | undefined>, missing: string[]): Target['status'] => {
    if (checks.some((c) => c === false)) return 'not met';
    if (!checks.length || checks.some((c) => c === undefined) || missing.length) return 'not measured';
    return 'met';
  };

  {
    const checks: Array<boolean | undefined> = [];
    const parts: string[] = [];
    const missing = [1000, 10000].filter((s) => !sizes.includes(s)).map((s) => `${s} lines not run`);
    for (const size of [1000, 10000].filter((s) => sizes.includes(s)))
      for (const v of VARIANTS) {
        const p = lsp(res, 'runbook', size, v, 'product');
        const f = lsp(res, 'runbook', size, v, 'floor');
        const r = p && f ? p.summary.median / f.summary.median : undefined;
        checks.push(r === undefined ? undefined : r <= 1.3);
        parts.push(`${size} ${v}: ${ratio(r)}`);
      }
    out.push({ id: 'T1', text: 'Runbook latency ≤ 1.3× the floor behind LSP at 1k and 10k lines (median)', status: verdict(checks, missing), detail: [...parts, ...missing].join('; ') });
  }
  {
    const checks: Array<boolean | undefined> = [];
    const parts: string[] = [];
    for (const v of VARIANTS) {
      const p = lsp(res, 'runbook', 100, v, 'product');
      const f = lsp(res, 'runbook', 100, v, 'floor');
      checks.push(p ? p.summary.median <= 5 : undefined);
      parts.push(`${v}: ${p ? ms(p.summary.median) + ' ms' : '—'} (floor behind LSP in the same run: ${f ? ms(f.summary.median) + ' ms' : '—'})`);
    }
    out.push({ id: 'T2', text: 'Runbook latency ≤ 5 ms median at 100 lines', status: verdict(checks, []), detail: parts.join('; ') });
  }
  {
    const checks: Array<boolean | undefined> = [];
    const parts: string[] = [];
    for (const size of sizes)
      for (const v of VARIANTS) {
        const p = lsp(res, 'runbook', size, v, 'product');
        const y = lsp(res, 'runbook', size, v, 'yls0');
        const speedup = p && y ? y.summary.median / p.summary.median : undefined;
        const need = size <= 1000 ? 1.5 : 1;
        checks.push(speedup === undefined ? undefined : size <= 1000 ? speedup >= need : speedup > need);
        parts.push(`${size} ${v}: ${ratio(speedup)} faster (need ${size <= 1000 ? '≥ 1.5×' : '> 1×'})`);
      }
    const missing = [10000].filter((s) => !sizes.includes(s)).map((s) => `${s} lines not run`);
    out.push({ id: 'T3', text: "Faster than yaml-language-server's real work (delay 0) at every size, by ≥ 1.5× at 100 and 1k lines", status: verdict(checks, missing), detail: [...parts, ...missing].join('; ') });
  }
  {
    const checks: Array<boolean | undefined> = [];
    const parts: string[] = [];
    for (const size of sizes)
      for (const v of VARIANTS) {
        const p = lsp(res, 'postmortem', size, v, 'product');
        const f = lsp(res, 'postmortem', size, v, 'floor');
        const r = p && f ? p.summary.median / f.summary.median : undefined;
        checks.push(r === undefined ? undefined : r <= 2);
        const pi = inproc(res, 'postmortem', size, v, 'product');
        const mi = inproc(res, 'postmortem', size, v, 'markdownIt');
        const ml = inproc(res, 'postmortem', size, v, 'markdownlint');
        parts.push(`${size} ${v}: LSP ${ratio(r)} (in-process core ${ratio(pi && mi ? pi.summary.median / mi.summary.median : undefined)}, markdownlint ${ratio(ml && mi ? ml.summary.median / mi.summary.median : undefined)})`);
      }
    out.push({ id: 'T4', text: 'Post-mortem latency ≤ 2× the markdown-it parse floor (product over LSP ÷ markdown-it behind the same LSP transport)', status: verdict(checks, []), detail: parts.join('; ') });
  }
  {
    const p = res.cli.product;
    const m = res.cli.markdownlintCli2;
    const fps = p && !p.error ? p.filesPerSec : undefined;
    const rel = fps !== undefined && m && !m.error ? fps / m.filesPerSec : undefined;
    const checks = [fps === undefined ? undefined : fps >= 1000, rel === undefined ? undefined : rel >= 10];
    out.push({ id: 'T5', text: `CLI ≥ 1,000 files/s on the ${res.corpus.workspace.files}-file workspace (${res.machine.cores} cores), ≥ 10× markdownlint-cli2`, status: verdict(checks, []), detail: `${fps === undefined ? '—' : fps.toFixed(0)} files/s; ${ratio(rel)} markdownlint-cli2's files/s${floorNote(res)}${res.cli.scope && res.cli.scope !== 'whole workspace' ? ` (quick run: ${res.cli.scope} only)` : ''}${p?.error ? `; CLI: ${p.error}` : ''}` });
  }
  {
    let diff: number | undefined;
    let detail = '10k lines not run';
    if (sizes.includes(10000)) {
      const mem = (id: string) => Math.max(...VARIANTS.map((v) => lsp(res, 'runbook', 10000, v, id)?.memory?.rssMiB ?? NaN));
      const p = mem('product');
      const f = mem('floor');
      diff = Number.isFinite(p) && Number.isFinite(f) ? p - f : undefined;
      detail = `product ${Number.isFinite(p) ? p.toFixed(0) : '—'} MiB, floor ${Number.isFinite(f) ? f.toFixed(0) : '—'} MiB, difference ${diff === undefined ? '—' : `${diff.toFixed(1)} MiB = ${(diff * MB_PER_MIB).toFixed(1)} MB`}`;
    }
    out.push({ id: 'T6', text: "Server RSS at 10k lines within 30 MB of the floor server's (median RSS over the measured edits, the larger of the two 10k-line runbooks)", status: verdict([diff === undefined ? undefined : diff * MB_PER_MIB <= 30], []), detail });
  }
  {
    const c = res.cold.product;
    const med = c?.summary?.median;
    out.push({ id: 'T7', text: 'Cold start ≤ 400 ms: server spawn → initialize → didOpen of a 1k-line runbook → first diagnostics (proxy for client activation)', status: verdict([med === undefined ? undefined : med <= 400], []), detail: med === undefined ? c?.error ?? 'not run' : `median ${ms(med)} ms (p95 ${ms(c!.summary!.p95)} ms)${res.cold.floor?.summary ? `; floor behind LSP in the same run: median ${ms(res.cold.floor.summary.median)} ms` : ''}` });
  }
  if (res.sqlTyping) {
    const checks: Array<boolean | undefined> = [];
    const parts: string[] = [];
    for (const v of VARIANTS) {
      const row = res.sqlTyping[`runbook:1000:${v}`];
      const p = isSeries(row?.product) ? row.product : undefined;
      const f = isSeries(row?.floor) ? row.floor : undefined;
      const r = p && f ? p.summary.median / f.summary.median : undefined;
      checks.push(r === undefined ? undefined : r <= 1);
      parts.push(`${v}: ${ratio(r)} (${p ? ms(p.summary.median) : '—'} ms vs ${f ? ms(f.summary.median) : '—'} ms)`);
    }
    out.push({ id: 'T10', text: 'Typing into a SQL query (block scalar) in the middle of a 1,000-line runbook ≤ 1.0× the floor behind the same LSP transport (median)', status: verdict(checks, []), detail: parts.join('; ') });
  }
  if (res.alerts) {
    const a = res.alerts;
    const g = a.graph?.median;
    const l = a.lint?.median;
    const r = a.recheck?.median;
    const checks = [g === undefined ? undefined : g < 2000, l === undefined ? undefined : l < 2000, r === undefined ? undefined : r < 20];
    out.push({
      id: 'T8',
      text: `Alert graph (${a.rules} rules in ${a.ruleFiles} files, ${a.runbooks} runbooks): graph and lint < 2 s cold; an edit to one rule file re-checks in < 20 ms`,
      status: verdict(checks, []),
      detail: a.error ?? `graph ${ms(g)} ms, lint ${ms(l)} ms, re-check ${ms(r)} ms (medians)`,
    });
  }
  if (res.cache) {
    const c = res.cache;
    const x = cacheSpeedup(c);
    out.push({
      id: 'T9',
      text: `\`lint --cache\`, second run on the unchanged ${c.workspaceFiles}-file workspace ≥ 10× faster than the cold run, identical findings`,
      status: verdict([x === undefined ? undefined : x >= 10, c.identical], []),
      detail: c.error ?? `cold ${ms(c.cold?.median)} ms, warm ${ms(c.warm?.median)} ms: ${ratio(x)} (content strategy ${ms(c.warmContent?.median)} ms: ${ratio(c.cold && c.warmContent ? c.cold.median / c.warmContent.median : undefined)}); output ${c.identical ? 'identical' : 'different'} (medians of ${c.runs})`,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

function table(head: string[], rows: string[][], numeric = true): string {
  return [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 || !numeric ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

let fullN = 0;
const cell = (s: EditSeries | undefined, m?: Measure) => (s ? `${ms(s.summary.median)} / ${ms(s.summary.p95)}${s.summary.n < fullN ? ` (n=${s.summary.n})` : ''}` : m && 'error' in m ? 'n/a¹' : '—');

function runbookLspTable(res: Results): string {
  const rows: string[][] = [];
  for (const size of res.options.sizes)
    for (const v of VARIANTS) {
      const k = `runbook:${size}:${v}`;
      const get = (id: string) => lsp(res, 'runbook', size, v, id);
      const p = get('product');
      const f = get('floor');
      const y0 = get('yls0');
      const y = get('yls');
      rows.push([
        `${lines(res, 'runbook', size, v)} lines, ${v}`,
        cell(p, res.lsp[k]?.product),
        cell(f, res.lsp[k]?.floor),
        cell(y0, res.lsp[k]?.yls0),
        cell(y, res.lsp[k]?.yls),
        ratio(p && f ? p.summary.median / f.summary.median : undefined),
        ratio(p && y0 ? y0.summary.median / p.summary.median : undefined),
        p ? String(p.lastCount) : '—',
        f ? String(f.lastCount) : '—',
        y0 ? String(y0.lastCount) : '—',
      ]);
    }
  return table(['runbook', 'ml-runbooks ms (median / p95)', 'floor behind LSP', 'yaml-language-server, delay 0', 'yaml-language-server as shipped', 'ml-runbooks ÷ floor', 'yls delay 0 ÷ ml-runbooks', 'diags (ours)', 'diags (floor)', 'diags (yls)'], rows);
}

function sqlTypingTable(res: Results): string {
  const rows: string[][] = [];
  for (const v of VARIANTS) {
    const row = res.sqlTyping?.[`runbook:1000:${v}`];
    const p = isSeries(row?.product) ? row.product : undefined;
    const f = isSeries(row?.floor) ? row.floor : undefined;
    rows.push([`${lines(res, 'runbook', 1000, v)} lines, ${v}`, cell(p, row?.product), cell(f, row?.floor), ratio(p && f ? p.summary.median / f.summary.median : undefined), p ? String(p.lastCount) : '—', f ? String(f.lastCount) : '—']);
  }
  return table(['typing into a SQL query', 'ml-runbooks ms (median / p95)', 'floor behind LSP', 'ml-runbooks ÷ floor', 'diags (ours)', 'diags (floor)'], rows);
}

function runbookInprocTable(res: Results): string {
  const rows: string[][] = [];
  for (const size of res.options.sizes)
    for (const v of VARIANTS) {
      const k = `runbook:${size}:${v}`;
      const f = inproc(res, 'runbook', size, v, 'floor');
      const p = inproc(res, 'runbook', size, v, 'product');
      rows.push([`${lines(res, 'runbook', size, v)} lines, ${v}`, cell(f, res.inproc[k]?.floor), cell(p, res.inproc[k]?.product), ratio(p && f ? p.summary.median / f.summary.median : undefined), p ? String(p.lastCount) : '—']);
    }
  return table(['runbook (in process)', 'floor: yaml + ajv + ranges', 'ml-runbooks core lint()', 'core ÷ floor', 'findings'], rows);
}

function postmortemTable(res: Results): string {
  const rows: string[][] = [];
  for (const size of res.options.sizes)
    for (const v of VARIANTS) {
      const k = `postmortem:${size}:${v}`;
      const p = lsp(res, 'postmortem', size, v, 'product');
      const f = lsp(res, 'postmortem', size, v, 'floor');
      const mi = inproc(res, 'postmortem', size, v, 'markdownIt');
      const ml = inproc(res, 'postmortem', size, v, 'markdownlint');
      const pc = inproc(res, 'postmortem', size, v, 'product');
      rows.push([
        `${lines(res, 'postmortem', size, v)} lines, ${v}`,
        cell(p, res.lsp[k]?.product),
        cell(f, res.lsp[k]?.floor),
        ratio(p && f ? p.summary.median / f.summary.median : undefined),
        cell(mi, res.inproc[k]?.markdownIt),
        cell(pc, res.inproc[k]?.product),
        cell(ml, res.inproc[k]?.markdownlint),
        ratio(pc && mi ? pc.summary.median / mi.summary.median : undefined),
        ratio(ml && mi ? ml.summary.median / mi.summary.median : undefined),
        p ? String(p.lastCount) : '—',
      ]);
    }
  return table(['post-mortem', 'ml-runbooks LSP ms (median / p95)', 'markdown-it behind LSP', 'LSP ÷ floor', 'markdown-it parse (in process)', 'ml-runbooks core (in process)', 'markdownlint library', 'core ÷ markdown-it', 'markdownlint ÷ markdown-it', 'diags (ours)'], rows);
}

function memoryTable(res: Results): string {
  const rows: string[][] = [];
  for (const size of res.options.sizes)
    for (const v of VARIANTS) {
      const m = (id: string) => {
        const s = lsp(res, 'runbook', size, v, id);
        return s?.memory ? `${s.memory.rssMiB.toFixed(0)} (peak ${s.memory.hwmMiB.toFixed(0)})` : '—';
      };
      rows.push([`${lines(res, 'runbook', size, v)}-line runbook, ${v}`, m('product'), m('floor'), m('yls0'), m('yls')]);
    }
  return table(['server RSS while editing, MiB (median VmRSS, peak VmHWM)', 'ml-runbooks', 'floor behind LSP', 'yaml-language-server, delay 0', 'yaml-language-server as shipped'], rows);
}

/** The one-thread comparison with the CLI floor, for T5's detail. */
function floorNote(res: Results): string {
  const one = res.cli.productOneThread;
  const fl = res.cli.floor;
  if (!one || one.error || !fl || fl.error) return '';
  const all = res.cli.floorThreads;
  const bound = all && !all.error ? `; the floor on ${res.machine.cores} threads reaches ${all.filesPerSec.toFixed(0)} files/s${all.filesPerSec < 1000 ? ', so 1,000 files/s is beyond what these parsers allow on this machine' : ''}` : '';
  return `; on one thread ${one.filesPerSec.toFixed(0)} files/s, where the parse floor alone (yaml + ajv / markdown-it, one thread) reaches ${fl.filesPerSec.toFixed(0)} files/s: the product takes ${ratio(fl.filesPerSec / one.filesPerSec)} the floor's time${bound}`;
}

function coldTable(res: Results): string {
  const names: Record<string, string> = { product: 'ml-runbooks', floor: 'floor behind LSP', yls0: 'yaml-language-server, delay 0', yls: 'yaml-language-server as shipped' };
  const rows = Object.entries(res.cold).map(([id, c]) => [names[id] ?? id, c.summary ? ms(c.summary.median) : 'n/a¹', c.summary ? ms(c.summary.p95) : '—', c.summary ? String(c.diagnostics) : c.error ?? '']);
  return table(['cold start, 1k-line runbook', 'median ms', 'p95 ms', 'diagnostics'], rows);
}

function cliTable(res: Results): string {
  const s = res.cli.singleFile;
  const n = res.cli.nodeStartup;
  const med = (xs: number[] | undefined) => (xs && xs.length ? [...xs].sort((a, b) => a - b)[xs.length >> 1] : undefined);
  const row = (label: string, r: CliRun | undefined) => [label, r ? String(r.files) : '—', !r || r.error ? 'n/a¹' : ms(med(r.runs)), !r || r.error ? '—' : r.filesPerSec.toFixed(0)];
  const ws = `<workspace${res.cli.scope && res.cli.scope !== 'whole workspace' ? `: ${res.cli.scope}` : ''}>`;
  const rows = [
    row(`ml-runbooks lint ${ws} --format json`, res.cli.product),
    row(`ml-runbooks lint ${ws} --format json --concurrency off (one thread)`, res.cli.productOneThread),
    row('floor: yaml + ajv + ranges / markdown-it parse of the same files (one thread)', res.cli.floor),
    ...(res.cli.floorThreads ? [row(`floor: the same on ${res.machine.cores} threads`, res.cli.floorThreads)] : []),
    row('markdownlint-cli2 "**/*.md" (its Markdown files)', res.cli.markdownlintCli2),
    ['ml-runbooks lint <one 1k-line runbook> (whole process)', '1', s?.error ? 'n/a¹' : ms(s?.summary.median), '—'],
    ['node -e 0 (start-up floor)', '—', ms(n?.summary.median), '—'],
  ];
  return table(['command line', 'files', 'median ms', 'files/s'], rows);
}

function targetsTable(targets: Target[]): string {
  return table(['', 'target', 'result', 'measured'], targets.map((t) => [t.id, t.text, t.status === 'met' ? '**met**' : t.status === 'not met' ? '**not met**' : 'not measured', t.detail]), false);
}

function errors(res: Results): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (where: string, e: string) => {
    // Error texts may carry absolute paths or file URIs: keep them relative to the project.
    const line = `${where}: ${e.replace(/(?:file:\/\/)?\/[^\s'"`]*?\/(bench-results|dist|node_modules|schemas|bench)\//g, '$1/')}`;
    if (e && !seen.has(line)) {
      seen.add(line);
      out.push(line);
    }
  };
  for (const [k, row] of Object.entries(res.lsp)) for (const [id, m] of Object.entries(row)) if (m && 'error' in m) add(`${id} ${k}`, errOf(m));
  for (const [k, row] of Object.entries(res.sqlTyping ?? {})) for (const [id, m] of Object.entries(row)) if (m && 'error' in m) add(`${id} (typing into SQL) ${k}`, errOf(m));
  for (const [k, row] of Object.entries(res.inproc)) for (const [id, m] of Object.entries(row)) if (m && 'error' in m) add(`${id} (in process) ${k}`, errOf(m));
  for (const [id, c] of Object.entries(res.cold)) if (c.error) add(`cold ${id}`, c.error);
  if (res.cli.product?.error) add('CLI', res.cli.product.error);
  if (res.cli.productOneThread?.error) add('CLI one thread', res.cli.productOneThread.error);
  if (res.cli.floor?.error) add('CLI floor', res.cli.floor.error);
  if (res.cli.markdownlintCli2?.error) add('markdownlint-cli2', res.cli.markdownlintCli2.error);
  if (res.cli.singleFile?.error) add('CLI one file', res.cli.singleFile.error);
  return out;
}

export function renderConsole(res: Results, targets: Target[]): string {
  fullN = res.options.edits;
  const parts = [
    `ml-runbooks benchmark — ${res.date} — ${res.machine.cpu}, ${res.machine.cores} cores, node ${res.versions.node}${res.options.quick ? ' — QUICK' : ''}`,
    '',
    runbookLspTable(res),
    '',
    ...(res.sqlTyping ? [sqlTypingTable(res), ''] : []),
    runbookInprocTable(res),
    '',
    postmortemTable(res),
    '',
    memoryTable(res),
    '',
    coldTable(res),
    '',
    cliTable(res),
    '',
    ...(res.alerts ? [renderAlerts(res.alerts), ''] : []),
    ...(res.cache ? [renderCache(res.cache), ''] : []),
    targetsTable(targets),
  ];
  const errs = errors(res);
  if (errs.length) parts.push('', '¹ not measured:', ...errs.map((e) => `  - ${e}`));
  if (res.notes.length) parts.push('', ...res.notes.map((n) => `note: ${n}`));
  return parts.join('\n');
}

/** Markers around the cache table in docs/benchmarks.md: `--only cache` replaces what lies between them. */
const CACHE_BEGIN = '<!-- bench:cache -->';
const CACHE_END = '<!-- /bench:cache -->';

/**
 * docs/benchmarks.md after a run of the cache section alone: the cache table (between its markers, or
 * before the command-line notes the first time) and the T9 row of the targets table are replaced; the
 * rest of the page, from the last full run, stays.
 */
export function spliceCache(doc: string, res: Results, targets: Target[]): string {
  const when = `Measured by \`npm run bench -- --only cache\` on ${res.date} (load average at start ${res.machine.loadavg.map((x) => x.toFixed(2)).join(' ')}), apart from the rest of this page.`;
  const table = `${CACHE_BEGIN}\n${renderCache(res.cache)}\n\n${when}\n${CACHE_END}`;
  const a = doc.indexOf(CACHE_BEGIN);
  const b = doc.indexOf(CACHE_END);
  let out: string;
  if (a >= 0 && b > a) out = doc.slice(0, a) + table + doc.slice(b + CACHE_END.length);
  else {
    const at = doc.indexOf('\nfiles/s = files reported');
    out = at >= 0 ? `${doc.slice(0, at)}\n${table}\n${doc.slice(at)}` : `${doc.trimEnd()}\n\n${table}\n`;
  }
  const t = targets.find((x) => x.id === 'T9');
  if (!t) return out;
  const row = targetsTable([t]).split('\n').pop()!;
  const lines = out.split('\n');
  const i = lines.findIndex((l) => l.startsWith('| T9 |'));
  if (i >= 0) lines[i] = row;
  else {
    let last = -1;
    lines.forEach((l, j) => {
      if (/^\| T\d+ \|/.test(l)) last = j;
    });
    if (last >= 0) lines.splice(last + 1, 0, row);
  }
  return lines.join('\n');
}

/**
 * docs/benchmarks.md from a full run. `notes` (bench/notes.md: what the profiles show about the targets
 * not met, written by hand) goes under the targets table, so a new run keeps it.
 */
export function renderMarkdown(res: Results, targets: Target[], notes?: string): string {
  fullN = res.options.edits;
  const o = res.options;
  const errs = errors(res);
  const v = res.versions;
  return `# Benchmarks

Generated by \`npm run bench${o.quick ? ' -- --quick' : ''}\` on ${res.date.slice(0, 10)} (${res.date}). Every number below comes from the same run:
the product, its peers and the floor were measured back to back on the same machine, so compare the
**ratios**; absolute times move with the machine's load (these machines are shared and noisy).

## Machine and versions

- CPU: ${res.machine.cpu}, ${res.machine.cores} cores; memory ${res.machine.memoryGiB.toFixed(1)} GiB; ${res.machine.platform}; load average at start ${res.machine.loadavg.map((x) => x.toFixed(2)).join(' ')}
- Builds: the product as packaged (\`ML_RUNBOOKS_MINIFY=1 node esbuild.mjs\`: minified bundles), the floor bundled and minified the same way.
- Node ${v.node}; ml-runbooks ${v['ml-runbooks']}; yaml-language-server ${v['yaml-language-server']}; markdownlint ${v.markdownlint}; markdownlint-cli2 ${v['markdownlint-cli2']}; markdown-it ${v['markdown-it']}; yaml ${v.yaml}; ajv ${v.ajv}; vscode-languageserver ${v['vscode-languageserver']}
- Corpus: generated from seed ${res.corpus.seed} (generator version ${res.corpus.version}) into \`bench-results/corpus/\` (ignored by git); runbooks and post-mortems of about ${o.sizes.join(', ')} lines, each valid and with about 20 injected errors; a workspace of ${res.corpus.workspace.files} files (${res.corpus.workspace.runbooks} runbooks, ${res.corpus.workspace.postmortems} post-mortems, ${res.corpus.workspace.markdown} other Markdown, ${res.corpus.workspace.otherYaml} other YAML).
- Editing: the servers start in a workspace holding the corpus (so ours indexes the workspace's runbooks in a background process, as in a real repository) and the first edit waits until every server is idle (at most 2 clock ticks of CPU over 500 ms, child processes included, read from \`/proc\`), so start-up work is measured by the cold start, not by the first file's keystrokes; then warm-up edits (V8 optimises code after many calls: about ${o.warmupLines.toLocaleString('en-US')} lines re-checked, so ${Math.min(100, Math.max(o.warmupMin, Math.ceil(o.warmupLines / 100)))} at 100 lines and ${o.warmupMin} from ${Math.ceil(o.warmupLines / o.warmupMin).toLocaleString('en-US')} lines up), then ${o.edits} measured one-character edits per file (a typist typing a sentence into a value in the middle of the file), ${o.gapMs} ms idle between edits (not counted); "(n=…)" marks the slow peers measured on fewer edits (markdownlint on the larger post-mortems, yaml-language-server as shipped at 10k lines). The measured programs take turns on every edit, so a burst of load on the shared machine hits all of them alike. Latency is \`didChange\` sent → \`publishDiagnostics\` for that version received, measured by the benchmark's LSP client over stdio.

## Targets

${targetsTable(targets)}
${notes?.trim() ? `\n${notes.trim()}\n` : ''}
## Runbooks: keystroke → diagnostics over LSP

${runbookLspTable(res)}
${res.sqlTyping ? `\n${sqlTypingTable(res)}\n\nTyping into a query: the same method, on fresh servers (the product and the floor), but the typist appends a\ncondition (\` AND score > 0.5 AND region = 'eu-west' …\`) to the \`WHERE\` line of the SQL block scalar (\`text: |\`)\nnearest the middle of each 1,000-line runbook; most prefixes of it do not parse, as while typing, so the\nproduct re-checks that query on every keystroke (RB004) while the floor re-parses the YAML and re-validates\nthe schema.\n` : ''}
Times in ms, median / p95. "floor behind LSP" is \`bench/floor-server.ts\`: a minimal vscode-languageserver
server that on each change runs only \`yaml\` parseAllDocuments, the compiled ajv validator of
\`schemas/runbook.schema.json\` and the error → range mapping, and publishes the result — the same transport
and document sync as ours, with the least work a schema-aware checker can do. yaml-language-server gets the
same schema through its \`yaml.schemas\` setting (answered via \`workspace/configuration\`; schema store and
Kubernetes CRD store off). "As shipped" includes its 200 ms validation debounce. "Delay 0" removes the
debounce to show its real work: the delay is a constant (\`validationDelayMs = 200\` in
\`out/src/yamlSettings.js\`), not a setting, so \`bench/yls-no-delay.mjs\` registers a Node module-load hook
that rewrites it to 0 in memory when the server starts (the installed package is untouched; the hook fails
loudly if the constant is not found).

${runbookInprocTable(res)}

## Post-mortems: keystroke → diagnostics

${postmortemTable(res)}

The floor is one markdown-it parse of the text. "behind LSP" runs it in the floor server (same transport as
ours); "in process" times the library call alone, as for the markdownlint library (\`lint({ strings })\`
per edit) and the product's core \`lint()\`.

## Memory

${memoryTable(res)}

RSS is read from \`/proc/<pid>/status\` after each measured edit's diagnostics arrive (outside the timed
span); the table gives the median of those samples (VmRSS) and the peak so far (VmHWM). One reading would
mostly tell when the garbage collector last ran; the median is what the server holds while a file is
being edited. Every server goes through the same files in the same order.

## Cold start

${coldTable(res)}

Spawn → \`initialize\` → \`initialized\` → \`didOpen\` of the 1,000-line runbook with errors → first
diagnostics, ${o.coldRuns} fresh processes per server, the servers taking turns run by run. This is the proxy for "client activation to first
diagnostics": VS Code's own extension-host start-up is not included.

## Command line

${cliTable(res)}
${res.alerts ? `\n${renderAlerts(res.alerts)}\n` : ''}${res.cache ? `\n${CACHE_BEGIN}\n${renderCache(res.cache)}\n${CACHE_END}\n` : ''}
files/s = files reported ÷ median wall-clock time of the whole process (${o.cliRuns} run(s)). The
product lints the whole workspace; markdownlint-cli2 only reads the workspace's Markdown files, so its
files/s counts those. The floor (\`bench/floor-cli.ts\`) is one process that reads the files the product
linted and only parses them (runbooks: \`yaml\` + the compiled ajv validator + error ranges; post-mortems: one
markdown-it parse), on one thread: compare it with the product's one-thread row; in a full run, also the same work shared
round-robin between as many threads as the machine has cores (main thread and workers, each with its own
copy of the libraries), which is the bound for the product's default run. It bounds what any checker built
on these libraries can reach on this machine. On 1 or 2 cores the product's default (\`--concurrency auto\`) is one
thread: a worker thread loads the bundle and warms up its own JIT, about 35 % more CPU in all for the same files, which
on 2 cores shared with other work made the two-thread run slower than the one-thread run.
${errs.length ? `\n¹ Not measured in this run:\n\n${errs.map((e) => `- ${e}`).join('\n')}\n` : ''}${res.notes.length ? `\n${res.notes.map((n) => `> ${n}`).join('\n')}\n` : ''}
## Reproduce

\`\`\`
npm run bench              # full run (sizes 100, 1k, 10k), writes docs/benchmarks.md
npm run bench -- --quick   # 100 and 1k lines, fewer edits, under two minutes; writes bench-results/benchmarks-quick.md
npm run bench -- --profile # also records CPU profiles of the product server in bench-results/profiles/
\`\`\`

Other options: \`--edits N\`, \`--gap MS\`, \`--seed N\`, \`--only inproc,lsp,sql,cold,cli,alerts,cache\` (\`--only cache\` alone
updates only the lint-cache table and its target on this page),
\`--servers product,floor,yls,yls0\`, \`--out FILE\`, \`--no-build\`. Raw numbers go to
\`bench-results/results.json\`. \`node --import tsx bench/profile-summary.ts <file.cpuprofile>\` lists the
hottest functions of a profile. The benchmark is not part of \`npm test\`; tests make no timing assertions.
`;
}

/**
 * `npm run bench`: the product measured against its peers and the floor in the same run, on a
 * generated, seeded corpus. Prints a table and writes docs/benchmarks.md (ratios first: the machines
 * are shared and noisy, so absolute times are context only).
 *
 * Options:
 *   --quick            100- and 1,000-line files, 20 measured edits, fewer repetitions (< 2 min);
 *                      writes bench-results/benchmarks-quick.md instead of docs/benchmarks.md
 *   --sizes LIST       comma list of file sizes in lines (default 100,1000,10000)
 *   --edits N          measured one-character edits per file (default 40; warm-up edits before them: 100 at
 *                      100 lines, 10 from 1,000 lines up; with --quick 20 at 100 lines, 5 from 1,000 up)
 *   --gap MS           idle gap between edits, not counted (default 30)
 *   --seed N           corpus seed (default 20261125)
 *   --only LIST        comma list of sections: inproc,lsp,sql,cold,cli,alerts,cache (default all; sql: typing
 *                      into a SQL query of the 1,000-line runbooks, product and floor over LSP); `--only cache`
 *                      alone updates only the cache table and target of docs/benchmarks.md; `--only hostile` runs the
 *                      hostile-input corpus (scripts/hostile-corpus.ts) alone through the CLI and writes
 *                      bench-results/hostile.md (time and peak memory per item; targets 2 s and 300 MB)
 *   --servers LIST     comma list of LSP servers: product,floor,yls,yls0 (default all)
 *   --profile          run the product server under --cpu-prof (profiles in bench-results/profiles/)
 *   --out FILE         where to write the Markdown report
 *   --no-build         do not rebuild dist/ first (by default it is built as packaged: ML_RUNBOOKS_MINIFY=1)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { corpusTable, generateHostileCorpus, runCorpusItem } from '../scripts/hostile-corpus';
import { cpus, totalmem, loadavg, platform, release } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';
import { CORPUS_VERSION, DEFAULT_SEED, generateCorpus } from './corpus';
import type { Corpus, CorpusFile } from './corpus';
import type * as Floor from './floor';
import { yamlEsmBuild } from '../scripts/yaml-esm-build.mjs';
import { LspClient, OpenDocument } from './lsp-client';
import type { ServerSpec } from './lsp-client';
import { cpuTicksOf, run, sleep } from './procs';
import { summarize } from './stats';
import type { Summary } from './stats';
import { renderMarkdown, renderConsole, evaluateTargets, spliceCache } from './report';
import { alertsSection, type AlertsResult } from './alerts';
import { cacheSection, type CacheResult } from './cache';

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

const argv = process.argv.slice(2);
const flag = (n: string) => argv.includes(n);
const opt = (n: string) => {
  const i = argv.indexOf(n);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = flag('--quick');
export interface Options {
  quick: boolean;
  sizes: number[];
  edits: number;
  /** Warm-up edits per file: enough that about this many lines have been re-checked, within [warmupMin, 100]. */
  warmupLines: number;
  warmupMin: number;
  gapMs: number;
  seed: number;
  coldRuns: number;
  cliRuns: number;
  singleFileRuns: number;
  only: Set<string>;
  servers: Set<string>;
  profile: boolean;
}
const options: Options = {
  quick,
  sizes: opt('--sizes') ? opt('--sizes')!.split(',').map(Number) : quick ? [100, 1000] : [100, 1000, 10000],
  edits: Number(opt('--edits') ?? (quick ? 20 : 40)),
  warmupLines: quick ? 2000 : 10000,
  warmupMin: quick ? 5 : 10,
  gapMs: Number(opt('--gap') ?? 30),
  seed: Number(opt('--seed') ?? DEFAULT_SEED),
  coldRuns: quick ? 2 : 7,
  cliRuns: quick ? 1 : 3,
  singleFileRuns: quick ? 3 : 15,
  only: new Set((opt('--only') ?? 'inproc,lsp,sql,cold,cli,alerts,cache').split(',')),
  servers: new Set((opt('--servers') ?? 'product,floor,yls,yls0').split(',')),
  profile: flag('--profile'),
};

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'bench-results');
const BUILD = join(OUT, 'build');
const SCHEMA = join(ROOT, 'schemas', 'runbook.schema.json');
const PRODUCT_SERVER = join(ROOT, 'dist', 'server.js');
const PRODUCT_CLI = join(ROOT, 'dist', 'cli.js');
const YLS_BIN = join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const MDL_CLI2 = join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const TYPED = 'because the reference window moved again and nobody noticed until the page ';
/** A fixed "now" for in-process linting so staleness findings do not depend on the calendar. */
const NOW = new Date('2026-11-25T12:00:00Z');

const log = (...a: unknown[]) => console.error('[bench]', ...a);

// ---------------------------------------------------------------------------------------------
// Result shapes
// ---------------------------------------------------------------------------------------------

export interface EditSeries {
  /** per-edit timings after warm-up */
  summary: Summary;
  /** diagnostics (or findings) on the first and last measured version */
  firstCount: number;
  lastCount: number;
  openMs?: number;
  openCount?: number;
  /** RSS while the file was edited: the median of samples taken after each measured edit's diagnostics; hwm is the peak so far. */
  memory?: { rssMiB: number; hwmMiB: number };
}

export type Measure = EditSeries | { error: string };

export interface CliRun {
  runs: number[];
  files: number;
  filesPerSec: number;
  error?: string;
}

export interface Results {
  date: string;
  options: Omit<Options, 'only' | 'servers'> & { only: string[]; servers: string[] };
  machine: { cpu: string; cores: number; memoryGiB: number; platform: string; loadavg: number[] };
  versions: Record<string, string>;
  corpus: { seed: number; version: number; files: Array<Pick<CorpusFile, 'kind' | 'size' | 'variant' | 'lines'> & { injected: number }>; workspace: Corpus['workspace'] };
  notes: string[];
  /** key `${kind}:${size}:${variant}` → series name → measure */
  inproc: Record<string, Record<string, Measure>>;
  lsp: Record<string, Record<string, Measure>>;
  /** Typing into a SQL block scalar in the middle of the 1,000-line runbooks (product and floor), keyed as `lsp`. */
  sqlTyping?: Record<string, Record<string, Measure>>;
  cold: Record<string, { summary?: Summary; error?: string; diagnostics?: number }>;
  cli: {
    scope?: string;
    product?: CliRun;
    /** The product with `--concurrency off` (one thread), to compare with the one-thread floor. */
    productOneThread?: CliRun;
    /** bench/floor-cli.ts on the files the product linted, on one thread. */
    floor?: CliRun;
    /** The same on as many threads as the machine has cores (the bound for the product's default run). */
    floorThreads?: CliRun;
    markdownlintCli2?: CliRun;
    singleFile?: { summary: Summary; error?: string };
    nodeStartup?: { summary: Summary };
    error?: string;
  };
  profiles: string[];
  /** The alert graph section (bench/alerts.ts). */
  alerts?: AlertsResult;
  /** The lint cache section (bench/cache.ts). */
  cache?: CacheResult;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function version(pkg: string): string {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return 'missing';
  }
}

const key = (f: Pick<CorpusFile, 'kind' | 'size' | 'variant'>) => `${f.kind}:${f.size}:${f.variant}`;

/** Where the typist types: the end of the value line nearest the middle of the file. */
function typingOffset(f: CorpusFile, text: string): number {
  const lines = text.split('\n');
  const ok = f.kind === 'runbook' ? (l: string) => /^\s+(why|check|rationale): [A-Za-z]/.test(l) : (l: string) => /^[A-Z][a-z]/.test(l) && !l.includes('|');
  const mid = lines.length >> 1;
  for (let d = 0; d < lines.length; d++) {
    for (const i of [mid + d, mid - d]) {
      if (i >= 0 && i < lines.length && ok(lines[i]!)) {
        let off = 0;
        for (let k = 0; k < i; k++) off += lines[k]!.length + 1;
        return off + lines[i]!.length;
      }
    }
  }
  throw new Error(`no typing point in ${f.path}`);
}

/** The i-th typed character (the phrase repeats). */
const typed = (i: number) => TYPED[i % TYPED.length]!;

/** What is typed into a SQL query: a condition appended to its WHERE clause (most prefixes do not parse, as while typing). */
const TYPED_SQL = " AND score > 0.5 AND region = 'eu-west' AND model_version <> 'v12' OR label IS NULL";
const typedSql = (i: number) => TYPED_SQL[i % TYPED_SQL.length]!;

/**
 * Where the typist types into a query: the end of the `WHERE` line of the SQL block scalar (`text: |`
 * under `language: sql`) nearest the middle of the file.
 */
function sqlTypingOffset(f: CorpusFile, text: string): number {
  const lines = text.split('\n');
  const isWhere = (i: number): boolean => {
    if (!/^\s+WHERE /.test(lines[i]!)) return false;
    for (let k = i - 1; k >= 0 && k >= i - 8; k--) if (/^\s+language: sql\s*$/.test(lines[k]!)) return true;
    return false;
  };
  const mid = lines.length >> 1;
  for (let d = 0; d < lines.length; d++) {
    for (const i of [mid + d, mid - d]) {
      if (i >= 0 && i < lines.length && isWhere(i)) {
        let off = 0;
        for (let k = 0; k < i; k++) off += lines[k]!.length + 1;
        return off + lines[i]!.length;
      }
    }
  }
  throw new Error(`no SQL query to type into in ${f.path}`);
}

/** Where and what the LSP section types: a sentence into a plain value (the default), or a condition into a SQL query. */
interface Typing {
  at: (f: CorpusFile, text: string) => number;
  typed: (i: number) => string;
}
const VALUE_TYPING: Typing = { at: typingOffset, typed };
const SQL_TYPING: Typing = { at: sqlTypingOffset, typed: typedSql };

/**
 * Times several `work(text)` functions over the same warm-up + measured one-character edits, in
 * process. The functions take turns on every edit (rotating order), so a burst of load on a shared
 * machine hits all of them alike. `caps` limits the measured edits of a slow function.
 */
/**
 * Warm-up edits before the measured ones. V8 optimises a function after many calls, and an edit of a
 * small file calls the parser's functions far fewer times than an edit of a large one: small files get
 * more warm-up edits (about warmupLines lines re-checked in all), large ones at least warmupMin.
 */
function warmupFor(f: Pick<CorpusFile, 'lines'>): number {
  return Math.min(100, Math.max(options.warmupMin, Math.ceil(options.warmupLines / Math.max(1, f.lines))));
}

function inprocSeries(f: CorpusFile, works: Record<string, (text: string) => number>, caps: Record<string, number> = {}): Record<string, Measure> {
  let text = readFileSync(f.path, 'utf8');
  const at = typingOffset(f, text);
  const names = Object.keys(works);
  const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const counts: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const failed: Record<string, string> = {};
  const warmup = warmupFor(f);
  const total = warmup + options.edits;
  for (let i = 0; i < total; i++) {
    text = text.slice(0, at + i) + typed(i) + text.slice(at + i);
    for (let j = 0; j < names.length; j++) {
      const n = names[(i + j) % names.length]!;
      if (failed[n] || (i >= warmup && times[n]!.length >= (caps[n] ?? Infinity)) || (i < warmup && caps[n] !== undefined && i >= Math.min(warmup, 2))) continue;
      try {
        const t0 = performance.now();
        const count = works[n]!(text);
        const dt = performance.now() - t0;
        if (i >= warmup) {
          times[n]!.push(dt);
          counts[n]!.push(count);
        }
      } catch (e) {
        failed[n] = (e as Error).message.split('\n')[0]!;
      }
    }
  }
  const out: Record<string, Measure> = {};
  for (const n of names) out[n] = failed[n] ? { error: failed[n]! } : { summary: summarize(times[n]!), firstCount: counts[n]![0]!, lastCount: counts[n]![counts[n]!.length - 1]! };
  return out;
}

// ---------------------------------------------------------------------------------------------
// Builds
// ---------------------------------------------------------------------------------------------

interface BenchBuilds {
  floorServer: string;
  floorCli: string;
  floor: typeof Floor;
  core?: string;
  coreError?: string;
}

/**
 * Bundles the floor (in process, behind LSP, and as a CLI) and the product's core with esbuild and
 * the same `yaml` build as the product's bundles (scripts/yaml-esm-build.mjs), so the product and the
 * floor run the same library code, minified as the product's packaged bundles are.
 */
async function buildBench(): Promise<BenchBuilds> {
  mkdirSync(BUILD, { recursive: true });
  const common: esbuild.BuildOptions = { bundle: true, platform: 'node', target: 'node18', format: 'cjs', logLevel: 'silent', sourcemap: 'linked', minify: true, plugins: [yamlEsmBuild()] };
  const floorServer = join(BUILD, 'floor-server.js');
  const floorCli = join(BUILD, 'floor-cli.js');
  const floorLib = join(BUILD, 'floor.cjs');
  await esbuild.build({ ...common, entryPoints: [join(ROOT, 'bench', 'floor-server.ts')], outfile: floorServer });
  await esbuild.build({ ...common, entryPoints: [join(ROOT, 'bench', 'floor-cli.ts')], outfile: floorCli });
  await esbuild.build({ ...common, entryPoints: [join(ROOT, 'bench', 'floor.ts')], outfile: floorLib });
  const floor = createRequire(__filename)(floorLib) as typeof Floor;
  const base = { floorServer, floorCli, floor };
  // The product's core, bundled alone, for in-process per-edit timings (the same code dist/server.js runs).
  const core = join(BUILD, 'core.cjs');
  try {
    await esbuild.build({ ...common, entryPoints: [join(ROOT, 'server', 'src', 'core', 'index.ts')], outfile: core });
    return { ...base, core };
  } catch (e) {
    return { ...base, coreError: (e as Error).message.split('\n')[0] };
  }
}

// ---------------------------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------------------------

async function inprocSection(corpus: Corpus, files: CorpusFile[], res: Results, floor: typeof Floor, coreBundle?: string): Promise<void> {
  log('in-process per-edit timings');
  const { compileSchema, createMarkdownFloor, floorRunbook } = floor;
  const validate = existsSync(SCHEMA) ? compileSchema(SCHEMA) : undefined;
  const md = createMarkdownFloor();
  const { lint: mdlint } = (await import('markdownlint/sync')) as typeof import('markdownlint/sync');
  let core: { lint: (file: string, text: string, env: object) => { kind?: string; findings: unknown[] } } | undefined;
  if (coreBundle) core = createRequire(__filename)(coreBundle);
  const lintCore = (f: CorpusFile) => (t: string) => core!.lint(f.path, t, { now: NOW, workspaceRoot: corpus.root }).findings.length;
  for (const f of files) {
    const works: Record<string, (text: string) => number> = {};
    const row: Record<string, Measure> = {};
    if (f.kind === 'runbook') {
      if (validate) works.floor = (t) => floorRunbook(validate, t).length;
      else row.floor = { error: 'schemas/runbook.schema.json does not exist yet' };
    } else {
      works.markdownIt = (t) => md(t);
      works.markdownlint = (t) => (mdlint({ strings: { doc: t }, handleRuleFailures: true }).doc ?? []).length;
    }
    if (core) works.product = lintCore(f);
    else row.product = { error: 'core bundle unavailable' };
    // markdownlint takes seconds per edit on the larger post-mortems: fewer samples there (the n is reported).
    const caps: Record<string, number> = f.size >= 10000 ? { markdownlint: 8 } : f.size >= 1000 ? { markdownlint: options.quick ? 5 : 15 } : {};
    res.inproc[key(f)] = { ...row, ...inprocSeries(f, works, caps) };
    log(`  ${key(f)} done`);
  }
}

function serverSpecs(floorServer: string, profileDir: string): Record<string, ServerSpec> {
  const node = process.execPath;
  const schemaUri = pathToFileURL(SCHEMA).href;
  const ylsConfig = (section: string | undefined) => {
    if (section === 'yaml')
      return {
        validate: true,
        hover: false,
        completion: false,
        format: { enable: false },
        schemas: { [schemaUri]: ['*.runbook.yaml', '*.runbook.yml'] },
        schemaStore: { enable: false },
        kubernetesCRDStore: { enable: false },
        yamlVersion: '1.2',
        maxItemsComputed: 5000,
      };
    if (section === 'http') return { proxy: '', proxyStrictSSL: false };
    if (section === 'editor' || section === '[yaml]') return {};
    return null;
  };
  const productConfig = (section: string | undefined) => {
    if (section === 'mlRunbooks') return { staleAfterDays: 180, rules: {}, sql: { dialect: '' }, blameless: { extraTerms: [], allow: [] }, trace: { server: 'off' } };
    return null;
  };
  const profArgs = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  return {
    product: { name: 'ml-runbooks', command: node, args: [...profArgs, PRODUCT_SERVER, '--stdio'], cwd: ROOT, configuration: productConfig },
    floor: { name: 'floor-lsp', command: node, args: [floorServer, '--stdio', '--schema', SCHEMA], cwd: ROOT, configuration: () => null },
    yls: { name: 'yaml-language-server', command: node, args: [YLS_BIN, '--stdio'], cwd: ROOT, configuration: ylsConfig },
    yls0: { name: 'yaml-language-server (delay 0)', command: node, args: ['--import', pathToFileURL(join(ROOT, 'bench', 'yls-no-delay.mjs')).href, YLS_BIN, '--stdio'], cwd: ROOT, configuration: ylsConfig },
  };
}

const LANG: Record<string, Record<CorpusFile['kind'], string>> = {
  product: { runbook: 'ml-runbook', postmortem: 'ml-postmortem' },
  floor: { runbook: 'yaml', postmortem: 'markdown' },
  yls: { runbook: 'yaml', postmortem: 'markdown' },
  yls0: { runbook: 'yaml', postmortem: 'markdown' },
};

/**
 * All servers side by side: each file is opened in every server, then every edit is applied to each
 * server in turn (rotating order, with the idle gap before each), so load bursts on a shared machine
 * are spread over all of them. Each server's latency is still measured alone: only one server is
 * working at any moment.
 */
async function lspSection(specs: Record<string, ServerSpec>, corpus: Corpus, files: CorpusFile[], res: Results, typing: Typing = VALUE_TYPING, out: Results['lsp'] = res.lsp): Promise<void> {
  const clients = new Map<string, LspClient>();
  const fail = (id: string, fs: CorpusFile[], e: unknown) => {
    for (const f of fs) ((out[key(f)] ??= {})[id] ??= { error: String((e as Error).message ?? e).split('\n')[0]!.slice(0, 300) });
  };
  try {
    for (const [id, spec] of Object.entries(specs)) {
      if (!options.servers.has(id)) continue;
      if (id !== 'product' && !existsSync(SCHEMA)) {
        fail(id, files, new Error('schemas/runbook.schema.json does not exist yet'));
        continue;
      }
      log(`starting ${spec.name}`);
      const client = new LspClient(spec);
      try {
        await client.initialize(corpus.root);
        if (id.startsWith('yls')) {
          // Let it pull its configuration (the schema association) before the first document.
          for (let i = 0; i < 500 && !client.asked.has('yaml'); i++) await sleep(10);
          await sleep(100);
        }
        clients.set(id, client);
      } catch (e) {
        fail(id, files, e);
        await client.stop();
      }
    }
    await settle(clients, res);
    for (const f of files) {
      const active = [...clients.entries()].filter(([id]) => !(f.kind === 'postmortem' && id.startsWith('yls')) && !(id === 'yls' && options.quick && f.size > 100));
      const text = readFileSync(f.path, 'utf8');
      const at = typing.at(f, text);
      const docs = new Map<string, OpenDocument>();
      const open = new Map<string, { ms: number; n: number }>();
      const times = new Map<string, number[]>();
      const counts = new Map<string, number[]>();
      const rss = new Map<string, number[]>();
      for (const [id, client] of active) {
        if (client.child.exitCode !== null || client.child.signalCode !== null) {
          fail(id, [f], new Error(`${client.spec.name} exited: ${client.stderr.join('').slice(-300)}`));
          continue;
        }
        try {
          const doc = new OpenDocument(client, pathToFileURL(f.path).href, LANG[id]![f.kind], text);
          const r = await doc.open();
          docs.set(id, doc);
          open.set(id, { ms: r.ms, n: r.diagnostics.length });
          times.set(id, []);
          counts.set(id, []);
          rss.set(id, []);
        } catch (e) {
          fail(id, [f], e);
        }
      }
      const ids = [...docs.keys()];
      const warmup = warmupFor(f);
      for (let i = 0; i < warmup + options.edits; i++) {
        for (let j = 0; j < ids.length; j++) {
          const id = ids[(i + j) % ids.length]!;
          const doc = docs.get(id);
          if (!doc) continue;
          // yaml-language-server as shipped only adds its 200 ms debounce to the delay-0 numbers: fewer samples at 10k lines.
          if (id === 'yls' && f.size >= 10000 && i >= warmup + 10) continue;
          await sleep(options.gapMs);
          try {
            const r = await doc.insert(at + i, typing.typed(i));
            if (i >= warmup) {
              times.get(id)!.push(r.ms);
              counts.get(id)!.push(r.diagnostics.length);
              // Outside the timed span: one sample of the server's RSS per measured edit.
              const m = doc.client.memory();
              if (m) rss.get(id)!.push(m.rssMiB);
            }
          } catch (e) {
            fail(id, [f], e);
            docs.delete(id);
          }
        }
      }
      const row = (out[key(f)] ??= {});
      for (const [id, doc] of docs) {
        const t = times.get(id)!;
        const c = counts.get(id)!;
        const samples = rss.get(id)!;
        const hwm = doc.client.memory()?.hwmMiB;
        const memory = samples.length && hwm !== undefined ? { rssMiB: summarize(samples).median, hwmMiB: hwm } : undefined;
        row[id] = { summary: summarize(t), firstCount: c[0]!, lastCount: c[c.length - 1]!, openMs: open.get(id)!.ms, openCount: open.get(id)!.n, memory };
        doc.close();
      }
      log(`  ${key(f)}: ${ids.map((id) => (isSeries(row[id]) ? `${id} ${(row[id] as EditSeries).summary.median.toFixed(1)} ms` : `${id} failed`)).join(', ')}`);
    }
  } finally {
    await Promise.all([...clients.values()].map((c) => c.stop()));
  }
}

/**
 * Waits until every started server is idle (at most 2 clock ticks of CPU, all threads and child processes, over 500 ms)
 * so start-up work — loading schemas, our background workspace index — does not land on the first
 * file's edits; start-up is measured on its own (cold start). Gives up after 60 s and says so.
 */
async function settle(clients: Map<string, LspClient>, res: Results): Promise<void> {
  const t0 = performance.now();
  const busy = new Set(clients.keys());
  while (busy.size && performance.now() - t0 < 60_000) {
    const before = new Map([...busy].map((id) => [id, cpuTicksOf(clients.get(id)!.pid)]));
    await sleep(500);
    for (const id of [...busy]) {
      const a = before.get(id);
      const b = cpuTicksOf(clients.get(id)!.pid);
      if (a === undefined || b === undefined || b - a <= 2) busy.delete(id);
    }
  }
  const took = performance.now() - t0;
  log(`servers idle after ${(took / 1000).toFixed(1)} s${busy.size ? ` (still busy: ${[...busy].join(', ')})` : ''}`);
  if (busy.size) res.notes.push(`Still busy after 60 s of waiting for idle before the first edit: ${[...busy].join(', ')}.`);
}

const isSeries = (m: Measure | undefined): m is EditSeries => !!m && !('error' in m);

/**
 * Cold start: spawn → initialize → initialized → didOpen of the 1k-line runbook → first diagnostics.
 * The servers take turns on every run (as on every edit elsewhere), so a burst of load on the shared
 * machine hits all of them alike.
 */
async function coldSection(specs: Record<string, ServerSpec>, corpus: Corpus, res: Results): Promise<void> {
  const f = corpus.files.find((x) => x.kind === 'runbook' && x.size === 1000 && x.variant === 'errors')!;
  const text = readFileSync(f.path, 'utf8');
  const ids: string[] = [];
  for (const id of Object.keys(specs)) {
    if (!options.servers.has(id)) continue;
    if (id !== 'product' && !existsSync(SCHEMA)) res.cold[id] = { error: 'schemas/runbook.schema.json does not exist yet' };
    else ids.push(id);
  }
  log(`cold start ${ids.map((id) => specs[id]!.name).join(', ')} (taking turns)`);
  const times = new Map<string, number[]>(ids.map((id) => [id, []]));
  const diagnostics = new Map<string, number>();
  const failed = new Map<string, string>();
  for (let i = 0; i < options.coldRuns; i++) {
    for (let j = 0; j < ids.length; j++) {
      const id = ids[(i + j) % ids.length]!;
      if (failed.has(id)) continue;
      const spec = specs[id]!;
      const t0 = performance.now();
      const client = new LspClient({ ...spec, args: spec.args.filter((a) => !a.startsWith('--cpu-prof')) });
      try {
        await client.initialize(corpus.root);
        const doc = new OpenDocument(client, pathToFileURL(f.path).href, LANG[id]!.runbook, text);
        // yaml-language-server publishes once before its configuration arrives; wait for diagnostics
        // that carry findings when the server is expected to have them.
        let r = await doc.open(30_000);
        while (id.startsWith('yls') && r.diagnostics.length === 0) {
          const p = await client.waitForDiagnostics(doc.uri, undefined, performance.now(), 30_000);
          r = { ms: p.at - t0, diagnostics: p.diagnostics };
        }
        times.get(id)!.push(performance.now() - t0);
        diagnostics.set(id, r.diagnostics.length);
      } catch (e) {
        failed.set(id, (e as Error).message.split('\n')[0]!.slice(0, 300));
      } finally {
        await client.stop();
      }
    }
  }
  for (const id of ids) res.cold[id] = failed.has(id) ? { error: failed.get(id)! } : { summary: summarize(times.get(id)!), diagnostics: diagnostics.get(id) ?? 0 };
}

/** Times `runs` whole-process runs of a command; `count` reads the number of files from its stdout. */
async function timeCli(cmd: string, args: string[], cwd: string, count: (stdout: string) => number): Promise<CliRun> {
  try {
    const runs: number[] = [];
    let files = 0;
    for (let i = 0; i < options.cliRuns; i++) {
      const r = await run(cmd, args, { cwd, timeoutMs: 600_000 });
      if (r.code !== 0 && r.code !== 1) throw new Error(`exit ${r.code}: ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
      files = count(r.stdout);
      if (!files) throw new Error('no files reported');
      runs.push(r.ms);
    }
    return { runs, files, filesPerSec: files / (summarize(runs).median / 1000) };
  } catch (e) {
    return { runs: [], files: 0, filesPerSec: NaN, error: (e as Error).message.slice(0, 300) };
  }
}

async function cliSection(corpus: Corpus, res: Results, floorCli: string): Promise<void> {
  const node = process.execPath;
  const ws = corpus.workspace.dir;
  // --quick lints a sixth of the workspace (one of the six team folders) to stay under two minutes.
  const subdirs = options.quick ? ['teams/ml-platform'] : ['.'];
  res.cli.scope = options.quick ? subdirs.join(', ') : 'whole workspace';
  log(`CLI on the workspace (${res.cli.scope})`);
  // Product: files per second over the whole workspace, on as many threads as it chooses and on one.
  let linted: string[] = [];
  const lintArgs = [PRODUCT_CLI, 'lint', ...subdirs.map((d) => join(ws, d)), '--format', 'json'];
  const countJson = (stdout: string) => {
    const out = JSON.parse(stdout) as Array<{ filePath: string }>;
    linted = out.map((f) => f.filePath);
    return out.length;
  };
  res.cli.product = await timeCli(node, lintArgs, ROOT, countJson);
  res.cli.productOneThread = await timeCli(node, [...lintArgs, '--concurrency', 'off'], ROOT, countJson);
  // The floor on the same files, one thread.
  if (linted.length) {
    const list = join(BUILD, 'floor-cli-files.txt');
    writeFileSync(list, linted.join('\n') + '\n');
    const floorFiles = (out: string) => (JSON.parse(out) as { files: number }).files;
    res.cli.floor = await timeCli(node, [floorCli, '--schema', SCHEMA, '--list', list], ROOT, floorFiles);
    // The bound on all cores (a full run only: on --quick's few files a worker's start-up is most of it).
    if (!options.quick) res.cli.floorThreads = await timeCli(node, [floorCli, '--schema', SCHEMA, '--list', list, '--threads', String(res.machine.cores)], ROOT, floorFiles);
  } else res.cli.floor = { runs: [], files: 0, filesPerSec: NaN, error: 'the product listed no files' };
  // markdownlint-cli2 on the workspace's Markdown files.
  const countMd = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((n, d) => n + (d.isDirectory() ? countMd(join(dir, d.name)) : /\.md$/.test(d.name) ? 1 : 0), 0);
  const mdFiles = subdirs.reduce((n, d) => n + countMd(join(ws, d)), 0);
  res.cli.markdownlintCli2 = await timeCli(node, [MDL_CLI2, ...subdirs.map((d) => (d === '.' ? '**/*.md' : `${d}/**/*.md`))], ws, () => mdFiles);
  // Whole-process time on one file, and node's own start-up as the floor.
  log('CLI on one file');
  const one = corpus.files.find((x) => x.kind === 'runbook' && x.size === 1000 && x.variant === 'errors')!.path;
  try {
    const runs: number[] = [];
    for (let i = 0; i < options.singleFileRuns; i++) {
      const r = await run(node, [PRODUCT_CLI, 'lint', one, '--format', 'json'], { cwd: ROOT, timeoutMs: 60_000 });
      if (r.code !== 0 && r.code !== 1) throw new Error(`exit ${r.code}: ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
      runs.push(r.ms);
    }
    res.cli.singleFile = { summary: summarize(runs) };
  } catch (e) {
    res.cli.singleFile = { summary: summarize([NaN]), error: (e as Error).message.slice(0, 300) };
  }
  const startup: number[] = [];
  for (let i = 0; i < options.singleFileRuns; i++) startup.push((await run(node, ['-e', '0'], { timeoutMs: 30_000 })).ms);
  res.cli.nodeStartup = { summary: summarize(startup) };
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const t0 = performance.now();
  mkdirSync(OUT, { recursive: true });
  const buildNotes: string[] = [];
  if (!flag('--no-build')) {
    // Built as the extension package ships it (`npm run package`: minified bundles), so the cold start is the shipped one.
    log('building dist/ as packaged (ML_RUNBOOKS_MINIFY=1 node esbuild.mjs)');
    const b = await run(process.execPath, ['esbuild.mjs'], { cwd: ROOT, timeoutMs: 120_000, env: { ...process.env, ML_RUNBOOKS_MINIFY: '1' } });
    if (b.code !== 0) {
      const first = (b.stderr || b.stdout).split('\n').find((l) => /ERROR|error/.test(l)) ?? 'unknown error';
      if (!existsSync(PRODUCT_SERVER)) throw new Error(`build failed: ${b.stderr || b.stdout}`);
      buildNotes.push(`\`node esbuild.mjs\` failed (${first.replace(/[✘\s]+/, ' ').trim()}); the existing dist/ build of ${statSync(PRODUCT_SERVER).mtime.toISOString()} was measured.`);
      log(buildNotes[0]);
    }
  }
  if (options.only.has('hostile')) {
    hostileSection();
    if (options.only.size === 1) return;
  }
  const builds = await buildBench();
  log('generating the corpus');
  const corpus = generateCorpus(join(OUT, 'corpus'), options.seed);
  const files = corpus.files.filter((f) => options.sizes.includes(f.size));
  const profileDir = join(OUT, 'profiles');
  if (options.profile) mkdirSync(profileDir, { recursive: true });

  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const res: Results = {
    date: new Date().toISOString(),
    options: { ...options, only: [...options.only], servers: [...options.servers] },
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: totalmem() / 2 ** 30, platform: `${platform()} ${release()}`, loadavg: loadavg() },
    versions: {
      node: process.version,
      'ml-runbooks': pkg.version,
      'yaml-language-server': version('yaml-language-server'),
      markdownlint: version('markdownlint'),
      'markdownlint-cli2': version('markdownlint-cli2'),
      'markdown-it': version('markdown-it'),
      yaml: version('yaml'),
      ajv: version('ajv'),
      'vscode-languageserver': version('vscode-languageserver'),
    },
    corpus: {
      seed: corpus.seed,
      version: CORPUS_VERSION,
      files: corpus.files.map((f) => ({ kind: f.kind, size: f.size, variant: f.variant, lines: f.lines, injected: f.injected.length })),
      workspace: { ...corpus.workspace, dir: 'bench-results/corpus/workspace' },
    },
    notes: [],
    inproc: {},
    lsp: {},
    cold: {},
    cli: {},
    profiles: [],
  };
  res.notes.push(...buildNotes);
  if (!existsSync(SCHEMA)) res.notes.push('schemas/runbook.schema.json does not exist: the runbook floor and the yaml-language-server runs need it.');
  if (builds.coreError) res.notes.push(`The product core could not be bundled for in-process timings: ${builds.coreError}`);

  if (options.only.has('inproc')) await inprocSection(corpus, files, res, builds.floor, builds.core);
  const specs = serverSpecs(builds.floorServer, profileDir);
  if (options.only.has('lsp')) await lspSection(specs, corpus, files, res);
  if (options.only.has('sql')) {
    log('typing into a SQL query in the middle of the 1,000-line runbooks');
    const sqlSpecs = Object.fromEntries(Object.entries(specs).filter(([id]) => id === 'product' || id === 'floor'));
    const runbooks = corpus.files.filter((f) => f.kind === 'runbook' && f.size === 1000);
    await lspSection(sqlSpecs, corpus, runbooks, res, SQL_TYPING, (res.sqlTyping = {}));
  }
  if (options.only.has('cold')) await coldSection(specs, corpus, res);
  if (options.only.has('cli')) await cliSection(corpus, res, builds.floorCli);
  if (options.only.has('alerts')) {
    log('alert graph: 1,000 rules in 50 files, 300 runbooks');
    res.alerts = await alertsSection(PRODUCT_CLI, join(OUT, 'alerts-workspace'), options.cliRuns, options.edits);
  }
  if (options.only.has('cache')) {
    log('lint --cache: cold and warm on the workspace');
    res.cache = await cacheSection(PRODUCT_CLI, corpus.workspace.dir, corpus.workspace.files, join(BUILD, 'lint-cache.json'), quick ? 2 : 5);
  }
  if (options.profile && existsSync(profileDir)) res.profiles = readdirSync(profileDir).filter((n) => n.endsWith('.cpuprofile')).map((n) => join('bench-results', 'profiles', n));

  const targets = evaluateTargets(res);
  // The cache section alone updates its own table and target in the last full run's page.
  const cacheOnly = options.only.size === 1 && options.only.has('cache');
  writeFileSync(join(OUT, cacheOnly ? 'results-cache.json' : quick ? 'results-quick.json' : 'results.json'), JSON.stringify({ ...res, targets }, null, 2));
  console.log(renderConsole(res, targets));
  const outFile = opt('--out') ?? (quick ? join(OUT, 'benchmarks-quick.md') : join(ROOT, 'docs', 'benchmarks.md'));
  const notesFile = join(ROOT, 'bench', 'notes.md');
  const notes = existsSync(notesFile) ? readFileSync(notesFile, 'utf8') : undefined;
  writeFileSync(outFile, cacheOnly && existsSync(outFile) ? spliceCache(readFileSync(outFile, 'utf8'), res, targets) : renderMarkdown(res, targets, notes));
  log(`wrote ${outFile.startsWith(ROOT) ? outFile.slice(ROOT.length + 1) : outFile} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

/** The hostile-input corpus through the CLI, one run per item: the issue-14 targets are 2 s and 300 MB on 2 cores. */
function hostileSection(): void {
  log('hostile-input corpus (scripts/hostile-corpus.ts)');
  const items = generateHostileCorpus(join(OUT, 'hostile'));
  const runs = items.map((it) => {
    const r = runCorpusItem(it, 120_000);
    log(`  ${it.name}: ${r.seconds.toFixed(2)} s, ${r.maxRssMB?.toFixed(0) ?? '?'} MB`);
    return r;
  });
  const over = runs.filter((r) => r.killed || r.seconds > 2 || (r.maxRssMB ?? 0) > 300);
  const worst = runs.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  const heaviest = runs.reduce((a, b) => ((b.maxRssMB ?? 0) > (a.maxRssMB ?? 0) ? b : a));
  const md = [
    `# Hostile-input corpus (${new Date().toISOString()}, ${cpus().length} cores, load ${loadavg().map((x) => x.toFixed(2)).join(' ')})`,
    '',
    corpusTable(runs),
    '',
    `Worst time ${worst.seconds.toFixed(2)} s (${worst.name}); most memory ${heaviest.maxRssMB?.toFixed(0) ?? '?'} MB (${heaviest.name}); over the targets (2 s, 300 MB): ${over.length ? over.map((r) => r.name).join(', ') : 'none'}.`,
    '',
  ].join('\n');
  writeFileSync(join(OUT, 'hostile.md'), md);
  console.log(md);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error('[bench] failed:', e);
    process.exit(1);
  },
);

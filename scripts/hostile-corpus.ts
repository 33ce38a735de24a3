/**
 * The hostile-input corpus: every input of issue 14 (quadratic schema errors, backtracking globs and
 * patterns, devices, FIFOs, symbolic links out of the folder, oversized files, odd YAML) and the
 * classic ones that already passed (billion laughs, merge bombs, deep nesting, NUL bytes, UTF-16, a
 * BOM). Each item is a folder the CLI lints with `lint --format json .`; {@link runCorpusItem} runs
 * it with a time limit and measures the child's wall time and peak memory (GNU time when present).
 *
 * Usage: node --import tsx scripts/hostile-corpus.ts [DIR]   (prints a table of figures)
 * The test test/cli/hostile-corpus.test.ts and `npm run bench -- --only hostile` use it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const GOOD = readFileSync(join(ROOT, 'test', 'fixtures', 'runbooks', 'good-minimal.runbook.yaml'), 'utf8');
const PM = readFileSync(join(ROOT, 'test', 'fixtures', 'postmortems', 'complete.postmortem.md'), 'utf8');

/** One corpus item: a folder of files; `expect` says what a correct run shows. */
export interface CorpusItem {
  name: string;
  dir: string;
  /** 'finding': at least one finding; 'skip': stderr says what was skipped or refused (a file, the project file or a part of it); 'clean': it lints. */
  expect: 'finding' | 'skip' | 'clean';
}

/** What one CLI run did. */
export interface CorpusRun {
  name: string;
  status: number | null;
  killed: boolean;
  seconds: number;
  /** Peak resident memory of the child in MB (undefined without GNU time). */
  maxRssMB?: number;
  files: number;
  findings: number;
  stderr: string;
}

const mkfifo = (p: string): boolean => spawnSync('mkfifo', [p]).status === 0;

/** Writes the corpus under `base` (a new temporary folder by default) and lists its items. */
export function generateHostileCorpus(base = mkdtempSync(join(tmpdir(), 'ml-runbooks-hostile-'))): CorpusItem[] {
  const items: CorpusItem[] = [];
  const item = (name: string, expect: CorpusItem['expect'], files: Record<string, string | Buffer>, extra?: (dir: string) => boolean | void): void => {
    const dir = join(base, name);
    mkdirSync(dir, { recursive: true });
    for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
    if (extra && extra(dir) === false) return;
    items.push({ name, dir, expect });
  };
  const pmWith = (fm: string, body = ''): string => PM.replace(/^---\n/, `---\n${fm}`).replace('## Timeline', `${body}## Timeline`);

  // 1. Quadratic schema-error mapping
  item('unknown-keys-16000', 'finding', { 'a.runbook.yaml': GOOD.replace('metadata:\n', 'metadata:\n' + Array.from({ length: 16_000 }, (_, i) => `  k${i}: v\n`).join('')) });
  item('references-80000', 'finding', { 'a.runbook.yaml': GOOD + 'references: [' + Array.from({ length: 80_000 }, (_, i) => `x${i}`).join(', ') + ']\n' });
  item('front-matter-keys-20000', 'finding', { 'a.postmortem.md': pmWith(Array.from({ length: 20_000 }, (_, i) => `k${i}: v\n`).join('')) });
  item('duplicate-keys-20000', 'finding', { 'a.runbook.yaml': GOOD.replace('metadata:\n', 'metadata:\n' + '  same: 1\n'.repeat(20_000)) });
  // 2. Glob from the project file
  item('glob-redos', 'skip', { '.ml-runbooks.yaml': 'files:\n  runbooks: ["*a*a*a*a*a*a*a*a*a*a*a*a*b"]\n', [`${'a'.repeat(63)}.runbook.yaml`]: GOOD });
  // 3. Patterns on file content
  item('heading-hashes', 'finding', { 'a.postmortem.md': PM.replace('## Timeline', '## Timeline' + ' '.repeat(60_000) + '#'.repeat(60_000) + ' '.repeat(60_000) + 'x') });
  item('blame-autolinks', 'clean', { 'a.postmortem.md': pmWith('', 'The error was ' + '<http:'.repeat(60_000) + '\n\n') });
  item('blame-link-targets', 'clean', { 'a.postmortem.md': pmWith('', 'The error was ' + ']('.repeat(90_000) + '\n\n') });
  item('blame-backticks', 'clean', { 'a.postmortem.md': pmWith('', 'The error was ' + '`'.repeat(60_000) + '\n\n') });
  item('unclosed-suppressions', 'clean', { 'a.postmortem.md': PM + '<!-- ml-runbooks-disable-next-line PM008 '.repeat(30_000) });
  item('key-spaces', 'finding', { 'a.runbook.yaml': GOOD + 'a' + ' '.repeat(60_000) + '\n' });
  // 4./5. Devices, FIFOs, links
  item('symlink-dev-zero', 'skip', { 'good.runbook.yaml': GOOD }, (d) => symlinkSync('/dev/zero', join(d, 'z.runbook.yaml')));
  item('fifo-runbook', 'skip', { 'good.runbook.yaml': GOOD }, (d) => mkfifo(join(d, 'f.runbook.yaml')));
  item('config-dev-zero', 'skip', { 'good.runbook.yaml': GOOD }, (d) => symlinkSync('/dev/zero', join(d, '.ml-runbooks.yaml')));
  item('config-fifo', 'skip', { 'good.runbook.yaml': GOOD }, (d) => mkfifo(join(d, '.ml-runbooks.yaml')));
  if (existsSync('/etc/passwd')) item('symlink-etc-passwd', 'skip', { 'good.runbook.yaml': GOOD }, (d) => symlinkSync('/etc/passwd', join(d, 'passwd.runbook.yaml')));
  item('pm011-etc-shadow', 'finding', { 'a.postmortem.md': PM.replace(/^runbook: .*$/m, 'runbook: /etc/shadow') });
  // 6. Size caps
  item('postmortem-50mb', 'finding', { 'a.postmortem.md': PM + 'filler line of prose about the incident, nothing more to say here.\n'.repeat(770_000) });
  item('timeline-500000-rows', 'finding', {
    'a.postmortem.md': PM.replace('## Timeline\n', `## Timeline\n\n| Time | Type | Event |\n|---|---|---|\n${Array.from({ length: 500_000 }, (_, i) => `| 2026-11-20 08:${String(i % 60).padStart(2, '0')} | deploy | e${i} |`).join('\n')}\n`),
  });
  item('runbook-10mb', 'finding', { 'a.runbook.yaml': 'apiVersion: ml-runbooks/v1\n' + '# padding padding padding padding padding padding padding padding\n'.repeat(160_000) });
  item('config-1mb', 'skip', { 'good.runbook.yaml': GOOD, '.ml-runbooks.yaml': 'rules: { RB003: off }\n' + '#'.repeat(1_000_000) + '\n' });
  // 9., 12. Odd values
  item('sql-dialect-constructor', 'skip', { 'good.runbook.yaml': GOOD, '.ml-runbooks.yaml': 'sql: { dialect: constructor }\n' });
  item('undefined-alias', 'finding', { 'a.runbook.yaml': 'apiVersion: ml-runbooks/v1\nkind: Runbook\nmetadata: *nope\n' });
  item('deep-front-matter', 'finding', { 'a.postmortem.md': pmWith('x: ' + '['.repeat(20_000) + ']'.repeat(20_000) + '\n') });
  item('cr-only', 'finding', { 'a.postmortem.md': PM.replace(/\n/g, '\r') });
  item('collection-keys', 'finding', { 'a.runbook.yaml': 'apiVersion: ml-runbooks/v1\nkind: Runbook\n? [a, b]\n: 1\n' });
  // Classics that already passed
  const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) laughs.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  item('billion-laughs', 'finding', { 'a.runbook.yaml': laughs.join('\n') + '\n' });
  const merge = ['apiVersion: ml-runbooks/v1', 'kind: Runbook', 'a0: &a0 {x: 1}'];
  for (let i = 1; i < 30; i++) merge.push(`a${i}: &a${i} {<<: [*a${i - 1}, *a${i - 1}], y${i}: 1}`);
  item('merge-bomb', 'finding', { 'a.runbook.yaml': merge.join('\n') + '\n' });
  item('nesting-500000', 'finding', { 'a.runbook.yaml': 'apiVersion: ml-runbooks/v1\nkind: Runbook\nmetadata: ' + '['.repeat(500_000) + ']'.repeat(500_000) + '\n' });
  item('nul-bytes', 'finding', { 'a.runbook.yaml': 'apiVersion: ml-runbooks/v1\nkind: Runbook\n\u0000\u0001garbage\u0000' });
  item('utf16', 'finding', { 'a.runbook.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD, 'utf16le')]) });
  item('bom', 'clean', { 'a.runbook.yaml': '\uFEFF' + GOOD });
  return items;
}

/** Runs `lint --format json .` in the item's folder, with a time limit; measures time and peak memory. */
export function runCorpusItem(it: CorpusItem, timeoutMs = 60_000): CorpusRun {
  const gnuTime = existsSync('/usr/bin/time');
  const args = [CLI, 'lint', '--format', 'json', '.'];
  const t0 = performance.now();
  const r = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', 'ML_RUNBOOKS_RSS_KB=%M', process.execPath, ...args], { cwd: it.dir, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 })
    : spawnSync(process.execPath, args, { cwd: it.dir, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - t0) / 1000;
  let stderr = r.stderr ?? '';
  let maxRssMB: number | undefined;
  const m = /ML_RUNBOOKS_RSS_KB=(\d+)\s*$/.exec(stderr);
  if (m) {
    maxRssMB = Number(m[1]) / 1024;
    stderr = stderr.slice(0, m.index).replace(/Command exited with non-zero status \d+\n$/, '');
  }
  let files = 0;
  let findings = 0;
  try {
    const json = JSON.parse(r.stdout) as Array<{ messages: unknown[] }>;
    files = json.length;
    findings = json.reduce((n, f) => n + f.messages.length, 0);
  } catch {
    /* not JSON: reported by the caller through files = 0 */
  }
  return { name: it.name, status: r.status, killed: r.signal !== null, seconds, ...(maxRssMB !== undefined ? { maxRssMB } : {}), files, findings, stderr };
}

/** A Markdown table of runs. */
export function corpusTable(runs: CorpusRun[]): string {
  const rows = runs.map((r) => `| ${r.name} | ${r.killed ? 'killed' : r.status} | ${r.seconds.toFixed(2)} | ${r.maxRssMB?.toFixed(0) ?? '–'} | ${r.files} | ${r.findings} |`);
  return ['| item | exit | s | max RSS MB | files | findings |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const items = generateHostileCorpus(process.argv[2]);
  const runs = items.map((it) => runCorpusItem(it));
  console.log(corpusTable(runs));
  const worst = runs.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  const heaviest = runs.reduce((a, b) => ((b.maxRssMB ?? 0) > (a.maxRssMB ?? 0) ? b : a));
  console.log(`\nworst time: ${worst.seconds.toFixed(2)} s (${worst.name}); most memory: ${heaviest.maxRssMB?.toFixed(0) ?? '–'} MB (${heaviest.name})`);
}

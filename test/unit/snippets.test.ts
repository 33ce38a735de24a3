/**
 * The snippets expand (with their defaults, as an engineer who only presses Tab would leave them) to
 * files the linter accepts: runbooks with nothing but "not localised" findings (RB003), post-mortems
 * with only the findings an unfilled template cannot avoid. The post-mortem section snippets agree
 * with the core's section skeletons.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { lint } from '../../server/src/core/index';
import { SECTIONS, skeletonAtLevel } from '../../server/src/core/postmortem/sections';
import { PLAYBOOK_STUBS, assertCarriesStub } from '../helpers/playbook';

// ---- a small expander of VS Code snippet syntax ---------------------------------------------------

type Node =
  | { t: 'text'; v: string }
  | { t: 'tab'; n: number; def?: Node[]; choices?: string[] }
  | { t: 'var'; name: string; def?: Node[]; transform?: { regex: RegExp; format: string } };

/**
 * Applies a snippet transform's format to one regex match: `$1`, `${1}`, `${1:/upcase}` (downcase,
 * capitalize), `${1:+if}`, `${1:-else}`, `${1:else}`, `${1:?if:else}`, with `\` escapes.
 */
function applyFormat(format: string, groups: Array<string | undefined>): string {
  let out = '';
  let i = 0;
  const readUntilClose = (): string => {
    let v = '';
    while (i < format.length && format[i] !== '}') {
      if (format[i] === '\\' && i + 1 < format.length) {
        v += format[i + 1];
        i += 2;
      } else v += format[i++];
    }
    if (format[i] !== '}') throw new Error(`unterminated format in ${format}`);
    i++;
    return v;
  };
  while (i < format.length) {
    const c = format[i]!;
    if (c === '\\' && i + 1 < format.length) {
      out += format[i + 1];
      i += 2;
      continue;
    }
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    let m: RegExpExecArray | null;
    const rest = format.slice(i + 1);
    if ((m = /^(\d+)/.exec(rest))) {
      out += groups[Number(m[1])] ?? '';
      i += 1 + m[0].length;
    } else if ((m = /^\{(\d+)(\}|:\/(upcase|downcase|capitalize)\}|:\+|:\?|:-|:)/.exec(rest))) {
      i += 1 + m[0].length;
      const g = groups[Number(m[1])];
      if (m[2] === '}') out += g ?? '';
      else if (m[3]) out += m[3] === 'upcase' ? (g ?? '').toUpperCase() : m[3] === 'downcase' ? (g ?? '').toLowerCase() : (g ?? '').charAt(0).toUpperCase() + (g ?? '').slice(1);
      else if (m[2] === ':+') {
        const v = readUntilClose();
        if (g) out += v;
      } else if (m[2] === ':?') {
        const v = readUntilClose();
        const k = v.indexOf(':');
        out += g ? v.slice(0, k < 0 ? v.length : k) : k < 0 ? '' : v.slice(k + 1);
      } else {
        const v = readUntilClose();
        out += g || v;
      }
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Parses snippet syntax: $1, ${1}, ${1:default} (nested), ${1|a,b|}, $VAR, ${VAR}, ${VAR:default}, ${VAR/regex/format/flags}, escapes. */
function parseSnippet(src: string): Node[] {
  let i = 0;
  const parse = (inPlaceholder: boolean): Node[] => {
    const out: Node[] = [];
    let text = '';
    const flush = (): void => {
      if (text) out.push({ t: 'text', v: text });
      text = '';
    };
    while (i < src.length) {
      const c = src[i]!;
      if (c === '\\' && i + 1 < src.length && '$}\\'.includes(src[i + 1]!)) {
        text += src[i + 1];
        i += 2;
        continue;
      }
      if (c === '}' && inPlaceholder) {
        flush();
        return out;
      }
      if (c === '$') {
        const rest = src.slice(i + 1);
        let m: RegExpExecArray | null;
        if ((m = /^(\d+)/.exec(rest))) {
          flush();
          out.push({ t: 'tab', n: Number(m[1]) });
          i += 1 + m[0].length;
          continue;
        }
        if ((m = /^([_a-zA-Z][_a-zA-Z0-9]*)/.exec(rest))) {
          flush();
          out.push({ t: 'var', name: m[1]! });
          i += 1 + m[0].length;
          continue;
        }
        if ((m = /^\{(\d+)\|/.exec(rest))) {
          flush();
          i += 1 + m[0].length;
          const choices: string[] = [];
          let cur = '';
          for (;;) {
            if (i >= src.length) throw new Error('unterminated choice');
            const d = src[i]!;
            if (d === '\\' && ',|\\$}'.includes(src[i + 1] ?? '')) {
              cur += src[i + 1];
              i += 2;
            } else if (d === ',') {
              choices.push(cur);
              cur = '';
              i++;
            } else if (d === '|' && src[i + 1] === '}') {
              choices.push(cur);
              i += 2;
              break;
            } else {
              cur += d;
              i++;
            }
          }
          out.push({ t: 'tab', n: Number(m[1]), choices });
          continue;
        }
        if ((m = /^\{(\d+)(:|\})/.exec(rest))) {
          flush();
          i += 1 + m[0].length;
          if (m[2] === '}') out.push({ t: 'tab', n: Number(m[1]) });
          else {
            const def = parse(true);
            if (src[i] !== '}') throw new Error(`unterminated placeholder \${${m[1]}:`);
            i++;
            out.push({ t: 'tab', n: Number(m[1]), def });
          }
          continue;
        }
        if ((m = /^\{([_a-zA-Z][_a-zA-Z0-9]*)(:|\}|\/)/.exec(rest))) {
          flush();
          i += 1 + m[0].length;
          if (m[2] === '/') {
            // ${VAR/regex/format/flags}: regex and format run to the next unescaped '/', flags to '}'.
            // In the format, `${n:/downcase}` and the like are one unit: a '/' inside `${…}` does not end it.
            const part = (): string => {
              let v = '';
              let depth = 0;
              while (i < src.length && (src[i] !== '/' || depth > 0)) {
                if (src[i] === '\\' && src[i + 1] === '/') {
                  v += '/';
                  i += 2;
                  continue;
                }
                if (src[i] === '$' && src[i + 1] === '{') {
                  depth++;
                  v += '${';
                  i += 2;
                  continue;
                }
                if (src[i] === '}' && depth > 0) depth--;
                v += src[i++];
              }
              if (src[i] !== '/') throw new Error('unterminated transform');
              i++;
              return v;
            };
            const regex = part();
            const format = part();
            const end = src.indexOf('}', i);
            if (end < 0) throw new Error('unterminated transform');
            const flags = src.slice(i, end);
            i = end + 1;
            out.push({ t: 'var', name: m[1]!, transform: { regex: new RegExp(regex, flags), format } });
            continue;
          }
          if (m[2] === '}') out.push({ t: 'var', name: m[1]! });
          else {
            const def = parse(true);
            if (src[i] !== '}') throw new Error(`unterminated variable \${${m[1]}:`);
            i++;
            out.push({ t: 'var', name: m[1]!, def });
          }
          continue;
        }
      }
      text += c;
      i++;
    }
    if (inPlaceholder) throw new Error('unterminated placeholder');
    flush();
    return out;
  };
  return parse(false);
}

interface ExpandOptions {
  /** Values typed into tab stops (replace the default and every mirror). */
  values?: Record<number, string>;
  variables?: Record<string, string>;
}

/** Expands a snippet the way the editor leaves it when every tab stop keeps its default (or `values`). */
export function expandSnippet(src: string, opts: ExpandOptions = {}): string {
  const nodes = parseSnippet(src);
  const vars = opts.variables ?? {};
  // First pass: the defining occurrence of each tab stop (first one with a default or choices).
  const defs = new Map<number, Node & { t: 'tab' }>();
  const collect = (ns: Node[]): void => {
    for (const n of ns) {
      if (n.t === 'tab') {
        if ((n.def || n.choices) && !defs.has(n.n)) defs.set(n.n, n);
        if (n.def) collect(n.def);
      } else if (n.t === 'var' && n.def) collect(n.def);
    }
  };
  collect(nodes);
  const render = (ns: Node[], seen: number[]): string =>
    ns
      .map((n) => {
        if (n.t === 'text') return n.v;
        if (n.t === 'var') {
          if (n.transform && n.name in vars) {
            const { regex, format } = n.transform;
            return vars[n.name]!.replace(regex, (...args: unknown[]) => {
              const groups = args.slice(0, args.findIndex((a) => typeof a === 'number')) as Array<string | undefined>;
              return applyFormat(format, groups);
            });
          }
          if (n.name in vars) return vars[n.name]!;
          if (n.def) return render(n.def, seen);
          throw new Error(`unknown snippet variable $${n.name}`);
        }
        if (n.n in (opts.values ?? {})) return opts.values![n.n]!;
        if (n.n === 0) return '';
        const d = defs.get(n.n);
        if (!d || seen.includes(n.n)) return '';
        if (d.choices) return d.choices[0] ?? '';
        return render(d.def ?? [], [...seen, n.n]);
      })
      .join('');
  return render(nodes, []);
}

const NOW = new Date();
const pad = (x: number): string => String(x).padStart(2, '0');
const VARIABLES: Record<string, string> = {
  CURRENT_YEAR: String(NOW.getFullYear()),
  CURRENT_YEAR_SHORT: String(NOW.getFullYear()).slice(2),
  CURRENT_MONTH: pad(NOW.getMonth() + 1),
  CURRENT_DATE: pad(NOW.getDate()),
  CURRENT_HOUR: pad(NOW.getHours()),
  CURRENT_MINUTE: pad(NOW.getMinutes()),
  CURRENT_SECOND: pad(NOW.getSeconds()),
  TM_FILENAME: 'new.runbook.yaml',
  TM_FILENAME_BASE: 'new.runbook',
};

describe('snippet expander', () => {
  test('tab stops, defaults, nested placeholders, choices, mirrors, variables, escapes', () => {
    assert.equal(expandSnippet('a $1 b'), 'a  b');
    assert.equal(expandSnippet('${1:x} and $1'), 'x and x');
    assert.equal(expandSnippet('$1 then ${1:y}'), 'y then y');
    assert.equal(expandSnippet('${1:outer ${2:inner} end} / $2'), 'outer inner end / inner');
    assert.equal(expandSnippet('${1|page,ticket|}'), 'page');
    assert.equal(expandSnippet('${1| ,x|}'), ' ');
    assert.equal(expandSnippet('${1|a\\,b,c|}'), 'a,b');
    assert.equal(expandSnippet('$CURRENT_YEAR-${CURRENT_MONTH}', { variables: { CURRENT_YEAR: '2026', CURRENT_MONTH: '11' } }), '2026-11');
    assert.equal(expandSnippet('${TM_SELECTED_TEXT:none}'), 'none');
    assert.equal(expandSnippet('cost \\$5 \\} \\\\ {a}'), 'cost $5 } \\ {a}');
    assert.equal(expandSnippet('${1:a\\}b}'), 'a}b');
    assert.equal(expandSnippet('x$0y'), 'xy');
    assert.equal(expandSnippet('${2:b} ${1:a}', { values: { 1: 'A' } }), 'b A');
    assert.equal(expandSnippet('${TM_FILENAME_BASE/(.*)/${1:/upcase}/}', { variables: { TM_FILENAME_BASE: 'ab' } }), 'AB');
    assert.equal(expandSnippet('${1:${V/(a)|(b)/${1:+A}${2:?B:no}/g}}', { variables: { V: 'abc' } }), 'AnoBc');
    const NAME = '${1:${TM_FILENAME_BASE/(\\.runbook$)|([^a-zA-Z0-9]+)|([a-zA-Z0-9]+)/${2:+-}${3:/downcase}/g}}';
    assert.equal(expandSnippet(NAME, { variables: { TM_FILENAME_BASE: 'Drift Alert_v2.runbook' } }), 'drift-alert-v2');
    assert.equal(expandSnippet(NAME, { variables: { TM_FILENAME_BASE: 'latency' } }), 'latency');
    assert.equal(expandSnippet(NAME, { variables: { TM_FILENAME_BASE: 'Untitled-1' } }), 'untitled-1');
    assert.throws(() => expandSnippet('${1:open'), /unterminated/);
    assert.throws(() => expandSnippet('$NOT_A_VARIABLE'), /unknown snippet variable/);
  });
});

// ---- the snippets --------------------------------------------------------------------------------

interface Snippet {
  prefix: string | string[];
  description: string;
  body: string | string[];
}
const root = join(import.meta.dirname, '..', '..');
const load = (name: string): Record<string, Snippet> => JSON.parse(readFileSync(join(root, 'snippets', name), 'utf8')) as Record<string, Snippet>;
const bodyOf = (s: Snippet): string => (Array.isArray(s.body) ? s.body.join('\n') : s.body);
const runbooks = load('runbook.code-snippets');
const postmortems = load('postmortem.code-snippets');
const expand = (s: Snippet, values?: Record<number, string>): string => expandSnippet(bodyOf(s), { variables: VARIABLES, ...(values ? { values } : {}) });
const summary = (fs: Array<{ code: string; severity: string; message: string }>): string => fs.map((f) => `${f.code} ${f.severity}: ${f.message}`).join('\n');

describe('snippet files', () => {
  test('every snippet has a prefix, a description and a body; prefixes are unique', () => {
    const seen = new Set<string>();
    for (const file of [runbooks, postmortems]) {
      for (const [name, s] of Object.entries(file)) {
        assert.ok(s.description && s.description.length > 20, `${name}: description`);
        assert.ok(bodyOf(s).length > 10, `${name}: body`);
        for (const p of Array.isArray(s.prefix) ? s.prefix : [s.prefix]) {
          assert.ok(!seen.has(p), `duplicate prefix ${p}`);
          seen.add(p);
        }
      }
    }
    assert.equal(Object.keys(runbooks).length, 5);
    assert.equal(Object.keys(postmortems).length, 6);
  });

  test('the package manifest contributes both files', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { snippets: Array<{ language: string; path: string }> } };
    const by = (lang: string): string[] => pkg.contributes.snippets.filter((s) => s.language === lang).map((s) => s.path);
    assert.deepEqual(by('ml-runbook'), ['./snippets/runbook.code-snippets']);
    assert.deepEqual(by('ml-postmortem'), ['./snippets/postmortem.code-snippets']);
  });
});

const PLAYBOOKS = ['ML runbook: drift alert', 'ML runbook: p99 latency spike', 'ML runbook: prompt-injection attempt'];

describe('runbook snippets lint with only "not localised" findings', () => {
  for (const [name, s] of Object.entries(runbooks)) {
    if (name === 'ML runbook: slos block') continue;
    test(name, () => {
      const text = expand(s);
      const { kind, findings } = lint('new.runbook.yaml', text, { now: NOW });
      assert.equal(kind, 'runbook');
      const unexpected = findings.filter((f) => !(f.code === 'RB003' || (f.code === 'RB002' && f.severity === 'hint')));
      assert.deepEqual(unexpected, [], `unexpected findings:\n${summary(unexpected)}\n---\n${text}`);
      assert.ok(findings.some((f) => f.code === 'RB003'), 'the defaults are flagged as not localised');
      assert.ok(!findings.some((f) => f.severity === 'error'), summary(findings));
    });
  }

  test('the slos block, pasted into the blank runbook, adds no finding', () => {
    const blank = expand(runbooks['ML runbook: blank']!);
    const slos = expand(runbooks['ML runbook: slos block']!);
    const text = `${blank.trimEnd()}\n${slos}`;
    const { findings } = lint('new.runbook.yaml', text, { now: NOW });
    const unexpected = findings.filter((f) => f.code !== 'RB003');
    assert.deepEqual(unexpected, [], summary(unexpected));
    // Only the SLI placeholder of the slos block is new.
    const base = lint('new.runbook.yaml', blank, { now: NOW }).findings.length;
    assert.equal(findings.length, base + 1, summary(findings));
  });

  test('the playbooks carry three triage queries in order, each with a query that parses, and the standard tiers', () => {
    for (const name of PLAYBOOKS) {
      const text = expand(runbooks[name]!);
      const langs = [...text.matchAll(/^ {6}language: (\w+)$/gm)].map((m) => m[1]);
      assert.equal(langs.length, 3, `${name}: three queries`);
      assert.deepEqual([...text.matchAll(/burnRate: ([\d.]+)/g)].map((m) => m[1]), ['14.4', '6', '1'], name);
      assert.deepEqual([...text.matchAll(/budgetConsumed: (\S+)/g)].map((m) => m[1]), ['2%', '5%', '10%'], name);
      assert.match(text, /period: 30d/);
      // No placeholder inside a query: the query text is what RB004 parses.
      for (const q of text.matchAll(/text: \|\n((?: {8}.*\n)+)/g)) assert.doesNotMatch(q[1]!, /[<>]\w|TODO|example\.com|\$\{/, `${name}: query ${q[1]}`);
    }
    assert.match(expand(runbooks['ML runbook: prompt-injection attempt']!), /OWASP LLM01:2025/);
    // PromQL, LogQL and SQL each appear (RB004 checks all three grammars on a fresh snippet).
    const all = PLAYBOOKS.flatMap((n) => [...expand(runbooks[n]!).matchAll(/^ {6}language: (\w+)$/gm)].map((m) => m[1]));
    assert.deepEqual([...new Set(all)].sort(), ['logql', 'promql', 'sql']);
  });

  test('localised (placeholders filled in), a playbook lints clean', () => {
    const values = { 2: 'Drift alert on fraud-scorer', 3: 'fraud-scorer', 4: 'ml-platform', 5: '#ml-oncall', 6: '@fraud-model-owners', 9: 'grafana.corp.internal' };
    for (const name of PLAYBOOKS) {
      const text = expand(runbooks[name]!, { ...values, 2: `${name.replace('ML runbook: ', '')} on fraud-scorer` });
      const { findings } = lint('fraud.runbook.yaml', text, { now: NOW });
      assert.deepEqual(findings, [], `${name}:\n${summary(findings)}`);
    }
  });

  test('the blank runbook, filled in, lints clean (its data surface names the model owner)', () => {
    const values: Record<number, string> = { 2: 'Drift alert', 3: 'fraud-scorer', 4: 'ml-platform', 5: '#ml-oncall', 6: '@fraud-model-owners', 7: 'Feature drift above threshold', 8: 'FeatureDriftHigh', 11: 'Inputs change most often' };
    for (let n = 13; n <= 20; n++) values[n] = n % 2 ? `Triage question ${n}` : `Look at dashboard ${n}`;
    values[19] = 'The drift traces to a feature-pipeline break';
    values[20] = 'Roll back the feature pipeline';
    const text = expand(runbooks['ML runbook: blank']!, values);
    assert.deepEqual(lint('blank.runbook.yaml', text, { now: NOW }).findings, [], text);
    // Without its model owner, the data-surface default is RB011.
    const noOwner = text.replace(/^ {4}model: .*\n/m, '');
    assert.deepEqual(lint('blank.runbook.yaml', noOwner, { now: NOW }).findings.map((f) => f.code), ['RB011']);
  });
});

/**
 * Findings an unfilled post-mortem template cannot avoid — warnings and hints only, never an error:
 * - PM004 / PM005: the drift/quality questions and the model/data-state fields are unanswered;
 * - PM006: "Which signal detected it first?" is unanswered (warning), and so is the earlier signal (hint).
 * The surface attribution ticks "Data issue" by default through a choice tab stop (x or blank) the
 * author passes through, so no PM003 error is left behind; the action items carry an owner and a due
 * date tab stop, so the loop is closed once they are kept.
 * Nothing else may appear: no PM001 (the front matter is valid), PM002 (every section is there),
 * PM006 gap mismatch (the stated gap matches the timestamps), PM009 (the timeline parses and is in order).
 */
const TEMPLATE_FINDINGS = new Set(['PM004', 'PM005', 'PM006']);

/** The playbook's "ML post-mortem template additions", verbatim. */
const PLAYBOOK_ML_ADDITIONS = `## ML-specific post-mortem additions

### Surface attribution
- [ ] Data issue  [ ] Model issue  [ ] Serving issue

### Drift/quality context
- Was a quality SLO breached? (Y/N, which SLO, for how long)
- Was this real drift (concept drift) or virtual drift (covariate shift)?
- Was label lag a contributing factor?

### Model and data state at incident time
- Model version in production at incident start:
- Last deploy timestamp:
- Feature pipeline last successful run:
- Reference dataset / training cut-off date:

### Detection gap
- How long between incident start and page?
- Which signal detected it first?
- What signal, if any, could have detected it earlier?

### Action items (surface-specific)
- [ ] Update drift detector reference window / threshold
- [ ] Add/improve quality SLI
- [ ] Tighten model promotion gate
- [ ] Fix/add runbook step
- [ ] Reduce tool/data blast radius for LLM incidents`;

/**
 * A snippet's expansion back to the template it was made from: "Data issue" unticked, answers and
 * the action items' owner and due date removed, trailing spaces and the blank line under each
 * `###` heading dropped (the playbook writes none).
 */
const toTemplate = (s: string): string =>
  s
    .replace(/^- \[x\] Data issue/m, '- [ ] Data issue')
    .replace(/ — @owner, due \d{4}-\d{2}-\d{2}$/gm, '')
    .replace(/^(- How long between incident start and page\?) .*$/m, '$1')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/^(### .*)\n\n/gm, '$1\n')
    .trimEnd();

/** The number of the tab stop right after `prefix` in a snippet body. */
const stopAfter = (body: string, prefix: string): number => {
  const at = body.indexOf(prefix);
  assert.ok(at >= 0, `no "${prefix}" in the snippet`);
  const m = /^\s*\$\{?(\d+)/.exec(body.slice(at + prefix.length));
  assert.ok(m, `no tab stop after "${prefix}"`);
  return Number(m[1]);
};

describe('post-mortem snippets', () => {
  const full = postmortems['ML post-mortem: full']!;
  test('the full post-mortem lints with no error, only the findings inherent to an unfilled template', () => {
    const text = expand(full);
    const { kind, findings } = lint('new.postmortem.md', text, { now: NOW, fileExists: () => true });
    assert.equal(kind, 'postmortem');
    const unexpected = findings.filter((f) => !TEMPLATE_FINDINGS.has(f.code));
    assert.deepEqual(unexpected, [], `unexpected findings:\n${summary(unexpected)}\n---\n${text}`);
    const errors = findings.filter((f) => f.severity === 'error');
    assert.deepEqual(errors, [], summary(errors));
    // Every question and field asks for its answer.
    assert.equal(findings.filter((f) => f.code === 'PM004').length, 3, summary(findings));
    assert.equal(findings.filter((f) => f.code === 'PM005').length, 4, summary(findings));
  });

  test('filled in (surface ticked, questions answered, owners named), the full post-mortem lints clean', () => {
    const body = bodyOf(full);
    const day = `${VARIABLES.CURRENT_YEAR}-${VARIABLES.CURRENT_MONTH}-${VARIABLES.CURRENT_DATE}`;
    const values: Record<number, string> = {
      1: 'Fraud scorer degraded after a feature-pipeline schema change',
      [stopAfter(body, '(Y/N, which SLO, for how long)')]: 'Y — the precision SLO, for 3h16m',
      [stopAfter(body, 'or virtual drift (covariate shift)?')]: 'Neither: a feature-pipeline break',
      [stopAfter(body, 'Was label lag a contributing factor?')]: 'No — labels for the window were complete',
      [stopAfter(body, 'Model version in production at incident start:')]: 'fraud-scorer v42',
      [stopAfter(body, 'Last deploy timestamp:')]: `${day}T08:00Z`,
      [stopAfter(body, 'Feature pipeline last successful run:')]: `${day}T09:00Z`,
      [stopAfter(body, 'Reference dataset / training cut-off date:')]: '2026-06-30',
      [stopAfter(body, 'Which signal detected it first?')]: 'The input-feature drift monitor',
      [stopAfter(body, 'What signal, if any, could have detected it earlier?')]: 'A null-rate check on the feature store',
    };
    for (const m of body.matchAll(/@\$\{(\d+):owner\}/g)) values[Number(m[1])] = 'ml-platform';
    const text = expand(full, values);
    const { findings } = lint('new.postmortem.md', text, { now: NOW, fileExists: () => true });
    assert.deepEqual(findings, [], `${summary(findings)}\n---\n${text}`);
  });

  test('the full post-mortem: PagerDuty-style sections, then the playbook\'s ML additions word for word', () => {
    const text = expand(full);
    assert.deepEqual([...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]), ['Summary', 'Impact', 'Timeline', 'Root cause', 'ML-specific post-mortem additions']);
    const ml = text.slice(text.indexOf('## ML-specific post-mortem additions'));
    assert.equal(toTemplate(ml), PLAYBOOK_ML_ADDITIONS);
    const norm = (s: string): string => s.split('\n').map((l) => l.trimEnd()).join('\n');
    for (const spec of SECTIONS) {
      const level = ['summary', 'impact', 'timeline', 'root-cause'].includes(spec.id) ? 2 : 3;
      const want = norm(skeletonAtLevel(spec.id, level)).trimEnd();
      const got = level === 2 ? norm(text) : norm(toTemplate(text).replace(/^(### .*)\n/gm, '$1\n\n'));
      assert.ok(got.includes(want), `section ${spec.title} agrees with the core skeleton`);
    }
  });

  const sectionSnippets = Object.entries(postmortems).filter(([n]) => n.startsWith('ML post-mortem section: '));
  test('one snippet per ML section', () => {
    assert.deepEqual(
      sectionSnippets.map(([n]) => n.replace('ML post-mortem section: ', '')),
      ['Surface attribution', 'Drift/quality context', 'Model and data state', 'Detection gap', 'Action items'],
    );
  });
  const complete = readFileSync(join(root, 'test', 'fixtures', 'postmortems', 'playbook-template-answered.postmortem.md'), 'utf8');
  for (const [name, s] of sectionSnippets) {
    const title = name.replace('ML post-mortem section: ', '');
    const spec = SECTIONS.find((x) => x.title === title);
    test(`${name} is the core skeleton, in the playbook's words`, () => {
      assert.ok(spec, `no section titled ${title} in SECTIONS`);
      const trimLines = (x: string): string => x.split('\n').map((l) => l.trimEnd()).join('\n').trimEnd();
      assert.equal(toTemplate(expand(s)), toTemplate(skeletonAtLevel(spec!.id, 3)));
      assert.ok(PLAYBOOK_ML_ADDITIONS.includes(toTemplate(expand(s))), 'a part of the playbook\'s template');
      assert.ok(trimLines(expand(s)).length > 0);
    });
    test(`${name}, inserted into a post-mortem without that section, leaves no error; filled in, no warning`, () => {
      // Remove the section from the answered template, then insert the snippet where it was.
      const sec = new RegExp(`### ${(spec!.heading ?? spec!.title).replace(/[()]/g, '\\$&')}[^]*?(?=\\n### |\\n$)`).exec(complete);
      assert.ok(sec, title);
      const bare = complete.slice(0, sec.index) + complete.slice(sec.index + sec[0].length);
      assert.ok(lint('x.postmortem.md', bare, { now: NOW }).findings.some((f) => f.code === 'PM002'), 'the section is missing');
      const withSnippet = complete.slice(0, sec.index) + expand(s).trimEnd() + complete.slice(sec.index + sec[0].length);
      const { findings } = lint('x.postmortem.md', withSnippet, { now: NOW });
      assert.deepEqual(findings.filter((f) => f.severity === 'error'), [], summary(findings));
      // Filled in: every answer tab stop gets the answered template's answer.
      const body = bodyOf(s);
      const lines = complete.slice(sec.index, sec.index + sec[0].length).split('\n');
      const values: Record<number, string> = {};
      for (const m of body.matchAll(/\$(\d+)(?!\d)/g)) {
        const before = body.slice(0, m.index).split('\n').pop()!;
        const line = lines.find((l) => l.startsWith(before));
        if (line) values[Number(m[1])] = line.slice(before.length);
      }
      for (const m of body.matchAll(/@\$\{(\d+):owner\}/g)) values[Number(m[1])] = 'ml-platform';
      const filled = complete.slice(0, sec.index) + expand(s, values).trimEnd() + complete.slice(sec.index + sec[0].length);
      const rest = lint('x.postmortem.md', filled, { now: NOW }).findings;
      assert.deepEqual(rest, [], `${summary(rest)}\n---\n${expand(s, values)}`);
    });
  }
});

// ---- the playbook's stubs, faithfully ------------------------------------------------------------

const STUB_OF: Record<string, string> = { 'ML runbook: drift alert': 'drift', 'ML runbook: p99 latency spike': 'latency', 'ML runbook: prompt-injection attempt': 'injection' };

describe('the playbook runbook snippets carry the playbook stubs', () => {
  for (const name of PLAYBOOKS) {
    test(name, () => {
      const doc = parseYaml(expand(runbooks[name]!)) as Record<string, any>;
      assertCarriesStub(name, doc, PLAYBOOK_STUBS[STUB_OF[name]!]!);
    });
  }

  test('the four false pages each appear, with the stub they belong to', () => {
    const pages = (name: string): string[] => ((parseYaml(expand(runbooks[name]!)) as { falsePages: Array<{ pattern: string }> }).falsePages).map((p) => p.pattern);
    assert.deepEqual(pages('ML runbook: drift alert'), ['The monitor moved, not the system', 'Label lag masquerading as quality drop', 'Seasonality read as drift']);
    assert.deepEqual(pages('ML runbook: p99 latency spike'), ['Cold-start latency after a scale event']);
  });

  test('severities follow the rubric: drift SEV3 escalating to SEV2 on a quality breach; latency burning fast SEV2, full outage SEV1', () => {
    const sev = (name: string) => (parseYaml(expand(runbooks[name]!)) as { severity: { default: string; escalations: Array<{ to: string; when: string }> } }).severity;
    const d = sev('ML runbook: drift alert');
    assert.equal(d.default, 'SEV3');
    assert.deepEqual(d.escalations.map((e) => e.to), ['SEV2', 'SEV1']);
    assert.match(d.escalations[0]!.when, /quality SLO is breached/);
    assert.match(d.escalations[1]!.when, /Wrong predictions affecting users at scale/);
    const l = sev('ML runbook: p99 latency spike');
    assert.equal(l.default, 'SEV2');
    assert.deepEqual(l.escalations.map((e) => [e.to, e.when]), [['SEV1', 'Full serving outage']]);
  });

  test('the stub check is not vacuous: the old drift wording fails it', () => {
    const doc = parseYaml(expand(runbooks['ML runbook: drift alert']!)) as Record<string, any>;
    doc.diagnostics[2].why = 'Drift with unchanged quality is monitoring noise';
    assert.throws(() => assertCarriesStub('old', doc, PLAYBOOK_STUBS.drift!), /diagnostic 3|monitoring noise/);
    const swapped = parseYaml(expand(runbooks['ML runbook: p99 latency spike']!)) as Record<string, any>;
    [swapped.diagnostics[0], swapped.diagnostics[1]] = [swapped.diagnostics[1], swapped.diagnostics[0]];
    assert.throws(() => assertCarriesStub('swapped', swapped, PLAYBOOK_STUBS.latency!), /diagnostic 1/);
  });
});

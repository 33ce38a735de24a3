import { parseDocument, LineCounter } from 'yaml';
import type { RuleSeverity, Finding } from './types';
import { YAML_PARSE_OPTIONS, addDuplicateKeyErrors } from './yamlKeys';
import { SQL_DIALECTS, normalizeSqlDialect } from './queries/dialects';
import { MAX_FLOW_DEPTH, flowDepthOver } from './runbook/parse';
import { yamlRange } from './yamlPath';

/** The configuration every rule sees, after defaults, the project file and editor settings are merged. */
export interface ResolvedConfig {
  /** Per-code severity overrides (`off` disables a rule). Codes not listed use the rule's default. */
  rules: Record<string, RuleSeverity>;
  /** RB007: `metadata.lastReviewed` older than this many days is stale. */
  staleAfterDays: number;
  blameless: {
    /** Extra blame terms (case-insensitive phrases) for PM008. */
    extraTerms: string[];
    /** Terms that must never be flagged by PM008 (case-insensitive phrases). */
    allow: string[];
  };
  sql: {
    /** Default SQL dialect for `language: sql` queries without a `dialect`. Empty = try the common ones. */
    dialect: string;
  };
  files: {
    /** Globs (relative to the project root) of runbook files. */
    runbooks: string[];
    /** Globs (relative to the project root) of post-mortem files. */
    postmortems: string[];
    /** Globs (relative to the project root) of Prometheus/Loki rule files, in addition to those detected by content. */
    alertRules: string[];
  };
  alerts: {
    /** Template of a runbook's URL (`{name}`, `{path}`); empty: links resolve by path only. */
    runbookUrl: string;
  };
}

/** A partial configuration, as read from `.ml-runbooks.yaml` or editor settings. */
export interface ConfigLayer {
  rules?: Record<string, RuleSeverity>;
  staleAfterDays?: number;
  blameless?: { extraTerms?: string[]; allow?: string[] };
  sql?: { dialect?: string };
  files?: { runbooks?: string[]; postmortems?: string[]; alertRules?: string[] };
  alerts?: { runbookUrl?: string };
}

export const RULE_SEVERITIES: readonly RuleSeverity[] = ['off', 'hint', 'info', 'warning', 'error'];

/** The name of the project configuration file looked up at the workspace root. */
export const CONFIG_FILE_NAME = '.ml-runbooks.yaml';

/** Defaults, as documented in docs/settings.md. */
export function defaultConfig(): ResolvedConfig {
  return {
    rules: {},
    staleAfterDays: 180,
    blameless: { extraTerms: [], allow: [] },
    sql: { dialect: '' },
    files: {
      runbooks: ['**/*.runbook.yaml', '**/*.runbook.yml'],
      postmortems: ['**/*.postmortem.md'],
      alertRules: [],
    },
    alerts: { runbookUrl: '' },
  };
}

/**
 * Merges layers over the defaults; later layers win key by key (`rules` merge per code, lists replace).
 *
 * @example
 * mergeConfig(fileLayer, settingsLayer) // settings win over the project file
 */
export function mergeConfig(...layers: Array<ConfigLayer | undefined>): ResolvedConfig {
  const out = defaultConfig();
  for (const l of layers) {
    if (!l) continue;
    if (l.rules) {
      for (const [code, sev] of Object.entries(l.rules)) {
        if (RULE_SEVERITIES.includes(sev)) out.rules[code.toUpperCase()] = sev;
      }
    }
    if (typeof l.staleAfterDays === 'number' && Number.isFinite(l.staleAfterDays) && l.staleAfterDays > 0) {
      out.staleAfterDays = l.staleAfterDays;
    }
    if (l.blameless?.extraTerms) out.blameless.extraTerms = [...l.blameless.extraTerms];
    if (l.blameless?.allow) out.blameless.allow = [...l.blameless.allow];
    if (typeof l.sql?.dialect === 'string' && (!l.sql.dialect.trim() || normalizeSqlDialect(l.sql.dialect))) out.sql.dialect = l.sql.dialect;
    // Globs that would take too long to match are dropped here too, whatever layer they come from.
    const runbooks = l.files?.runbooks?.filter((g) => typeof g === 'string' && !globProblem(g));
    const postmortems = l.files?.postmortems?.filter((g) => typeof g === 'string' && !globProblem(g));
    const alertRules = l.files?.alertRules?.filter((g) => typeof g === 'string' && !globProblem(g));
    if (runbooks?.length) out.files.runbooks = runbooks;
    if (postmortems?.length) out.files.postmortems = postmortems;
    if (alertRules) out.files.alertRules = alertRules;
    if (typeof l.alerts?.runbookUrl === 'string') out.alerts.runbookUrl = l.alerts.runbookUrl;
  }
  return out;
}

/** The result of reading a project configuration file. */
export interface ParsedConfigFile {
  layer: ConfigLayer;
  /** Problems in the file (code ML002), offsets into its text. Empty when the file is valid. */
  findings: Finding[];
}

/** Longest project file read, in characters (a larger one is one ML002 finding; the defaults apply). */
export const MAX_CONFIG_CHARS = 256 * 1024;

const KNOWN_TOP = new Set(['rules', 'staleAfterDays', 'blameless', 'sql', 'files', 'alerts', 'dialect', 'extraTerms', 'allow']);

/**
 * Reads `.ml-runbooks.yaml`. Invalid parts are reported (code ML002) and ignored, so the defaults
 * apply to them; valid parts still take effect. Never throws.
 *
 * Accepted shape (see schemas/ml-runbooks-config.schema.json):
 * ```yaml
 * rules: { RB003: off, PM008: warning }
 * staleAfterDays: 90
 * blameless: { extraTerms: [sloppy], allow: [root cause] }   # or top-level extraTerms / allow
 * sql: { dialect: bigquery }                                 # or top-level dialect
 * files: { runbooks: ["ops/**\/*.yaml"], postmortems: ["pm/**\/*.md"] }
 * ```
 */
export function parseConfigText(text: string): ParsedConfigFile {
  const findings: Finding[] = [];
  const problem = (message: string, start: number, end: number): void => {
    findings.push({ code: 'ML002', severity: 'error', message, start, end: Math.max(end, start) });
  };
  if (text.length > MAX_CONFIG_CHARS) {
    problem(`Configuration file is larger than ${MAX_CONFIG_CHARS / 1024} KB and was not read. Defaults apply.`, 0, Math.min(text.length, 1));
    return { layer: {}, findings };
  }
  const deep = flowDepthOver(text, MAX_FLOW_DEPTH);
  if (deep !== -1) {
    problem(`Configuration file is nested too deeply to be read (more than ${MAX_FLOW_DEPTH} levels of [ ] or { }). Defaults apply.`, deep, deep + 1);
    return { layer: {}, findings };
  }
  let doc;
  try {
    doc = parseDocument(text, { ...YAML_PARSE_OPTIONS, lineCounter: new LineCounter() });
    addDuplicateKeyErrors(doc);
  } catch (e) {
    problem(`Configuration file could not be read: ${(e as Error).message}. Defaults apply.`, 0, Math.min(text.length, 1));
    return { layer: {}, findings };
  }
  for (const err of doc.errors) {
    problem(`Configuration file is not valid YAML: ${err.message.split('\n')[0]}. Defaults apply.`, err.pos[0], err.pos[1]);
  }
  if (doc.errors.length) return { layer: {}, findings };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    problem(`Configuration file could not be read: ${(e as Error).message}. Defaults apply.`, 0, Math.min(text.length, 1));
    return { layer: {}, findings };
  }
  if (value === null || value === undefined) return { layer: {}, findings };
  const whole = (): [number, number] => {
    const r = doc.contents?.range;
    return r ? [r[0], r[1]] : [0, text.length];
  };
  if (typeof value !== 'object' || Array.isArray(value)) {
    problem('Configuration file must be a mapping (e.g. `rules: { RB003: off }`). Defaults apply.', ...whole());
    return { layer: {}, findings };
  }
  const rangeOf = (path: Array<string | number>, key = false): [number, number] => yamlRange(doc, path, key ? 'key' : 'value') ?? whole();
  const v = value as Record<string, unknown>;
  const layer: ConfigLayer = {};
  for (const k of Object.keys(v)) {
    if (!KNOWN_TOP.has(k)) problem(`Unknown configuration key '${excerpt(k)}'; expected one of rules, staleAfterDays, blameless, sql, files, alerts.`, ...rangeOf([k], true));
  }
  const strList = (x: unknown, path: string[]): string[] | undefined => {
    if (x === undefined) return undefined;
    if (Array.isArray(x) && x.every((s) => typeof s === 'string')) return x as string[];
    problem(`'${path.join('.')}' must be a list of strings.`, ...rangeOf(path));
    return undefined;
  };
  if (v.rules !== undefined) {
    if (typeof v.rules !== 'object' || v.rules === null || Array.isArray(v.rules)) {
      problem("'rules' must be a mapping of rule codes to off|hint|info|warning|error.", ...rangeOf(['rules']));
    } else {
      const rules: Record<string, RuleSeverity> = {};
      for (const [code, sev] of Object.entries(v.rules as Record<string, unknown>)) {
        if (!/^(RB|PM|ML|AL)\d{3}$/i.test(code)) {
          problem(`Unknown rule code '${excerpt(code)}'; codes look like RB003, PM008, AL002 or ML001.`, ...rangeOf(['rules', code], true));
          continue;
        }
        const s = sev === false ? 'off' : sev;
        if (typeof s === 'string' && (RULE_SEVERITIES as readonly string[]).includes(s)) rules[code.toUpperCase()] = s as RuleSeverity;
        else problem(`Severity of ${excerpt(code)} must be one of off, hint, info, warning, error.`, ...rangeOf(['rules', code]));
      }
      layer.rules = rules;
    }
  }
  if (v.staleAfterDays !== undefined) {
    if (typeof v.staleAfterDays === 'number' && Number.isFinite(v.staleAfterDays) && v.staleAfterDays > 0) layer.staleAfterDays = v.staleAfterDays;
    else problem("'staleAfterDays' must be a positive number of days.", ...rangeOf(['staleAfterDays']));
  }
  const bl = (v.blameless ?? {}) as Record<string, unknown>;
  if (v.blameless !== undefined && (typeof v.blameless !== 'object' || v.blameless === null || Array.isArray(v.blameless))) {
    problem("'blameless' must be a mapping with extraTerms and allow lists.", ...rangeOf(['blameless']));
  } else {
    const extra = strList(bl.extraTerms, ['blameless', 'extraTerms']) ?? strList(v.extraTerms, ['extraTerms']);
    const allow = strList(bl.allow, ['blameless', 'allow']) ?? strList(v.allow, ['allow']);
    if (extra || allow) layer.blameless = { ...(extra ? { extraTerms: extra } : {}), ...(allow ? { allow } : {}) };
  }
  const sqlDialect = (v.sql as Record<string, unknown> | undefined)?.dialect ?? v.dialect;
  if (sqlDialect !== undefined) {
    if (typeof sqlDialect === 'string' && (!sqlDialect.trim() || normalizeSqlDialect(sqlDialect))) layer.sql = { dialect: sqlDialect };
    else if (typeof sqlDialect === 'string') {
      problem(`Unknown SQL dialect '${excerpt(sqlDialect)}'; expected one of ${SQL_DIALECTS.join(', ')}.`, ...rangeOf(v.sql !== undefined ? ['sql', 'dialect'] : ['dialect']));
    } else problem("'sql.dialect' must be a string such as postgresql, mysql, bigquery.", ...rangeOf(v.sql !== undefined ? ['sql', 'dialect'] : ['dialect']));
  }
  if (v.files !== undefined) {
    if (typeof v.files !== 'object' || v.files === null || Array.isArray(v.files)) {
      problem("'files' must be a mapping with runbooks and postmortems glob lists.", ...rangeOf(['files']));
    } else {
      const f = v.files as Record<string, unknown>;
      const globs = (key: 'runbooks' | 'postmortems' | 'alertRules'): string[] | undefined => {
        const list = strList(f[key], ['files', key]);
        if (!list) return undefined;
        const ok = list.filter((g, i) => {
          const why = globProblem(g);
          if (why) problem(`Glob '${excerpt(g)}' in 'files.${key}' is not used: ${why}.`, ...rangeOf(['files', key, i]));
          return !why;
        });
        return ok.length ? ok : undefined;
      };
      const runbooks = globs('runbooks');
      const postmortems = globs('postmortems');
      const alertRules = globs('alertRules');
      layer.files = { ...(runbooks ? { runbooks } : {}), ...(postmortems ? { postmortems } : {}), ...(alertRules ? { alertRules } : {}) };
    }
  }
  if (v.alerts !== undefined) {
    const a = v.alerts as Record<string, unknown> | null;
    if (typeof a !== 'object' || a === null || Array.isArray(a)) problem("'alerts' must be a mapping such as { runbookUrl: \"https://runbooks.example.internal/{name}\" }.", ...rangeOf(['alerts']));
    else if (a.runbookUrl !== undefined) {
      if (typeof a.runbookUrl === 'string') layer.alerts = { runbookUrl: a.runbookUrl };
      else problem("'alerts.runbookUrl' must be a string with {name} or {path}.", ...rangeOf(['alerts', 'runbookUrl']));
    }
  }
  return { layer, findings };
}

/** Limits of a `files` glob: the matcher (picomatch) compiles globs to backtracking regular expressions. */
export const GLOB_LIMITS = { length: 256, starsPerSegment: 2, globstars: 3, braces: 4 } as const;

/**
 * Why a `files` glob is refused, or undefined. A glob from a project file is untrusted (CI lints pull
 * requests): each `*` in one path segment multiplies the work of matching a long file name
 * (`*a*a*a*a*a*a*a*a*a*a*a*a*b` took minutes on a 63-character name), so a segment may hold at most
 * two (`**` segments aside), a glob at most three `**` and four brace groups. Extended globs
 * (`+(a|b)`) are not interpreted (the matcher runs with `noextglob`).
 */
export function globProblem(glob: string): string | undefined {
  if (glob.length > GLOB_LIMITS.length) return `longer than ${GLOB_LIMITS.length} characters`;
  const segments = glob.split('/');
  if (segments.filter((s) => s === '**').length > GLOB_LIMITS.globstars) return `more than ${GLOB_LIMITS.globstars} '**' segments`;
  for (const s of segments) {
    if (s === '**') continue;
    let stars = 0;
    for (const c of s) if (c === '*') stars++;
    if (stars > GLOB_LIMITS.starsPerSegment) return `more than ${GLOB_LIMITS.starsPerSegment} '*' in one path segment (matching it would take too long); use '**/' or a simpler pattern`;
  }
  let braces = 0;
  for (const c of glob) if (c === '{') braces++;
  if (braces > GLOB_LIMITS.braces) return `more than ${GLOB_LIMITS.braces} brace groups`;
  return undefined;
}

/** A short, printable excerpt of a value for a message: at most `max` characters, control characters escaped. */
export function excerpt(value: string, max = 40): string {
  const cut = value.length > max ? value.slice(0, max) + '…' : value;
  return cut.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Editor settings (`mlRunbooks` section, pulled per document) → a core `ConfigLayer`.
 * Unknown or ill-typed values are ignored so that one bad setting never disables the others.
 */
import { RULE_SEVERITIES, type ConfigLayer, type RuleSeverity } from '../core/index';

/** The `mlRunbooks` settings section as the client sends it (everything optional, nothing trusted). */
export interface RawSettings {
  staleAfterDays?: unknown;
  rules?: unknown;
  sql?: unknown;
  blameless?: unknown;
  /** Flat forms such as `"rules.RB003": "off"` or `"sql.dialect": "bigquery"`. */
  [key: string]: unknown;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const strList = (x: unknown): string[] | undefined =>
  Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string' && s.trim() !== '') : undefined;
const severity = (x: unknown): RuleSeverity | undefined => {
  const s = x === false ? 'off' : typeof x === 'string' ? x.trim().toLowerCase() : undefined;
  return s && (RULE_SEVERITIES as readonly string[]).includes(s) ? (s as RuleSeverity) : undefined;
};

/**
 * Maps the `mlRunbooks` settings object to a configuration layer.
 *
 * Accepts both `rules: { RB003: 'off' }` and flat `'rules.RB003': 'off'` keys (as a settings.json
 * written with dotted names may arrive), `staleAfterDays`, `sql.dialect` and
 * `blameless.extraTerms` / `blameless.allow` (nested or dotted).
 *
 * @example
 * settingsToLayer({ rules: { RB003: 'off' }, sql: { dialect: 'bigquery' } })
 * // → { rules: { RB003: 'off' }, sql: { dialect: 'bigquery' } }
 */
export function settingsToLayer(raw: unknown): ConfigLayer {
  if (!isRecord(raw)) return {};
  const layer: ConfigLayer = {};
  const rules: Record<string, RuleSeverity> = {};
  const addRule = (code: string, value: unknown): void => {
    const sev = severity(value);
    if (sev && /^[A-Za-z]{2}\d{3}$/.test(code)) rules[code.toUpperCase()] = sev;
  };
  if (isRecord(raw.rules)) for (const [code, v] of Object.entries(raw.rules)) addRule(code, v);
  for (const [k, v] of Object.entries(raw)) {
    const m = /^rules\.([A-Za-z]{2}\d{3})$/.exec(k);
    if (m) addRule(m[1]!, v);
  }
  if (Object.keys(rules).length) layer.rules = rules;

  const stale = typeof raw.staleAfterDays === 'string' ? Number(raw.staleAfterDays) : raw.staleAfterDays;
  // VS Code's client sends only the values some scope really sets (client/src/settings.ts), so any value here
  // is the user's and wins over the project file, 180 included.
  if (typeof stale === 'number' && Number.isFinite(stale) && stale > 0) layer.staleAfterDays = stale;

  const dialect = isRecord(raw.sql) ? raw.sql.dialect : raw['sql.dialect'];
  // An empty dialect means "not set here" so that the project file's dialect still applies.
  if (typeof dialect === 'string' && dialect.trim() !== '') layer.sql = { dialect: dialect.trim() };

  const bl = isRecord(raw.blameless) ? raw.blameless : {};
  const extra = strList(bl.extraTerms ?? raw['blameless.extraTerms']);
  const allow = strList(bl.allow ?? raw['blameless.allow']);
  // Empty lists are the settings' defaults: they must not wipe out the project file's terms.
  if (extra?.length || allow?.length) {
    layer.blameless = { ...(extra?.length ? { extraTerms: extra } : {}), ...(allow?.length ? { allow } : {}) };
  }
  return layer;
}

/**
 * The editor's settings per document: pulled from the client (`workspace/configuration`, scoped to
 * the document, cached until the settings change) or, from a client that cannot be asked, the last
 * ones it pushed with `workspace/didChangeConfiguration`.
 */
export class EditorSettings {
  private readonly cache = new Map<string, Promise<ConfigLayer>>();
  private pushed: ConfigLayer = {};
  /** Whether the client answers `workspace/configuration` (set at `initialize`). */
  pull = false;

  constructor(
    private readonly ask: (uri: string) => Promise<unknown>,
    private readonly logError: (message: string) => void,
  ) {}

  /** The settings layer of a document. Never rejects (unreadable settings count as none). */
  for(uri: string): Promise<ConfigLayer> {
    if (!this.pull) return Promise.resolve(this.pushed);
    let p = this.cache.get(uri);
    if (!p) {
      p = this.ask(uri).then(
        (raw) => settingsToLayer(raw),
        (e: unknown) => {
          this.logError(`Could not read settings for ${uri}: ${String(e)}`);
          return {};
        },
      );
      this.cache.set(uri, p);
    }
    return p;
  }

  /** `workspace/didChangeConfiguration`: forget what was pulled; keep what was pushed. */
  changed(settings: unknown): void {
    this.cache.clear();
    if (!this.pull) this.pushed = settingsToLayer((settings as { mlRunbooks?: unknown } | undefined)?.mlRunbooks);
  }

  /** A closed document's settings are pulled again when it is opened again. */
  forget(uri: string): void {
    this.cache.delete(uri);
  }
}

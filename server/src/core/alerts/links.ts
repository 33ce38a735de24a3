/**
 * From an alert's `runbook_url` to a runbook: Go templates expanded with what is known statically,
 * then the project's `alerts.runbookUrl` template (`{name}`, `{path}`), a relative path, or a URL
 * whose path ends in the runbook's repository path. String scanning with indexOf only: no regular
 * expression runs on the URL.
 */

/** Longest `runbook_url` read; longer values are not resolved (no finding). */
export const MAX_URL_CHARS = 2048;

/**
 * Expands the Go templates of a `runbook_url`: `{{ $labels.alertname }}` and
 * `{{ .Labels.alertname }}` become the alert's name, `{{ $labels.X }}` / `{{ .Labels.X }}` the
 * rule's own `labels.X`. Returns undefined when a template cannot be expanded statically (a label
 * the rule does not set, `$value`, functions, pipelines): such a URL is not checked.
 *
 * @example
 * expandUrlTemplate('https://r/{{ $labels.alertname }}', 'HighErrors', {}) // 'https://r/HighErrors'
 * expandUrlTemplate('https://r/{{ $labels.pod }}', 'HighErrors', {})         // undefined
 */
export function expandUrlTemplate(url: string, alertName: string, labels: Readonly<Record<string, string>>): string | undefined {
  if (url.length > MAX_URL_CHARS) return undefined;
  let out = '';
  let pos = 0;
  for (;;) {
    const open = url.indexOf('{{', pos);
    if (open < 0) return out + url.slice(pos);
    const close = url.indexOf('}}', open + 2);
    if (close < 0) return undefined;
    out += url.slice(pos, open);
    let inner = url.slice(open + 2, close).trim();
    if (inner.startsWith('-')) inner = inner.slice(1).trim();
    if (inner.endsWith('-')) inner = inner.slice(0, -1).trim();
    let label: string | undefined;
    for (const prefix of ['$labels.', '.Labels.']) if (inner.startsWith(prefix)) label = inner.slice(prefix.length);
    if (label === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(label)) return undefined;
    const value = label === 'alertname' ? (labels.alertname ?? alertName) : labels[label];
    if (value === undefined || value.includes('{{')) return undefined;
    out += value;
    pos = close + 2;
  }
}

/** A runbook a link may resolve to. */
export interface LinkTarget {
  name: string;
  /** Repository path of the runbook file, `/`-separated, relative to the project root. */
  path: string;
}

/** The result of resolving one URL. */
export interface LinkResolution {
  /** The URL after template expansion, or undefined when it cannot be expanded statically. */
  url?: string;
  target?: LinkTarget;
  /** The runbook name the project template points at, when the URL matches the template's shape. */
  wantedName?: string;
}

function stripQuery(u: string): string {
  let end = u.length;
  for (const c of ['#', '?']) {
    const i = u.indexOf(c);
    if (i >= 0 && i < end) end = i;
  }
  let s = u.slice(0, end);
  while (s.endsWith('/')) s = s.slice(0, -1);
  return s;
}

/** `a/./b/../c` → `a/c`; undefined when `..` climbs above the root. */
export function normalizePath(p: string): string | undefined {
  const out: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!out.length) return undefined;
      out.pop();
    } else out.push(seg);
  }
  return out.join('/');
}

/**
 * Resolves runbook URLs against a set of runbooks. Build it once per graph change; each resolve is
 * a few map look-ups (no scan of the runbooks).
 */
export class LinkResolver {
  private readonly byUrl = new Map<string, LinkTarget>();
  private readonly byName = new Map<string, LinkTarget>();
  private readonly byPath = new Map<string, LinkTarget>();
  private readonly templateParts?: { prefix: string; suffix: string; kind: 'name' | 'path' };

  constructor(targets: readonly LinkTarget[], template?: string) {
    for (const t of targets) {
      if (!this.byName.has(t.name)) this.byName.set(t.name, t);
      if (!this.byPath.has(t.path)) this.byPath.set(t.path, t);
    }
    const tpl = template?.trim();
    if (tpl) {
      for (const t of targets) {
        const u = stripQuery(tpl.split('{name}').join(t.name).split('{path}').join(t.path));
        if (!this.byUrl.has(u)) this.byUrl.set(u, t);
      }
      const n = tpl.indexOf('{name}');
      const p = tpl.indexOf('{path}');
      const i = n >= 0 ? n : p;
      if (i >= 0 && (n < 0 || p < 0)) {
        this.templateParts = { prefix: tpl.slice(0, i), suffix: stripQuery(tpl.slice(i + 6)), kind: n >= 0 ? 'name' : 'path' };
      }
    }
  }

  /** The names of every runbook (for "did you mean"). */
  names(): string[] {
    return [...this.byName.keys()];
  }

  /**
   * Resolves an expanded URL, `fromDir` being the rule file's folder (repository path) for relative links.
   *
   * @example
   * new LinkResolver([{ name: 'drift', path: 'runbooks/drift.runbook.yaml' }]).resolve('https://git/x/blob/main/runbooks/drift.runbook.yaml', 'monitoring')
   * // { url: '…', target: { name: 'drift', path: 'runbooks/drift.runbook.yaml' } }
   */
  resolve(url: string, fromDir: string): LinkResolution {
    const u = stripQuery(url.trim());
    const hit = this.byUrl.get(u);
    if (hit) return { url, target: hit };
    if (this.templateParts) {
      const { prefix, suffix, kind } = this.templateParts;
      if (u.length > prefix.length + suffix.length && u.startsWith(prefix) && u.endsWith(suffix)) {
        const middle = u.slice(prefix.length, u.length - suffix.length);
        const t = kind === 'name' ? this.byName.get(middle) : this.byPath.get(middle);
        if (t) return { url, target: t };
        if (kind === 'name') return { url, wantedName: middle };
      }
    }
    const scheme = u.indexOf('://');
    if (scheme < 0) {
      // A relative path: next to the rule file, then from the repository root.
      const fromFile = normalizePath(`${fromDir}/${u}`);
      const t = (fromFile !== undefined ? this.byPath.get(fromFile) : undefined) ?? this.byPath.get(normalizePath(u) ?? '');
      if (t) return { url, target: t };
      return { url };
    }
    // A URL ending in a runbook's repository path (a link to the file in the Git host).
    const afterHost = u.indexOf('/', scheme + 3);
    if (afterHost >= 0) {
      const segs = u.slice(afterHost + 1).split('/');
      for (let i = 0; i < segs.length && i < 64; i++) {
        const t = this.byPath.get(segs.slice(i).join('/'));
        if (t) return { url, target: t };
      }
    }
    return { url };
  }
}

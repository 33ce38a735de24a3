/**
 * The post-mortem preview model: front matter (severity, status, instants), the attributed surface,
 * the timeline chart, and the Markdown body rendered to *safe* HTML with markdown-it: raw HTML is
 * never passed through (`html: false`), links are limited to http, https, mailto and relative
 * targets, images are replaced by their alt text (the webview loads no remote resources).
 *
 * Everything the preview *reads* from the file comes from the core's `parsePostmortem` (front-matter
 * split and values, title, sections, surface checkboxes, timeline rows, detection gap), so the preview
 * and the linter never read a post-mortem differently; this module only renders.
 * Pure: no vscode, no DOM.
 */
import MarkdownIt from 'markdown-it';
import { parsePostmortem, plain, type ParsedPostmortem } from '../../../server/src/core/postmortem/parse';
import { attributedSurfaces, type Surface } from '../../../server/src/core/postmortem/rules/surfaceAttribution';
import { buildTimelineModel, type TimelineModel } from './timelineModel';

export interface PostmortemPreviewModel {
  kind: 'postmortem';
  /** The front matter's `title`, else the document's `# Title` heading. */
  title: string;
  severity?: string;
  status?: string;
  incidentStart?: string;
  detected?: string;
  resolved?: string;
  runbook?: string;
  /** Checked surfaces in the Surface attribution section (`[x] Data issue` → `data`), as PM003 reads them. */
  surfaces: Surface[];
  timeline: TimelineModel;
  /**
   * The body (front matter removed) rendered to sanitised HTML. The body's `# Title` heading is left
   * out when it repeats the header's title (the header already shows it).
   */
  html: string;
  /** Set when the front matter is missing, unclosed or not a YAML mapping (the language server reports PM001). */
  frontMatterError?: string;
}

/**
 * Whether a link target is safe to render as a link: http, https and mailto URLs and relative
 * references. Everything else (`javascript:`, `data:`, `vbscript:`, `file:`, `command:`, …) is not.
 * Percent-encoding, control characters and whitespace inside the scheme do not fool it.
 */
export function isSafeLink(url: string): boolean {
  let decoded = url;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    decoded = url.replace(/%[0-9a-f]{2}/gi, (h) => String.fromCharCode(parseInt(h.slice(1), 16)));
  }
  // eslint-disable-next-line no-control-regex
  const t = decoded.replace(/[\u0000-\u0020\u007f-\u009f]+/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(t);
  if (!scheme) return !t.startsWith('\\');
  return scheme[1] === 'http' || scheme[1] === 'https' || scheme[1] === 'mailto';
}

let mdInstance: MarkdownIt | undefined;

/** The shared markdown-it instance with the preview's safety settings. */
export function markdownRenderer(): MarkdownIt {
  if (mdInstance) return mdInstance;
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
  md.validateLink = isSafeLink;
  // No remote resources: an image becomes its alt text (and a link to it when the URL is safe).
  md.renderer.rules.image = (tokens, idx, _opts, _env, self) => {
    const t = tokens[idx]!;
    const alt = self.renderInlineAsText(t.children ?? [], _opts, _env) || 'image';
    return `<span class="blocked-image" title="Images are not loaded in the preview">[image: ${md.utils.escapeHtml(alt)}]</span>`;
  };
  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const t = tokens[idx]!;
    const href = t.attrGet('href') ?? '';
    if (!isSafeLink(href)) t.attrSet('href', '#');
    t.attrSet('rel', 'noopener noreferrer');
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  // Task-list boxes as characters (no raw HTML involved), every box of the line.
  md.core.ruler.push('ml_task_boxes', (state) => {
    for (const tok of state.tokens) {
      if (tok.type !== 'inline' || !tok.children?.length) continue;
      const first = tok.children[0]!;
      if (first.type !== 'text') continue;
      const m = /^\[([ xX])\]\s+/.exec(first.content);
      if (!m) continue;
      first.content = `${m[1] === ' ' ? '☐' : '☑'} ${first.content.slice(m[0].length)}`;
      // The playbook's one-line checkbox ("- [ ] Data issue  [ ] Model issue  [ ] Serving issue"):
      // every box on the line, as PM003 reads them.
      for (const child of tok.children) {
        if (child.type === 'text' && child.content.includes('[')) {
          child.content = child.content.replace(/\[[ \t]{0,3}([xX]?)[ \t]{0,3}\](?=[ \t])/g, (_b, x: string) => (x ? '☑' : '☐'));
        }
      }
    }
  });
  mdInstance = md;
  return md;
}

/**
 * Builds the post-mortem preview model. Never throws.
 *
 * @example
 * buildPostmortemModel('---\nkind: postmortem\nseverity: SEV2\n---\n# Title\n').severity // 'SEV2'
 */
export function buildPostmortemModel(text: string): PostmortemPreviewModel {
  const pm = parsePostmortem(text);
  const fmValue = pm.frontMatter?.value ?? {};
  const s = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const h1 = pm.title ? s(plain(pm.title.text)) : undefined;
  const title = s(pm.meta.title) ?? h1 ?? 'Untitled post-mortem';
  const model: PostmortemPreviewModel = {
    kind: 'postmortem',
    title,
    surfaces: attributedSurfaces(pm) ?? [],
    timeline: buildTimelineModel(pm),
    html: renderBody(pm, h1 !== undefined && sameTitle(h1, title)),
  };
  const fields = {
    severity: pm.meta.severity,
    status: pm.meta.status,
    incidentStart: fmValue.incidentStart,
    detected: fmValue.detected,
    resolved: fmValue.resolved,
    runbook: pm.meta.runbook,
  };
  for (const [k, v] of Object.entries(fields) as Array<[keyof typeof fields, unknown]>) {
    const t = s(v);
    if (t) model[k] = t;
  }
  const frontMatterError = frontMatterProblem(pm);
  if (frontMatterError) model.frontMatterError = frontMatterError;
  return model;
}

/** Whether two titles are the same text, ignoring case and runs of whitespace. */
export function sameTitle(a: string, b: string): boolean {
  const n = (x: string): string => x.replace(/\s+/g, ' ').trim().toLowerCase();
  return n(a) === n(b);
}

/** The body rendered by the preview's renderer; without the title heading when `dropTitle`. */
/** The most rows of one table the rendered body shows (a larger table is cut, with a note). */
export const MAX_TABLE_ROWS = 400;

/**
 * The body text the preview renders: tables longer than {@link MAX_TABLE_ROWS} rows are cut after
 * that many rows, with a note saying how many were left out, so a 120,000-row timeline costs the
 * preview a few hundred rows of Markdown, not the whole table. Line numbers before the first cut are
 * unchanged (the title is found by its line).
 */
export function previewBodyText(pm: ParsedPostmortem): string {
  const long = pm.tables.filter((t) => t.rows.length > MAX_TABLE_ROWS);
  if (!long.length) return pm.text.slice(pm.bodyStart);
  const parts: string[] = [];
  let from = pm.bodyStart;
  for (const t of long) {
    const cut = t.rows[MAX_TABLE_ROWS]!.start;
    const left = t.rows.length - MAX_TABLE_ROWS;
    parts.push(pm.text.slice(from, cut), `\n*${left} more row${left === 1 ? '' : 's'} of this table not shown in the preview.*\n\n`);
    from = t.end;
  }
  parts.push(pm.text.slice(from));
  return parts.join('');
}

function renderBody(pm: ParsedPostmortem, dropTitle: boolean): string {
  const md = markdownRenderer();
  const env = {};
  let tokens = md.parse(previewBodyText(pm), env);
  if (dropTitle && pm.title) {
    // Token maps are body-relative, like the core's: the title heading is the one on its line.
    const open = tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h1' && t.map && t.map[0] + pm.bodyLine === pm.title!.line);
    const close = open === -1 ? -1 : tokens.findIndex((t, i) => i > open && t.type === 'heading_close');
    if (close !== -1) tokens = [...tokens.slice(0, open), ...tokens.slice(close + 1)];
  }
  return md.renderer.render(tokens, md.options, env);
}

/** Why the front matter cannot be read, or undefined when it is a YAML mapping. */
function frontMatterProblem(pm: ParsedPostmortem): string | undefined {
  if (pm.unclosedFrontMatter) return 'The front matter is never closed: end it with a --- line.';
  const fm = pm.frontMatter;
  if (!fm) return 'No front matter (--- kind: postmortem … ---) at the top of the file.';
  const err = fm.doc.errors[0];
  if (err) return `The front matter is not valid YAML: ${err.message.split('\n')[0]}`;
  if (!fm.value) return 'The front matter is not a YAML mapping.';
  return undefined;
}

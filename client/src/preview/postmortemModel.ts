/**
 * The post-mortem preview model: front matter (severity, status, instants), the primary surface, the
 * timeline rows, and the Markdown body rendered to *safe* HTML with markdown-it:
 * raw HTML is never passed through (`html: false`), links are limited to http, https, mailto and
 * relative targets, images are replaced by their alt text (the webview loads no remote resources).
 * Pure: no vscode, no DOM.
 */
import MarkdownIt from 'markdown-it';
import { parse as parseYaml } from 'yaml';
import { sectionIdOf } from '../../../server/src/core/postmortem/sections';
import { buildTimelineModel, type TimelineModel, type TimelineRowInput } from './timelineModel';

export interface PostmortemPreviewModel {
  kind: 'postmortem';
  title: string;
  severity?: string;
  status?: string;
  incidentStart?: string;
  detected?: string;
  resolved?: string;
  runbook?: string;
  /** Checked surfaces in the Surface attribution section (`[x] Data issue` → `data`). */
  surfaces: Array<'data' | 'model' | 'serving'>;
  timeline: TimelineModel;
  /** The body (front matter removed) rendered to sanitised HTML. */
  html: string;
  /** Set when the front matter is missing or not YAML (the language server reports PM001). */
  frontMatterError?: string;
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** Splits off YAML front matter; `bodyLine` is the 0-based document line where the body starts. */
export function splitFrontMatter(text: string): { yaml?: string; body: string; bodyLine: number } {
  const m = FRONT_MATTER.exec(text);
  if (!m) return { body: text, bodyLine: 0 };
  const head = m[0];
  return { yaml: m[1] ?? '', body: text.slice(head.length), bodyLine: (head.match(/\n/g) ?? []).length };
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
  // Task-list boxes as characters (no raw HTML involved).
  md.core.ruler.push('ml_task_boxes', (state) => {
    for (const tok of state.tokens) {
      if (tok.type !== 'inline' || !tok.children?.length) continue;
      const first = tok.children[0]!;
      if (first.type !== 'text') continue;
      const m = /^\[([ xX])\]\s+/.exec(first.content);
      if (m) first.content = `${m[1] === ' ' ? '☐' : '☑'} ${first.content.slice(m[0].length)}`;
    }
  });
  mdInstance = md;
  return md;
}

const SURFACE_RE = /^\s*(?:[-*+]|\d+[.)])\s+\[[xX]\]\s*\**\s*(data|model|serving)\b/gim;

/**
 * Builds the post-mortem preview model. Never throws.
 *
 * @example
 * buildPostmortemModel('---\nkind: postmortem\nseverity: SEV2\n---\n# Title\n').severity // 'SEV2'
 */
export function buildPostmortemModel(text: string): PostmortemPreviewModel {
  const { yaml, body, bodyLine } = splitFrontMatter(text);
  let fm: Record<string, unknown> = {};
  let frontMatterError: string | undefined;
  if (yaml === undefined) frontMatterError = 'No front matter (--- kind: postmortem … ---) at the top of the file.';
  else {
    try {
      const v: unknown = parseYaml(yaml, { prettyErrors: false });
      if (v && typeof v === 'object' && !Array.isArray(v)) fm = v as Record<string, unknown>;
      else frontMatterError = 'The front matter is not a YAML mapping.';
    } catch (e) {
      frontMatterError = `The front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}`;
    }
  }
  const s = (k: string): string | undefined => {
    const v = fm[k];
    if (typeof v === 'string' && v.trim()) return v.trim();
    if (typeof v === 'number') return String(v);
    if (v instanceof Date) return v.toISOString();
    return undefined;
  };
  const md = markdownRenderer();
  const env = {};
  const tokens = md.parse(body, env);

  // Walk headings to find sections (by canonical id) and the first H1 as a fallback title.
  const lines = body.split('\n');
  let h1: string | undefined;
  const sections: Array<{ id: string | undefined; level: number; startLine: number; endLine: number; tokenIndex: number }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== 'heading_open') continue;
    const content = tokens[i + 1]?.content ?? '';
    const level = Number(t.tag.slice(1));
    if (level === 1 && h1 === undefined) h1 = content;
    sections.push({ id: sectionIdOf(content), level, startLine: t.map?.[0] ?? 0, endLine: lines.length, tokenIndex: i });
  }
  for (let i = 0; i < sections.length; i++) {
    const next = sections.slice(i + 1).find((n) => n.level <= sections[i]!.level);
    if (next) sections[i]!.endLine = next.startLine;
  }

  const surfaces: PostmortemPreviewModel['surfaces'] = [];
  const surfaceSection = sections.find((x) => x.id === 'surface-attribution');
  if (surfaceSection) {
    const slice = lines.slice(surfaceSection.startLine, surfaceSection.endLine).join('\n');
    SURFACE_RE.lastIndex = 0;
    for (let m = SURFACE_RE.exec(slice); m; m = SURFACE_RE.exec(slice)) {
      const sfc = m[1]!.toLowerCase() as 'data' | 'model' | 'serving';
      if (!surfaces.includes(sfc)) surfaces.push(sfc);
    }
  }

  const rows: TimelineRowInput[] = [];
  const tl = sections.find((x) => x.id === 'timeline');
  if (tl) rows.push(...timelineRows(tokens, tl.tokenIndex, tl.level, bodyLine));

  const timeline = buildTimelineModel({
    ...(s('incidentStart') ? { incidentStart: s('incidentStart')! } : {}),
    ...(s('detected') ? { detected: s('detected')! } : {}),
    ...(s('resolved') ? { resolved: s('resolved')! } : {}),
    rows,
  });

  const model: PostmortemPreviewModel = {
    kind: 'postmortem',
    title: s('title') ?? h1 ?? 'Untitled post-mortem',
    surfaces,
    timeline,
    html: md.renderer.render(tokens, md.options, env),
  };
  for (const k of ['severity', 'status', 'incidentStart', 'detected', 'resolved', 'runbook'] as const) {
    const v = s(k);
    if (v) model[k] = v;
  }
  if (frontMatterError) model.frontMatterError = frontMatterError;
  return model;
}

type Tok = ReturnType<MarkdownIt['parse']>[number];

/** The rows of the first table after a heading (until the next heading of the same or a higher level). */
function timelineRows(tokens: Tok[], headingIndex: number, level: number, bodyLine: number): TimelineRowInput[] {
  let i = headingIndex + 1;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'heading_open' && Number(t.tag.slice(1)) <= level) return [];
    if (t.type === 'table_open') break;
  }
  if (i >= tokens.length) return [];
  const header: string[] = [];
  const out: TimelineRowInput[] = [];
  let inHead = false;
  let row: string[] | undefined;
  let rowLine = 0;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'table_close') break;
    if (t.type === 'thead_open') inHead = true;
    else if (t.type === 'thead_close') inHead = false;
    else if (t.type === 'tr_open') {
      row = [];
      rowLine = t.map?.[0] ?? 0;
    } else if (t.type === 'inline' && row) row.push(t.content.trim());
    else if (t.type === 'tr_close' && row) {
      if (inHead) header.push(...row.map((h) => h.toLowerCase()));
      else {
        const col = (name: string, fallback: number): number => {
          const k = header.findIndex((h) => h.includes(name));
          return k >= 0 ? k : fallback;
        };
        out.push({
          time: row[col('time', 0)] ?? '',
          type: row[col('type', 1)] ?? '',
          event: row[col('event', 2)] ?? '',
          line: bodyLine + rowLine,
        });
      }
      row = undefined;
    }
  }
  return out;
}

/**
 * Completion, hover, outline and links: which core function serves which file kind, and the
 * conversion of their offset-based results into LSP objects.
 */
import { SymbolKind, type DocumentLink, type DocumentSymbol } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import type { FileKind } from '../core/index';
import { completeYaml, frontMatterRegion, hoverYaml, type NavCompletion, type NavHover, type SchemaNode } from '../core/schemaNav';
import { burnRateHover } from '../core/nav/burnRateHover';
import { severityRubricHover } from '../core/severityRubric';
import { runbookOutline, type OutlineNode } from '../core/nav/outline';
import { runbookLinks } from '../core/nav/links';
import { runbookSchema } from '../core/runbook/schema';
import { postmortemFrontmatterSchema, postmortemHover, postmortemLinks, postmortemOutline, runbookCandidates } from '../core/postmortem/index';
import configSchemaJson from '../../../schemas/ml-runbooks-config.schema.json';
import { toCorePath, uriForPath } from './convert';

const RUNBOOK_SCHEMA = runbookSchema as unknown as SchemaNode;
const POSTMORTEM_SCHEMA = postmortemFrontmatterSchema as unknown as SchemaNode;
const CONFIG_SCHEMA = configSchemaJson as unknown as SchemaNode;

/** Completion items (offset-based) for a file of a kind. */
export function completionsFor(kind: FileKind, text: string, offset: number): NavCompletion[] {
  if (kind === 'runbook') return completeYaml(RUNBOOK_SCHEMA, text, offset);
  if (kind === 'config') return completeYaml(CONFIG_SCHEMA, text, offset, { start: 0, end: text.length });
  const fm = frontMatterRegion(text);
  if (!fm || offset < fm.start || offset > fm.end) return [];
  return completeYaml(POSTMORTEM_SCHEMA, text, offset, fm);
}

/** Hover (offset-based) for a file of a kind. */
export function hoverFor(kind: FileKind, text: string, offset: number): NavHover | undefined {
  if (kind === 'runbook') {
    return hoverYaml(RUNBOOK_SCHEMA, text, offset, undefined, (t, region) =>
      severityRubricHover('runbook', t.path, t.on === 'value' ? text.slice(t.start, t.end) : undefined) ?? burnRateHover(text, region, t.path),
    );
  }
  if (kind === 'config') return hoverYaml(CONFIG_SCHEMA, text, offset, { start: 0, end: text.length });
  // Post-mortem: the module's own hover (computed detection gap, section purpose) and, in the front
  // matter, the schema's description of the key.
  const fm = frontMatterRegion(text);
  const schemaHover =
    fm && offset >= fm.start && offset <= fm.end
      ? hoverYaml(POSTMORTEM_SCHEMA, text, offset, fm, (t) => severityRubricHover('postmortem', t.path, t.on === 'value' ? text.slice(t.start, t.end) : undefined))
      : undefined;
  const own = postmortemHover(text, offset);
  if (!own) return schemaHover;
  if (schemaHover) return { ...schemaHover, markdown: `${own}\n\n---\n\n${schemaHover.markdown}` };
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  return { markdown: own, start: lineStart, end: (nl === -1 ? text.length : nl) - (text[nl - 1] === '\r' ? 1 : 0) };
}

const SYMBOL_KIND: Record<OutlineNode['kind'], SymbolKind> = {
  runbook: SymbolKind.Module,
  section: SymbolKind.Object,
  diagnostic: SymbolKind.Event,
  slo: SymbolKind.Constant,
  alert: SymbolKind.Event,
  item: SymbolKind.Field,
  heading: SymbolKind.String,
};

function toSymbol(doc: TextDocument, n: OutlineNode): DocumentSymbol {
  const range = { start: doc.positionAt(n.start), end: doc.positionAt(Math.max(n.end, n.start)) };
  const sel = { start: doc.positionAt(Math.max(n.start, n.selectionStart)), end: doc.positionAt(Math.min(Math.max(n.selectionEnd, n.selectionStart), n.end)) };
  return {
    name: n.name || '(unnamed)',
    ...(n.detail ? { detail: n.detail } : {}),
    kind: SYMBOL_KIND[n.kind],
    range,
    selectionRange: sel,
    children: n.children.map((c) => toSymbol(doc, c)),
  };
}

/** A post-mortem's outline (front matter, headings nested by level) from the post-mortem module. */
export function postmortemHeadingOutline(text: string): OutlineNode[] {
  type PmNode = ReturnType<typeof postmortemOutline>[number];
  const conv = (n: PmNode): OutlineNode => ({
    name: n.name,
    ...(n.detail ? { detail: n.detail } : {}),
    kind: 'heading',
    start: n.start,
    end: n.end,
    selectionStart: n.selectionStart,
    selectionEnd: n.selectionEnd,
    children: n.children.map(conv),
  });
  return postmortemOutline(text).map(conv);
}

/** Document symbols (outline) of a file. */
export function symbolsFor(kind: FileKind, doc: TextDocument): DocumentSymbol[] {
  const text = doc.getText();
  const nodes = kind === 'runbook' ? runbookOutline(text) : kind === 'postmortem' ? postmortemHeadingOutline(text) : [];
  return nodes.map((n) => toSymbol(doc, n));
}

/** Document links of a file: runbook dashboards and references, a post-mortem's `runbook:` file. */
export function linksFor(kind: FileKind, doc: TextDocument, root: string, exists: (p: string) => boolean = () => false): DocumentLink[] {
  const text = doc.getText();
  const range = (s: number, e: number) => ({ start: doc.positionAt(s), end: doc.positionAt(e) });
  if (kind === 'runbook') return runbookLinks(text).map((l) => ({ range: range(l.start, l.end), target: l.target, tooltip: l.tooltip }));
  if (kind !== 'postmortem') return [];
  const file = toCorePath(doc.uri);
  return postmortemLinks(text).map((l) => {
    let target: string;
    if (/^[a-z][a-z0-9+.-]+:\/\//i.test(l.target)) target = l.target;
    else {
      // Resolved as PM011 does: next to the post-mortem, then at the workspace root; the first that
      // exists (or the first candidate, when none does: PM011 reports it).
      const candidates = runbookCandidates(file, l.target, root);
      const found = candidates.find((c) => exists(c)) ?? candidates[0] ?? path.resolve(root, l.target);
      target = uriForPath(found, doc.uri);
    }
    return { range: range(l.start, l.end), target, tooltip: 'Open the runbook' };
  });
}

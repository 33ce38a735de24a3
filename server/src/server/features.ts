/**
 * Completion, hover, outline and links: which core function serves which file kind, and the
 * conversion of their offset-based results into LSP objects.
 */
import { SymbolKind, type DocumentLink, type DocumentSymbol } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import * as path from 'node:path';
import type { FileKind } from '../core/index';
import { completeYaml, frontMatterRegion, hoverYaml, type NavCompletion, type NavHover, type SchemaNode } from '../core/schemaNav';
import { burnRateHover } from '../core/nav/burnRateHover';
import { runbookOutline, type OutlineNode } from '../core/nav/outline';
import { runbookLinks } from '../core/nav/links';
import { runbookSchema } from '../core/runbook/schema';
import { postmortemFrontmatterSchema } from '../core/postmortem/schema';
import { parsePostmortem } from '../core/postmortem/parse';
import configSchemaJson from '../../../schemas/ml-runbooks-config.schema.json';

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
  if (kind === 'runbook') return hoverYaml(RUNBOOK_SCHEMA, text, offset, undefined, (t, region) => burnRateHover(text, region, t.path));
  if (kind === 'config') return hoverYaml(CONFIG_SCHEMA, text, offset, { start: 0, end: text.length });
  const fm = frontMatterRegion(text);
  if (fm && offset >= fm.start && offset <= fm.end) return hoverYaml(POSTMORTEM_SCHEMA, text, offset, fm);
  return undefined;
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

/** A post-mortem's headings, nested by level (the title at the top). */
export function postmortemHeadingOutline(text: string): OutlineNode[] {
  const p = parsePostmortem(text);
  const roots: OutlineNode[] = [];
  const stack: Array<{ level: number; node: OutlineNode }> = [];
  const headings = p.headings;
  headings.forEach((h, i) => {
    // A heading's section runs to the next heading of the same or a higher level.
    let end = text.length;
    for (let j = i + 1; j < headings.length; j++) {
      if (headings[j]!.level <= h.level) {
        end = headings[j]!.start;
        break;
      }
    }
    end = Math.max(h.end, text.slice(0, end).trimEnd().length);
    const node: OutlineNode = { name: h.text || '(empty heading)', kind: 'heading', start: h.start, end, selectionStart: h.textStart, selectionEnd: h.textEnd, children: [] };
    while (stack.length && stack[stack.length - 1]!.level >= h.level) stack.pop();
    if (stack.length) stack[stack.length - 1]!.node.children.push(node);
    else roots.push(node);
    stack.push({ level: h.level, node });
  });
  return roots;
}

/** Document symbols (outline) of a file. */
export function symbolsFor(kind: FileKind, doc: TextDocument): DocumentSymbol[] {
  const text = doc.getText();
  const nodes = kind === 'runbook' ? runbookOutline(text) : kind === 'postmortem' ? postmortemHeadingOutline(text) : [];
  return nodes.map((n) => toSymbol(doc, n));
}

/** Document links of a file: runbook dashboards and references, a post-mortem's `runbook:` file. */
export function linksFor(kind: FileKind, doc: TextDocument, root: string): DocumentLink[] {
  const text = doc.getText();
  const range = (s: number, e: number) => ({ start: doc.positionAt(s), end: doc.positionAt(e) });
  if (kind === 'runbook') return runbookLinks(text).map((l) => ({ range: range(l.start, l.end), target: l.target, tooltip: l.tooltip }));
  if (kind !== 'postmortem') return [];
  const p = parsePostmortem(text);
  const value = p.meta.runbook;
  const r = p.fmRange('runbook', 'value');
  if (!value || !r) return [];
  const raw = text.slice(r[0], r[1]);
  const inner = raw.indexOf(value);
  const s = inner >= 0 ? r[0] + inner : r[0];
  const target = /^[a-z][a-z0-9+.-]+:\/\//i.test(value) ? value : URI.file(path.isAbsolute(value) ? value : path.resolve(root, value)).toString();
  return [{ range: range(s, s + (inner >= 0 ? value.length : r[1] - r[0])), target, tooltip: 'Open the runbook' }];
}

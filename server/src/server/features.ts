/**
 * The language features over LSP: each handler asks the service (offsets) and converts its answer into
 * LSP objects (positions, URIs). Registered on the connection by `registerFeatures`.
 */
import {
  CodeActionKind,
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  SymbolKind,
  type CodeAction,
  type CompletionItem,
  type Connection,
  type DocumentLink,
  type DocumentSymbol,
  type Hover,
  type Location,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import type { FileKind, Finding } from '../core/index';
import type { LanguageService } from '../service/service';
import type { OutlineNode } from '../service/features';
import { RunbookAlertsRequest } from '../protocol';
import { SOURCE, sameRange, toCodeActions, toCorePath, toTextEdits, toWorkspaceEdit, uriForPath, type DiagnosticData } from './convert';
import type { DocumentResults } from './validation';
import type { WorkspaceFolders } from './folders';
import type { ServerLogger } from './server';

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

/** What the feature handlers need from the rest of the server. */
export interface FeatureContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: LanguageService;
  folders: WorkspaceFolders;
  results: DocumentResults;
  log: ServerLogger;
  /** The kind of an open document (undefined: not ours, or the project file is not read yet). */
  kindOf(doc: TextDocument): FileKind | undefined;
  /** Whether the client applies versioned `documentChanges`. */
  documentChanges(): boolean;
}

/** Registers completion, hover, code actions, outline, links, definitions and the runbook-alerts request. */
export function registerFeatures(ctx: FeatureContext): void {
  const { connection, documents, service, folders, log } = ctx;

  /**
   * Runs a feature on an open document of a known kind. `fallback` answers for an unknown document or
   * kind, and when the feature throws (the error is logged).
   */
  const onKnownDocument = <T>(uri: string, feature: string, fallback: T, run: (doc: TextDocument, kind: FileKind) => T): T => {
    const doc = documents.get(uri);
    if (!doc) return fallback;
    const kind = ctx.kindOf(doc);
    if (!kind) return fallback;
    try {
      return run(doc, kind);
    } catch (e) {
      log.error(`${feature} failed: ${String(e)}`);
      return fallback;
    }
  };
  const range = (doc: TextDocument, start: number, end: number) => ({ start: doc.positionAt(start), end: doc.positionAt(end) });

  connection.onCompletion(
    (params): CompletionItem[] =>
      onKnownDocument(params.textDocument.uri, 'Completion', [], (doc, kind) =>
        service.complete(kind, doc.getText(), doc.offsetAt(params.position)).map((c) => ({
          label: c.label,
          kind: c.kind === 'property' ? CompletionItemKind.Property : CompletionItemKind.EnumMember,
          detail: c.detail,
          documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
          sortText: c.sortText,
          filterText: c.label,
          insertTextFormat: InsertTextFormat.PlainText,
          insertTextMode: InsertTextMode.adjustIndentation,
          textEdit: { range: range(doc, c.start, c.end), newText: c.insertText },
          ...(c.kind === 'property' && c.insertText.endsWith('\n  ') ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}),
        })),
      ),
  );

  connection.onHover(
    (params): Hover | null =>
      onKnownDocument(params.textDocument.uri, 'Hover', null, (doc, kind) => {
        const h = service.hover(kind, doc.uri, doc.getText(), doc.offsetAt(params.position));
        return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: range(doc, h.start, h.end) } : null;
      }),
  );

  connection.onCodeAction(async (params): Promise<CodeAction[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const result = await ctx.results.current(doc);
    if (!result) return [];
    const documentChanges = ctx.documentChanges();
    const only = params.context.only;
    const wants = (k: string): boolean => !only || only.some((o) => k === o || k.startsWith(`${o}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      for (const d of params.context.diagnostics) {
        if (d.source !== SOURCE) continue;
        const data = d.data as DiagnosticData | undefined;
        let f: Finding | undefined;
        if (data && data.version === result.version) f = result.findings[data.index];
        if (!f || f.code !== d.code) {
          // Stale or missing data: find the finding of the current version by code and range.
          f = result.findings.find((x) => x.code === d.code && sameRange(range(doc, x.start, x.end), d.range));
        }
        if (f?.fixes?.length) actions.push(...toCodeActions(doc, f, d, documentChanges));
      }
    }
    if (wants(CodeActionKind.SourceFixAll) || (only && only.includes(CodeActionKind.Source))) {
      const edits = service.fixAll(result.findings);
      if (edits.length) {
        const lsp = toTextEdits(doc, { title: '', edits });
        actions.push({ title: 'Fix all auto-fixable problems', kind: CodeActionKind.SourceFixAll, edit: toWorkspaceEdit(doc, lsp, documentChanges) });
      }
    }
    return actions;
  });

  connection.onDocumentSymbol(
    (params): DocumentSymbol[] =>
      onKnownDocument(params.textDocument.uri, 'Outline', [], (doc, kind) => service.symbols(kind, doc.getText()).map((n) => toSymbol(doc, n))),
  );

  connection.onDocumentLinks(
    (params): DocumentLink[] =>
      onKnownDocument(params.textDocument.uri, 'Document links', [], (doc, kind) => {
        const file = toCorePath(doc.uri);
        const root = folders.folderOf(file) ?? path.dirname(file);
        return service.links(kind, doc.uri, file, doc.getText(), root).map((l) => ({
          range: range(doc, l.start, l.end),
          target: l.isPath ? uriForPath(l.target, doc.uri) : l.target,
          tooltip: l.tooltip,
        }));
      }),
  );

  connection.onDefinition(
    (p): Location[] =>
      onKnownDocument(p.textDocument.uri, 'Definition', [], (doc) =>
        service.definition(doc.uri, doc.offsetAt(p.position)).map((l) => ({
          uri: l.uri,
          range: { start: { line: l.line, character: l.character }, end: { line: l.line, character: l.character + l.length } },
        })),
      ),
  );

  connection.onRequest(RunbookAlertsRequest.type, (p) => service.alerts.linkingAlerts(p.uri));
}

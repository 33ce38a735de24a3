/**
 * The edge where core findings (offsets) become LSP objects (positions). Nothing else in the server
 * converts offsets; the core never sees a position.
 */
import {
  CodeAction,
  CodeActionKind,
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { docUrl, type Finding, type Fix, type Severity } from '../core/index';

/** Diagnostic source shown by editors next to every message. */
export const SOURCE = 'ml-runbooks';

/** What a diagnostic carries in `data`: enough to find its finding (and fixes) again. */
export interface DiagnosticData {
  /** Document version the finding was computed for. */
  version: number;
  /** Index of the finding in that version's result. */
  index: number;
  /** Number of fixes the finding offers. */
  fixes: number;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * A core path → its URI. Outside `file:` (a browser's virtual file system, `vscode-vfs://github/…`) the
 * core's paths are URI paths, so the URI is `like`'s scheme and authority with that path; `like` is a
 * URI of the same workspace (the document, or its workspace folder).
 */
export function uriForPath(path: string, like?: string): string {
  if (like) {
    const u = URI.parse(like);
    if (u.scheme !== 'file') return u.with({ path, query: null, fragment: null }).toString();
  }
  return URI.file(path).toString();
}

/** A path or URI given to / returned by the core → a URI string (paths as {@link uriForPath} maps them). */
export function toUri(fileOrUri: string, like?: string): string {
  return /^[a-z][a-z0-9+.-]+:/i.test(fileOrUri) && !/^[a-z]:[\\/]/i.test(fileOrUri) ? fileOrUri : uriForPath(fileOrUri, like);
}

// The URI → core path mapping is part of the file-access protocol: the browser client maps back with it.
export { toCorePath } from '../protocol';

/** Converts one finding. `index` is its position in the result list (see {@link DiagnosticData}). */
export function toDiagnostic(doc: TextDocument, f: Finding, index: number): Diagnostic {
  const d: Diagnostic = {
    range: { start: doc.positionAt(f.start), end: doc.positionAt(f.end) },
    severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Error,
    code: f.code,
    codeDescription: { href: docUrl(f.code) },
    source: SOURCE,
    message: f.message,
  };
  if (f.tags?.length) {
    d.tags = f.tags.map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  }
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r): DiagnosticRelatedInformation => {
      const sameFile = r.line === undefined;
      const uri = sameFile ? doc.uri : toUri(r.file, doc.uri);
      const start = sameFile ? doc.positionAt(r.start) : { line: r.line!, character: r.character ?? 0 };
      const end = sameFile ? doc.positionAt(r.end) : { line: r.line!, character: (r.character ?? 0) + Math.max(0, r.end - r.start) };
      return { location: { uri, range: { start, end } }, message: r.message };
    });
  }
  const data: DiagnosticData = { version: doc.version, index, fixes: f.fixes?.length ?? 0 };
  d.data = data;
  return d;
}

/** Converts a finding list; one `positionAt` per offset (binary search), nothing quadratic. */
export function toDiagnostics(doc: TextDocument, findings: Finding[]): Diagnostic[] {
  return findings.map((f, i) => toDiagnostic(doc, f, i));
}

/** A fix's edits as LSP text edits on the document. */
export function toTextEdits(doc: TextDocument, fix: Fix): LspTextEdit[] {
  return fix.edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText }));
}

/** A workspace edit for a fix: versioned `documentChanges` when the client supports them, else `changes`. */
export function toWorkspaceEdit(doc: TextDocument, edits: LspTextEdit[], documentChanges: boolean): WorkspaceEdit {
  return documentChanges
    ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] }
    : { changes: { [doc.uri]: edits } };
}

/** One quick-fix code action per fix of a finding. */
export function toCodeActions(doc: TextDocument, f: Finding, diagnostic: Diagnostic, documentChanges: boolean): CodeAction[] {
  return (f.fixes ?? []).map((fix) => {
    const action = CodeAction.create(fix.title, toWorkspaceEdit(doc, toTextEdits(doc, fix), documentChanges), CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    if (fix.isPreferred) action.isPreferred = true;
    return action;
  });
}

/** Whether two LSP ranges are equal. */
export function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

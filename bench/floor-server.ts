/**
 * The floor behind LSP: a minimal language server (vscode-languageserver, incremental sync, no
 * debounce) that does only the floor work of bench/floor.ts on every change and publishes the
 * resulting diagnostics with the document version. Measuring it with the same client as the product
 * separates transport cost (JSON-RPC, document sync, diagnostics serialisation) from ours.
 *
 * Built by the benchmark with esbuild; run as `node floor-server.js --stdio --schema <runbook.schema.json>`.
 */
import { createConnection, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { compileSchema, createMarkdownFloor, floorRunbook } from './floor';
import type { FloorDiagnostic } from './floor';

const schemaArg = process.argv.indexOf('--schema');
if (schemaArg < 0 || !process.argv[schemaArg + 1]) {
  console.error('floor-server: --schema <path to runbook.schema.json> is required');
  process.exit(2);
}
const validate = compileSchema(process.argv[schemaArg + 1]!);
const markdown = createMarkdownFloor();

const connection = createConnection();
const documents = new TextDocuments(TextDocument);

connection.onInitialize(() => ({
  capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
  serverInfo: { name: 'ml-runbooks-bench-floor', version: '1' },
}));

function check(doc: TextDocument): void {
  const text = doc.getText();
  let diagnostics: FloorDiagnostic[] = [];
  if (/\.ya?ml$/i.test(doc.uri)) diagnostics = floorRunbook(validate, text);
  else markdown(text);
  void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
}

// TextDocuments fires onDidChangeContent on open too.
documents.onDidChangeContent((e) => check(e.document));
documents.onDidClose((e) => void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));
documents.listen(connection);
connection.listen();

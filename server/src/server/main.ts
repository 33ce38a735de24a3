// Entry point of the language server bundle (dist/server.js). `createConnection(ProposedFeatures.all)`
// picks the transport from argv: --stdio, --node-ipc or --socket=<port>. The same file runs the
// workspace index process (indexProcess.ts) when started with its argument.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { statSync } from 'node:fs';
import { startServer } from './server';
import { INDEX_PROCESS_ARG, indexProcessMain, nodeFs, processScanner } from './indexProcess';

if (process.argv.includes(INDEX_PROCESS_ARG) && process.send) {
  indexProcessMain();
} else {
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection, {
    // `exists` answers for regular files only (stat never blocks, unlike opening a FIFO).
    fs: { ...nodeFs, exists: (p) => statSync(p, { throwIfNoEntry: false })?.isFile() === true },
    now: () => new Date(),
    scan: processScanner(__filename),
  });
  connection.listen();
}

// Entry point of the language server bundle (dist/server.js). `createConnection(ProposedFeatures.all)`
// picks the transport from argv: --stdio, --node-ipc or --socket=<port>. The same file runs the
// workspace index worker (indexWorker.ts) when started as a worker thread.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { startServer } from './server';
import { INDEX_WORKER, indexWorkerMain, workerScanner, type IndexWorkerData } from './indexWorker';

if (!isMainThread && (workerData as IndexWorkerData | undefined)?.type === INDEX_WORKER) {
  void indexWorkerMain(workerData as IndexWorkerData, (m) => parentPort!.postMessage(m));
} else {
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection, {
    fs: {
      readFile: (p) => readFile(p, 'utf8'),
      readDir: async (p) => (await readdir(p, { withFileTypes: true })).map((e) => ({ name: e.name, isDirectory: e.isDirectory(), isFile: e.isFile() })),
      exists: (p) => existsSync(p),
    },
    now: () => new Date(),
    scan: workerScanner(__filename),
  });
  connection.listen();
}

// Entry point of the language server bundle (dist/server.js). `createConnection(ProposedFeatures.all)`
// picks the transport from argv: --stdio, --node-ipc or --socket=<port>. The same file runs the
// workspace index process (indexProcess.ts) when started with its argument.
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { statSync } from 'node:fs';
import { startServer } from './server';
import { INDEX_PROCESS_ARG, indexProcessMain, nodeFs, processScanner } from './indexProcess';
import { guardFraming } from './framing';
import { saveCodeCache } from '../loader/slot';

/**
 * The stdio connection, with the input's framing guarded: a broken frame (no or a bad Content-Length,
 * garbage bytes) or a body that is not JSON ends the server with a message on stderr, instead of
 * leaving it running and deaf; the client sees the exit and can restart it.
 */
function stdioConnection() {
  const fail = (why: string): never => {
    process.stderr.write(`ml-runbooks language server: unreadable input on stdin (${why}); exiting so that the client can restart the server\n`);
    process.exit(1);
  };
  const reader = new StreamMessageReader(guardFraming(process.stdin, fail));
  reader.onError((e) => fail(e.message.split('\n')[0] ?? String(e)));
  return createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
}

/** How long after the first diagnostics the code cache is written: off the path of the first keystrokes. */
const CODE_CACHE_SAVE_DELAY_MS = 1000;
let codeCacheSaveScheduled = false;

/**
 * Writes the V8 code cache (server/src/loader/codeCache.ts) once the first diagnostics are out, so it
 * holds the code that produced them; the loader writes it at exit when the server ends sooner.
 */
function saveCodeCacheAfterFirstCheck(): void {
  if (codeCacheSaveScheduled) return;
  codeCacheSaveScheduled = true;
  setTimeout(saveCodeCache, CODE_CACHE_SAVE_DELAY_MS).unref();
}

if (process.argv.includes(INDEX_PROCESS_ARG) && process.send) {
  indexProcessMain();
} else {
  const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
  startServer(connection, {
    // `exists` answers for regular files only (stat never blocks, unlike opening a FIFO).
    fs: { ...nodeFs, exists: (p) => statSync(p, { throwIfNoEntry: false })?.isFile() === true },
    now: () => new Date(),
    scan: processScanner(__filename),
    checked: saveCodeCacheAfterFirstCheck,
  });
  connection.listen();
}

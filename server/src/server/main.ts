// Entry point of the language server bundle (dist/server.bundle.js, run by the loader dist/server.js:
// server/src/loader/server.ts). `createConnection(ProposedFeatures.all)`
// picks the transport from argv: --stdio, --node-ipc or --socket=<port>. The same file runs the
// workspace index process (indexProcess.ts) when started with its argument.
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { statSync } from 'node:fs';
import { startServer } from './server';
import { INDEX_PROCESS_ARG, indexProcessMain, nodeFs, processScanner } from './indexProcess';
import { guardFraming } from './framing';
import { setV8Flags } from '../loader/slot';

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

/**
 * How far the JavaScript heap may grow past what the last full garbage collection kept, in percent.
 * Left to itself V8 lets it grow up to 4x when collections are fast (they are: the server keeps a few
 * MB of parses and results), so a server that has just been through a large file holds that much
 * garbage while the next one is edited (at 10,000 lines, 50-80 MB more than a server that only parses).
 * Past 1.5x a full collection runs instead; it stays rare (a keystroke leaves a few MB, most of which
 * the young generation reclaims) and the keystroke latencies did not move (docs/benchmarks.md).
 */
const HEAP_GROWING_PERCENT = 50;

/** How long after the start-up (the first diagnostics) the code cache is written and the heap limited. */
const SETTLE_AFTER_START_MS = 1000;

/**
 * Once the first diagnostics are out (or the server started without a document to check), off the path
 * of the first keystrokes: writes the V8 code cache (server/src/loader/codeCache.ts), so that it holds
 * the code that produced them, then applies {@link HEAP_GROWING_PERCENT}. The flag waits until then because the start-up (loading the bundle,
 * the first parse) ran 15-30 ms faster with V8's own heap growth, and because V8 rejects a code cache
 * made under other flags: setting it through the cache writes the cache first. The loader writes the
 * cache at exit when the server ends sooner.
 */
function settleAfterStart(): void {
  setTimeout(() => setV8Flags(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`), SETTLE_AFTER_START_MS).unref();
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
    startupDone: settleAfterStart,
  });
  connection.listen();
}

// dist/server.js, the language server's entry file (the client starts it; the workspace index process
// too): runs the real bundle, dist/server.bundle.js, through the V8 code cache (codeCache.ts). The
// bundle saves the cache after its first diagnostics (server/src/server/main.ts); whatever is not
// saved by then is saved when the process exits.
import { setFlagsFromString } from 'node:v8';
import { runBundle } from './codeCache';

/**
 * How far the JavaScript heap may grow past what the last full garbage collection kept, in percent.
 * Left to itself V8 lets it grow up to 4x when collections are fast (they are: the server keeps a few
 * MB of parses and results), so a server that has just been through a large file holds that much
 * garbage while the next one is edited (at 10,000 lines, 50-80 MB more than a server that only parses).
 * Past 1.5x a full collection runs instead; it stays rare (a keystroke leaves a few MB, most of which
 * the young generation reclaims) and the keystroke latencies did not move (docs/benchmarks.md).
 *
 * Set here, before the bundle is compiled, and in the index process too: V8 stamps its code cache
 * with a hash of the flags in force when the cache is made and rejects it under other flags, so a flag
 * set after compiling (or in one of the two processes only) would make every start reject the cache.
 */
const HEAP_GROWING_PERCENT = 50;
setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);

const cache = runBundle(module, require, 'server.bundle.js');
if (cache) process.on('exit', () => cache.save());

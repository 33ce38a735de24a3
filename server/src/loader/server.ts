// dist/server.js, the language server's entry file (the client starts it; the workspace index process
// too): runs the real bundle, dist/server.bundle.js, through the V8 code cache (codeCache.ts). The
// bundle saves the cache after its first diagnostics (server/src/server/main.ts); whatever is not
// saved by then is saved when the process exits.
import { runBundle } from './codeCache';

const cache = runBundle(module, require, 'server.bundle.js');
if (cache) process.on('exit', () => cache.save());

// dist/cli.js, the `ml-runbooks` command's entry file (and its lint worker threads'): runs the real
// bundle, dist/cli.bundle.js, through the V8 code cache (codeCache.ts), saved when the process or
// thread exits, when the work is done.
import { runBundle } from './codeCache';

const cache = runBundle(module, require, 'cli.bundle.js');
if (cache) process.on('exit', () => cache.save());

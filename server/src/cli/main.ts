// Entry point of the CLI bundle (dist/cli.bundle.js, run by the package's `ml-runbooks` bin dist/cli.js,
// a loader: server/src/loader/cli.ts). The same file runs the lint worker threads (see parallel.ts)
// when started as a worker (from the loader: `__filename` is the loader's).
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runCli } from './run';
import type { WorkerRequest } from './parallel';
import type { CliIO } from './io';

/** Output longer than this many characters is handed to stdout as bytes. */
const OUT_BYTES_FROM = 16 * 1024;

if (!isMainThread && (workerData as WorkerRequest | undefined)?.type === 'ml-runbooks-lint') {
  // Loaded here, not imported: the main thread loads the linter only when a command needs it.
  (require('./parallel') as typeof import('./parallel')).workerMain(workerData as WorkerRequest, parentPort!);
} else {
  const io: CliIO = {
    // Long text goes out as bytes: a string queued on a pipe the reader has not drained yet stays in the
    // young generation, and every scavenge copies it until it is written.
    out: (s) => void process.stdout.write(s.length > OUT_BYTES_FROM ? Buffer.from(s) : s),
    err: (s) => void process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`ml-runbooks: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 2;
    },
  );
}

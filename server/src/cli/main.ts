// Entry point of the CLI bundle (dist/cli.js, the package's `ml-runbooks` bin).
import { runCli } from './run';
import type { CliIO } from './io';

const io: CliIO = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
};

try {
  process.exitCode = runCli(process.argv.slice(2), io);
} catch (e) {
  process.stderr.write(`ml-runbooks: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exitCode = 2;
}

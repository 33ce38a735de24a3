/**
 * Runs `ml-runbooks lint` in this process on a folder and prints, as JSON, its exit code, output and
 * the project's source modules and packages it loaded (for cli-lazy-linter.test.ts).
 * Usage: node --import tsx test/unit/cli-lint-child.ts <cwd> [lint arguments...]
 */
import { runLint } from '../../server/src/cli/lint';

const [cwd, ...args] = process.argv.slice(2);
let out = '';
let err = '';
runLint(args, { out: (s) => void (out += s), err: (s) => void (err += s), cwd: cwd!, env: { ML_RUNBOOKS_CACHE_STATS: '1' }, stdoutIsTTY: false }).then((code) => {
  const loaded = Object.keys(require.cache).map((k) => k.replace(/\\/g, '/'));
  process.stdout.write(JSON.stringify({ code, out, err, loaded }));
});

/**
 * The floor of the command line: one process that reads the files the product linted and does only
 * the floor work of bench/floor.ts on each (runbooks: yaml parse + compiled ajv validator + ranges;
 * post-mortems: one markdown-it parse), on one thread or, with `--threads N`, shared round-robin
 * between the main thread and N − 1 worker threads. Its files/s is what any `yaml`/`markdown-it`
 * based linter can reach on this machine before it checks anything of its own.
 *
 * Built by the benchmark with esbuild; run as
 * `node floor-cli.js --schema <runbook.schema.json> --list <file with one path per line> [--threads N]`.
 * Prints `{"files":N,"diagnostics":M}`.
 */
import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { compileSchema, createMarkdownFloor, floorRunbook } from './floor';

interface Share {
  schema: string;
  paths: string[];
}

/** Does the floor work on each path; returns the number of diagnostics. */
function floorWork({ schema, paths }: Share): number {
  const validate = compileSchema(schema);
  const markdown = createMarkdownFloor();
  let diagnostics = 0;
  for (const p of paths) {
    const text = readFileSync(p, 'utf8');
    if (/\.ya?ml$/i.test(p)) diagnostics += floorRunbook(validate, text).length;
    else markdown(text);
  }
  return diagnostics;
}

function arg(name: string): string {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  if (!v) {
    console.error(`floor-cli: ${name} <value> is required`);
    process.exit(2);
  }
  return v;
}

async function main(): Promise<void> {
  const schema = arg('--schema');
  const paths = readFileSync(arg('--list'), 'utf8').split('\n').filter(Boolean);
  const threads = process.argv.includes('--threads') ? Math.max(1, Number(arg('--threads'))) : 1;
  // Round-robin over the paths (the product's list mixes sizes and kinds alike): thread k takes every threads-th path.
  const shares: Share[] = Array.from({ length: threads }, (_, k) => ({ schema, paths: paths.filter((_, i) => i % threads === k) }));
  const workers = shares.slice(1).map(
    (share) =>
      new Promise<number>((resolve, reject) => {
        const w = new Worker(__filename, { workerData: share });
        w.once('message', (n: number) => resolve(n));
        w.once('error', reject);
        w.once('exit', (code) => reject(new Error(`floor worker exited with code ${code}`)));
      }),
  );
  let diagnostics = floorWork(shares[0]!);
  for (const n of await Promise.all(workers)) diagnostics += n;
  process.stdout.write(JSON.stringify({ files: paths.length, diagnostics }) + '\n');
  process.exit(0);
}

if (isMainThread) void main();
else parentPort!.postMessage(floorWork(workerData as Share));

/**
 * The floor of the command line: one process that reads the files the product linted and does only
 * the floor work of bench/floor.ts on each (runbooks: yaml parse + compiled ajv validator + ranges;
 * post-mortems: one markdown-it parse), on one thread. Its files/s is what any `yaml`/`markdown-it`
 * based linter can reach on this machine before it checks anything of its own.
 *
 * Built by the benchmark with esbuild; run as
 * `node floor-cli.js --schema <runbook.schema.json> --list <file with one path per line>`.
 * Prints `{"files":N,"diagnostics":M}`.
 */
import { readFileSync } from 'node:fs';
import { compileSchema, createMarkdownFloor, floorRunbook } from './floor';

function arg(name: string): string {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  if (!v) {
    console.error(`floor-cli: ${name} <path> is required`);
    process.exit(2);
  }
  return v;
}

const validate = compileSchema(arg('--schema'));
const markdown = createMarkdownFloor();
const paths = readFileSync(arg('--list'), 'utf8').split('\n').filter(Boolean);
let diagnostics = 0;
for (const p of paths) {
  const text = readFileSync(p, 'utf8');
  if (/\.ya?ml$/i.test(p)) diagnostics += floorRunbook(validate, text).length;
  else markdown(text);
}
process.stdout.write(JSON.stringify({ files: paths.length, diagnostics }) + '\n');

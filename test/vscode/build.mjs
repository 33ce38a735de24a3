// Bundles the VS Code integration suite (test/vscode/suite/*.ts) and the @vscode/test-electron runner
// (test/vscode/electron.ts) into out/test/vscode/. `vscode` is provided by the extension host and
// `mocha` is resolved from node_modules at run time.
// Usage: node test/vscode/build.mjs
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const suite = readdirSync(join(here, 'suite')).filter((f) => /^(index|.*\.test)\.ts$/.test(f));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
  absWorkingDir: root,
  external: ['vscode', 'mocha', '@vscode/test-electron'],
};
const t0 = Date.now();
await Promise.all([
  esbuild.build({ ...common, entryPoints: suite.map((f) => `test/vscode/suite/${f}`), outdir: 'out/test/vscode/suite' }),
  esbuild.build({ ...common, entryPoints: ['test/vscode/electron.ts', 'test/vscode/prepare.ts'], outdir: 'out/test/vscode' }),
]);
console.log(`built out/test/vscode/ (${suite.length} suite files) in ${Date.now() - t0} ms`);

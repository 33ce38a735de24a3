// Bundles the three entry points: the VS Code client, the language server and the CLI. The server's
// and the CLI's entry files (dist/server.js, dist/cli.js) are small loaders that run the real bundles
// beside them (dist/server.bundle.js, dist/cli.bundle.js) through a V8 code cache.
// Usage: node esbuild.mjs [--watch] [--minify]
//
// Three things keep start-up and parsing cheap:
// - the JSON-schema validators are precompiled here (ajv standalone code, generated in memory from
//   server/src/core/schemaValidators.ts and the schemas/ it imports; no generated files), so the
//   server compiles no schema when it starts and ajv's compiler is not bundled;
// - node-sql-parser's per-dialect grammars (~3 MB) stay out of the bundles: each is built on its own
//   into dist/sql/<dialect>.js and loaded on demand by a require relative to the bundle;
// - `yaml` is bundled from its ES module build (scripts/yaml-esm-build.mjs says why).
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { yamlEsmBuild } from './scripts/yaml-esm-build.mjs';

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify') || process.env.ML_RUNBOOKS_MINIFY === '1';

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: 'linked',
  minify,
  logLevel: 'warning',
  legalComments: 'none',
};

const root = dirname(fileURLToPath(import.meta.url));
const VALIDATORS = resolve(root, 'server/src/core/schemaValidators.ts');

/**
 * Replaces server/src/core/schemaValidators.ts (which compiles the schemas at run time) by the module
 * its own `standaloneValidatorsModule()` returns: the same validators, precompiled. The module is
 * bundled in memory and run here to produce that source, once per build (again in watch mode when
 * it or a schema changes).
 */
function precompiledValidators() {
  let memo;
  const generate = async () => {
    const r = await esbuild.build({ entryPoints: [VALIDATORS], bundle: true, write: false, metafile: true, platform: 'node', format: 'cjs', logLevel: 'silent' });
    const mod = { exports: {} };
    new Function('module', 'exports', 'require', r.outputFiles[0].text)(mod, mod.exports, createRequire(VALIDATORS));
    return { contents: mod.exports.standaloneValidatorsModule(), watchFiles: Object.keys(r.metafile.inputs).map((p) => resolve(root, p)) };
  };
  return {
    name: 'precompiled-validators',
    setup(build) {
      build.onStart(() => {
        if (watch) memo = undefined;
      });
      build.onLoad({ filter: /[\\/]server[\\/]src[\\/]core[\\/]schemaValidators\.ts$/ }, async (args) => {
        if (resolve(args.path) !== VALIDATORS) return undefined;
        memo ??= generate();
        const { contents, watchFiles } = await memo;
        return { contents, loader: 'js', resolveDir: dirname(VALIDATORS), watchFiles };
      });
    },
  };
}

/** Dialect grammars already written to dist/sql/ by this process. */
const builtDialects = new Set();

/**
 * Keeps `require('node-sql-parser/build/<dialect>')` out of the bundle: it becomes
 * `require("./sql/<dialect>.js")` (next to the bundle), and each dialect the bundles name is built
 * once into dist/sql/, sharing one copy of its dependency big-integer (dist/sql/big-integer.js).
 */
function externalSqlDialects() {
  const seen = new Set();
  return {
    name: 'external-sql-dialects',
    setup(build) {
      build.onResolve({ filter: /^node-sql-parser\/build\/[a-z0-9]+$/ }, (args) => {
        const dialect = args.path.slice('node-sql-parser/build/'.length);
        seen.add(dialect);
        return { path: `./sql/${dialect}.js`, external: true };
      });
      build.onEnd(async (result) => {
        const todo = [...seen].filter((d) => !builtDialects.has(d));
        if (result.errors.length || !todo.length) return;
        const entries = todo.map((d) => [d, `node-sql-parser/build/${d}`]);
        if (!builtDialects.has('big-integer')) entries.push(['big-integer', 'big-integer']);
        for (const [name] of entries) builtDialects.add(name);
        await esbuild.build({
          entryPoints: Object.fromEntries(entries),
          outdir: 'dist/sql',
          bundle: true,
          platform: 'node',
          target: 'node18',
          format: 'cjs',
          minify,
          logLevel: 'warning',
          legalComments: 'none',
          plugins: [
            {
              name: 'shared-big-integer',
              setup(b) {
                b.onResolve({ filter: /^big-integer$/ }, (a) => (a.kind === 'entry-point' ? undefined : { path: './big-integer.js', external: true }));
              },
            },
          ],
        });
      });
    },
  };
}

const plugins = [precompiledValidators(), externalSqlDialects(), yamlEsmBuild()];

/**
 * VS Code for the Web: the extension for the web worker extension host (CommonJS; its `require` knows
 * only `vscode`) and the language server as a classic web-worker script. No Node built-in may reach
 * them (platform `browser` fails the build on one); `node:path` becomes path-browserify (POSIX paths:
 * the server's paths are URI paths there). The SQL dialect grammars are bundled into the worker (it
 * cannot load files next to itself), each evaluated only when a query of that dialect is first parsed.
 */
const browser = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  plugins: [precompiledValidators(), yamlEsmBuild()],
  alias: { 'node:path': 'path-browserify', path: 'path-browserify' },
  define: { 'process.env.NODE_ENV': '"production"' },
};

const builds = [
  { ...common, plugins, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...common, plugins, entryPoints: { 'server.bundle': 'server/src/server/main.ts' }, outdir: 'dist' },
  { ...common, plugins, entryPoints: { 'cli.bundle': 'server/src/cli/main.ts' }, outdir: 'dist' },
  // The entry files the manifest, the client and users name: small loaders that run the bundles above
  // through the V8 code cache (server/src/loader/codeCache.ts).
  { ...common, entryPoints: { server: 'server/src/loader/server.ts', cli: 'server/src/loader/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  { ...browser, format: 'cjs', entryPoints: { extension: 'client/src/browser/extension.ts' }, outdir: 'dist/browser', external: ['vscode'] },
  { ...browser, format: 'iife', entryPoints: { server: 'server/src/browser/main.ts' }, outdir: 'dist/browser' },
];

if (watch) {
  const ctxs = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(ctxs.map((c) => c.watch()));
  console.log('esbuild: watching');
} else {
  const t0 = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  console.log(`esbuild: built dist/extension.js, dist/server.js, dist/cli.js (+ their .bundle.js), dist/sql/, dist/browser/ in ${Date.now() - t0} ms`);
}

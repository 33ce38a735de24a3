// An esbuild plugin shared by the product build (esbuild.mjs) and the benchmark's builds of the
// floor, so that both run the same build of the `yaml` package.
//
// It bundles `yaml` from the package's ES module build (`yaml/browser/index.js`, what its `default`
// export condition names) instead of its CommonJS build. The code is the same; the CommonJS build
// reads `process.env.LOG_TOKENS` once per token in its parser (a call into the runtime each time,
// about a third of the parse of a typical runbook) and is reached through esbuild's CommonJS interop
// getters on every call, while the ES module build is linked statically.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** @returns {import('esbuild').Plugin} */
export function yamlEsmBuild() {
  const entry = join(dirname(createRequire(import.meta.url).resolve('yaml/package.json')), 'browser', 'index.js');
  return {
    name: 'yaml-esm-build',
    setup(build) {
      build.onResolve({ filter: /^yaml$/ }, () => ({ path: entry }));
    },
  };
}

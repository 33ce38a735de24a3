import type { Plugin } from 'esbuild';
/** esbuild plugin: bundle `yaml` from its ES module build (see yaml-esm-build.mjs). */
export function yamlEsmBuild(): Plugin;

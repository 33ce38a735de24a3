// Module-load hook used by yls-no-delay.mjs (runs on node's hooks thread).
const TARGET = /\/yaml-language-server\/out\/src\/yamlSettings\.js$/;
const CONSTANT = 'this.validationDelayMs = 200;';

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (!TARGET.test(url)) return result;
  const source = String(result.source);
  if (!source.includes(CONSTANT)) {
    throw new Error(`yls-no-delay: "${CONSTANT}" not found in ${url}; the benchmark's patch needs updating for this yaml-language-server version`);
  }
  return { ...result, source: source.replace(CONSTANT, 'this.validationDelayMs = 0;') };
}

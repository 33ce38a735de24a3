// Preload for yaml-language-server that removes its validation debounce, so the benchmark sees the
// real validation work. yaml-language-server has no setting for the delay: `SettingsState` sets
// `this.validationDelayMs = 200` in out/src/yamlSettings.js and ValidationHandler waits that long
// (setTimeout) after every change. This registers a module-load hook that rewrites the constant to 0
// in memory (the installed package is not modified) and fails loudly if the constant is not found.
// Usage: node --import ./bench/yls-no-delay.mjs node_modules/yaml-language-server/bin/yaml-language-server --stdio
import { register } from 'node:module';

register('./yls-no-delay-hooks.mjs', import.meta.url);

/**
 * How a bundle reaches the code cache its loader opened (codeCache.ts): the loader leaves it on the
 * global object under this symbol; the bundle imports only this file, not the loader.
 */
import { setFlagsFromString } from 'node:v8';

export const CODE_CACHE_SLOT = Symbol.for('ml-runbooks.codeCache');

interface Slot {
  save(): void;
  setFlags(flags: string): void;
}

const slot = (): Slot | undefined => (globalThis as Record<symbol, Slot | undefined>)[CODE_CACHE_SLOT];

/** Writes the code cache of the files compiled so far, if a loader opened one (each file once; never throws). */
export function saveCodeCache(): void {
  slot()?.save();
}

/**
 * Sets V8 flags at run time. Through the code cache when there is one: V8 rejects a cache made under
 * other flags, so the cache of what was compiled so far is written first (codeCache.ts).
 */
export function setV8Flags(flags: string): void {
  const cache = slot();
  if (cache) cache.setFlags(flags);
  else setFlagsFromString(flags);
}

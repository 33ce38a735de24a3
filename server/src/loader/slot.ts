/**
 * How a bundle reaches the code cache its loader opened (codeCache.ts): the loader leaves it on the
 * global object under this symbol; the bundle imports only this file, not the loader.
 */
export const CODE_CACHE_SLOT = Symbol.for('ml-runbooks.codeCache');

/** Writes the code cache of this process or thread now, if a loader opened one (once; never throws). */
export function saveCodeCache(): void {
  (globalThis as Record<symbol, { save(): void } | undefined>)[CODE_CACHE_SLOT]?.save();
}

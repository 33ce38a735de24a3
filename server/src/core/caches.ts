/**
 * The core's caches of text-keyed results (whole-file parses, per-document parses, query checks,
 * post-mortem front matter), owned by whoever creates them: a language service holds one `CoreCaches`
 * and runs its work inside it (`withCaches`), so two services in one process (a test, an embedder)
 * never evict or see each other's entries, and dropping a service drops its caches.
 *
 * The core is synchronous, so "the caches of the call in progress" is a plain variable: `withCaches`
 * sets it for the duration of one synchronous call and restores it after. Callers of the core that
 * own no caches (a script, a unit test) use the default set.
 *
 * Not here, on purpose: caches keyed by a parse tree (WeakMaps that die with the tree), and compiled
 * code (JSON-schema validators, SQL grammars) — process-wide, the same for every service.
 */

/** A cache of one kind: created on first use in a `CoreCaches`, keyed by text. */
export type CacheSlot<V> = () => Map<string, V>;

/** One owner's set of the core's caches. */
export class CoreCaches {
  private readonly maps = new Map<symbol, Map<string, unknown>>();

  /** The map of a slot, created on first use. */
  map<V>(slot: symbol): Map<string, V> {
    let m = this.maps.get(slot);
    if (!m) this.maps.set(slot, (m = new Map()));
    return m as Map<string, V>;
  }

  /** Entries held, per slot name (tests and diagnostics). */
  sizes(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, m] of this.maps) out[k.description ?? '?'] = m.size;
    return out;
  }

  /** Drops every entry. */
  clear(): void {
    for (const m of this.maps.values()) m.clear();
  }

  /** Drops the entries of the slots that hold parses of whole texts (see {@link dropTextParses}). */
  clearTextParses(): void {
    for (const [k, m] of this.maps) if (textParseSlots.has(k)) m.clear();
  }
}

/** Slots whose entries are parses of whole texts (trees of a file or of its front matter). */
const textParseSlots = new Set<symbol>();

const defaultCaches = new CoreCaches();
let active: CoreCaches = defaultCaches;

/**
 * Declares a cache of one kind (at module level, once): returns the accessor of its map in the caches
 * of the call in progress.
 *
 * `textParses`: its entries are parses of whole texts, dropped by {@link dropTextParses}.
 *
 * @example
 * const parses = cacheSlot<Parsed>('runbook files', { textParses: true });
 * parses().get(text)
 */
export function cacheSlot<V>(name: string, options: { textParses?: boolean } = {}): CacheSlot<V> {
  const slot = Symbol(name);
  if (options.textParses) textParseSlots.add(slot);
  return () => active.map<V>(slot);
}

/**
 * Drops, in the caches of the call in progress, every parse of a whole text (slots declared with
 * `textParses`): what a caller that reads each text once (the CLI) calls after each file, so no tree
 * outlives its file. Small results of parts (query checks, section names) stay, and the next parse of
 * a text is made from scratch, as the first one was.
 */
export function dropTextParses(): void {
  active.clearTextParses();
}

/** Runs a synchronous core call with `caches` as the caches it reads and fills. */
export function withCaches<T>(caches: CoreCaches, run: () => T): T {
  const prev = active;
  active = caches;
  try {
    return run();
  } finally {
    active = prev;
  }
}

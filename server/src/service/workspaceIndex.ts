/**
 * The workspace index behind RB009's "duplicate `metadata.name` across the workspace": which runbook
 * file defines which names, from disk (the host's scan) and from open documents (their current text
 * wins over the disk).
 */
import { LineIndex, type RelatedInformation } from '../core/index';

/** A name definition as the core's `runbookNames` returns it. */
export interface NameDef {
  name: string;
  start: number;
  end: number;
  /** 0-based line and character of `start`, when the source already knows them. */
  line?: number;
  character?: number;
}

/** A name definition placed (0-based line/character) so other files can point at it. */
export interface IndexedName extends NameDef {
  line: number;
  character: number;
}

/** The name definitions of a runbook text, placed. Never throws (a text `names` cannot read defines none). */
export function definitionsIn(text: string, names: (text: string) => NameDef[]): IndexedName[] {
  let defs: NameDef[];
  try {
    defs = names(text);
  } catch {
    defs = [];
  }
  let lines: LineIndex | undefined;
  return defs.map((d) => {
    // Already placed by the parser (the core's runbookNames): no second line index of the whole text.
    if (d.line !== undefined && d.character !== undefined) return { name: d.name, start: d.start, end: d.end, line: d.line, character: d.character };
    lines ??= new LineIndex(text);
    const p = lines.positionAt(d.start);
    return { ...d, line: p.line, character: p.character };
  });
}

/**
 * name → definitions, per file. Keys are URIs (or whatever identifier the host uses for a file;
 * it is handed back in `RelatedInformation.file`).
 */
export class WorkspaceIndex {
  private readonly byFile = new Map<string, IndexedName[]>();
  /** name → file → that file's definitions of the name: lookups cost O(definitions of the name), not O(workspace). */
  private readonly byName = new Map<string, Map<string, IndexedName[]>>();
  /** Insertion rank of each file in `byFile`, so lookups list files in the same order a scan of `byFile` would. */
  private readonly rank = new Map<string, number>();
  private nextRank = 0;

  constructor(private readonly names: (text: string) => NameDef[]) {}

  /**
   * Records a file's current text. Returns the names whose set of definitions changed (added or
   * removed), so the host can revalidate the runbooks that use them.
   */
  update(file: string, text: string): Set<string> {
    return this.set(file, definitionsIn(text, this.names));
  }

  /** Forgets a file (deleted). Returns the names that changed. */
  remove(file: string): Set<string> {
    return this.set(file, []);
  }

  /** Records a file's definitions, already placed (from a scan). Returns the names that changed. */
  set(file: string, defs: IndexedName[]): Set<string> {
    const before = new Set((this.byFile.get(file) ?? []).map((d) => d.name));
    const after = new Set(defs.map((d) => d.name));
    if (defs.length) {
      if (!this.byFile.has(file)) this.rank.set(file, this.nextRank++);
      this.byFile.set(file, defs);
    } else {
      this.byFile.delete(file);
      this.rank.delete(file);
    }
    for (const n of before) {
      if (after.has(n)) continue;
      const files = this.byName.get(n);
      files?.delete(file);
      if (files && !files.size) this.byName.delete(n);
    }
    for (const n of after) {
      let files = this.byName.get(n);
      if (!files) this.byName.set(n, (files = new Map()));
      files.set(file, defs.filter((d) => d.name === n));
    }
    const changed = new Set<string>();
    for (const n of before) if (!after.has(n)) changed.add(n);
    for (const n of after) if (!before.has(n)) changed.add(n);
    return changed;
  }

  has(file: string): boolean {
    return this.byFile.has(file);
  }

  /** Definitions of `name` in files other than `file`, as related information for RB009. */
  otherDefinitions(name: string, file: string): RelatedInformation[] {
    const out: RelatedInformation[] = [];
    const files = this.byName.get(name);
    if (!files) return out;
    const order = [...files.keys()].filter((f) => f !== file).sort((a, b) => this.rank.get(a)! - this.rank.get(b)!);
    for (const f of order) {
      for (const d of files.get(f)!) {
        out.push({ file: f, start: d.start, end: d.end, line: d.line, character: d.character, message: `'${name}' is also defined here` });
      }
    }
    return out;
  }
}

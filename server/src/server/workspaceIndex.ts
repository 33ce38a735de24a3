/**
 * The workspace index behind RB009's "duplicate `metadata.name` across the workspace": which runbook
 * file defines which names, from disk (an asynchronous, bounded scan) and from open documents (their
 * current text wins over the disk).
 */
import { LineIndex, type RelatedInformation } from '../core/index';
import type { ScannedAlerts } from './alertWorkspace';

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

/** Directory entry as the file-system dependency lists it. */
export interface DirEntry {
  name: string;
  isDirectory: boolean;
  isFile: boolean;
}

/** The file access the scan needs (injected; the real one wraps `node:fs/promises`). */
export interface ScanFs {
  readDir(path: string): Promise<DirEntry[]>;
  readFile(path: string): Promise<string>;
}

/** Folders never descended into. */
export const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
/** At most this many runbook files are indexed from disk. */
export const MAX_INDEXED_FILES = 5000;
/** Runbook files by name. */
export const RUNBOOK_NAME_RE = /\.runbook\.ya?ml$/i;
/** YAML files: with an alert analysis, every one is read (rule files are recognised by content). */
export const YAML_NAME_RE = /\.ya?ml$/i;

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

  /** The names a file defines. */
  namesOf(file: string): string[] {
    return (this.byFile.get(file) ?? []).map((d) => d.name);
  }

  get size(): number {
    return this.byFile.size;
  }
}

/**
 * Lists runbook files under a folder, breadth-first, skipping `node_modules` and VCS folders, at most
 * `max` files. Yields to the event loop between directories so it never blocks the message loop.
 */
export async function findRunbookFiles(
  fs: ScanFs,
  root: string,
  join: (a: string, b: string) => string,
  max = MAX_INDEXED_FILES,
  isCancelled: () => boolean = () => false,
  accept?: (name: string) => boolean,
): Promise<string[]> {
  const take = accept ?? ((n: string) => RUNBOOK_NAME_RE.test(n));
  // Runbooks and other accepted files (YAML for the alert graph) are counted apart, each up to `max`:
  // a repository full of manifests never crowds the runbooks out of the name index.
  const out: string[] = [];
  const queue = [root];
  let dirs = 0;
  let runbooks = 0;
  let others = 0;
  const full = () => runbooks >= max && (!accept || others >= max);
  while (queue.length && !full() && !isCancelled()) {
    const dir = queue.shift()!;
    if (++dirs > 50_000) break;
    let entries: DirEntry[];
    try {
      entries = await fs.readDir(dir);
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.isDirectory) {
        if (!SKIP_DIRS.has(e.name)) queue.push(join(dir, e.name));
      } else if (e.isFile && take(e.name)) {
        const runbook = RUNBOOK_NAME_RE.test(e.name);
        if (runbook ? runbooks >= max : others >= max) continue;
        if (runbook) runbooks++;
        else others++;
        out.push(join(dir, e.name));
      }
    }
    await new Promise<void>((r) => setImmediate(r));
  }
  return out;
}

/**
 * Indexes the runbook files on disk under `folders`: lists them (`findRunbookFiles`), reads each and
 * hands its placed name definitions to `onFile`, yielding to the event loop between files. Unreadable
 * files are skipped. Resolves with the number of files read. The language server runs it in a child
 * process (indexProcess.ts), or on its own thread when it is given an injected file system.
 * With `analyze` (the alert graph, spec §8) every YAML file is listed and read, and what `analyze`
 * returns for it (a runbook's alert data, a rule file's rules) is handed to `onFile` too; YAML files
 * that are neither runbooks nor rule files are skipped.
 */
export async function scanFolders(
  fs: ScanFs,
  folders: string[],
  join: (a: string, b: string) => string,
  names: (text: string) => NameDef[],
  onFile: (file: string, defs: IndexedName[], alerts?: ScannedAlerts) => void,
  isCancelled: () => boolean = () => false,
  analyze?: (file: string, text: string) => ScannedAlerts | undefined,
): Promise<number> {
  let files = 0;
  for (const folder of folders) {
    const list = await findRunbookFiles(fs, folder, join, undefined, isCancelled, analyze ? (n) => YAML_NAME_RE.test(n) : undefined);
    for (const file of list) {
      if (isCancelled()) return files;
      let text: string;
      try {
        text = await fs.readFile(file);
      } catch {
        continue; // unreadable: skip
      }
      const runbook = RUNBOOK_NAME_RE.test(file);
      const alerts = analyze?.(file, text);
      if (!runbook && alerts === undefined) continue;
      onFile(file, runbook ? definitionsIn(text, names) : [], alerts);
      files++;
      await new Promise<void>((r) => setImmediate(r));
    }
  }
  return files;
}

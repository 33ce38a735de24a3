/**
 * Where is the cursor in a YAML text, structurally? A line-based reading of block YAML that works on
 * incomplete documents (a half-typed key, `key:` with nothing after it, a new `- ` item), which a real
 * parser cannot represent. Flow collections (`[a, b]`, `{a: 1}`) are treated as opaque values.
 *
 * All offsets are UTF-16 offsets into the whole text; `region` bounds the YAML inside it (one
 * document of a multi-document file, or a Markdown file's front matter).
 */

/** A path into the YAML: mapping keys and sequence indexes. */
export type NavPath = Array<string | number>;

/** Bounds of the YAML to read inside a larger text (end exclusive). */
export interface Region {
  start: number;
  end: number;
}

interface Line {
  /** Offset of the line start in the whole text. */
  offset: number;
  text: string;
  /** Column of the first non-space character (text length when blank). */
  indent: number;
  blank: boolean;
  comment: boolean;
  /** Columns of `- ` sequence markers at the line start. */
  dashes: number[];
  /** Column where the content after the dashes starts. */
  contentCol: number;
  key?: string;
  keyStart?: number;
  keyEnd?: number;
  /** Column where the value after `key:` starts (after spaces), when there is a key. */
  valueCol?: number;
  /** The line is inside a block scalar (`|` / `>`) of an earlier key: not structure. */
  scalar: boolean;
  /** This line opens a block scalar (`key: |`). */
  opensBlock: boolean;
}

// Greedy `[^:#]*` up to the colon (the key is trimmed where it is used): a lazy `[^:#]*?` followed
// by `[ \t]*` backtracked quadratically on a long run of spaces with no colon.
const KEY_RE = /^("(?:[^"\\]|\\.)*"[ \t]*|'(?:[^']|'')*'[ \t]*|[^\s:#'"[\]{},&*!|>%@`-][^:#]*|-[^\s:#][^:#]*):(?=[ \t]|$)/;
const BLOCK_RE = /^[|>][-+0-9]*[ \t]*(#.*)?$/;

function unquote(k: string): string {
  if (k.startsWith('"') && k.endsWith('"') && k.length >= 2) {
    try {
      return JSON.parse(k) as string;
    } catch {
      return k.slice(1, -1);
    }
  }
  if (k.startsWith("'") && k.endsWith("'") && k.length >= 2) return k.slice(1, -1).replace(/''/g, "'");
  return k;
}

function parseLine(text: string, offset: number): Line {
  const body = text.replace(/\r$/, '');
  const indent = body.length - body.trimStart().length;
  const blank = body.trim() === '';
  const line: Line = { offset, text: body, indent, blank, comment: !blank && body[indent] === '#', dashes: [], contentCol: indent, scalar: false, opensBlock: false };
  if (blank || line.comment) return line;
  let col = indent;
  while (body[col] === '-' && (col + 1 === body.length || body[col + 1] === ' ' || body[col + 1] === '\t')) {
    line.dashes.push(col);
    col++;
    while (body[col] === ' ' || body[col] === '\t') col++;
  }
  line.contentCol = col;
  const rest = body.slice(col);
  const m = KEY_RE.exec(rest);
  if (m) {
    line.key = unquote(m[1]!.trim());
    line.keyStart = col;
    line.keyEnd = col + m[1]!.trimEnd().length;
    let v = col + m[0].length;
    while (body[v] === ' ' || body[v] === '\t') v++;
    line.valueCol = v;
    line.opensBlock = BLOCK_RE.test(body.slice(v));
  } else if (line.dashes.length && BLOCK_RE.test(rest)) {
    line.opensBlock = true;
  }
  return line;
}

/** The lines of a region, with block-scalar content marked. */
class Lines {
  readonly lines: Line[] = [];

  constructor(readonly text: string, readonly region: Region) {
    let off = region.start;
    while (off <= region.end) {
      let nl = text.indexOf('\n', off);
      if (nl === -1 || nl > region.end) nl = region.end;
      this.lines.push(parseLine(text.slice(off, nl), off));
      if (nl >= region.end) break;
      off = nl + 1;
    }
    // Block scalars: lines after `key: |` that are blank or more indented than the key's column.
    let blockCol = -1;
    for (const l of this.lines) {
      if (blockCol >= 0) {
        if (l.blank || l.indent > blockCol) {
          l.scalar = true;
          continue;
        }
        blockCol = -1;
      }
      if (l.opensBlock) blockCol = l.key !== undefined ? l.indent : (l.dashes[l.dashes.length - 1] ?? l.indent);
    }
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lines[mid]!.offset <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Whether a line carries structure (not blank, comment or block-scalar content). */
  structural(j: number): boolean {
    const l = this.lines[j]!;
    return !l.blank && !l.comment && !l.scalar;
  }

  /** Index of a sequence item whose dash is at column `d` on line `k`: the number of earlier siblings. */
  itemIndex(k: number, d: number): number {
    let n = 0;
    for (let j = k - 1; j >= 0; j--) {
      if (!this.structural(j)) continue;
      const l = this.lines[j]!;
      if (l.dashes.includes(d)) {
        // A dash at d on a line whose first node is left of d belongs to an outer item: stop after it.
        if (l.indent < d) break;
        n++;
        continue;
      }
      if (l.indent <= d) break;
    }
    return n;
  }

  /**
   * The path of the collection that holds a node at column `col` on line `k`, given the dashes of that
   * line left of `col` (`dashes`, ascending). Reads upward for the enclosing keys and items.
   */
  parentPath(k: number, dashes: number[], col: number): NavPath {
    const segs: NavPath = [];
    // Items opened on line k itself, innermost first.
    for (let i = dashes.length - 1; i >= 0; i--) segs.push(this.itemIndex(k, dashes[i]!));
    let limit = dashes.length ? dashes[0]! : col;
    let seqAt = dashes.length ? dashes[0]! : -1;
    for (let j = k - 1; j >= 0 && (limit > 0 || seqAt === 0); j--) {
      if (!this.structural(j)) continue;
      const l = this.lines[j]!;
      if (l.key !== undefined && l.keyStart !== undefined && (l.keyStart < limit || (seqAt === limit && l.keyStart === limit && !l.dashes.length))) {
        segs.push(l.key);
        limit = l.keyStart;
        seqAt = -1;
        const left = l.dashes.filter((d) => d < limit);
        for (let i = left.length - 1; i >= 0; i--) {
          segs.push(this.itemIndex(j, left[i]!));
          limit = left[i]!;
          seqAt = left[i]!;
        }
        continue;
      }
      const left = l.dashes.filter((d) => d < limit);
      if (left.length) {
        for (let i = left.length - 1; i >= 0; i--) {
          segs.push(this.itemIndex(j, left[i]!));
          limit = left[i]!;
          seqAt = left[i]!;
        }
        continue;
      }
      if (seqAt === limit && l.key !== undefined && l.keyStart === limit) {
        segs.push(l.key);
        limit = l.keyStart;
        seqAt = -1;
      }
    }
    return segs.reverse();
  }

  /** Keys present in the mapping whose keys sit at column `kc`, around line `k` (excluding line k). */
  keysAround(k: number, kc: number): string[] {
    const keys: string[] = [];
    for (let j = k - 1; j >= 0; j--) {
      if (!this.structural(j)) continue;
      const l = this.lines[j]!;
      if (l.key !== undefined && l.keyStart === kc) keys.push(l.key);
      if (l.indent < kc) break;
    }
    for (let j = k + 1; j < this.lines.length; j++) {
      if (!this.structural(j)) continue;
      const l = this.lines[j]!;
      if (l.indent < kc || (l.dashes.length && l.dashes[0]! < kc)) break;
      if (l.key !== undefined && l.keyStart === kc && !l.dashes.length) keys.push(l.key);
      else if (l.key !== undefined && l.keyStart === kc) break;
    }
    return keys;
  }

  /** Keys at column `kc` below line `k` up to the end of the item (for a new `- ` item on line k). */
  keysBelowInItem(k: number, kc: number): string[] {
    const keys: string[] = [];
    for (let j = k + 1; j < this.lines.length; j++) {
      if (!this.structural(j)) continue;
      const l = this.lines[j]!;
      if (l.indent < kc) break;
      if (l.key !== undefined && l.keyStart === kc) keys.push(l.key);
    }
    return keys;
  }

  /** Column of the key (or dash) that opened the block scalar line `k` belongs to, or -1. */
  blockParentCol(k: number): number {
    for (let j = k - 1; j >= 0; j--) {
      const l = this.lines[j]!;
      if (l.opensBlock && !l.scalar) return l.key !== undefined ? l.indent : (l.dashes[l.dashes.length - 1] ?? l.indent);
    }
    return -1;
  }
}

/** What the cursor is on, for completion. */
export interface YamlCursor {
  /**
   * `key`: typing a mapping key in the mapping at `path` (a new `- ` item included: then `item` is true
   * and a scalar item value is also possible); `value`: typing the value of the key at `path`;
   * `none`: inside a comment, a block scalar or a flow collection.
   */
  kind: 'key' | 'value' | 'none';
  path: NavPath;
  /** The part of the word typed before the cursor. */
  prefix: string;
  /** Offsets of the word to replace (the typed prefix and the rest of the word after the cursor). */
  replaceStart: number;
  replaceEnd: number;
  /** For `key`: keys already present in the mapping. */
  presentKeys: string[];
  /** For `key`: the cursor opened a new sequence item (`- |`), so a scalar value fits too. */
  item: boolean;
}

/** The YAML region of a runbook document around an offset: between `---` separators. */
export function documentRegion(text: string, offset: number): Region {
  const sep = /^(?:---|\.\.\.)(?=[ \t]|\r?$)/gm;
  let start = 0;
  let end = text.length;
  for (let m = sep.exec(text); m; m = sep.exec(text)) {
    if (m.index + m[0].length <= offset && !(m.index <= offset && offset <= m.index + m[0].length)) {
      const nl = text.indexOf('\n', m.index);
      start = nl === -1 ? text.length : nl + 1;
    } else if (m.index >= offset) {
      end = m.index;
      break;
    }
    if (m[0].length === 0) sep.lastIndex++;
  }
  return { start: Math.min(start, offset), end: Math.max(end, offset) };
}

const WORD_CHAR = /[^\s:#,[\]{}]/;

/**
 * Reads the cursor's structural position for completion.
 *
 * @example
 * yamlCursorAt('metadata:\n  na', 14) // { kind: 'key', path: ['metadata'], prefix: 'na', … }
 * yamlCursorAt('surface:\n  likely: ', 19) // { kind: 'value', path: ['surface', 'likely'], prefix: '', … }
 */
export function yamlCursorAt(text: string, offset: number, region: Region = documentRegion(text, offset)): YamlCursor {
  const none: YamlCursor = { kind: 'none', path: [], prefix: '', replaceStart: offset, replaceEnd: offset, presentKeys: [], item: false };
  if (offset < region.start || offset > region.end) return none;
  const ls = new Lines(text, region);
  const k = ls.lineOf(offset);
  const line = ls.lines[k]!;
  const col = offset - line.offset;
  const before = line.text.slice(0, col);
  // Inside block-scalar content (judged by the typed indentation on a blank line).
  if (line.scalar && !(line.blank && col <= ls.blockParentCol(k))) return none;
  const cur = parseLine(before, line.offset);
  if (cur.comment || /(^|\s)#/.test(before.slice(cur.contentCol))) return none;
  // Word boundaries around the cursor.
  let ws = col;
  while (ws > cur.contentCol && WORD_CHAR.test(line.text[ws - 1]!)) ws--;
  let we = col;
  while (we < line.text.length && WORD_CHAR.test(line.text[we]!)) we++;
  const dashes = cur.dashes;
  if (cur.key !== undefined && cur.valueCol !== undefined && col >= cur.valueCol) {
    const typed = before.slice(cur.valueCol);
    if (/^[[{|>&*!]/.test(typed) || /^["']/.test(typed)) return none;
    const path = [...ls.parentPath(k, dashes, cur.keyStart!), cur.key];
    const vs = line.offset + cur.valueCol;
    let ve = line.offset + line.text.length;
    const hash = line.text.slice(cur.valueCol).search(/\s#/);
    if (hash >= 0) ve = line.offset + cur.valueCol + hash;
    return { kind: 'value', path, prefix: typed, replaceStart: vs, replaceEnd: Math.max(vs, ve), presentKeys: [], item: false };
  }
  if (cur.key !== undefined) return none; // between `key` and `:`: nothing sensible to offer
  const typed = before.slice(cur.contentCol);
  if (/[:[\]{}"'|>]/.test(typed)) return none;
  const path = ls.parentPath(k, dashes, cur.contentCol);
  const kc = cur.contentCol;
  const presentKeys = ls.keysAround(k, kc).filter((x) => x !== typed);
  return {
    kind: 'key',
    path,
    prefix: typed,
    replaceStart: line.offset + ws,
    replaceEnd: line.offset + we,
    presentKeys: dashes.length ? ls.keysBelowInItem(k, kc) : presentKeys,
    item: dashes.length > 0 && typed.trim() === typed,
  };
}

/** What the cursor is on, for hover. */
export interface YamlHoverTarget {
  /** Path of the key (or sequence item) under the cursor. */
  path: NavPath;
  on: 'key' | 'value';
  /** Offsets of the key or value text under the cursor. */
  start: number;
  end: number;
}

/**
 * The key or value under the cursor, for hover.
 *
 * @example
 * yamlHoverTargetAt('surface:\n  likely: data', 22) // { path: ['surface', 'likely'], on: 'value', … }
 */
export function yamlHoverTargetAt(text: string, offset: number, region: Region = documentRegion(text, offset)): YamlHoverTarget | undefined {
  if (offset < region.start || offset > region.end) return undefined;
  const ls = new Lines(text, region);
  const k = ls.lineOf(offset);
  const line = ls.lines[k]!;
  if (!ls.structural(k)) return undefined;
  const col = offset - line.offset;
  if (line.key !== undefined && line.keyStart !== undefined && line.keyEnd !== undefined) {
    const path = [...ls.parentPath(k, line.dashes, line.keyStart), line.key];
    if (col >= line.keyStart && col <= line.keyEnd) return { path, on: 'key', start: line.offset + line.keyStart, end: line.offset + line.keyEnd };
    if (line.valueCol !== undefined && col >= line.valueCol) {
      const raw = line.text.slice(line.valueCol);
      const hash = raw.search(/(^|\s)#/);
      const value = (hash >= 0 ? raw.slice(0, hash) : raw).trimEnd();
      if (col <= line.valueCol + value.length && value.length) return { path, on: 'value', start: line.offset + line.valueCol, end: line.offset + line.valueCol + value.length };
    }
    return undefined;
  }
  if (line.dashes.length && col >= line.contentCol) {
    const raw = line.text.slice(line.contentCol);
    const hash = raw.search(/(^|\s)#/);
    const value = (hash >= 0 ? raw.slice(0, hash) : raw).trimEnd();
    if (!value.length || col > line.contentCol + value.length) return undefined;
    const path = ls.parentPath(k, line.dashes, line.contentCol);
    return { path, on: 'value', start: line.offset + line.contentCol, end: line.offset + line.contentCol + value.length };
  }
  return undefined;
}

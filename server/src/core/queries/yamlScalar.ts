/**
 * Maps offsets inside a YAML scalar's parsed string value back to offsets in the file text, so a
 * problem found in an embedded query is reported at the bad token itself.
 *
 * Precise mappers: block literals (`|`, `|-`, `|+`, with or without an indentation indicator),
 * single-line plain, single-quoted and double-quoted scalars. Folded blocks (`>`) and multi-line
 * plain scalars are aligned character by character (exact on every non-blank character). Anything
 * else (multi-line quoted scalars) falls back to the whole value range. Every mapping is verified
 * against the parsed value; on any mismatch the fallback applies.
 */
import { Scalar } from 'yaml';

/** The parts of a `yaml` Scalar node the mapper needs. */
export interface ScalarLike {
  type?: string;
  value: unknown;
  range?: [number, number, number] | null;
}

/** `map[i]` = source offset of value character i; `map[value.length]` = the offset just after the last one. */
type OffsetMap = number[];

function lineEndAt(src: string, pos: number): { end: number; next: number } {
  const nl = src.indexOf('\n', pos);
  const raw = nl < 0 ? src.length : nl;
  const end = raw > pos && src[raw - 1] === '\r' ? raw - 1 : raw;
  return { end, next: nl < 0 ? -1 : nl + 1 };
}

function leadingSpaces(src: string, from: number, to: number): number {
  let i = from;
  while (i < to && src[i] === ' ') i++;
  return i - from;
}

function blockLiteralMap(src: string, start: number, end: number, value: string): OffsetMap | undefined {
  const header = lineEndAt(src, start);
  if (header.next < 0 || header.next > end) return value === '' ? [start] : undefined;
  const m = /^\|([1-9])?[+-]?([1-9])?/.exec(src.slice(start, header.end));
  if (!m) return undefined;
  const explicit = Number(m[1] ?? m[2] ?? 0);
  // Candidate indentations: the indicator relative to the header line's indentation, or auto-detected.
  const candidates: number[] = [];
  if (explicit) {
    const lineStart = src.lastIndexOf('\n', start - 1) + 1;
    candidates.push(leadingSpaces(src, lineStart, start) + explicit, explicit);
  } else {
    for (let p = header.next; p >= 0 && p < end; ) {
      const l = lineEndAt(src, p);
      const sp = leadingSpaces(src, p, l.end);
      if (sp < l.end - p) {
        candidates.push(sp);
        break;
      }
      p = l.next;
    }
  }
  for (const indent of candidates) {
    const map = mapLines(src, header.next, end, value, indent);
    if (map) return map;
  }
  return undefined;
}

function mapLines(src: string, from: number, end: number, value: string, indent: number): OffsetMap | undefined {
  const map: OffsetMap = [];
  let v = 0;
  for (let p = from; p >= 0 && p <= end && v < value.length; ) {
    const l = lineEndAt(src, p);
    const contentStart = Math.min(p + indent, l.end);
    for (let k = contentStart; k < l.end && v < value.length; k++) {
      if (src[k] !== value[v]) return undefined;
      map[v++] = k;
    }
    if (v < value.length) {
      if (value[v] !== '\n') return undefined;
      map[v++] = l.end;
    }
    p = l.next;
  }
  if (v < value.length) return undefined;
  map[value.length] = value.length ? map[value.length - 1]! + 1 : from;
  return map;
}

function identityMap(start: number, value: string): OffsetMap {
  const map: OffsetMap = [];
  for (let i = 0; i <= value.length; i++) map.push(start + i);
  return map;
}

function singleQuotedMap(src: string, start: number, end: number, value: string): OffsetMap | undefined {
  const map: OffsetMap = [];
  let v = 0;
  for (let k = start + 1; k < end - 1; k++) {
    if (src[k] === "'" && src[k + 1] === "'") {
      if (value[v] !== "'") return undefined;
      map[v++] = k++;
      continue;
    }
    if (src[k] !== value[v]) return undefined;
    map[v++] = k;
  }
  if (v !== value.length) return undefined;
  map[v] = end - 1;
  return map;
}

const ESCAPE_LENGTH: Record<string, number> = { x: 4, u: 6, U: 10 };

function doubleQuotedMap(src: string, start: number, end: number, value: string): OffsetMap | undefined {
  const map: OffsetMap = [];
  let v = 0;
  for (let k = start + 1; k < end - 1; ) {
    if (src[k] === '\\') {
      const len = ESCAPE_LENGTH[src[k + 1] ?? ''] ?? 2;
      let produced = 1;
      if (src[k + 1] === 'U') produced = parseInt(src.slice(k + 2, k + 10), 16) > 0xffff ? 2 : 1;
      for (let i = 0; i < produced; i++) map[v++] = k;
      k += len;
      continue;
    }
    if (src[k] !== value[v]) return undefined;
    map[v++] = k++;
  }
  if (v !== value.length) return undefined;
  map[v] = end - 1;
  return map;
}

/** Aligns the value with the source, skipping only blank characters of the source (folded text). */
function alignMap(src: string, from: number, end: number, value: string): OffsetMap | undefined {
  const map: OffsetMap = [];
  let k = from;
  for (let v = 0; v < value.length; v++) {
    const c = value[v]!;
    while (k < end && src[k] !== c && !(c === ' ' && (src[k] === '\n' || src[k] === '\r'))) {
      if (!/\s/.test(src[k]!)) return undefined;
      k++;
    }
    if (k >= end) return undefined;
    map[v] = k;
    if (c === ' ' && (src[k] === '\n' || src[k] === '\r')) {
      // A line break folded into a space: the next line's indentation is skipped as blanks.
      k++;
      continue;
    }
    k++;
  }
  map[value.length] = value.length ? map[value.length - 1]! + 1 : from;
  return map;
}

function buildMap(src: string, node: ScalarLike): OffsetMap | undefined {
  const value = node.value;
  const r = node.range;
  if (typeof value !== 'string' || !r) return undefined;
  const [start, end] = r;
  const raw = src.slice(start, end);
  switch (node.type) {
    case Scalar.BLOCK_LITERAL:
      return blockLiteralMap(src, start, end, value);
    case Scalar.BLOCK_FOLDED: {
      const header = lineEndAt(src, start);
      return header.next < 0 ? undefined : alignMap(src, header.next, end, value);
    }
    case Scalar.QUOTE_SINGLE:
      return raw.includes('\n') ? undefined : singleQuotedMap(src, start, end, value);
    case Scalar.QUOTE_DOUBLE:
      return raw.includes('\n') ? undefined : doubleQuotedMap(src, start, end, value);
    case Scalar.PLAIN:
    default:
      if (raw === value) return identityMap(start, value);
      return alignMap(src, start, end, value);
  }
}

/**
 * Source offsets of the characters `[from, to)` of a scalar's string value. Falls back to the whole
 * value range when the scalar cannot be mapped precisely.
 *
 * @example
 * // text = 'q: |\n  rate(x[5m]))\n'; node = the scalar of q; value 'rate(x[5m]))\n'
 * valueRangeToSource(text, node, 11, 12) // [18, 19]: the stray ')' in the file
 */
export function valueRangeToSource(src: string, node: ScalarLike, from: number, to: number): [number, number] {
  const r = node.range;
  if (!r) return [0, 0];
  const map = buildMap(src, node);
  if (!map) return [r[0], r[1]];
  const len = map.length - 1;
  const a = Math.max(0, Math.min(from, len));
  const b = Math.max(a, Math.min(to, len));
  const start = map[a]!;
  const end = b > a ? map[b - 1]! + 1 : start;
  return [start, Math.max(start, end)];
}

/**
 * Whether a scalar maps precisely (else problems are reported on its whole value).
 *
 * @example
 * scalarMapsPrecisely('q: |\n  up\n', blockScalarNode) // true
 */
export function scalarMapsPrecisely(src: string, node: ScalarLike): boolean {
  return buildMap(src, node) !== undefined;
}

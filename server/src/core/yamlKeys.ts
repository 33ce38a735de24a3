/**
 * Duplicate mapping keys, found in linear time. The `yaml` library's own check (`uniqueKeys: true`)
 * compares each new key with every earlier key of its mapping, which is quadratic: a mapping with
 * 20,000 keys took seconds. Parse with {@link YAML_PARSE_OPTIONS} (`uniqueKeys: false`) and call
 * {@link addDuplicateKeyErrors}, which records the same `DUPLICATE_KEY` errors ("Map keys must be
 * unique", on the second and later occurrences of a key) with one set per mapping.
 */
import { YAMLParseError, isMap, isNode, isPair, isScalar, isSeq } from 'yaml';
import type { Document } from 'yaml';

/** Options every parse of user text uses: no quadratic duplicate-key check, no warnings printed on stderr. */
export const YAML_PARSE_OPTIONS = { uniqueKeys: false, prettyErrors: false, logLevel: 'silent' } as const;

/**
 * Pushes a `DUPLICATE_KEY` error onto `doc.errors` for every scalar key repeated in its mapping
 * (scalar keys are equal when their values are, as in the library; other keys never are). `offset`
 * is added to the reported positions. Iterative: deep nesting cannot overflow the stack.
 */
export function addDuplicateKeyErrors(doc: Document, offset = 0): void {
  const found: YAMLParseError[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const n = stack.pop();
    if (isMap(n)) {
      const seen = new Set<unknown>();
      for (const p of n.items) {
        if (!isPair(p)) continue;
        const k = p.key;
        if (isScalar(k)) {
          if (seen.has(k.value) && k.range) found.push(new YAMLParseError([k.range[0] + offset, k.range[0] + offset + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
          else seen.add(k.value);
        }
        if (isNode(k) && !isScalar(k)) stack.push(k);
        if (isNode(p.value)) stack.push(p.value);
      }
    } else if (isSeq(n)) {
      for (const it of n.items) stack.push(isPair(it) ? it.value : it);
    }
  }
  if (!found.length) return;
  found.sort((a, b) => a.pos[0] - b.pos[0]);
  doc.errors.push(...found);
}

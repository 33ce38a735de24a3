import { isNode } from 'yaml';
import type { Document } from 'yaml';
import type { LintEnv } from '../index';
import type { ResolvedConfig } from '../config';
import type { LineIndex } from '../lineIndex';
import type { Rule } from '../types';
import { yamlRange, type YamlPath } from '../yamlPath';

export { nodeAt, pairAt, keyOf, type YamlPath } from '../yamlPath';

/** One YAML document of a runbook file (a file may hold several, separated by `---`). */
export interface RunbookDocument {
  /** 0-based index of the document in the file. */
  index: number;
  /** The parsed document, with node ranges (offsets into the whole file text). */
  doc: Document.Parsed;
  /** The plain JS value of the document (`doc.toJS()`), or undefined when it could not be built. */
  value: unknown;
  /** Offsets of the document in the file. */
  start: number;
  end: number;
  /**
   * Why the document could not be turned into a value (too many aliases, nesting too deep). When set,
   * `value` is undefined and only the YAML-syntax rule (RB000) runs on this document.
   */
  unusable?: { message: string; start: number; end: number };
}

/** What a runbook rule sees: one document of the file, the whole text and the host's environment. */
export interface RunbookContext {
  file: string;
  text: string;
  lines: LineIndex;
  doc: RunbookDocument;
  env: LintEnv & { config: ResolvedConfig };
  /** Every runbook document of the file, `doc` included, in file order (for checks across documents). */
  fileDocs?: ReadonlyArray<RunbookDocument>;
}

/** A runbook rule. */
export type RunbookRule = Rule<RunbookContext>;

/**
 * Offsets of the key or the value at a path in one runbook document (the core's one YAML lookup,
 * `yamlRange`). Falls back to the nearest existing ancestor's key (a missing key is reported on its
 * parent's key), then to the start of the document body.
 * `which = 'key'` prefers the key of the last segment; `'value'` prefers its value (then the key).
 */
export function rangeAt(d: RunbookDocument, path: YamlPath, which: 'key' | 'value' = 'value'): [number, number] {
  const found = yamlRange(d.doc, path, which);
  if (found) return found;
  const c = d.doc.contents;
  // The first line of the document body.
  if (c && isNode(c) && c.range) return [c.range[0], c.range[0]];
  return [d.start, d.start];
}

/**
 * The mutation generators of the property tests (fast-check), shared with the fuzz script
 * (scripts/fuzz.ts): splice syntax that means something to YAML or to Markdown into a document,
 * delete, duplicate or swap lines, truncate.
 */
import fc from 'fast-check';

/** Characters and strings that mean something to YAML (and to the embedded query languages). */
export const YAML_SIGNIFICANT = [':', '-', '- ', '[', ']', '{', '}', ',', '&a', '*a', '!', '!!str', '|', '>', "'", '"', '#', '\n', ' ', '  ', '\t', '---\n', '...\n', '%YAML 1.2\n', '@', '`', '?', '\\', '<<: *a\n', '\u00a0', '\r\n', '\u0000'];

export type YamlMutation =
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'insert'; at: number; s: string }
  | { kind: 'dupLine'; line: number }
  | { kind: 'truncate'; at: number };

export const yamlMutation: fc.Arbitrary<YamlMutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), s: fc.constantFrom(...YAML_SIGNIFICANT) }),
  fc.record({ kind: fc.constant('dupLine' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

export function mutateYaml(text: string, ms: YamlMutation[]): string {
  let t = text;
  for (const m of ms) {
    const n = t.length + 1;
    if (m.kind === 'delete') {
      const at = m.at % n;
      t = t.slice(0, at) + t.slice(at + m.len);
    } else if (m.kind === 'insert') {
      const at = m.at % n;
      t = t.slice(0, at) + m.s + t.slice(at);
    } else if (m.kind === 'dupLine') {
      const lines = t.split('\n');
      const i = m.line % lines.length;
      lines.splice(i, 0, lines[i]!);
      t = lines.join('\n');
    } else t = t.slice(0, m.at % n);
  }
  return t;
}

/** Pieces of Markdown and YAML syntax that stress the post-mortem parser when spliced in anywhere. */
export const MARKDOWN_SYNTAX = [
  '---', '\n---\n', '|', '| a | b |\n|---|---|\n', '#', '\n## ', '\n# ', '- [x] ', '- [ ] ', '[X]', '`', '```\n', '\n```', '> ', '<!--', '-->',
  '\r\n', '\n', ':', '? ', ' | ', '@', '2026-13-45T99:99Z', '09:14', '1h48m', 'human error', 'caused by @a', '\t', '\u0000', '\uFEFF', '"', "'", '{', '[', '*', '&a', '*a',
  'kind: postmortem\n', 'status: final\n', 'Detection gap: ', '108 minutes', 'Drift type: concept', 'Quality SLO breached? N',
];

export type MarkdownMutation = { kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; len: number } | { kind: 'swapLines'; a: number; b: number } | { kind: 'truncate'; at: number };

export const markdownMutation: fc.Arbitrary<MarkdownMutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...MARKDOWN_SYNTAX), fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

export function mutateMarkdown(text: string, ms: MarkdownMutation[]): string {
  let t = text;
  for (const m of ms) {
    if (m.kind === 'insert') {
      const at = t.length ? m.at % (t.length + 1) : 0;
      t = t.slice(0, at) + m.text + t.slice(at);
    } else if (m.kind === 'delete') {
      const at = t.length ? m.at % t.length : 0;
      t = t.slice(0, at) + t.slice(at + m.len);
    } else if (m.kind === 'swapLines') {
      const lines = t.split('\n');
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      t = lines.join('\n');
    } else t = t.slice(0, t.length ? m.at % (t.length + 1) : 0);
  }
  return t;
}

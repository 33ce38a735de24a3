import { isMap, isNode } from 'yaml';
import type { PostmortemRule } from '../context';
import type { Fix } from '../../types';
import { validateYamlDocument, type SchemaProblem } from '../../yamlSchema';
import { frontmatterValidator } from '../schema';
import { parseTimestamp, formatCompact } from '../time';
import { plain } from '../parse';
import { eolOf, withEol, lineRange } from '../util';

const TIMESTAMP_KEYS = ['incidentStart', 'detected', 'resolved'] as const;

/** Values the "add missing key" fix may insert without guessing facts about the incident. */
const SAFE_DEFAULTS: Record<string, string> = { kind: 'postmortem', status: 'draft' };

/**
 * PM001 — front matter missing or invalid against `schemas/postmortem-frontmatter.schema.json`.
 *
 * Rationale: the front matter is what the surface report, the detection-gap arithmetic (PM006) and
 * the final-status gate (PM010) read. A post-mortem without a parseable `incidentStart`/`detected`
 * cannot say how long the impact ran before anyone knew. Ranges point at the offending key or value
 * inside the front matter; a missing front matter is reported on line 1 with a fix inserting a
 * skeleton (title taken from the `# heading`, timestamps set to now for the author to correct).
 */
export const frontMatterRule: PostmortemRule = {
  id: 'PM001',
  name: 'front-matter',
  description: 'Front matter missing or invalid against schemas/postmortem-frontmatter.schema.json.',
  defaultSeverity: 'error',
  check(ctx, report) {
    const { pm, text } = ctx;
    const eol = eolOf(text);
    if (pm.unclosedFrontMatter) {
      report({ message: 'Front matter opened with `---` is never closed: add a closing `---` line after the YAML.', ...span(lineRange(pm, 0)) });
      return;
    }
    const fm = pm.frontMatter;
    if (!fm) {
      const title = pm.title ? plain(pm.title.text) : 'Incident title';
      const now = formatCompact(ctx.env.now ?? new Date());
      const skeleton =
        '---\n' +
        'kind: postmortem\n' +
        `title: ${JSON.stringify(title || 'Incident title')}\n` +
        'severity: SEV3  # SEV1 | SEV2 | SEV3\n' +
        'status: draft\n' +
        `incidentStart: ${now}  # when the impact began\n` +
        `detected: ${now}  # when the page fired or someone noticed\n` +
        `resolved: ${now}  # when the impact ended\n` +
        '---\n' +
        (text.startsWith('\n') || text.startsWith('\r\n') || text.replace(/^\uFEFF/, '') === '' ? '' : '\n');
      const at = text.startsWith('\uFEFF') ? 1 : 0;
      report({
        message: 'No front matter: start the file with a `---` YAML block (kind, title, severity, status, incidentStart, detected, resolved).',
        ...span(lineRange(pm, 0)),
        fixes: [{ title: 'Insert a post-mortem front matter', edits: [{ start: at, end: at, newText: withEol(skeleton, eol) }], isPreferred: true }],
      });
      return;
    }
    const fmLine = lineRange(pm, 0);
    if (fm.doc.errors.length) {
      for (const e of fm.doc.errors) {
        let s = fm.contentStart + e.pos[0];
        let t = fm.contentStart + Math.max(e.pos[1], e.pos[0]);
        if (s >= fm.contentEnd && fm.contentEnd > fm.contentStart) {
          // "Unexpected end": point at the last line of the YAML, not at the closing `---`.
          const last = pm.lines.positionAt(fm.contentEnd - 1).line;
          s = Math.max(fm.contentStart, pm.lines.lineStart(last));
          t = fm.contentEnd;
        }
        const deep = e.code === 'RESOURCE_EXHAUSTION' && /call stack|nest/i.test(e.message);
        const why = deep ? 'it is nested too deeply to be read; flatten it (the front matter needs only a few flat keys)' : e.message.split('\n')[0];
        report({ message: `Front matter is not valid YAML: ${why}`, start: s, end: Math.min(Math.max(t, s), fm.contentEnd) });
      }
      return;
    }
    if (!fm.value) {
      report({ message: 'Front matter must be a YAML mapping of keys (kind, title, severity, …).', ...span(fmLine) });
      return;
    }
    // A key missing at the root is reported on the first key (the `---` line carries no range to mark).
    const contents = fm.doc.contents;
    const firstKey = isMap(contents) && contents.items[0] && isNode(contents.items[0].key) ? contents.items[0].key.range : undefined;
    const fallback: [number, number] = firstKey ? [fm.contentStart + firstKey[0], fm.contentStart + firstKey[1]] : fmLine;
    const problems = validated(fm.doc, fm.contentStart, fallback, () =>
      validateYamlDocument(fm.doc, frontmatterValidator(), { offset: fm.contentStart, fallback, value: fm.value, rootName: 'front matter' }),
    );
    const endOfYaml = fm.contentEnd;
    for (const p of problems) {
      const fixes: Fix[] = [];
      if (p.keyword === 'required' && p.path.length === 0 && p.property && SAFE_DEFAULTS[p.property]) {
        const line = `${p.property}: ${SAFE_DEFAULTS[p.property]}${eol}`;
        fixes.push({ title: `Add '${line.trim()}'`, edits: [{ start: endOfYaml, end: endOfYaml, newText: endOfYaml > fm.contentStart && text[endOfYaml - 1] !== '\n' ? eol + line : line }], isPreferred: true });
      }
      const near = /did you mean '([^']+)'/.exec(p.message)?.[1];
      if (near && p.keyword === 'additionalProperties') fixes.push({ title: `Rename to '${near}'`, edits: [{ start: p.start, end: p.end, newText: near }], isPreferred: true });
      if (near && p.keyword === 'enum') fixes.push({ title: `Change to '${near}'`, edits: [{ start: p.start, end: p.end, newText: near }], isPreferred: true });
      report({ message: p.message, start: p.start, end: p.end, ...(fixes.length ? { fixes } : {}) });
    }
    // Beyond the schema: real calendar dates and a sane order.
    const v = fm.value;
    const times: Partial<Record<(typeof TIMESTAMP_KEYS)[number], Date>> = {};
    for (const k of TIMESTAMP_KEYS) {
      const raw = v[k];
      if (typeof raw !== 'string') continue;
      const t = parseTimestamp(raw);
      const r = pm.fmRange(k);
      const schemaFlagged = problems.some((p) => p.path[0] === k);
      if (!t) {
        if (!schemaFlagged && r) report({ message: `'${k}' is not a real date and time: ${raw}.`, start: r[0], end: r[1] });
      } else times[k] = t.date;
    }
    const order = (a: (typeof TIMESTAMP_KEYS)[number], b: (typeof TIMESTAMP_KEYS)[number], what: string): void => {
      const ta = times[a];
      const tb = times[b];
      const r = pm.fmRange(b);
      if (ta && tb && r && tb.getTime() < ta.getTime()) report({ message: `'${b}' is before '${a}': ${what}.`, start: r[0], end: r[1] });
    };
    order('incidentStart', 'detected', 'an incident cannot be detected before it starts — check both timestamps and their offsets');
    // `resolved` before `detected` is legitimate (an incident found after it ended); before the start is not.
    order('incidentStart', 'resolved', 'an incident cannot end before it starts — check both timestamps and their offsets');
  },
};

/**
 * The schema problems of a front matter, per parsed document (the parser reuses the document while
 * the front matter's text is unchanged, i.e. on every keystroke in the body) and the offsets they
 * depend on. The problems are read, never modified.
 */
const problemCache = new WeakMap<object, { offset: number; fallback: [number, number]; problems: SchemaProblem[] }>();

function validated(doc: object, offset: number, fallback: [number, number], run: () => SchemaProblem[]): SchemaProblem[] {
  const hit = problemCache.get(doc);
  if (hit && hit.offset === offset && hit.fallback[0] === fallback[0] && hit.fallback[1] === fallback[1]) return hit.problems;
  const problems = run();
  problemCache.set(doc, { offset, fallback, problems });
  return problems;
}

function span(r: [number, number]): { start: number; end: number } {
  return { start: r[0], end: r[1] };
}

import type { PostmortemRule } from '../context';
import type { ParsedPostmortem, Section } from '../parse';
import { sectionsOf } from '../parse';
import { appendToSection, headingRange } from '../util';

/** The three failure surfaces, in triage order's reverse (serving is ruled out first). */
export const SURFACES = ['data', 'model', 'serving'] as const;
export type Surface = (typeof SURFACES)[number];

/** A `[ ]`/`[x]` surface checkbox found in the Surface attribution section. */
export interface SurfaceBox {
  surface: Surface;
  checked: boolean;
  line: number;
  /** Offsets of the `[ ]` / `[x]` box. */
  boxStart: number;
  boxEnd: number;
}

/**
 * A surface box anywhere on a line: `[ ]`, `[x]`, `[X]`, `[ x ]` (tabs too), then the surface's name
 * (optionally bold). Every box on the line counts — the playbook's template puts all three on one
 * line. Bounded quantifiers only: nothing can backtrack.
 */
const BOX = /\[[ \t]{0,3}([xX]?)[ \t]{0,3}\][ \t]{0,8}(?:\*\*|__)?(data|model|serving)(?![a-z])/gi;

/** The surface checkboxes of a Surface attribution section, every box of every line (code blocks ignored). */
export function surfaceBoxes(pm: ParsedPostmortem, s: Section): SurfaceBox[] {
  const out: SurfaceBox[] = [];
  for (let l = s.contentLine; l < s.endLine; l++) {
    if (pm.codeLines.has(l)) continue;
    const start = pm.lines.lineStart(l);
    const line = pm.text.slice(start, pm.lines.offsetAt({ line: l, character: Number.MAX_SAFE_INTEGER }));
    if (!line.includes('[')) continue;
    BOX.lastIndex = 0;
    for (let m = BOX.exec(line); m; m = BOX.exec(line)) {
      const close = line.indexOf(']', m.index);
      out.push({ surface: m[2]!.toLowerCase() as Surface, checked: m[1] !== '', line: l, boxStart: start + m.index, boxEnd: start + close + 1 });
    }
  }
  return out;
}

/** The attributed surface of a post-mortem: one surface, several, or none (the report uses it). */
export function attributedSurfaces(pm: ParsedPostmortem): Surface[] | undefined {
  const secs = sectionsOf(pm, 'surface-attribution');
  if (!secs.length) return undefined;
  const ticked = new Set<Surface>();
  for (const s of secs) for (const b of surfaceBoxes(pm, s)) if (b.checked) ticked.add(b.surface);
  return SURFACES.filter((x) => ticked.has(x));
}

const LABEL: Record<Surface, string> = { data: 'Data issue', model: 'Model issue', serving: 'Serving issue' };

/**
 * PM003 — surface attribution: exactly one of `[x] Data issue`, `[x] Model issue`, `[x] Serving issue`.
 *
 * Boxes may sit on one line, as the playbook's template writes them (`- [ ] Data issue  [ ] Model issue
 * [x] Serving issue`), or one per line; every box counts, `[X]`, `[ x ]` and tabs included.
 *
 * Rationale: the surface is what makes ML incidents countable (data vs model vs serving) and tells the
 * next on-call where to look first. None ticked is an error with one fix per surface; several ticked
 * is a warning: choose the primary surface and explain the others in Root cause.
 */
export const surfaceAttributionRule: PostmortemRule = {
  id: 'PM003',
  name: 'surface-attribution',
  description: 'Surface attribution must tick exactly one of Data issue, Model issue, Serving issue.',
  defaultSeverity: 'error',
  check(ctx, report) {
    const { pm } = ctx;
    const secs = sectionsOf(pm, 'surface-attribution');
    if (!secs.length) return;
    const boxes = secs.flatMap((s) => surfaceBoxes(pm, s));
    const ticked = boxes.filter((b) => b.checked);
    const surfaces = [...new Set(ticked.map((b) => b.surface))];
    const sec = secs[0]!;
    const [start, end] = headingRange(sec);
    if (surfaces.length === 0) {
      report({
        message: 'No failure surface ticked: mark exactly one of `[x] Data issue`, `[x] Model issue`, `[x] Serving issue`.',
        start,
        end,
        fixes: (['data', 'model', 'serving'] as const).map((surface) => {
          const box = boxes.find((b) => b.surface === surface);
          return {
            title: `Tick "${LABEL[surface]}"`,
            edits: box ? [{ start: box.boxStart, end: box.boxEnd, newText: '[x]' }] : [appendToSection(pm, sec, `- [x] ${LABEL[surface]}\n`)],
          };
        }),
      });
    } else if (surfaces.length > 1) {
      report({
        severity: 'warning',
        message: `Several surfaces ticked (${surfaces.map((x) => LABEL[x]).join(', ')}): choose the primary surface and explain the others under Root cause.`,
        start,
        end,
        fixes: surfaces.map((keep) => ({
          title: `Keep "${LABEL[keep]}" as the primary surface`,
          edits: ticked.filter((b) => b.surface !== keep).map((b) => ({ start: b.boxStart, end: b.boxEnd, newText: '[ ]' })),
        })),
      });
    }
  },
};

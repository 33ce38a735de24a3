import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { RunbookRule } from '../context';
import { nodeAt } from '../../yamlPath';
import { pathLabel } from '../schema';

interface Token {
  re: RegExp;
  message: (token: string, where: string) => string;
}

/** Markers of unfinished text. Case-sensitive so that "todos" or "tbd-service" are not flagged. */
const TOKENS: Token[] = [
  {
    re: /(?<![A-Za-z0-9_])(TODO|TBD|FIXME|CHANGEME|CHANGE_ME)(?![A-Za-z0-9_])/g,
    message: (t, where) => `'${t}' left in ${where}: replace it with the real content for this service before the runbook ships.`,
  },
  {
    // `<team>`, `<service name>`, `<PagerDuty service>` — not `a < b`, `<>`, `<=`, or generics like `List<int>`.
    re: /(?<![\w<])<([A-Za-z][A-Za-z0-9_.\- ]{0,60}[A-Za-z0-9_]|[A-Za-z])>/g,
    message: (t, where) => `Placeholder '${t}' left in ${where}: fill in the real value.`,
  },
  {
    re: /(?<![\w.-])((?:[A-Za-z0-9-]+\.)*example\.(?:com|org|net))(?![\w-])/gi,
    message: (t, where) => `'${t}' is an example host in ${where}: use the real host of your dashboards, runbooks and services.`,
  },
];

/** The value of a scalar node (undefined for anything else). */
function scalarValue(n: unknown): unknown {
  return isScalar(n) ? n.value : undefined;
}

/** Query languages where `<` and `>` are operators. */
function isCode(language: unknown): boolean {
  return language === 'promql' || language === 'logql' || language === 'sql' || language === 'shell';
}

/** One node of the walk: its parent's step and its key or index there. */
interface Step {
  node: unknown;
  parent: Step | undefined;
  seg: string | number;
}

/** The path of a step from the root (keys and indexes). */
function pathOf(step: Step): Array<string | number> {
  const path: Array<string | number> = [];
  for (let s: Step | undefined = step; s?.parent; s = s.parent) path.push(s.seg);
  return path.reverse();
}

/** Cheap test before the token scan. */
const PREFILTER = /TODO|TBD|FIXME|CHANGE|<|example\./i;

/** Within query texts placeholders must not contain spaces (`a <b and c> d` is a comparison, not a placeholder). */
const QUERY_PLACEHOLDER = /(?<![\w<])<([A-Za-z][A-Za-z0-9_.-]{0,60})>/g;

/**
 * RB003 — the runbook is not localised: `TODO`, `TBD`, `FIXME`, `CHANGEME`, `<placeholder>`s or
 * `example.com` / `example.org` hosts left in a value.
 *
 * Rationale: a runbook copied from a template looks complete until the page fires and the dashboard
 * link goes to example.com and the escalation is `<team>`. Only values are checked (keys and YAML
 * comments are the author's own notes), and the range is the token itself, inside the scalar —
 * block-scalar queries included.
 */
export const notLocalised: RunbookRule = {
  id: 'RB003',
  name: 'not-localised',
  description: 'No TODO, TBD, FIXME, CHANGEME, <placeholder> or example.com/example.org host is left in a value.',
  defaultSeverity: 'warning',
  check(ctx, report) {
    const text = ctx.text;
    const root = ctx.doc.doc.contents;
    if (!root) return;
    // Iterative walk: values only. Each entry links to its parent's, so a value's path (for the
    // message) is built only for the few values that pass the prefilter.
    const stack: Step[] = [{ node: root, parent: undefined, seg: '' }];
    while (stack.length) {
      const step = stack.pop()!;
      const node = step.node;
      if (isMap(node)) {
        for (let i = node.items.length - 1; i >= 0; i--) {
          const p = node.items[i]!;
          const k = isScalar(p.key) ? String(p.key.value) : '?';
          if (p.value) stack.push({ node: p.value, parent: step, seg: k });
        }
      } else if (isSeq(node)) {
        for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], parent: step, seg: i });
      } else if (isScalar(node) && typeof node.value === 'string' && node.range) {
        const value = node.value;
        if (!PREFILTER.test(value)) continue;
        const path = pathOf(step);
        let from = node.range[0];
        const to = node.range[1];
        if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
          const nl = text.indexOf('\n', from);
          if (nl !== -1 && nl < to) from = nl + 1;
        }
        const src = text.slice(from, to);
        const where = path.length ? `'${pathLabel(path)}'` : 'the document';
        const isQuery = path.length >= 2 && path[path.length - 1] === 'text' && path[path.length - 2] === 'query' && isCode(scalarValue(nodeAt(ctx.doc.doc, [...path.slice(0, -1), 'language'])));
        for (const tok of TOKENS) {
          const re = isQuery && tok === TOKENS[1] ? QUERY_PLACEHOLDER : tok.re;
          re.lastIndex = 0;
          for (let m = re.exec(src); m; m = re.exec(src)) {
            const t = tok === TOKENS[2] ? m[1]! : m[0];
            const at = tok === TOKENS[2] ? m.index + m[0].indexOf(t) : m.index;
            if (!value.includes(t)) continue;
            report({ message: tok.message(t, where), start: from + at, end: from + at + t.length });
          }
        }
      }
    }
  },
};

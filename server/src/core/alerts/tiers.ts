/**
 * Burn-rate tiers recovered from an alerting rule's PromQL expression, by walking the syntax tree of
 * Prometheus' own Lezer grammar (never by matching the text): each `or` branch is a tier; each side of
 * an `and` holds a comparison `X > factor * budget` (or `factor * (1 - objective)`), possibly inside an
 * aggregation such as Sloth's `max(... > (14.4 * 0.001)) without (sloth_window)`; a side's window comes
 * from its range selector (`[1h]`) or from a recording rule's name (`ratio_rate1h`, `burnrate5m`).
 */
import { parser as promqlParser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode } from '@lezer/common';

/** One recovered tier. Windows in seconds and as written. */
export interface AlertTier {
  longWindow: string;
  shortWindow: string;
  longSeconds: number;
  shortSeconds: number;
  /** The burn-rate factor (14.4). */
  factor: number;
  /** The error budget the threshold multiplies (0.001), when written as a number or `1 - objective`. */
  budget: number;
}

/** Longest expression searched for tiers (a generated multi-window alert is a few hundred characters). */
export const MAX_TIER_EXPR_CHARS = 20_000;

const UNIT: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };

/**
 * A Prometheus duration (`5m`, `1h30m`, `2d`) in seconds, or undefined.
 *
 * @example
 * promDuration('1h30m') // 5400
 */
export function promDuration(s: string): number | undefined {
  const t = s.trim();
  if (!t || t.length > 32) return undefined;
  const re = /(\d+)(ms|[smhdwy])/y;
  let total = 0;
  let pos = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    total += Number(m[1]) * UNIT[m[2]!]!;
    pos = re.lastIndex;
  }
  return pos === t.length && total > 0 ? total : undefined;
}

/** A window suffix of a recording rule name: `slo:sli_error:ratio_rate5m` → `5m`, `http:burnrate1h` → `1h`. */
export function windowOfRecordingName(name: string): string | undefined {
  for (const marker of ['ratio_rate', 'burnrate']) {
    const i = name.lastIndexOf(marker);
    if (i < 0) continue;
    const w = name.slice(i + marker.length);
    if (promDuration(w) !== undefined) return w;
  }
  return undefined;
}

function strip(n: SyntaxNode): SyntaxNode {
  let cur = n;
  for (let i = 0; i < 200 && cur.name === 'ParenExpr'; i++) {
    const child = firstExprChild(cur);
    if (!child) break;
    cur = child;
  }
  return cur;
}

const PUNCT = new Set(['(', ')', '⚠']);
function firstExprChild(n: SyntaxNode): SyntaxNode | undefined {
  for (let c = n.firstChild; c; c = c.nextSibling) if (!PUNCT.has(c.name)) return c;
  return undefined;
}

/** The operator and operands of a BinaryExpr. */
function binary(n: SyntaxNode): { op: string; left: SyntaxNode; right: SyntaxNode } | undefined {
  if (n.name !== 'BinaryExpr') return undefined;
  const parts: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) parts.push(c);
  const left = parts[0];
  const right = parts[parts.length - 1];
  const op = parts[1];
  if (!left || !right || !op || parts.length < 3) return undefined;
  return { op: op.name, left, right };
}

/** Flattens a chain of one operator (`a or b or c`) into its operands. */
function flatten(n: SyntaxNode, op: string, out: SyntaxNode[], depth = 0): void {
  const s = strip(n);
  const b = depth < 64 ? binary(s) : undefined;
  if (b && b.op === op) {
    flatten(b.left, op, out, depth + 1);
    flatten(b.right, op, out, depth + 1);
  } else out.push(s);
}

/** The numeric value of a constant expression (numbers with + - * / and parentheses). */
function constant(n: SyntaxNode, text: string, depth = 0): number | undefined {
  if (depth > 32) return undefined;
  const s = strip(n);
  if (s.name === 'NumberDurationLiteral' || s.name === 'NumberLiteral') {
    const v = Number(text.slice(s.from, s.to));
    return Number.isFinite(v) ? v : undefined;
  }
  const b = binary(s);
  if (!b) return undefined;
  const l = constant(b.left, text, depth + 1);
  const r = constant(b.right, text, depth + 1);
  if (l === undefined || r === undefined) return undefined;
  switch (b.op) {
    case 'Add': return l + r;
    case 'Sub': return l - r;
    case 'Mul': return l * r;
    case 'Div': return r === 0 ? undefined : l / r;
    default: return undefined;
  }
}

/** `factor * budget` (either order; the budget is the operand below 1, or the `1 - x` one). */
function threshold(n: SyntaxNode, text: string): { factor: number; budget: number } | undefined {
  const b = binary(strip(n));
  if (!b || b.op !== 'Mul') return undefined;
  const l = constant(b.left, text);
  const r = constant(b.right, text);
  if (l === undefined || r === undefined || l <= 0 || r <= 0) return undefined;
  const rightIsBudget = binary(strip(b.right))?.op === 'Sub' || (r < 1 && !(l < 1 && binary(strip(b.left))?.op === 'Sub'));
  const [factor, budget] = rightIsBudget ? [l, r] : [r, l];
  if (budget >= 1) return undefined;
  return { factor, budget };
}

/** The window of the measured side of a comparison: its first range selector, else a recording rule's name. */
function windowOf(n: SyntaxNode, text: string): string | undefined {
  let found: string | undefined;
  let byName: string | undefined;
  const cursor = n.cursor();
  let steps = 0;
  do {
    if (++steps > 5000) break;
    const name = cursor.name;
    if (name === 'MatrixSelector' || name === 'SubqueryExpr') {
      const node = cursor.node;
      for (let c = node.firstChild; c; c = c.nextSibling) {
        if (c.name === 'DurationExpr' || c.name === 'Duration') {
          const w = text.slice(c.from, c.to).trim();
          if (promDuration(w) !== undefined) found ??= w;
        }
      }
    } else if (name === 'Identifier' && cursor.node.parent?.name === 'VectorSelector') {
      byName ??= windowOfRecordingName(text.slice(cursor.from, cursor.to));
    }
  } while (!found && cursor.next() && cursor.from < n.to);
  return found ?? byName;
}

/** One side of an `and`: the comparison, inside aggregations and parentheses. */
function side(n: SyntaxNode, text: string, depth = 0): { window: string; factor: number; budget: number } | undefined {
  if (depth > 16) return undefined;
  const s = strip(n);
  const b = binary(s);
  if (b && (b.op === 'Gtr' || b.op === 'Gte')) {
    const t = threshold(b.right, text);
    const w = windowOf(b.left, text);
    if (t && w) return { window: w, ...t };
    return undefined;
  }
  if (s.name === 'AggregateExpr') {
    for (let c = s.firstChild; c; c = c.nextSibling) {
      if (c.name === 'FunctionCallBody') {
        const inner = firstExprChild(c);
        return inner ? side(inner, text, depth + 1) : undefined;
      }
    }
  }
  return undefined;
}

/** Tiers from an already parsed tree. */
export function tiersFromTree(top: SyntaxNode, text: string): AlertTier[] {
  const branches: SyntaxNode[] = [];
  flatten(top, 'Or', branches);
  const out: AlertTier[] = [];
  for (const br of branches) {
    const sides: SyntaxNode[] = [];
    flatten(br, 'And', sides);
    if (sides.length < 2) continue;
    const got = sides.map((x) => side(x, text)).filter((x): x is NonNullable<typeof x> => !!x);
    if (got.length < 2) continue;
    const secs = got.map((g) => promDuration(g.window)!);
    let li = 0;
    let si = 0;
    secs.forEach((v, i) => {
      if (v > secs[li]!) li = i;
      if (v < secs[si]!) si = i;
    });
    if (li === si) continue;
    const long = got[li]!;
    const short = got[si]!;
    out.push({
      longWindow: long.window,
      shortWindow: short.window,
      longSeconds: secs[li]!,
      shortSeconds: secs[si]!,
      factor: long.factor,
      budget: long.budget,
    });
  }
  return out;
}

/**
 * The burn-rate tiers of a PromQL alerting expression; empty for a plain threshold alert, a
 * expression that does not parse, or one longer than {@link MAX_TIER_EXPR_CHARS}.
 *
 * @example
 * recoverTiers('(e[1h] > 14.4 * 0.001) and (e[5m] > 14.4 * 0.001)')
 * // [{ longWindow: '1h', shortWindow: '5m', longSeconds: 3600, shortSeconds: 300, factor: 14.4, budget: 0.001 }]
 */
export function recoverTiers(expr: string): AlertTier[] {
  if (expr.length > MAX_TIER_EXPR_CHARS) return [];
  const tree = promqlParser.parse(expr);
  const top = tree.topNode.firstChild;
  return top ? tiersFromTree(top, expr) : [];
}

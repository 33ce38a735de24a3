/**
 * `signal.alert` as a PromQL selector: an alert name, optionally with label matchers
 * (`ErrorBudgetBurn{slo="monitoring-http-errors"}`), parsed with Prometheus' grammar.
 */
import { parser as promqlParser } from '@prometheus-io/lezer-promql';

export interface LabelMatcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export interface AlertSelector {
  name: string;
  matchers: LabelMatcher[];
}

function unquote(s: string): string {
  if (s.length < 2) return s;
  const q = s[0];
  const body = s.slice(1, -1);
  if (q === '`') return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && i + 1 < body.length) {
      const n = body[++i]!;
      out += n === 'n' ? '\n' : n === 't' ? '\t' : n;
    } else out += c;
  }
  return out;
}

/**
 * Parses `signal.alert`. A value that is not a selector (spaces, punctuation) is taken whole as
 * the alert's name.
 *
 * @example
 * parseAlertSelector('ErrorBudgetBurn{slo="api"}') // { name: 'ErrorBudgetBurn', matchers: [{ label: 'slo', op: '=', value: 'api' }] }
 */
export function parseAlertSelector(text: string): AlertSelector {
  const t = text.trim();
  if (t.length > 1000 || !t.includes('{')) return { name: t, matchers: [] };
  const tree = promqlParser.parse(t);
  const top = tree.topNode.firstChild;
  let bad = false;
  tree.iterate({ enter: (n) => { if (n.type.isError) bad = true; return !bad; } });
  if (!top || bad || top.name !== 'VectorSelector') return { name: t, matchers: [] };
  let name = '';
  const matchers: LabelMatcher[] = [];
  for (let c = top.firstChild; c; c = c.nextSibling) {
    if (c.name === 'Identifier') name = t.slice(c.from, c.to);
    if (c.name !== 'LabelMatchers') continue;
    for (let m = c.firstChild; m; m = m.nextSibling) {
      if (!m.name.endsWith('LabelMatcher')) continue;
      let label = '';
      let op = '';
      let value = '';
      for (let p = m.firstChild; p; p = p.nextSibling) {
        const s = t.slice(p.from, p.to);
        if (p.name === 'LabelName' || p.name === 'QuotedLabelName') label = p.name === 'LabelName' ? s : unquote(s);
        else if (p.name === 'MatchOp') op = s;
        else if (p.name === 'StringLiteral') value = unquote(s);
      }
      if (label && (op === '=' || op === '!=' || op === '=~' || op === '!~')) matchers.push({ label, op, value });
    }
  }
  return name ? { name, matchers } : { name: t, matchers: [] };
}

/**
 * Whether an alert (name and labels) matches a selector. `=` and `!=` compare exactly (a label the
 * rule does not set is empty); regular-expression matchers (`=~`, `!~`) are not evaluated on
 * user-written patterns and always match, so they never cause a false AL003.
 */
export function selectorMatches(sel: AlertSelector, name: string, labels: Readonly<Record<string, string>>): boolean {
  if (sel.name !== name) return false;
  for (const m of sel.matchers) {
    const v = m.label === 'alertname' ? name : (labels[m.label] ?? '');
    if (m.op === '=' && v !== m.value) return false;
    if (m.op === '!=' && v === m.value) return false;
  }
  return true;
}

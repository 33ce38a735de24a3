/**
 * Links in a runbook file: every `dashboard` URL of a diagnostic and every `references` entry that
 * is a URL (offset-based; the language server makes DocumentLinks of them).
 */
import { isMap, isScalar, isSeq, isNode } from 'yaml';
import { parseRunbookFile } from '../runbook/parse';

/** A link target at offsets of the text. */
export interface NavLink {
  start: number;
  end: number;
  /** An absolute URL. */
  target: string;
  tooltip?: string;
}

const URL_RE = /^(https?|file):\/\/\S+$/i;

/** Offsets of the characters of a scalar's value (inside quotes, when quoted). */
function scalarLink(n: unknown, tooltip: string): NavLink | undefined {
  if (!isScalar(n) || typeof n.value !== 'string' || !n.range) return undefined;
  const value = n.value.trim();
  if (!URL_RE.test(value)) return undefined;
  const quoted = n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE';
  const start = n.range[0] + (quoted ? 1 : 0);
  return { start, end: start + value.length, target: value, tooltip };
}

/**
 * The URLs of a runbook file that an editor should make clickable.
 *
 * @example
 * runbookLinks('diagnostics:\n  - dashboard: https://grafana.internal/d/x\n')[0].target // 'https://grafana.internal/d/x'
 */
export function runbookLinks(text: string): NavLink[] {
  const parsed = parseRunbookFile(text);
  if (parsed.fatal) return [];
  const out: NavLink[] = [];
  for (const d of parsed.docs) {
    const root = d.doc.contents;
    if (!isMap(root)) continue;
    const diags = root.get('diagnostics', true);
    if (isSeq(diags)) {
      for (const item of diags.items) {
        if (!isMap(item)) continue;
        const l = scalarLink(item.get('dashboard', true), 'Open the dashboard');
        if (l) out.push(l);
      }
    }
    const refs = root.get('references', true);
    if (isSeq(refs)) {
      for (const r of refs.items) {
        const l = isNode(r) ? scalarLink(r, 'Open the reference') : undefined;
        if (l) out.push(l);
      }
    }
  }
  return out;
}

/**
 * The outline of a runbook file (offset-based; the language server makes DocumentSymbols of it): per
 * YAML document its metadata, signal, surface, severity, the diagnostics numbered "1. <question>"
 * (the first three marked as the triage path), rollback and each SLO with its alerts.
 */
import { isMap, isNode, isPair, isScalar, isSeq } from 'yaml';
import type { Node, Pair } from 'yaml';
import { parseRunbookFile } from '../runbook/parse';
import { nodeAt, nodeRange as range } from '../yamlPath';

/** One entry of an outline. */
export interface OutlineNode {
  name: string;
  detail?: string;
  kind: 'runbook' | 'section' | 'diagnostic' | 'slo' | 'alert' | 'item' | 'heading';
  /** Offsets of the whole entry. */
  start: number;
  end: number;
  /** Offsets of its name (the key), inside start..end. */
  selectionStart: number;
  selectionEnd: number;
  children: OutlineNode[];
}

const str = (n: unknown): string | undefined => (isScalar(n) && n.value !== null && n.value !== undefined ? String(n.value) : undefined);
/** An outline section's name: a scalar key with a value (an empty or `~` key names no section). */
const keyName = (p: Pair): string | undefined => str(p.key) ?? (typeof p.key === 'string' ? p.key : undefined);
const get = (map: unknown, key: string): Node | undefined => nodeAt(map, [key]);

function pairNode(p: Pair, name: string, kind: OutlineNode['kind'], detail?: string): OutlineNode | undefined {
  const k = range(p.key);
  if (!k) return undefined;
  const v = range(p.value);
  return { name, detail, kind, start: k[0], end: v ? Math.max(v[1], k[1]) : k[1], selectionStart: k[0], selectionEnd: k[1], children: [] };
}

function itemNode(n: Node, name: string, kind: OutlineNode['kind'], detail?: string, sel?: unknown): OutlineNode | undefined {
  const r = range(n);
  if (!r) return undefined;
  const s = range(sel) ?? r;
  return { name, detail, kind, start: r[0], end: r[1], selectionStart: s[0], selectionEnd: Math.min(s[1], r[1]), children: [] };
}

function oneLine(s: string, max = 80): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/**
 * The outline of a runbook file; empty for a file that cannot be parsed at all.
 *
 * @example
 * runbookOutline(text)[0].children.map((c) => c.name) // ['metadata', 'signal', 'surface', …]
 */
export function runbookOutline(text: string): OutlineNode[] {
  const parsed = parseRunbookFile(text);
  if (parsed.fatal) return [];
  const out: OutlineNode[] = [];
  for (const d of parsed.docs) {
    const root = d.doc.contents;
    if (!isMap(root)) continue;
    const meta = get(root, 'metadata');
    const name = str(get(meta, 'name'));
    const title = str(get(meta, 'title'));
    const r = range(root)!;
    const doc: OutlineNode = {
      name: name ?? `runbook ${d.index + 1}`,
      detail: title,
      kind: 'runbook',
      start: r[0],
      end: r[1],
      selectionStart: r[0],
      selectionEnd: r[0],
      children: [],
    };
    const nameNode = get(meta, 'name');
    const nr = range(nameNode);
    if (nr) [doc.selectionStart, doc.selectionEnd] = nr;
    for (const p of root.items) {
      if (!isPair(p)) continue;
      const key = keyName(p);
      if (!key) continue;
      const v = p.value;
      let detail: string | undefined;
      if (key === 'metadata') detail = [name, title].filter(Boolean).join(' — ') || undefined;
      else if (key === 'signal') detail = str(get(v, 'alert')) ?? (str(get(v, 'summary')) ? oneLine(str(get(v, 'summary'))!, 60) : undefined);
      else if (key === 'surface') detail = str(get(v, 'likely'));
      else if (key === 'severity') detail = str(get(v, 'default'));
      else if (key === 'rollback') detail = str(get(v, 'criterion')) ? oneLine(str(get(v, 'criterion'))!, 60) : undefined;
      else if (isScalar(v)) detail = str(v);
      else if (isSeq(v)) detail = `${v.items.length} item${v.items.length === 1 ? '' : 's'}`;
      const section = pairNode(p as Pair, key, 'section', detail);
      if (!section) continue;
      if (key === 'diagnostics' && isSeq(v)) {
        v.items.forEach((item, i) => {
          if (!isNode(item)) return;
          const q = str(get(item, 'question'));
          const lang = str(get(get(item, 'query'), 'language'));
          const n = itemNode(item, `${i + 1}. ${q ? oneLine(q) : '(no question)'}`, 'diagnostic', [i < 3 ? 'triage' : undefined, lang].filter(Boolean).join(' · ') || undefined, get(item, 'question'));
          if (n) section.children.push(n);
        });
      } else if (key === 'slos' && isSeq(v)) {
        v.items.forEach((item, i) => {
          if (!isNode(item)) return;
          const sn = str(get(item, 'name')) ?? `slo ${i + 1}`;
          const obj = str(get(item, 'objective'));
          const per = str(get(item, 'period'));
          const slo = itemNode(item, sn, 'slo', obj && per ? `${obj} % over ${per}` : undefined, get(item, 'name'));
          if (!slo) return;
          const alerts = get(item, 'alerts');
          if (isSeq(alerts)) {
            alerts.items.forEach((a, j) => {
              if (!isNode(a)) return;
              const sev = str(get(a, 'severity')) ?? 'alert';
              const lw = str(get(a, 'longWindow'));
              const sw = str(get(a, 'shortWindow'));
              const br = str(get(a, 'burnRate'));
              const n = itemNode(a, `${sev} ${j + 1}`, 'alert', [lw && sw ? `${lw}/${sw}` : lw, br ? `×${br}` : undefined].filter(Boolean).join(' ') || undefined, get(a, 'severity'));
              if (n) slo.children.push(n);
            });
          }
          section.children.push(slo);
        });
      }
      doc.children.push(section);
    }
    out.push(doc);
  }
  return out;
}

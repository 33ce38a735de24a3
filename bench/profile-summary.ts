/**
 * Lists the hottest functions of a V8 CPU profile (`node --cpu-prof`): self time and total
 * (inclusive) time per function, aggregated over call sites, and self time per source file.
 *
 * Usage: node --import tsx bench/profile-summary.ts <file.cpuprofile> [--top N] [--filter TEXT]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export function summarizeProfile(p: Profile, top = 25, filter?: string): string {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Self time per node from the sample deltas.
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
  const label = (n: ProfileNode) => {
    const url = n.callFrame.url.replace(/^file:\/\/.*?\/(node_modules|dist|server|bench)\//, '$1/');
    return `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber + 1}`;
  };
  const selfBy = new Map<string, number>();
  const totalBy = new Map<string, number>();
  const fileBy = new Map<string, number>();
  for (const [id, t] of self) {
    const n = byId.get(id)!;
    selfBy.set(label(n), (selfBy.get(label(n)) ?? 0) + t);
    const file = n.callFrame.url ? n.callFrame.url.replace(/^file:\/\/.*?\/(node_modules|dist|server|bench)\//, '$1/') : `(${n.callFrame.functionName})`;
    fileBy.set(file, (fileBy.get(file) ?? 0) + t);
    // Inclusive time: count the sample once per distinct function on its stack.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!);
      if (seen.has(l)) continue;
      seen.add(l);
      totalBy.set(l, (totalBy.get(l) ?? 0) + t);
    }
  }
  const wall = (p.endTime - p.startTime) / 1000;
  const idle = [...selfBy].filter(([l]) => l.startsWith('(idle)')).reduce((a, [, t]) => a + t, 0);
  const keep = ([l]: [string, number]) => !filter || l.includes(filter);
  const fmt = (rows: Array<[string, number]>) => rows.filter(keep).sort((a, b) => b[1] - a[1]).slice(0, top).map(([l, t]) => `${t.toFixed(1).padStart(9)} ms  ${l}`).join('\n');
  return [`profile: ${wall.toFixed(0)} ms wall, ${(wall - idle).toFixed(0)} ms busy`, '', 'self time:', fmt([...selfBy]), '', 'total (inclusive) time:', fmt([...totalBy]), '', 'self time by file:', fmt([...fileBy])].join('\n');
}

if (process.argv[1] && /profile-summary\.ts$/.test(process.argv[1])) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: profile-summary.ts <file.cpuprofile> [--top N] [--filter TEXT]');
    process.exit(2);
  }
  const i = process.argv.indexOf('--top');
  const f = process.argv.indexOf('--filter');
  console.log(summarizeProfile(JSON.parse(readFileSync(file, 'utf8')), i > 0 ? Number(process.argv[i + 1]) : 25, f > 0 ? process.argv[f + 1] : undefined));
}

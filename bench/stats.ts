/** Summary statistics of a sample of timings (milliseconds). */
export interface Summary {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of a sorted sample. */
function rank(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export function summarize(xs: number[]): Summary {
  if (!xs.length) throw new Error('summarize: empty sample');
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { n: s.length, median, p95: rank(s, 0.95), min: s[0]!, max: s[s.length - 1]!, mean: s.reduce((a, b) => a + b, 0) / s.length };
}

/** Formats milliseconds with precision that suits the magnitude. */
export function ms(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return '—';
  if (x < 1) return x.toFixed(3);
  if (x < 10) return x.toFixed(2);
  if (x < 100) return x.toFixed(1);
  return x.toFixed(0);
}

export function ratio(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return '—';
  return x < 10 ? `${x.toFixed(2)}×` : `${x.toFixed(1)}×`;
}

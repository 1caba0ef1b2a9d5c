// Summary statistics of latency samples (milliseconds) and ratios between peers.

/** The q-quantile (0..1) by nearest rank on a sorted copy; NaN for no samples. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export interface LatencySummary {
  n: number;
  median: number;
  p95: number;
}

export function summarize(samples: readonly number[]): LatencySummary {
  return { n: samples.length, median: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

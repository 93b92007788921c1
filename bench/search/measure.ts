// Timing helpers: latencies in milliseconds, percentiles by nearest rank.

/** The p-th percentile (0–100) of the samples, nearest rank. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Runs fn once per round and returns each run's duration in ms. */
export async function timeRounds(rounds: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await fn();
    out.push(performance.now() - start);
  }
  return out;
}

/** A number for a table cell. */
export function fmt(ms: number, digits = 1): string {
  return Number.isFinite(ms) ? ms.toFixed(digits) : '–';
}

// The inspection's availability probe (security.md T21): the home page and the application form asked
// once a second, each allowed 15 s (the veto threshold). The base URL can change under it: after a
// kill the supervisor's restarted server may listen elsewhere.

export interface ProbeResult {
  at: number; // ms since the epoch
  ms: number;
  ok: boolean;
}

export interface Probe {
  results: ProbeResult[];
  moveTo(baseUrl: string): void;
  stop(): void;
}

async function askOnce(url: string): Promise<ProbeResult> {
  const at = Date.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
    await response.arrayBuffer();
    return { at, ms: Date.now() - at, ok: response.status === 200 };
  } catch {
    return { at, ms: Date.now() - at, ok: false };
  }
}

/** Starts probing baseUrl once a second until stopped. */
export function startProbe(baseUrl: string): Probe {
  let base = baseUrl;
  const results: ProbeResult[] = [];
  const timer = setInterval(() => {
    for (const path of ['/', '/apply/jxj']) askOnce(`${base}${path}`).then((r) => results.push(r));
  }, 1_000);
  return {
    results,
    moveTo: (next) => {
      base = next;
    },
    stop: () => clearInterval(timer),
  };
}

/** The T21 verdicts over the probes, leaving out those that started inside a kill window. */
export function judgeProbes(results: ProbeResult[], killWindows: { from: number; to: number }[]) {
  const inWindow = (r: ProbeResult) => killWindows.some((w) => r.at >= w.from && r.at <= w.to);
  const outside = results.filter((r) => !inWindow(r));
  const fast = outside.filter((r) => r.ok && r.ms < 1_000).length;
  return {
    probes: results.length,
    over15s: results.filter((r) => r.ms >= 15_000).length,
    fastShare: outside.length ? fast / outside.length : Number.NaN,
  };
}

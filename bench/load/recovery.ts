// After an overload: how long until the server answers normally again, measured from the moment the
// load stopped. "Normally" is ten answers in a row, each 200 and within the latency given.

const STREAK = 10;
const GIVE_UP_MS = 30_000;

/** Seconds from now until the first of STREAK good answers in a row; Infinity if none within 30 s. */
export async function secondsToRecover(url: string, headers: Record<string, string>, withinMs: number) {
  const start = performance.now();
  let streakStart = 0;
  let streak = 0;
  while (performance.now() - start < GIVE_UP_MS) {
    const sent = performance.now();
    let good = false;
    try {
      const response = await fetch(url, { headers });
      await response.arrayBuffer();
      good = response.status === 200 && performance.now() - sent <= withinMs;
    } catch {
      good = false; // refused or reset: not recovered
    }
    if (good && streak++ === 0) streakStart = sent;
    if (!good) streak = 0;
    if (streak >= STREAK) return (streakStart - start) / 1000;
    await new Promise((r) => setTimeout(r, 20));
  }
  return Number.POSITIVE_INFINITY;
}

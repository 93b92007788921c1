import { Agent, request } from 'node:http';
import type { Scenario, ScenarioResult } from './drive';
import { cpuSecondsOf } from './server-cpu';

// A fixed offered rate, evenly paced: request i is due at start + i / rate and its latency counts from
// then (no coordinated omission: a slow answer does not delay the next request). autocannon's
// `overallRate` was used before and is not this: each connection sends its quota for the second as
// fast as it can when the second starts and then waits (autocannon/lib/httpClient.js, `rateInterval`),
// so 300 req/s arrived as one burst of 300 each second and the p99 measured the burst's queue.

export interface Answer {
  status: number; // 0: a socket error or timeout
  ms: number;
}

/** The q-th quantile (0–1) of the values, ascending; NaN when there are none. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** Whether an answer with this status was served, as the scenario understands it. */
export function countsAsServed(s: Pick<Scenario, 'servedStatus'>, status: number): boolean {
  return s.servedStatus ? status === s.servedStatus : status >= 200 && status < 300;
}

function ask(agent: Agent, url: URL, s: Scenario, due: number): Promise<Answer> {
  return new Promise((resolve) => {
    const options = { agent, method: s.method ?? 'GET', headers: s.headers ?? {}, timeout: 10_000 };
    const req = request(url, options, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - due }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, ms: performance.now() - due }));
    req.end(s.body);
  });
}

// A timer fires no sooner than 1 ms, so at more than 1,000 req/s one timer per request would fall
// behind: requests already due go out at once, yielding now and then so answers are read, and the
// loop sleeps only when the next request is ahead.
async function waitFor(at: number, i: number): Promise<void> {
  const ahead = at - performance.now();
  if (ahead >= 1) await new Promise((r) => setTimeout(r, ahead));
  else if (i % 16 === 0) await new Promise((r) => setImmediate(r));
}

/** Runs a scenario at s.rate requests per second, evenly spaced, over at most s.connections sockets. */
export async function drivePaced(s: Scenario & { rate: number }): Promise<ScenarioResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: s.connections });
  const paths = s.paths ?? [new URL(s.url).pathname];
  const origin = new URL(s.url).origin;
  const total = Math.round(s.rate * s.seconds);
  const cpuBefore = s.serverPid ? cpuSecondsOf(s.serverPid) : Number.NaN;
  const start = performance.now();
  const pending: Promise<Answer>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / s.rate;
    await waitFor(due, i);
    pending.push(ask(agent, new URL(paths[i % paths.length] ?? '/', origin), s, due));
  }
  const answers = await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  const cpu = s.serverPid ? cpuSecondsOf(s.serverPid) - cpuBefore : Number.NaN;
  return summarise(s, answers, { seconds: elapsed, cpuSeconds: cpu });
}

/**
 * A scenario's row from its answers, whichever driver got them: `seconds` they took, the server's
 * `cpuSeconds` meanwhile, errors the driver counted beside the answers, the event-loop delay p99.
 */
export function summarise(
  s: Pick<Scenario, 'name' | 'servedStatus'>,
  answers: Answer[],
  run: { seconds: number; cpuSeconds: number; otherErrors?: number; loopDelayP99?: number },
): ScenarioResult {
  const all = answers.map((a) => a.ms).sort((a, b) => a - b);
  const served = answers
    .filter((a) => countsAsServed(s, a.status))
    .map((a) => a.ms)
    .sort((a, b) => a - b);
  const count = (test: (status: number) => boolean) => answers.filter((a) => test(a.status)).length;
  return {
    name: s.name,
    requestsPerSecond: answers.length / run.seconds,
    p50: quantile(all, 0.5),
    p99: quantile(all, 0.99),
    ok: served.length,
    servedP50: quantile(served, 0.5),
    servedP99: quantile(served, 0.99),
    shed: count((c) => c === 503),
    otherNon2xx: count((c) => c !== 0 && !countsAsServed(s, c) && c !== 503),
    errors: count((c) => c === 0) + (run.otherErrors ?? 0),
    cpuMicros: answers.length ? (run.cpuSeconds / answers.length) * 1e6 : Number.NaN,
    loopDelayP99: run.loopDelayP99 ?? Number.NaN,
  };
}

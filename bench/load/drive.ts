import autocannon from 'autocannon';
import type { LoopDelayProbe } from './loop-delay';
import { type Answer, drivePaced, summarise } from './paced';
import { cpuSecondsOf } from './server-cpu';

// One scenario driven by autocannon from this (the bench's) process, so the server under test has
// its cores to itself as far as two cores allow. Returns the figures the report prints.

export interface Scenario {
  name: string;
  url: string;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Paths asked in turn (across all connections) instead of the URL's own path. */
  paths?: string[];
  /** Seconds of load before the measured `seconds`, on the same connections (not with `requests`). */
  warmUpSeconds?: number;
  /** Send this many requests and wait for every answer, instead of running for `seconds`. */
  requests?: number;
  /** A fixed offered rate, evenly paced (paced.ts); latency then counts from when each was due. */
  rate?: number;
  /** The server's pid, to report its CPU time per answer. */
  serverPid?: number;
  /** The status that means served (default: any 2xx): a form's 303 redirect, say. */
  servedStatus?: number;
  /** The server's event-loop delay probe (loop-delay.ts), to report the delay during the scenario. */
  loopDelay?: LoopDelayProbe;
}

export interface ScenarioResult {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  ok: number; // served: 2xx, or the scenario's servedStatus
  /** p50 and p99 of the served answers alone, in ms: without the quick 503s. */
  servedP50: number;
  servedP99: number;
  shed: number; // 503 (load shedding)
  otherNon2xx: number; // neither served nor 503
  errors: number; // socket errors and timeouts
  /** The server's CPU time (user + system) per answer, in µs; NaN when its pid was not given. */
  cpuMicros: number;
  /** p99 of the server's event-loop delay during the scenario, in ms; NaN without a probe. */
  loopDelayP99: number;
}

function nextPath(paths: string[]) {
  let i = 0;
  return (request: { path?: string }) => {
    request.path = paths[i++ % paths.length];
    return request;
  };
}

/** Runs one scenario and summarises it: autocannon as fast as the connections go, or paced at a rate. */
export async function drive(s: Scenario): Promise<ScenarioResult> {
  if (!s.rate) return driveFlatOut(s);
  await s.loopDelay?.take(); // the probe starts afresh with the scenario
  const result = await drivePaced({ ...s, rate: s.rate });
  const delay = await s.loopDelay?.take();
  return { ...result, loopDelayP99: delay?.p99 ?? Number.NaN };
}

// A warm-up runs on the scenario's own connections, in the same autocannon run (security.md T1: "10 s
// warm-up, then 60 s"): only requests sent after it count. A run of its own would open new connections,
// and a busy server takes one new connection per turn of its event loop (libuv accepts one at a time
// since 1.45: libuv/libuv#3696) — at 5 ms a request and 50 connections, the last were first answered
// 4 s in, which said nothing about the page and everything about the run's start.
async function driveFlatOut(s: Scenario): Promise<ScenarioResult> {
  const warmUpMs = s.requests ? 0 : (s.warmUpSeconds ?? 0) * 1000;
  let finish: (r: autocannon.Result) => void = () => {};
  let fail: (e: unknown) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const options = {
    url: s.url,
    connections: s.connections,
    duration: s.seconds + warmUpMs / 1000,
    ...(s.requests ? { amount: s.requests } : {}),
    method: s.method ?? 'GET',
    headers: s.headers,
    body: s.body,
    timeout: 10,
    ...(s.paths ? { requests: [{ setupRequest: nextPath(s.paths) }] } : {}),
  };
  // The measured window: from the end of the warm-up to the end of the run.
  const window = { startedAt: 0, cpuBefore: Number.NaN, delayTaken: Promise.resolve() as Promise<unknown> };
  const openWindow = () => {
    window.startedAt = performance.now();
    window.cpuBefore = s.serverPid ? cpuSecondsOf(s.serverPid) : Number.NaN;
    window.delayTaken = s.loopDelay?.take() ?? Promise.resolve(); // the probe starts afresh
  };
  const runStart = performance.now();
  if (warmUpMs === 0) openWindow();
  const warmUp = warmUpMs > 0 ? setTimeout(openWindow, warmUpMs) : undefined;
  const instance = autocannon(options, (error, result) => (error ? fail(error) : finish(result)));
  const answers: Answer[] = [];
  instance.on('response', (_client, status, _bytes, ms) => {
    if (performance.now() - ms - runStart >= warmUpMs) answers.push({ status, ms });
  });
  const r = await done.finally(() => clearTimeout(warmUp));
  const seconds = (performance.now() - window.startedAt) / 1000;
  const cpu = s.serverPid ? cpuSecondsOf(s.serverPid) - window.cpuBefore : Number.NaN;
  await window.delayTaken;
  const delay = await s.loopDelay?.take();
  return summarise(s, answers, {
    seconds,
    cpuSeconds: cpu,
    otherErrors: r.errors + r.timeouts, // of the whole run, warm-up included
    loopDelayP99: delay?.p99,
  });
}

import autocannon from 'autocannon';
import { drivePaced, quantile } from './paced';
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
  body?: string;
  /** Paths asked in turn (across all connections) instead of the URL's own path. */
  paths?: string[];
  /** A fixed offered rate, evenly paced (paced.ts); latency then counts from when each was due. */
  rate?: number;
  /** The server's pid, to report its CPU time per answer. */
  serverPid?: number;
}

export interface ScenarioResult {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  ok: number; // 2xx
  /** p50 and p99 of the 2xx answers alone, in ms: what was served, without the quick 503s. */
  servedP50: number;
  servedP99: number;
  shed: number; // 503 (load shedding)
  otherNon2xx: number;
  errors: number; // socket errors and timeouts
  /** The server's CPU time (user + system) per answer, in µs; NaN when its pid was not given. */
  cpuMicros: number;
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
  if (s.rate) return drivePaced({ ...s, rate: s.rate });
  const statusCounts = new Map<number, number>();
  let finish: (r: autocannon.Result) => void = () => {};
  let fail: (e: unknown) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const options = {
    url: s.url,
    connections: s.connections,
    duration: s.seconds,
    method: s.method ?? 'GET',
    headers: s.headers,
    body: s.body,
    timeout: 10,
    ...(s.paths ? { requests: [{ setupRequest: nextPath(s.paths) }] } : {}),
  };
  const cpuBefore = s.serverPid ? cpuSecondsOf(s.serverPid) : Number.NaN;
  const instance = autocannon(options, (error, result) => (error ? fail(error) : finish(result)));
  const served: number[] = [];
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    statusCounts.set(statusCode, (statusCounts.get(statusCode) ?? 0) + 1);
    if (statusCode >= 200 && statusCode < 300) served.push(responseTime);
  });
  const r = await done;
  const cpu = s.serverPid ? cpuSecondsOf(s.serverPid) - cpuBefore : Number.NaN;
  served.sort((a, b) => a - b);
  const answers = [...statusCounts.values()].reduce((sum, n) => sum + n, 0);
  const count = (test: (code: number) => boolean) =>
    [...statusCounts].filter(([code]) => test(code)).reduce((sum, [, n]) => sum + n, 0);
  return {
    name: s.name,
    requestsPerSecond: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok: count((c) => c >= 200 && c < 300),
    servedP50: quantile(served, 0.5),
    servedP99: quantile(served, 0.99),
    shed: count((c) => c === 503),
    otherNon2xx: count((c) => (c < 200 || c >= 300) && c !== 503),
    errors: r.errors + r.timeouts,
    cpuMicros: answers ? (cpu / answers) * 1e6 : Number.NaN,
  };
}

import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors';
import { sendError } from './errors';

// Load shedding (security.md T1 "4× overload": every request served or answered 503 with Retry-After,
// served p99 ≤ 2 s, back to normal soon after). The pressure is the larger of two readings: the
// event-loop delay (synchronous work: rendering, better-sqlite3's queries) and the standing queue
// (requests waiting between onRequest and their answer — on PostgreSQL for one of the pool's
// connections — which the event loop does not see). On SQLite a request runs from onRequest to its
// answer without yielding; the requests a turn of the loop has no budget left for wait for later turns
// (loop-turns.ts), which keeps the event-loop delay low, so there the standing queue shows the
// overload: the line is after onRequest. Past the limit, a share of the requests
// that grows with the overshoot is answered at once with 503 instead of queueing — the expensive first.
// Beside it, admission-gate.ts caps the reads in flight (from the pool's size); past the cap a read waits
// in line for up to 1 s, then gets the same 503 page (sendServerBusy): the bound on PostgreSQL's wait
// that a share cannot give.

/** How much a request may be turned away under load, from first to never. */
export type ShedClass = 'search' | 'page' | 'back-office' | 'never';

// Where each class starts being shed, as a multiple of the limit. From there its shed share grows
// linearly and reaches all of the class one limit further on (search: from 1× to 2×).
const startsAt: Record<ShedClass, number> = {
  search: 1, // search runs the index: the most work per request
  page: 1.5, // other public reads
  'back-office': 4, // signed-in staff at work: only when the delay is extreme
  never: Number.POSITIVE_INFINITY,
};

const SAMPLE_EVERY_MS = 250; // both readings: the event-loop sample and the standing queue's window
const RESOLUTION_MS = 10;
const SMOOTHING = 0.5; // weight of the previous reading: a step is 94 % in after four samples (1 s)
const RETRY_AFTER_SECONDS = 3;
const QUEUE_DECAY = 0.5; // a window with no answer carries the last standing queue on, halved
const QUEUE_MIN_WAITING = 2; // fewer requests in flight than this: nobody stands in a queue

/**
 * The class of a request. Never shed: the health check, static files and anything that changes state
 * (a citizen's typed-in application or letter must not be thrown away).
 */
export function classifyRequest(method: string, url: string): ShedClass {
  if (method !== 'GET' && method !== 'HEAD') return 'never';
  const path = url.split('?', 1)[0] ?? url;
  if (path === '/healthz' || path === '/favicon.ico' || path.startsWith('/static/')) return 'never';
  if (isUnder(path, '/search') || isUnder(path, '/api/v1/search')) return 'search';
  if (isUnder(path, '/admin')) return 'back-office';
  return 'page';
}

function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** The answer to a request turned away under load: 503 with Retry-After, as a page or as JSON. */
export function sendServerBusy(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const busy = new AppError('unavailable', '访问人数较多，请稍后再试', {
    retryAfterSeconds: RETRY_AFTER_SECONDS,
  });
  return sendError(request, reply, busy);
}

/** The share (0–1) of a class's requests to turn away at this pressure (ms of delay or queue). */
export function shedShare(shedClass: ShedClass, pressureMs: number, limitMs: number): number {
  const overshoot = (pressureMs - startsAt[shedClass] * limitMs) / limitMs;
  return Math.min(1, Math.max(0, overshoot));
}

/** Whether to turn this request away; `random` is uniform in [0, 1). */
export function shouldShed(
  shedClass: ShedClass,
  pressureMs: number,
  limitMs: number,
  random: number,
): boolean {
  return random < shedShare(shedClass, pressureMs, limitMs);
}

export interface EventLoopDelaySampler {
  /** The smoothed delay in ms. */
  read(): number;
  stop(): void;
}

/**
 * Event-loop delay measured with perf_hooks (as T1 prescribes), read every 250 ms: the mean lag of a
 * 10 ms timer over the window, smoothed, so one garbage-collection pause does not shed anything.
 */
export function startEventLoopDelaySampler(onSample?: (delayMs: number) => void): EventLoopDelaySampler {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  let smoothed = 0;
  let sampledAt = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    // No tick in the window: the loop was blocked all along, by as much as this timer is late.
    const windowMs =
      histogram.count > 0
        ? Math.max(0, histogram.mean / 1e6 - RESOLUTION_MS)
        : Math.max(0, now - sampledAt - SAMPLE_EVERY_MS);
    histogram.reset();
    sampledAt = now;
    smoothed = SMOOTHING * smoothed + (1 - SMOOTHING) * windowMs;
    onSample?.(smoothed);
  }, SAMPLE_EVERY_MS);
  timer.unref();
  return {
    read: () => smoothed,
    stop: () => {
      clearInterval(timer);
      histogram.disable();
    },
  };
}

export interface StandingQueueMeter {
  /** A request is let in; returns when (on the meter's clock), to give back to answered(). */
  admitted(): number;
  /** The answer to the request let in at admittedAtMs is ready. */
  answered(admittedAtMs: number): void;
  /** The standing queue in ms; 0 while fewer than two requests are in flight. */
  read(): number;
}

/**
 * The standing queue, measured as CoDel does: the shortest time to answer among the requests answered
 * in the last 250 ms window. A burst makes some requests wait, but the last of it is answered at once;
 * only when even the fastest answer took long are requests standing in a queue. O(1) per request: a
 * running minimum and a count of requests in flight.
 *
 * A window with no answer carries the last reading on, halved. Not the age of the oldest request in
 * flight: that is the slowest request, not the fastest (one long export would read as a queue), and
 * finding it needs the requests kept in order. A window in which nothing at all was answered is, on
 * SQLite, one long piece of synchronous work, which the event-loop delay reads anyway; and halving
 * lets a reading lapse that no answer can lower because every request is being shed.
 * While fewer than two requests are in flight nobody waits, whatever the last window said: a lone slow
 * request is no queue, and a stale reading never turns away the first requests after the load has gone
 * (CoDel, likewise, never drops from a queue of less than one packet).
 */
export function createStandingQueueMeter(clock: () => number): StandingQueueMeter {
  let windowStart = clock();
  let windowMin = Number.POSITIVE_INFINITY; // of the open window; +∞ while it has no answer
  let reading = 0; // of the last closed window
  let inFlight = 0;
  const roll = (now: number) => {
    const closed = Math.floor((now - windowStart) / SAMPLE_EVERY_MS);
    if (closed < 1) return;
    const last = windowMin < Number.POSITIVE_INFINITY ? windowMin : reading * QUEUE_DECAY;
    reading = last * QUEUE_DECAY ** (closed - 1); // the windows after it had no answer at all
    windowStart += closed * SAMPLE_EVERY_MS;
    windowMin = Number.POSITIVE_INFINITY;
  };
  return {
    admitted: () => {
      const now = clock();
      roll(now);
      inFlight++;
      return now;
    },
    answered: (admittedAtMs) => {
      const now = clock();
      roll(now);
      inFlight = Math.max(0, inFlight - 1);
      windowMin = Math.min(windowMin, now - admittedAtMs);
    },
    read: () => {
      roll(clock());
      return inFlight >= QUEUE_MIN_WAITING ? reading : 0;
    },
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** When load shedding let this request in (its meter's clock); null when not measured. */
    loadSheddingAdmittedAt: number | null;
  }
}

/** Where the shedding reads its pressure and draws its lots; tests give fixed ones. */
export interface LoadSheddingSources {
  /** The current event-loop delay in ms; default: the sampler above. */
  eventLoopDelayMs?: () => number;
  /** The current standing queue in ms; default: the meter above, fed by this server's requests. */
  standingQueueMs?: () => number;
  /** The default meter's clock in ms; default performance.now. */
  clock?: () => number;
  /** Uniform in [0, 1); default Math.random. */
  random?: () => number;
}

/**
 * Sheds load in front of every route once the larger of the event-loop delay and the standing queue
 * exceeds `limitMs` (> 0). The queue is measured on the requests that can be shed (public and back-office
 * reads), from onRequest to onSend: the wait and the work, not a slow client's download.
 */
export function registerLoadShedding(
  app: FastifyInstance,
  limitMs: number,
  sources: LoadSheddingSources = {},
): void {
  const clock = sources.clock ?? (() => performance.now());
  const meter = createStandingQueueMeter(clock);
  const queueMs = sources.standingQueueMs ?? meter.read;
  const random = sources.random ?? Math.random;
  let shedding = false;
  const logChange = (delayMs: number) => {
    const queue = queueMs();
    const over = Math.max(delayMs, queue) > limitMs;
    if (over === shedding) return;
    shedding = over;
    const readings = { eventLoopDelayMs: Math.round(delayMs), standingQueueMs: Math.round(queue) };
    if (shedding) app.log.warn(readings, 'server overloaded: shedding load');
    else app.log.info(readings, 'load shedding ended');
  };
  const sampler = sources.eventLoopDelayMs ? undefined : startEventLoopDelaySampler(logChange);
  const delayMs = sources.eventLoopDelayMs ?? (() => sampler?.read() ?? 0);
  app.decorateRequest('loadSheddingAdmittedAt', null);
  app.addHook('onClose', async () => sampler?.stop());
  app.addHook('onRequest', async (request, reply) => {
    const shedClass = classifyRequest(request.method, request.url);
    if (shedClass === 'never') return;
    const pressure = Math.max(delayMs(), queueMs());
    if (pressure > limitMs && shouldShed(shedClass, pressure, limitMs, random()))
      return sendServerBusy(request, reply);
    request.loadSheddingAdmittedAt = meter.admitted();
  });
  app.addHook('onSend', (request, _reply, payload, done) => {
    const admittedAt = request.loadSheddingAdmittedAt;
    if (admittedAt !== null) {
      request.loadSheddingAdmittedAt = null;
      meter.answered(admittedAt);
    }
    done(null, payload);
  });
}

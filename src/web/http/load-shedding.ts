import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../core/errors';
import { sendError } from './errors';

// Load shedding (security.md T1 "4× overload": every request served or answered 503 with Retry-After,
// served p99 ≤ 2 s, back to normal soon after). When the event loop lags past the limit, a share of the
// requests that grows with the overshoot is answered at once with 503 instead of queueing — the
// expensive ones first — rather than all of them until the next sample.

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

const SAMPLE_EVERY_MS = 250;
const RESOLUTION_MS = 10;
const SMOOTHING = 0.5; // weight of the previous reading: a step is 94 % in after four samples (1 s)
const RETRY_AFTER_SECONDS = 3;

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

/** The share (0–1) of a class's requests to turn away at this event-loop delay. */
export function shedShare(shedClass: ShedClass, delayMs: number, limitMs: number): number {
  const overshoot = (delayMs - startsAt[shedClass] * limitMs) / limitMs;
  return Math.min(1, Math.max(0, overshoot));
}

/** Whether to turn this request away; `random` is uniform in [0, 1). */
export function shouldShed(shedClass: ShedClass, delayMs: number, limitMs: number, random: number): boolean {
  return random < shedShare(shedClass, delayMs, limitMs);
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

/** Where the shedding reads the delay and draws its lots; tests give fixed ones. */
export interface LoadSheddingSources {
  /** The current event-loop delay in ms; default: the sampler above. */
  eventLoopDelayMs?: () => number;
  /** Uniform in [0, 1); default Math.random. */
  random?: () => number;
}

/** Sheds load in front of every route once the event loop lags more than `limitMs` (> 0). */
export function registerLoadShedding(
  app: FastifyInstance,
  limitMs: number,
  sources: LoadSheddingSources = {},
): void {
  let shedding = false;
  const logChange = (delayMs: number) => {
    const over = delayMs > limitMs;
    if (over === shedding) return;
    shedding = over;
    const eventLoopDelayMs = Math.round(delayMs);
    if (shedding) app.log.warn({ eventLoopDelayMs }, 'event loop lagging: shedding load');
    else app.log.info({ eventLoopDelayMs }, 'load shedding ended');
  };
  const sampler = sources.eventLoopDelayMs ? undefined : startEventLoopDelaySampler(logChange);
  const delayMs = sources.eventLoopDelayMs ?? (() => sampler?.read() ?? 0);
  const random = sources.random ?? Math.random;
  app.addHook('onClose', async () => sampler?.stop());
  app.addHook('onRequest', async (request, reply) => {
    const delay = delayMs();
    if (delay <= limitMs) return; // the common case: no work per request
    if (!shouldShed(classifyRequest(request.method, request.url), delay, limitMs, random())) return;
    const busy = new AppError('unavailable', '访问人数较多，请稍后再试', {
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    });
    return sendError(request, reply, busy);
  });
}

import { describe, expect, it } from 'vitest';
import {
  classifyRequest,
  createStandingQueueMeter,
  type ShedClass,
  shedShare,
  shouldShed,
  startEventLoopDelaySampler,
} from './load-shedding';

describe('classifyRequest (who is turned away first, security.md T1)', () => {
  it.each([
    ['GET', '/search', 'search'],
    ['GET', '/search?q=%E5%B7%A5%E4%BD%9C', 'search'],
    ['HEAD', '/search/advanced', 'search'],
    ['GET', '/api/v1/search?q=x', 'search'],
    ['GET', '/searching', 'page'],
    ['GET', '/', 'page'],
    ['GET', '/items/0192?x=/search', 'page'],
    ['GET', '/agencies/jxj/columns/abc', 'page'],
    ['GET', '/api/v1/items', 'page'],
    ['GET', '/apply/jxj', 'page'],
    ['GET', '/admin', 'back-office'],
    ['GET', '/admin/items?status=draft', 'back-office'],
    ['GET', '/administer', 'page'],
    ['GET', '/healthz', 'never'],
    ['GET', '/static/site.css', 'never'],
    ['GET', '/favicon.ico', 'never'],
    ['POST', '/apply/jxj', 'never'],
    ['POST', '/mailbox/jxj', 'never'],
    ['POST', '/search', 'never'],
    ['POST', '/admin/items/1/review', 'never'],
    ['PUT', '/items/1', 'never'],
    ['DELETE', '/admin/items/1', 'never'],
  ])('%s %s → %s', (method, url, expected) => {
    expect(classifyRequest(method, url)).toBe(expected);
  });
});

describe('shedShare (the share turned away grows with the overshoot, by class)', () => {
  const limit = 500;
  it.each<[ShedClass, number, number]>([
    ['search', 0, 0],
    ['search', 500, 0],
    ['search', 625, 0.25],
    ['search', 750, 0.5],
    ['search', 1000, 1],
    ['search', 5000, 1],
    ['page', 500, 0],
    ['page', 750, 0],
    ['page', 1000, 0.5],
    ['page', 1250, 1],
    ['back-office', 1250, 0],
    ['back-office', 1999, 0],
    ['back-office', 2250, 0.5],
    ['back-office', 2500, 1],
    ['never', 1_000_000, 0],
  ])('%s at %d ms → %d', (shedClass, delay, expected) => {
    expect(shedShare(shedClass, delay, limit)).toBeCloseTo(expected, 10);
  });

  it('scales with the configured limit', () => {
    expect(shedShare('search', 150, 100)).toBeCloseTo(0.5, 10);
    expect(shedShare('page', 150, 100)).toBe(0);
    expect(shedShare('page', 200, 100)).toBeCloseTo(0.5, 10);
  });
});

describe('shouldShed (a lot drawn against the share)', () => {
  it('sheds a request only when its lot falls under the share', () => {
    // search at 1.5× the limit: half of it is shed
    expect(shouldShed('search', 750, 500, 0.49)).toBe(true);
    expect(shouldShed('search', 750, 500, 0.5)).toBe(false);
    // at 2× the limit all search is shed whatever the lot, other pages half
    expect(shouldShed('search', 1000, 500, 0.999)).toBe(true);
    expect(shouldShed('page', 1000, 500, 0.25)).toBe(true);
    expect(shouldShed('page', 1000, 500, 0.75)).toBe(false);
  });

  it('never sheds below the limit, nor a form post, the health check or a static file', () => {
    for (const shedClass of ['search', 'page', 'back-office'] as const)
      expect(shouldShed(shedClass, 499, 500, 0)).toBe(false);
    expect(shouldShed(classifyRequest('POST', '/apply/jxj'), 60_000, 500, 0)).toBe(false);
    expect(shouldShed(classifyRequest('GET', '/healthz'), 60_000, 500, 0)).toBe(false);
    expect(shouldShed(classifyRequest('GET', '/static/app.js'), 60_000, 500, 0)).toBe(false);
  });

  it('spares the back office until the delay is extreme (4× the limit)', () => {
    expect(shouldShed('back-office', 1999, 500, 0)).toBe(false);
    expect(shouldShed('back-office', 2001, 500, 0)).toBe(true);
  });
});

describe('startEventLoopDelaySampler (perf_hooks, smoothed)', () => {
  it('reads a blocked event loop as a delay, reporting each sample, and stops', async () => {
    const samples: number[] = [];
    const sampler = startEventLoopDelaySampler((delayMs) => samples.push(delayMs));
    try {
      const until = performance.now() + 300;
      while (performance.now() < until); // block the loop, as a burst of synchronous work would
      for (let i = 0; i < 100 && sampler.read() === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(sampler.read()).toBeGreaterThan(0);
      expect(samples.at(-1)).toBe(sampler.read());
    } finally {
      sampler.stop();
    }
    const count = samples.length;
    await new Promise((r) => setTimeout(r, 600));
    expect(samples.length).toBe(count);
  });
});

describe('createStandingQueueMeter (CoDel: the fastest answer of each 250 ms window)', () => {
  let now = 0;
  const clock = () => now;
  /** Lets in n requests at the current time; returns their admission times. */
  const admit = (meter: ReturnType<typeof createStandingQueueMeter>, n: number) =>
    Array.from({ length: n }, () => meter.admitted());

  it('reads nothing until a window with answers has closed, then the fastest answer of it', () => {
    now = 0;
    const meter = createStandingQueueMeter(clock);
    const [a, b, c] = admit(meter, 5);
    now = 100;
    meter.answered(a ?? 0);
    now = 120;
    meter.answered(b ?? 0);
    meter.answered(c ?? 0);
    expect(meter.read()).toBe(0); // the window [0, 250) is still open
    now = 250;
    expect(meter.read()).toBe(100); // two requests still in flight: they stand in the queue
  });

  it('takes the minimum, not the mean: one quick answer in the window means no standing queue', () => {
    now = 0;
    const meter = createStandingQueueMeter(clock);
    const slow = admit(meter, 3);
    now = 240;
    const quick = meter.admitted();
    now = 249;
    for (const at of slow) meter.answered(at); // 249 ms each
    meter.answered(quick); // 9 ms: the burst was served through
    admit(meter, 2);
    now = 260;
    expect(meter.read()).toBe(9);
  });

  it('counts an answer in the window it is given in, and a later window replaces the reading', () => {
    now = 0;
    const meter = createStandingQueueMeter(clock);
    const first = admit(meter, 4);
    now = 600; // windows [0, 250) and [250, 500) had no answer
    for (const at of first.slice(0, 2)) meter.answered(at);
    admit(meter, 2);
    now = 750;
    expect(meter.read()).toBe(600);
    const later = meter.admitted();
    now = 800;
    meter.answered(later);
    now = 1000;
    expect(meter.read()).toBe(50);
  });

  it('carries the last reading through windows without an answer, halved each time', () => {
    now = 0;
    const meter = createStandingQueueMeter(clock);
    const [first] = admit(meter, 3);
    now = 200;
    meter.answered(first ?? 0); // 200 ms, two still waiting
    now = 250;
    expect(meter.read()).toBe(200);
    now = 500;
    expect(meter.read()).toBe(100);
    now = 750;
    expect(meter.read()).toBe(50);
    now = 750 + 10 * 250; // ten silent windows at once, in one step
    expect(meter.read()).toBeCloseTo(50 / 2 ** 10, 10);
  });

  it('reads no queue while fewer than two requests are in flight, however slow the last window was', () => {
    now = 0;
    const meter = createStandingQueueMeter(clock);
    const [a, b, c] = admit(meter, 3);
    now = 2000;
    meter.answered(a ?? 0);
    meter.answered(b ?? 0); // one left in flight: a lone slow request is not a queue
    now = 2250;
    expect(meter.read()).toBe(0);
    meter.answered(c ?? 0); // the load has gone: the first requests after it are not turned away
    expect(meter.read()).toBe(0);
    admit(meter, 2); // two wait again: the reading of the last windows applies
    expect(meter.read()).toBe(2000);
  });

  it('does not let answers it never let in hide the requests that wait', () => {
    now = 0;
    const meter = createStandingQueueMeter(clock);
    meter.answered(0);
    meter.answered(0); // nothing was in flight: the count stays at zero, not below
    now = 250;
    const [first] = admit(meter, 3);
    now = 600;
    meter.answered(first ?? 0);
    now = 750;
    expect(meter.read()).toBe(350); // two still wait
  });
});

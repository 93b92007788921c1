import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../src/db/schema';
import { buildServer } from '../src/web/http/server';
import { personApplication } from './helpers/application-fixtures';
import { makeAgency } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// Load shedding on the real server (security.md T1 "4× overload"): the event-loop delay, the standing
// queue and the lots are given by the test, so what is shed at which pressure is shown without making
// the machine lag; then the server's own queue meter, on the test's clock, with requests the test holds
// in flight. Database-independent, so those run once, on SQLite. Last, the admission gate (a cap on
// reads in flight, sized from PostgreSQL's pool) on each database, with requests held in flight.

const LIMIT_MS = 100;
const SEARCH = `/search?q=${encodeURIComponent('工作')}`;

describe('load shedding by priority class', () => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let agency: Agency;
  let delayMs = 0;
  let queueMs = 0;
  let lot = 0.5;
  let client: HttpClient;
  const get = (url: string) => app.inject({ method: 'GET', url });
  const expectShed = (res: LightMyRequestResponse) => {
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toMatch(/^[2-5]$/);
  };

  beforeAll(async () => {
    ctx = await createTestContext('sqlite', { GONGKAI_SHED_EVENT_LOOP_DELAY_MS: String(LIMIT_MS) });
    agency = await makeAgency(ctx, { name: '示范区经济和信息化局' });
    app = await buildServer(ctx, false, {
      loadShedding: { eventLoopDelayMs: () => delayMs, standingQueueMs: () => queueMs, random: () => lot },
    });
    client = new HttpClient(app);
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('serves everything while the delay is under the limit', async () => {
    delayMs = LIMIT_MS;
    lot = 0;
    for (const url of [SEARCH, '/api/v1/search?q=x', '/', '/admin/login', '/healthz'])
      expect((await get(url)).statusCode, url).toBe(200);
  });

  it('answers search first with the 503 page and Retry-After, while other pages are still served', async () => {
    delayMs = 2 * LIMIT_MS; // all of search, half of the other pages
    lot = 0.75; // a lot above that half
    const page = await get(SEARCH);
    expectShed(page);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('访问人数较多，请稍后再试');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const api = await get('/api/v1/search?q=x');
    expectShed(api);
    expect(api.json()).toMatchObject({ error: { code: 'unavailable' } });
    expect((await get('/')).statusCode).toBe(200);
    expect((await get(`/apply/${agency.code}`)).statusCode).toBe(200);
    lot = 0.25; // a lot under the half: this page is shed
    expectShed(await get('/'));
  });

  it('keeps the health check, static files and the back office while public pages are all shed', async () => {
    delayMs = 3 * LIMIT_MS;
    lot = 0;
    expectShed(await get('/'));
    expectShed(await get(`/apply/${agency.code}`));
    expect((await get('/healthz')).statusCode).toBe(200);
    expect((await get('/static/site.css')).statusCode).toBe(200);
    expect((await get('/admin/login')).statusCode).toBe(200);
    delayMs = 5 * LIMIT_MS; // extreme: the back office too
    expectShed(await get('/admin/login'));
    expect((await get('/healthz')).statusCode).toBe(200);
  });

  /** The form's CSRF token, read while nothing is shed. */
  const applicationToken = async () => {
    const [delay, queue] = [delayMs, queueMs];
    [delayMs, queueMs] = [0, 0];
    const form = await client.get(`/apply/${agency.code}`);
    [delayMs, queueMs] = [delay, queue];
    return /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  };
  const postApplication = (token: string) =>
    client.request({
      method: 'POST',
      url: `/apply/${agency.code}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token, ...personApplication() }).toString(),
    });
  const storedApplications = async () => {
    const stored = await ctx.db
      .selectFrom('applications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(stored.n);
  };

  it('accepts a typed-in application even at an extreme delay, and stores it', async () => {
    delayMs = 50 * LIMIT_MS;
    lot = 0;
    const res = await postApplication(await applicationToken());
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('请抄写或打印保存申请编号和查询码');
    expect(await storedApplications()).toBe(1);
  });

  it('sheds on a standing queue the event loop does not see, sparing the same requests', async () => {
    delayMs = 0;
    queueMs = 2 * LIMIT_MS; // requests wait for the database while the loop idles
    lot = 0.75;
    expectShed(await get(SEARCH));
    expectShed(await get('/api/v1/search?q=x'));
    expect((await get('/')).statusCode).toBe(200);
    queueMs = 3 * LIMIT_MS; // all public pages, not the back office yet
    lot = 0;
    expectShed(await get('/'));
    expect((await get('/admin/login')).statusCode).toBe(200);
    expect((await get('/healthz')).statusCode).toBe(200);
    expect((await app.inject({ method: 'HEAD', url: '/healthz' })).statusCode).toBe(200);
    expect((await get('/static/site.css')).statusCode).toBe(200);
    const before = await storedApplications();
    const res = await postApplication(await applicationToken());
    expect(res.statusCode).toBe(200);
    expect(await storedApplications()).toBe(before + 1);
  });

  it('decides on the larger of the two readings', async () => {
    lot = 0;
    [delayMs, queueMs] = [LIMIT_MS / 2, 3 * LIMIT_MS];
    expectShed(await get('/'));
    [delayMs, queueMs] = [3 * LIMIT_MS, LIMIT_MS / 2];
    expectShed(await get('/'));
    [delayMs, queueMs] = [LIMIT_MS, LIMIT_MS];
    expect((await get(SEARCH)).statusCode).toBe(200);
  });

  it('serves pages again once the delay and the queue fall', async () => {
    delayMs = 5 * LIMIT_MS;
    queueMs = 5 * LIMIT_MS;
    lot = 0;
    expectShed(await get(SEARCH));
    delayMs = LIMIT_MS / 2;
    queueMs = LIMIT_MS / 2;
    for (const url of [SEARCH, '/', `/apply/${agency.code}`, '/admin/login'])
      expect((await get(url)).statusCode, url).toBe(200);
  });
});

describe('the standing queue measured on the server’s own requests', () => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let nowMs = 0;
  let holding = false;
  const held: Array<() => void> = [];
  const get = (url: string) => app.inject({ method: 'GET', url });
  /** n GETs of the home page that wait at their handler, as if for the database, until released. */
  const holdHomePages = (n: number) => {
    holding = true;
    return Promise.all(Array.from({ length: n }, () => get('/')));
  };
  const untilHeld = async (n: number) => {
    while (held.length < n) await new Promise((r) => setImmediate(r));
  };
  const release = () => {
    holding = false;
    for (const resume of held.splice(0)) resume();
  };

  beforeAll(async () => {
    ctx = await createTestContext('sqlite', { GONGKAI_SHED_EVENT_LOOP_DELAY_MS: String(LIMIT_MS) });
    app = await buildServer(ctx, false, {
      loadShedding: { eventLoopDelayMs: () => 0, clock: () => nowMs, random: () => 0 },
    });
    app.addHook('preHandler', async (request) => {
      if (holding && request.url === '/') await new Promise<void>((resume) => held.push(resume));
    });
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('sheds search once even the fastest answer of a window waited, and not once nobody waits', async () => {
    const first = holdHomePages(3);
    await untilHeld(3);
    nowMs = 1000; // they waited a second
    release();
    for (const res of await first) expect(res.statusCode).toBe(200);
    const second = holdHomePages(2); // let in: the window of those answers is still open
    await untilHeld(2);
    nowMs = 1250; // it closes: its fastest answer took 1000 ms, and two requests wait
    const search = await get(SEARCH);
    expect(search.statusCode).toBe(503);
    expect(search.headers['retry-after']).toMatch(/^[2-5]$/);
    expect((await get('/healthz')).statusCode).toBe(200);
    expect((await get('/static/site.css')).statusCode).toBe(200);
    release();
    for (const res of await second) expect(res.statusCode).toBe(200);
    expect((await get(SEARCH)).statusCode).toBe(200); // the queue has drained: nothing is shed
  });
});

describe.each(testDatabases())('admission by concurrency on %s', (kind) => {
  const MAX_IN_FLIGHT = 2;
  let ctx: TestContext;
  let app: FastifyInstance;
  let agency: Agency;
  let client: HttpClient;
  const held: Array<() => void> = [];
  let holding = false;
  const get = (url: string) => app.inject({ method: 'GET', url });
  /** GETs of the home page that wait at their handler, as if for a pooled connection, until released. */
  const holdHomePages = async (n: number) => {
    holding = true;
    const answers = Promise.all(Array.from({ length: n }, () => get('/')));
    while (held.length < n) await new Promise((r) => setImmediate(r));
    holding = false;
    return { answers }; // not the promise itself, which the caller's await would wait for
  };
  const release = () => {
    for (const resume of held.splice(0)) resume();
  };

  beforeAll(async () => {
    ctx = await createTestContext(kind, {
      GONGKAI_SHED_EVENT_LOOP_DELAY_MS: String(LIMIT_MS),
      GONGKAI_SHED_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT),
    });
    agency = await makeAgency(ctx, { name: '示范区经济和信息化局' });
    // No pressure at all: whatever is refused here, the cap refused.
    app = await buildServer(ctx, false, {
      loadShedding: { eventLoopDelayMs: () => 0, standingQueueMs: () => 0, random: () => 0 },
    });
    app.addHook('preHandler', async (request) => {
      if (holding && request.url === '/') await new Promise<void>((resume) => held.push(resume));
    });
    client = new HttpClient(app);
  });
  afterAll(async () => {
    release();
    await app.close();
    await ctx.close();
  });

  it('answers a page 503 with Retry-After once the cap is reached, and still takes a typed-in application', async () => {
    const form = await client.get(`/apply/${agency.code}`);
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const inFlight = await holdHomePages(MAX_IN_FLIGHT);
    const page = await get(`/agencies/${agency.code}`);
    expect(page.statusCode).toBe(503);
    expect(page.headers['retry-after']).toMatch(/^[2-5]$/);
    expect(page.body).toContain('访问人数较多，请稍后再试');
    expect((await get(SEARCH)).statusCode).toBe(503);
    expect((await get('/healthz')).statusCode).toBe(200);
    expect((await get('/static/site.css')).statusCode).toBe(200);
    expect((await get('/admin/login')).statusCode).toBe(200); // the back office has a higher cap
    const posted = await client.request({
      method: 'POST',
      url: `/apply/${agency.code}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token, ...personApplication() }).toString(),
    });
    expect(posted.statusCode).toBe(200);
    expect(posted.body).toContain('请抄写或打印保存申请编号和查询码');
    const stored = await ctx.db
      .selectFrom('applications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(1);
    release();
    for (const res of await inFlight.answers) expect(res.statusCode).toBe(200);
    expect((await get(`/agencies/${agency.code}`)).statusCode).toBe(200); // the places came back
  });

  it('lets a page in that finds a place freed while it waits', async () => {
    const inFlight = await holdHomePages(MAX_IN_FLIGHT);
    const waiting = get(SEARCH);
    await new Promise((r) => setTimeout(r, 50));
    release();
    expect((await waiting).statusCode).toBe(200);
    for (const res of await inFlight.answers) expect(res.statusCode).toBe(200);
  });
});

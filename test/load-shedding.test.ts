import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../src/db/schema';
import { buildServer } from '../src/web/http/server';
import { personApplication } from './helpers/application-fixtures';
import { makeAgency } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { createTestContext, type TestContext } from './helpers/test-context';

// Load shedding on the real server (security.md T1 "4× overload"): the event-loop delay and the lots
// are given by the test, so what is shed at which delay is shown without making the machine lag.
// Database-independent, so it runs once, on SQLite.

const LIMIT_MS = 100;
const SEARCH = `/search?q=${encodeURIComponent('工作')}`;

describe('load shedding by priority class', () => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let agency: Agency;
  let delayMs = 0;
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
      loadShedding: { eventLoopDelayMs: () => delayMs, random: () => lot },
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

  it('accepts a typed-in application even at an extreme delay, and stores it', async () => {
    delayMs = 0;
    const form = await client.get(`/apply/${agency.code}`);
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    delayMs = 50 * LIMIT_MS;
    lot = 0;
    const res = await client.request({
      method: 'POST',
      url: `/apply/${agency.code}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token, ...personApplication() }).toString(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('请抄写或打印保存申请编号和查询码');
    const stored = await ctx.db
      .selectFrom('applications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(1);
  });

  it('serves pages again once the delay falls', async () => {
    delayMs = 5 * LIMIT_MS;
    lot = 0;
    expectShed(await get(SEARCH));
    delayMs = LIMIT_MS / 2;
    for (const url of [SEARCH, '/', `/apply/${agency.code}`, '/admin/login'])
      expect((await get(url)).statusCode, url).toBe(200);
  });
});

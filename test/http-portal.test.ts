import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoContent } from '../src/app/demo-content';
import { DEMO_PASSWORD } from '../src/app/demo-data';
import { saveViewCounts, unsavedViews } from '../src/modules/catalog';
import { HttpClient } from './helpers/http-client';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

describe.each(testDatabases())('public portal on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let itemId: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind, async (c) => {
      expect(await loadDemoContent(c)).toBe(true);
    }));
    const item = await ctx.db
      .selectFrom('items')
      .select('id')
      .where('visibility', '=', 'public')
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();
    itemId = item.id;
  });
  afterAll(() => close());

  it('loads a demo district with four or more departments, standard columns, items and accounts, once', async () => {
    const departments = await ctx.db
      .selectFrom('agencies')
      .select('id')
      .where('kind', '=', 'department')
      .execute();
    expect(departments.length).toBeGreaterThanOrEqual(4);
    for (const d of departments) {
      const columns = await ctx.db
        .selectFrom('columns')
        .select('slug')
        .where('agency_id', '=', d.id)
        .execute();
      expect(columns.map((c) => c.slug)).toEqual(
        expect.arrayContaining(['policies', 'news', 'on-request', 'mailbox']),
      );
    }
    const client = new HttpClient(app);
    const login = await client.postForm('/admin/login', { username: 'jxj.editor', password: DEMO_PASSWORD });
    expect(login.headers.location).toBe('/admin/2fa/enroll');
    expect(await loadDemoContent(ctx)).toBe(false);
  });

  it('serves the home page with the security headers of T14', async () => {
    const res = await new HttpClient(app).get('/');
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.match(/<h1[ >]/g)).toHaveLength(1);
    expect(res.body).toContain('<html lang="zh-CN"');
    expect(res.body).toContain('网站标识码：3301000001');
  });

  it('renders an item with the inspector meta tags, and counts human views but not bots', async () => {
    const client = new HttpClient(app);
    const page = await client.get(`/items/${itemId}`);
    expect(page.statusCode).toBe(200);
    for (const name of [
      'SiteName',
      'SiteIDCode',
      'ColumnName',
      'ArticleTitle',
      'PubDate',
      'ContentSource',
      'Keywords',
      'Description',
    ]) {
      expect(page.body, name).toMatch(new RegExp(`<meta name="${name}" content="[^"]+"`));
    }
    expect(page.body).toContain('浏览次数：1');
    await client.request({
      method: 'GET',
      url: `/items/${itemId}`,
      headers: { 'user-agent': 'Mozilla/5.0 (compatible; Baiduspider/2.0)' },
    });
    const again = await client.get(`/items/${itemId}`);
    expect(again.body).toContain('浏览次数：2');
    // Counted in memory, written in one statement per item by the server's one-second saver.
    await saveViewCounts(ctx);
    expect(unsavedViews(ctx, itemId)).toBe(0);
    const stored = await ctx.db
      .selectFrom('items')
      .select('view_count')
      .where('id', '=', itemId)
      .executeTakeFirst();
    expect(stored?.view_count).toBe(2);
    expect((await client.get(`/items/${itemId}`)).body).toContain('浏览次数：3');
  });

  it('lists a column with paging and rejects a bad page number with a clear message', async () => {
    const client = new HttpClient(app);
    const ok = await client.get('/agencies/jxj/columns/news');
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('共 1 条，第 1/1 页');
    const agencyPage = (await client.get('/agencies/jxj')).body;
    const headings = [...agencyPage.matchAll(/<h2 class="nav-section">([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual([
      '政府信息公开指南',
      '政府信息公开制度',
      '法定主动公开内容',
      '政府信息公开年报',
      '依申请公开与互动',
    ]);
    for (const page of ['-3', 'abc']) {
      const bad = await client.get(`/agencies/jxj/columns/news?page=${page}`);
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('页码须为正整数');
    }
    expect((await client.get('/agencies/nowhere')).statusCode).toBe(404);
  });

  it('remembers the font size and care mode in cookies and renders them without JavaScript', async () => {
    const client = new HttpClient(app);
    const set = await client.get('/prefs?font=large&back=%2Fagencies%2Fjxj');
    expect(set.statusCode).toBe(303);
    expect(set.headers.location).toBe('/agencies/jxj');
    await client.get('/prefs?care=1&back=/');
    const page = await client.get('/agencies/jxj');
    expect(page.body).toContain('<html lang="zh-CN" class="font-large care"');
    for (const back of [
      '//evil.example',
      '/%09/evil.example',
      '/%0A/evil.example',
      '/%5Cevil.example',
      'https://evil.example',
    ]) {
      const offsite = await client.get(`/prefs?font=small&back=${back}`);
      expect(offsite.statusCode, back).toBe(303);
      expect(offsite.headers.location, back).toBe('/');
    }
  });

  it('answers unknown pages and API errors without stack traces', async () => {
    const client = new HttpClient(app);
    const page = await client.get('/no/such/page');
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('您访问的页面不存在');
    const api = await client.get('/api/v1/items?limit=1000');
    expect(api.statusCode).toBe(400);
    expect(api.json().error.fields.limit).toContain('1–100');
    const item = await client.get(`/api/v1/items/${itemId}`);
    expect(item.json().title).toBeTruthy();
    const bad = await client.request({
      method: 'POST',
      url: '/admin/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
    expect(bad.statusCode).toBeLessThan(500);
    for (const body of [page.body, api.body, bad.body])
      expect(body).not.toMatch(/at .+\.ts:\d+|node_modules|SELECT /);
  });
});

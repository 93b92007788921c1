import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgency, makeItem, makeUser } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

// 信息管理 (/admin/items) lists an agency's items 50 to a page, latest change first, and every item can be
// reached page by page (it used to show the latest 200 and nothing older); the dashboard counts them all
// (it counted the 200 it had read).

const titlesOn = (html: string) => [...html.matchAll(/>(列表第\d+条)</g)].map((m) => m[1]);

describe.each(testDatabases())('the staff list of items, page by page, on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let editor: HttpClient;
  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
    const agency = await makeAgency(ctx);
    const other = await makeAgency(ctx);
    await makeItem(ctx, other.id, { title: '列表第99条' }); // another agency's: never listed
    for (let n = 1; n <= 55; n++) {
      const item = await makeItem(ctx, agency.id, {
        title: `列表第${n}条`,
        status: n % 2 ? 'published' : 'draft',
      });
      const changed = new Date(Date.UTC(2026, 0, 1, 8, n)).toISOString();
      await ctx.db.updateTable('items').set({ updated_at: changed }).where('id', '=', item.id).execute();
    }
    const user = await makeUser(ctx, { grants: [{ agencyId: agency.id, role: 'editor' }] });
    editor = new HttpClient(app);
    expect((await editor.login(ctx, user.username)).statusCode).toBe(303);
  });
  afterAll(() => close());

  it('shows the latest 50 changes first, then the rest, with links between the pages', async () => {
    const first = await editor.get('/admin/items');
    expect(first.statusCode).toBe(200);
    expect(titlesOn(first.body)).toEqual(Array.from({ length: 50 }, (_, i) => `列表第${55 - i}条`));
    expect(first.body).toContain('href="/admin/items?page=2"');
    expect(first.body).not.toContain('上一页');

    const second = await editor.get('/admin/items?page=2');
    expect(titlesOn(second.body)).toEqual(['列表第5条', '列表第4条', '列表第3条', '列表第2条', '列表第1条']);
    expect(second.body).toContain('href="/admin/items?page=1"');
    expect(second.body).not.toContain('下一页');

    expect(titlesOn((await editor.get('/admin/items?page=3')).body)).toEqual([]);
  });

  it('counts every item on the dashboard and shows its ten latest changes', async () => {
    const dashboard = await editor.get('/admin');
    expect(dashboard.body).toContain('共 55 条，其中草稿 27 条'); // even numbers are drafts
    expect(titlesOn(dashboard.body)).toEqual(Array.from({ length: 10 }, (_, i) => `列表第${55 - i}条`));
  });

  it.each([
    ['abc', '页码'],
    ['0', '页码须为正整数'],
    ['1.5', '页码须为正整数'],
    ['999999999', '页码过大'],
  ])('refuses page=%s with a message that names it', async (page, message) => {
    const answer = await editor.get(`/admin/items?page=${page}`);
    expect(answer.statusCode).toBe(400);
    expect(answer.body).toContain(message);
  });
});

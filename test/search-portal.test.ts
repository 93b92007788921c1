import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item } from '../src/db/schema';
import { withdrawItem } from '../src/modules/documents';
import { makeAgency, makeColumn, makeUser } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { actorOf, draftAs, makeStaff, type Staff, signOff } from './helpers/review-flow';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

// Search follows publication: an item is found once published and gone once withdrawn, and only by
// those the visibility rule lets see it — on the portal page and in the API.

describe.each(testDatabases())('search on the portal and the API, on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let staff: Staff;
  let published: Item;
  let internal: Item;
  let editorName: string;
  let agencyCode: string;

  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
    const agency = await makeAgency(ctx);
    agencyCode = agency.code;
    staff = await makeStaff(ctx, agency.id);
    const columnId = await makeColumn(ctx, agency.id, 'news', '工作动态', 14);
    published = await signOff(
      ctx,
      staff,
      await draftAs(ctx, staff, {
        columnId,
        title: '关于公共资源交易平台自建系统升级的公告',
        genre: '公告',
        bodyHtml: '<p>为提升服务，平台将于周末停机维护，涉及税费缴纳业务。</p>',
      }),
    );
    internal = await signOff(
      ctx,
      staff,
      await draftAs(ctx, staff, {
        columnId,
        title: '内部通报：自建系统账号清理',
        genre: '通报',
        visibility: 'internal',
      }),
    );
    await draftAs(ctx, staff, { columnId, title: '草稿：自建系统迁移方案' });
    const viewer = await makeUser(ctx, { grants: [{ agencyId: agency.id, role: 'editor' }] });
    editorName = viewer.username;
  });
  afterAll(() => close());

  it('finds a published item by a phrase across word boundaries, by one character, with highlights', async () => {
    const citizen = new HttpClient(app);
    for (const q of ['资源交易', '自建', '税', '公共资源交易平台']) {
      const page = await citizen.get(`/search?q=${encodeURIComponent(q)}`);
      expect(page.statusCode, q).toBe(200);
      expect(page.body, q).toContain(`href="/items/${published.id}"`);
      expect(page.body, q).toContain('<mark>');
    }
  });

  it('shows citizens only public items, and staff the internal ones too; drafts never', async () => {
    const citizen = await new HttpClient(app).get(`/search?q=${encodeURIComponent('自建系统')}`);
    expect(citizen.body).toContain(published.id);
    expect(citizen.body).not.toContain(internal.id);
    expect(citizen.body).not.toContain('迁移方案');
    const staffClient = new HttpClient(app);
    await staffClient.login(ctx, editorName);
    const inside = await staffClient.get(`/search?q=${encodeURIComponent('自建系统')}`);
    expect(inside.body).toContain(internal.id);
    expect(inside.body).not.toContain('迁移方案');
    expect(inside.headers['cache-control']).toContain('no-store');
  });

  it('answers the API anonymously, even when a staff cookie is sent', async () => {
    const staffClient = new HttpClient(app);
    await staffClient.login(ctx, editorName);
    const res = await staffClient.get(`/api/v1/search?q=${encodeURIComponent('自建系统')}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { total: number; hits: { id: string; url: string }[] };
    expect(body.hits.map((h) => h.id)).toEqual([published.id]);
    expect(body.hits[0]?.url).toBe(`/items/${published.id}`);
    const bad = await staffClient.get('/api/v1/search?q=x&page=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.page).toContain('页码');
  });

  it('gives empty and hostile queries a friendly page', async () => {
    const citizen = new HttpClient(app);
    expect((await citizen.get('/search')).body).toContain('请输入要查找的词语');
    for (const q of ['"', '*', 'NEAR(', "') OR 1=1 --", '<script>alert(1)</script>', 'x'.repeat(5000)]) {
      const page = await citizen.get(`/search?q=${encodeURIComponent(q)}`);
      expect(page.statusCode, q.slice(0, 20)).toBe(200);
      expect(page.body, q.slice(0, 20)).not.toContain('<script>alert(1)');
    }
  });

  it('narrows by agency, column, genre, subject and validity', async () => {
    const citizen = new HttpClient(app);
    const found = (query: string) =>
      citizen
        .get(`/search?q=${encodeURIComponent('自建')}&${query}`)
        .then((r) => r.body.includes(published.id));
    expect(await found(`agency=${agencyCode}&column=news`)).toBe(true);
    expect(await found(`agency=${agencyCode}&column=nowhere`)).toBe(false);
    expect(await found('agency=no-such-agency')).toBe(false);
    expect(await found('genre=公告')).toBe(true);
    expect(await found('genre=通知')).toBe(false);
    expect(await found('subject=s09-05')).toBe(false); // the item has no subject
    expect(await found('validity=in_force')).toBe(false); // not a normative document
    expect((await citizen.get('/search?q=x&validity=bogus')).statusCode).toBe(400);
  });

  it('forgets a withdrawn item', async () => {
    await withdrawItem(ctx, staff.reviewer2, actorOf(staff.reviewer2), published, '公告已过期');
    const page = await new HttpClient(app).get(`/search?q=${encodeURIComponent('资源交易')}`);
    expect(page.body).not.toContain(published.id);
    expect(page.body).toContain('没有找到');
  });
});

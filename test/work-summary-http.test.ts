import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../src/db/schema';
import { makeAgency, makeColumn, makeUser } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

// The work-summary page (/admin/work-summary): who sees which agency's drafted text, who may create the
// draft item, the redirect into the item editor, and the refusal of a second draft with a link to the first.

describe.each(testDatabases())('the work-summary page on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let agency: Agency;
  let other: Agency;
  const users: Record<string, string> = {};

  async function person(
    key: string,
    grants: { agencyId: string; role: 'editor' | 'reviewer1' | 'supervisor' }[],
  ) {
    users[key] = (await makeUser(ctx, { grants })).username;
  }

  async function signedIn(key: string) {
    const client = new HttpClient(app);
    const res = await client.login(ctx, users[key] as string);
    expect(res.statusCode).toBe(303);
    return client;
  }

  const page = (agencyId: string, year = '2025') => `/admin/work-summary?agencyId=${agencyId}&year=${year}`;

  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
    const district = await makeAgency(ctx, { kind: 'district', name: '示范区人民政府' });
    agency = await makeAgency(ctx, { name: '示范区教育局' });
    other = await makeAgency(ctx, { name: '示范区财政局' });
    await makeColumn(ctx, agency.id, 'plans', '规划计划', 365);
    await makeColumn(ctx, agency.id, 'news', '工作动态', 14);
    await person('editor', [{ agencyId: agency.id, role: 'editor' }]);
    await person('chief', [{ agencyId: agency.id, role: 'reviewer1' }]);
    await person('otherEditor', [{ agencyId: other.id, role: 'editor' }]);
    await person('supervisor', [{ agencyId: district.id, role: 'supervisor' }]);
    users.sysadmin = (await makeUser(ctx, { adminRole: 'system' })).username;
  });
  afterAll(() => close());

  it('shows an editor the drafted text and figures of last year by default, with the draft button', async () => {
    const editor = await signedIn('editor');
    const res = await editor.get('/admin/work-summary'); // today is 2 March 2026
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<a href="/admin/work-summary" aria-current="page">工作总结</a>');
    expect(res.body).toContain('<h2>示范区教育局2025年政务公开工作总结</h2>');
    expect(res.body).toContain('<h3>一、工作开展情况</h3>');
    expect(res.body).toContain('<th scope="row">主动公开信息</th><td>0 条；2 个栏目中 0 个有更新</td>');
    expect(res.body).toContain('生成草稿信息');
  });

  it('shows a reviewer the text without the draft button', async () => {
    const chief = await signedIn('chief');
    const res = await chief.get(page(agency.id));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('示范区教育局2025年政务公开工作总结');
    expect(res.body).not.toContain('生成草稿信息');
    expect(res.body).toContain('草稿由本单位信息员生成并报审');
  });

  it("hides another agency's summary (404) and lets the supervisor read every agency's", async () => {
    const stranger = await signedIn('otherEditor');
    expect((await stranger.get(page(agency.id))).statusCode).toBe(404);
    const supervisor = await signedIn('supervisor');
    const res = await supervisor.get(page(other.id));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('示范区财政局2025年政务公开工作总结');
    expect(res.body).toContain('示范区教育局</option>');
    expect(res.body).not.toContain('生成草稿信息');
    const admin = await signedIn('sysadmin');
    expect((await admin.get('/admin/work-summary')).statusCode).toBe(403);
  });

  it('names the field when the year is not a year', async () => {
    const editor = await signedIn('editor');
    const res = await editor.get(page(agency.id, 'abcd'));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('年度应为四位数字');
  });

  it('creates the draft item, audited, opens it in the editor, and refuses a second with a link to it', async () => {
    const editor = await signedIn('editor');
    const res = await editor.postForm(
      '/admin/work-summary',
      { agencyId: agency.id, year: '2025' },
      page(agency.id),
    );
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    const id = /^\/admin\/items\/([^/]+)\/edit$/.exec(location)?.[1] ?? '';
    const item = await ctx.db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(item).toMatchObject({
      status: 'draft',
      agency_id: agency.id,
      title: '示范区教育局2025年政务公开工作总结',
    });
    const edit = await editor.get(location);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('示范区教育局2025年政务公开工作总结');
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['actor_id', 'action'])
      .where('object_id', '=', id)
      .where('action', '=', 'work_summary.drafted')
      .execute();
    expect(audit).toHaveLength(1);
    const again = await editor.postForm(
      '/admin/work-summary',
      { agencyId: agency.id, year: '2025' },
      page(agency.id),
    );
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain(`/admin/items/${id}`);
    expect(again.body).toContain('请在原稿上修改，不再另起草稿');
    const shown = await editor.get(page(agency.id));
    expect(shown.body).toContain(`<a href="/admin/items/${id}">示范区教育局2025年政务公开工作总结</a>`);
    expect(shown.body).not.toContain('生成草稿信息');
  });

  it('refuses a draft from a reviewer and from another agency', async () => {
    const chief = await signedIn('chief');
    const res = await chief.postForm(
      '/admin/work-summary',
      { agencyId: agency.id, year: '2024' },
      page(agency.id),
    );
    expect(res.statusCode).toBe(403);
    const stranger = await signedIn('otherEditor');
    const cross = await stranger.postForm(
      '/admin/work-summary',
      { agencyId: agency.id, year: '2024' },
      page(other.id),
    );
    expect(cross.statusCode).toBe(404);
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgency, makeColumn, makeUser } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

describe.each(testDatabases())('the 主题分类 taxonomy as editable data, on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
  });
  afterAll(() => close());

  it('is seeded with the 22 national first-level categories', async () => {
    const tops = await ctx.db.selectFrom('subjects').select('name').where('parent_id', 'is', null).execute();
    expect(tops).toHaveLength(22);
  });

  it('lets the system administrator add and rename categories, and editors then choose them', async () => {
    const admin = await makeUser(ctx, { adminRole: 'system' });
    const client = new HttpClient(app);
    await client.login(ctx, admin.username);
    expect((await client.postForm('/admin/subjects', { parentId: 's07', name: '数字经济' })).statusCode).toBe(
      303,
    );
    const duplicate = await client.postForm(
      '/admin/subjects',
      { parentId: 's07', name: '数字经济' },
      '/admin/subjects',
    );
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.body).toContain('同一级下已有同名分类');
    expect(
      (await client.postForm('/admin/subjects/s18', { name: '民族、宗教事务' }, '/admin/subjects'))
        .statusCode,
    ).toBe(303);
    expect(
      (await ctx.db.selectFrom('subjects').select('name').where('id', '=', 's18').executeTakeFirstOrThrow())
        .name,
    ).toBe('民族、宗教事务');

    const agency = await makeAgency(ctx);
    await makeColumn(ctx, agency.id, 'news', '工作动态');
    const editorUser = await makeUser(ctx, { grants: [{ agencyId: agency.id, role: 'editor' }] });
    const editor = new HttpClient(app);
    await editor.login(ctx, editorUser.username);
    const form = (await editor.get('/admin/items/new')).body;
    expect(form).toMatch(/<optgroup label="工业、交通">[\s\S]*数字经济/);
    expect((await editor.get('/admin/subjects')).statusCode).toBe(403);
    const actions = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'subject.%')
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['subject.added', 'subject.renamed']);
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserTable } from '../src/db/schema';
import { checkWording } from '../src/modules/compliance';
import { makeAgency, makeUser } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

// 错敏词库 in the back office: the district supervisor edits, an editor may look but not change,
// bad input comes back on the page with its Chinese message, exports are formula-safe.

describe.each(testDatabases())('the wording-rules screens on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  const users: Record<string, UserTable> = {};

  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
    const district = await makeAgency(ctx, { kind: 'district' });
    users.supervisor = await makeUser(ctx, { grants: [{ agencyId: district.id, role: 'supervisor' }] });
    users.editor = await makeUser(ctx, {
      grants: [{ agencyId: (await makeAgency(ctx)).id, role: 'editor' }],
    });
  });
  afterAll(() => close());

  async function as(role: string) {
    const client = new HttpClient(app);
    expect((await client.login(ctx, users[role]?.username ?? '')).statusCode).toBe(303);
    return client;
  }
  const form = {
    type: 'wrong_right',
    term: '=网页错词',
    suggestion: '网页正词',
    severity: 'veto',
    explanation: '页面测试',
    basis: '测试依据',
  };

  it('lets the supervisor add a rule that the check then uses, and exports it formula-safe', async () => {
    const supervisor = await as('supervisor');
    const saved = await supervisor.postForm('/admin/wording-rules', form, '/admin/wording-rules/new');
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toMatch(/saved=2$/);
    expect((await checkWording(ctx, '有=网页错词')).map((f) => f.suggestion)).toEqual(['网页正词']);
    const page = await supervisor.get('/admin/wording-rules?q=网页');
    expect(page.body).toContain('网页正词');
    expect(page.body).toContain('第 2 版');
    const csv = await supervisor.get('/admin/wording-rules/export.csv');
    expect(csv.body).toContain("'=网页错词");
  });

  it('shows bad input on the form with its Chinese message', async () => {
    const supervisor = await as('supervisor');
    const bad = await supervisor.postForm(
      '/admin/wording-rules',
      { ...form, type: 'context', validFrom: '2026-13-01' },
      '/admin/wording-rules/new',
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('语境规则须填写前面或后面的词语');
    expect(bad.body).toContain('起用日期应为 YYYY-MM-DD 格式的有效日期');
  });

  it('lets an editor view but answers 403 to every change', async () => {
    const editor = await as('editor');
    const page = await editor.get('/admin/wording-rules');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('中华人民共合国');
    expect(page.body).not.toContain('href="/admin/wording-rules/new"');
    const tried = await editor.postForm(
      '/admin/wording-rules',
      { ...form, term: '编辑加的词' },
      '/admin/wording-rules',
    );
    expect(tried.statusCode).toBe(403);
    const allow = await editor.postForm(
      '/admin/wording-rules/allow',
      { phrase: '随便' },
      '/admin/wording-rules',
    );
    expect(allow.statusCode).toBe(403);
    expect(await checkWording(ctx, '编辑加的词')).toEqual([]);
  });
});

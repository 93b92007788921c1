import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserTable } from '../src/db/schema';
import { enqueueMail } from '../src/modules/mail';
import { makeAgency, makeUser } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

// Staff e-mail addresses (where reminders go), set by the system administrator in 用户管理, and the
// outbox state shown beside them.

describe.each(testDatabases())('staff e-mail in the back office on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let system: UserTable;
  let editor: UserTable;

  async function signedIn(user: UserTable): Promise<HttpClient> {
    const client = new HttpClient(app);
    expect((await client.login(ctx, user.username)).statusCode).toBe(303);
    return client;
  }
  const emailOf = async (id: string) =>
    (await ctx.db.selectFrom('users').select('email').where('id', '=', id).executeTakeFirstOrThrow()).email;

  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
    const agency = await makeAgency(ctx);
    system = await makeUser(ctx, { adminRole: 'system' });
    editor = await makeUser(ctx, { grants: [{ agencyId: agency.id, role: 'editor' }] });
  });
  afterAll(() => close());

  it('lets the system administrator set, audit and clear an address', async () => {
    const client = await signedIn(system);
    const url = `/admin/users/${editor.id}/email`;
    const saved = await client.postForm(url, { email: ' Wang.Wu@Example.GOV.cn ' });
    expect(saved.statusCode).toBe(303);
    expect(await emailOf(editor.id)).toBe('wang.wu@example.gov.cn');
    expect((await client.get('/admin/users')).body).toContain('wang.wu@example.gov.cn');
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['details', 'actor_id'])
      .where('action', '=', 'user.email_changed')
      .where('object_id', '=', editor.id)
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(system.id);
    expect(JSON.parse(audit.details)).toEqual({ before: null, after: 'w***@example.gov.cn' });

    expect((await client.postForm(url, { email: '' })).statusCode).toBe(303);
    expect(await emailOf(editor.id)).toBeNull();
  });

  it('refuses an invalid address with a Chinese message on the field', async () => {
    const client = await signedIn(system);
    const res = await client.postForm(`/admin/users/${editor.id}/email`, { email: 'wang@@example' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('请填写有效的电子邮箱地址');
    expect(res.body).toContain('aria-invalid="true"');
    expect(await emailOf(editor.id)).toBeNull();
  });

  it('is closed to everyone but the system administrator', async () => {
    const client = await signedIn(editor);
    const res = await client.postForm(
      `/admin/users/${editor.id}/email`,
      { email: 'me@example.gov.cn' },
      '/admin',
    );
    expect(res.statusCode).toBe(403);
    expect(await emailOf(editor.id)).toBeNull();
  });

  it('shows the mail queue and says mail cannot go out without an SMTP server', async () => {
    const now = ctx.clock.now().toISOString();
    await enqueueMail(
      ctx.db,
      { to: 'a@example.gov.cn', subject: '提醒', text: '正文', dedupeKey: 'q1' },
      now,
    );
    const page = await (await signedIn(system)).get('/admin/users');
    expect(page.body).toContain('待发送 1 封');
    expect(page.body).toContain('尚未配置发信服务器（环境变量 GONGKAI_SMTP_URL）');
  });
});

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../src/db/schema';
import { buildServer } from '../src/web/http/server';
import { makeAgency, makeUser } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { letterFields, WRITER } from './helpers/mailbox-fixtures';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// The 部门信箱 over HTTP: the public form (named errors, nothing stored on a bad post), the receipt from the
// POST with no-store and the query code never in a URL, the tracking page, the rate limit, CSRF; the back
// office queue and steps with another agency's letter a 404; the 信箱 column; the deadline settings.

const codesOf = (res: LightMyRequestResponse) => {
  const codes = [...res.body.matchAll(/<dd class="code">([^<]+)<\/dd>/g)].map((m) => m[1] ?? '');
  return { trackingNumber: codes[0] ?? '', queryCode: codes[1] ?? '' };
};

describe.each(testDatabases())('部门信箱 over HTTP (%s)', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let agency: Agency;
  let other: Agency;
  let ip = 0;
  const client = () => new HttpClient(app, `10.1.0.${++ip}`);
  const letters = async () =>
    Number(
      (
        await ctx.db
          .selectFrom('mailbox_letters')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const write = (c: HttpClient, fields: Record<string, string>) =>
    c.postForm(`/mailbox/${agency.code}/write`, fields);

  beforeAll(async () => {
    ctx = await createTestContext(kind, { GONGKAI_PUBLIC_POSTS_PER_MINUTE: '1000' });
    ctx.clock.set('2026-03-02T02:00:00Z');
    agency = await makeAgency(ctx, { name: '示范区经济和信息化局' });
    other = await makeAgency(ctx, { name: '示范区教育局' });
    app = await buildServer(ctx);
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  it('re-renders a wrong letter with named messages and stores nothing', async () => {
    const form = await client().get(`/mailbox/${agency.code}/write`);
    expect(form.statusCode).toBe(200);
    for (const name of ['type', 'subject', 'content', 'name', 'phone', 'email', 'consent'])
      expect(form.body).toContain(`name="${name}"`);
    const before = await letters();
    const bad = await write(
      client(),
      letterFields({ subject: '短', phone: '12345', email: 'nope', consent: '' }),
    );
    expect(bad.statusCode).toBe(400);
    for (const m of [
      '标题至少 4 个字',
      '请填写11位手机号码',
      '请填写有效的电子邮箱地址',
      '请选择是否同意公开',
    ])
      expect(bad.body).toContain(m);
    expect(bad.body).toContain('value="12345"');
    expect(await letters()).toBe(before);
    expect((await client().get('/mailbox/no-such-agency/write')).statusCode).toBe(404);
  });

  it('answers a letter with its codes from the POST, no-store, and opens it only with both codes', async () => {
    const c = client();
    const res = await write(c, letterFields());
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.location).toBeUndefined();
    const { trackingNumber, queryCode } = codesOf(res);
    expect(trackingNumber).toMatch(/^XX-/);
    expect(res.body).toContain('2026-03-23');
    const page = await c.postForm('/mailbox/track', { trackingNumber, queryCode }, '/mailbox/track');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('小区旁工地夜间施工噪音扰民');
    expect(page.body).toContain('张**');
    expect(page.body).not.toContain(WRITER.phone);
    const wrong = await c.postForm(
      '/mailbox/track',
      { trackingNumber, queryCode: 'AAAAAAAA' },
      '/mailbox/track',
    );
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain('信件编号或查询码不正确');
    expect(wrong.body).not.toContain('AAAAAAAA');
    const noCsrf = await c.request({
      method: 'POST',
      url: `/mailbox/${agency.code}/write`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(letterFields()).toString(),
    });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('limits tracking attempts per address and says nothing was stored', async () => {
    const c = client();
    let last: LightMyRequestResponse | undefined;
    for (let i = 0; i < 11; i++)
      last = await c.postForm(
        '/mailbox/track',
        { trackingNumber: 'XX-A-2026-00001', queryCode: 'ABCDEFGH' },
        '/mailbox/track',
      );
    expect(last?.statusCode).toBe(429);
    expect(last?.body).toContain('本次提交没有保存任何内容');
  });

  it('runs the back-office steps; another agency’s letter is a 404; the column leads to the list', async () => {
    const editor = await makeUser(ctx, { grants: [{ agencyId: agency.id, role: 'editor' }] });
    const stranger = await makeUser(ctx, { grants: [{ agencyId: other.id, role: 'editor' }] });
    await write(client(), letterFields({ subject: '后台办理的来信标题' }));
    const row = await ctx.db
      .selectFrom('mailbox_letters')
      .select(['id', 'tracking_number'])
      .where('subject', '=', '后台办理的来信标题')
      .executeTakeFirstOrThrow();
    const staff = new HttpClient(app, '10.1.9.1');
    expect((await staff.login(ctx, editor.username)).statusCode).toBe(303);
    const queue = await staff.get('/admin/mailbox');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(row.tracking_number);
    const page = `/admin/mailbox/${row.id}`;
    const rejected = await staff.postForm(`${page}/reject`, { reason: '' }, page);
    expect(rejected.statusCode).toBe(400);
    expect(rejected.body).toContain('请填写不予受理理由');
    const accepted = await staff.postForm(`${page}/accept`, { type: 'complain' }, page);
    expect(accepted.statusCode).toBe(303);
    expect((await staff.get(page)).body).toContain('办理中');
    expect((await staff.get(page)).body).not.toContain(WRITER.phone);
    const unmasked = await staff.postForm(`${page}/unmask`, {}, page);
    expect(unmasked.statusCode).toBe(200);
    expect(unmasked.body).toContain(WRITER.phone);
    const looked = await ctx.db
      .selectFrom('audit_log')
      .select('actor_name')
      .where('action', '=', 'mailbox.unmasked')
      .execute();
    expect(looked.map((r) => r.actor_name)).toEqual([editor.username]);
    expect((await staff.get('/admin/mailbox-rules')).statusCode).toBe(403);
    const outsider = new HttpClient(app, '10.1.9.2');
    await outsider.login(ctx, stranger.username);
    expect((await outsider.get(page)).statusCode).toBe(404);
    expect((await outsider.get('/admin/mailbox')).body).not.toContain(row.tracking_number);
    const column = await client().get(`/agencies/${agency.code}/columns/mailbox`);
    expect(column.statusCode).toBe(303);
    expect(column.headers.location).toBe(`/mailbox/${agency.code}`);
    expect((await client().get(`/mailbox/letters/${row.id}`)).statusCode).toBe(404);
    expect((await client().get(`/mailbox/${agency.code}`)).body).toContain('暂无选登的来信');
  });

  it('lets the system administrator change the deadlines', async () => {
    const admin = await makeUser(ctx, { adminRole: 'system' });
    const c = new HttpClient(app, '10.1.9.3');
    await c.login(ctx, admin.username);
    const fields = { consult: '3', suggest: '15', complain: '10', help: '15', other: '15' };
    const bad = await c.postForm('/admin/mailbox-rules', { ...fields, help: 'abc' });
    expect(bad.statusCode).toBe(400);
    const ok = await c.postForm('/admin/mailbox-rules', fields);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('已保存');
    const rule = await ctx.db
      .selectFrom('mailbox_deadlines')
      .select('working_days')
      .where('type', '=', 'complain')
      .executeTakeFirstOrThrow();
    expect(Number(rule.working_days)).toBe(10);
  });
});

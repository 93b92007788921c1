import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../src/modules/accounts/totp';
import { buildServer } from '../src/web/http/server';
import { makeAgency, makeUser, TEST_PASSWORD } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { createTestContext, openTestApp, type TestContext, testDatabases } from './helpers/test-context';

describe.each(testDatabases())('back-office login over HTTP on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
  });
  afterAll(() => close());

  it('refuses a login post without a CSRF token, or from a foreign origin', async () => {
    const client = new HttpClient(app);
    const noToken = await client.request({
      method: 'POST',
      url: '/admin/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=a&password=b',
    });
    expect(noToken.statusCode).toBe(403);
    await client.get('/admin/login');
    const foreign = await client.request({
      method: 'POST',
      url: '/admin/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      payload: 'username=a&password=b',
    });
    expect(foreign.statusCode).toBe(403);
  });

  it('keeps a password-only session out of every back-office page', async () => {
    const agency = await makeAgency(ctx);
    const user = await makeUser(ctx, { grants: [{ agencyId: agency.id, role: 'editor' }] });
    const client = new HttpClient(app);
    const step1 = await client.postForm('/admin/login', { username: user.username, password: TEST_PASSWORD });
    expect(step1.statusCode).toBe(303);
    expect(step1.headers.location).toBe('/admin/2fa');
    for (const url of ['/admin', '/admin/items', '/admin/password']) {
      const res = await client.get(url);
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location, url).toBe('/admin/2fa');
    }
  });

  it('sets an HttpOnly, SameSite=Lax session cookie and a new one at each step', async () => {
    const agency = await makeAgency(ctx);
    const user = await makeUser(ctx, { grants: [{ agencyId: agency.id, role: 'editor' }] });
    const client = new HttpClient(app);
    const step1 = await client.postForm('/admin/login', { username: user.username, password: TEST_PASSWORD });
    const cookie = step1.cookies.find((c) => c.name === 'gk_sid');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const first = client.cookie('gk_sid');
    const done = await client.login(ctx, user.username);
    expect(done.statusCode).toBe(303);
    expect(client.cookie('gk_sid')).not.toBe(first);
    const dashboard = await client.get('/admin');
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain('<h1>工作台</h1>');
  });

  it('enrols a second factor at first login, shows ten recovery codes once, and accepts each code only once', async () => {
    const agency = await makeAgency(ctx);
    const user = await makeUser(ctx, { grants: [{ agencyId: agency.id, role: 'editor' }], enrolled: false });
    const client = new HttpClient(app);
    const step1 = await client.postForm('/admin/login', { username: user.username, password: TEST_PASSWORD });
    expect(step1.headers.location).toBe('/admin/2fa/enroll');
    // Wandering to the dashboard or the code page leads back to enrolment, never to a dead end.
    expect((await client.get('/admin')).headers.location).toBe('/admin/2fa');
    expect((await client.get('/admin/2fa')).headers.location).toBe('/admin/2fa/enroll');
    const page = await client.get('/admin/2fa/enroll');
    const secret = (/<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(page.body)?.[1] ?? '').replace(/ /g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    const wrong = await client.postForm('/admin/2fa/enroll', { code: '123456' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('验证码不正确');
    const done = await client.postForm('/admin/2fa/enroll', { code: totpCodeAt(secret, ctx.clock.now()) });
    expect(done.statusCode).toBe(200);
    const codes = [...done.body.matchAll(/<code>([a-z0-9]{5}-[a-z0-9]{5})<\/code>/g)].map((m) => m[1] ?? '');
    expect(codes).toHaveLength(10);
    expect((await client.get('/admin')).statusCode).toBe(200);

    const other = new HttpClient(app);
    await other.postForm('/admin/login', { username: user.username, password: TEST_PASSWORD });
    expect((await other.postForm('/admin/2fa', { code: codes[0] ?? '' })).headers.location).toBe('/admin');
    const third = new HttpClient(app);
    await third.postForm('/admin/login', { username: user.username, password: TEST_PASSWORD });
    expect((await third.postForm('/admin/2fa', { code: codes[0] ?? '' })).statusCode).toBe(400);
  });

  it('sends an initial password to the change form before anything else, then signs the user out', async () => {
    const agency = await makeAgency(ctx);
    const user = await makeUser(ctx, { grants: [{ agencyId: agency.id, role: 'editor' }] });
    await ctx.db.updateTable('users').set({ password_changed_at: null }).where('id', '=', user.id).execute();
    const client = new HttpClient(app);
    await client.login(ctx, user.username);
    const res = await client.get('/admin');
    expect(res.headers.location).toBe('/admin/password');
    const weak = await client.postForm('/admin/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'abc',
      confirmPassword: 'abc',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('密码至少 8 位');
    const ok = await client.postForm('/admin/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Brand-new-Pass9',
      confirmPassword: 'Brand-new-Pass9',
    });
    expect(ok.headers.location).toBe('/admin/login?changed=1');
    expect((await client.get('/admin')).headers.location).toBe('/admin/login');
  });

  it('logs out with a POST and refuses the old cookie afterwards', async () => {
    const agency = await makeAgency(ctx);
    const user = await makeUser(ctx, { grants: [{ agencyId: agency.id, role: 'editor' }] });
    const client = new HttpClient(app);
    await client.login(ctx, user.username);
    const token = client.cookie('gk_sid') ?? '';
    expect((await client.postForm('/admin/logout', {}, '/admin')).headers.location).toBe('/admin/login');
    const replay = new HttpClient(app);
    replay.setCookie('gk_sid', token);
    expect((await replay.get('/admin')).headers.location).toBe('/admin/login');
    expect((await client.get('/admin/logout')).statusCode).toBe(404);
  });
});

describe('the session cookie off localhost', () => {
  it('is Secure with the __Host- prefix for any host but localhost, even over plain http', async () => {
    const ctx = await createTestContext('sqlite');
    const app = await buildServer(ctx);
    try {
      const user = await makeUser(ctx, { adminRole: 'system' });
      const client = new HttpClient(app);
      const form = await client.request({
        method: 'GET',
        url: '/admin/login',
        headers: { host: 'gk.example.gov.cn' },
      });
      const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
      const res = await client.request({
        method: 'POST',
        url: '/admin/login',
        headers: { host: 'gk.example.gov.cn', 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          _csrf: token,
          username: user.username,
          password: TEST_PASSWORD,
        }).toString(),
      });
      expect(res.cookies.find((c) => c.name === '__Host-gk_sid')).toMatchObject({
        secure: true,
        httpOnly: true,
      });
    } finally {
      await app.close();
      await ctx.close();
    }
  });
});

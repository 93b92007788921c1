import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/web/http/server';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// 限制管理终端的网络地址范围 (等保 8.1.4.4; security.md T18): with GONGKAI_ADMIN_CIDRS set, the back
// office answers only clients inside it — as the trusted proxy reports them — and the portal everyone.

describe.each(testDatabases())('the back office network allowlist on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  beforeAll(async () => {
    ctx = await createTestContext(kind, {
      GONGKAI_ADMIN_CIDRS: '10.20.0.0/16, 192.168.8.5, fd00:abcd::/32',
      GONGKAI_TRUST_PROXY: '127.0.0.1',
    });
    app = await buildServer(ctx);
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  const from = (client: string, url: string, remoteAddress = '127.0.0.1') =>
    app.inject({ method: 'GET', url, remoteAddress, headers: { 'x-forwarded-for': client } });

  it('serves the sign-in page inside the listed networks', async () => {
    for (const client of ['10.20.3.4', '192.168.8.5', 'fd00:abcd::7', '::ffff:10.20.9.9'])
      expect((await from(client, '/admin/login')).statusCode, client).toBe(200);
  });

  it('refuses every back-office path outside them, with a page that says why', async () => {
    for (const [client, url] of [
      ['10.21.0.1', '/admin/login'],
      ['192.168.8.6', '/admin'],
      ['8.8.8.8', '/admin/items?page=2'],
    ] as const) {
      const r = await from(client, url);
      expect(r.statusCode, `${client} ${url}`).toBe(403);
      expect(r.body).toContain('后台管理只允许从指定的网络地址访问');
    }
    const post = await app.inject({
      method: 'POST',
      url: '/admin/login',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '8.8.8.8', 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=sysadmin&password=x',
    });
    expect(post.statusCode).toBe(403);
  });

  it('believes X-Forwarded-For only from the trusted proxy', async () => {
    expect((await from('10.20.3.4', '/admin/login', '203.0.113.9')).statusCode).toBe(403);
  });

  it('leaves the portal open to everyone', async () => {
    expect((await from('8.8.8.8', '/')).statusCode).toBe(200);
    expect((await from('8.8.8.8', '/administration')).statusCode).not.toBe(403); // not under /admin/
  });
});

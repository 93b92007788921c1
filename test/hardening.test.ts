import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerOptions } from '../src/web/http/logging';
import { buildServer } from '../src/web/http/server';
import { makeUser, TEST_PASSWORD } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { createTestContext, type TestContext } from './helpers/test-context';

// Foundation hardening (issue: HSTS on https, body limits, rate limits on public POSTs, logs without
// secrets). Database-independent, so it runs once, on SQLite.

describe('HTTP hardening', () => {
  let ctx: TestContext;
  const logLines: string[] = [];
  beforeAll(async () => {
    ctx = await createTestContext('sqlite', { GONGKAI_TRUST_PROXY: '127.0.0.1' });
  });
  afterAll(() => ctx.close());

  async function serverWithLog() {
    const stream = new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    return buildServer(ctx, loggerOptions('info', stream));
  }

  it('sends HSTS only over https (behind a trusted proxy)', async () => {
    const app = await buildServer(ctx);
    const plain = await app.inject({ url: '/' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const tls = await app.inject({ url: '/', headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    await app.close();
  });

  it('refuses an oversize form body with 413 and a wrong content type with 415', async () => {
    const app = await buildServer(ctx);
    const big = await app.inject({
      method: 'POST',
      url: '/admin/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `username=${'a'.repeat(300_000)}`,
    });
    expect(big.statusCode).toBe(413);
    const odd = await app.inject({
      method: 'POST',
      url: '/admin/login',
      headers: { 'content-type': 'text/xml' },
      payload: '<a/>',
    });
    expect(odd.statusCode).toBe(415);
    await app.close();
  });

  it('rate-limits login posts from one address with 429 and Retry-After', async () => {
    const app = await buildServer(ctx);
    const client = new HttpClient(app, '10.20.30.40');
    let last = await client.postForm('/admin/login', { username: 'x', password: 'y' });
    for (let i = 0; i < 30 && last.statusCode !== 429; i++) {
      last = await client.postForm('/admin/login', { username: 'x', password: 'y' });
    }
    expect(last.statusCode).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    await app.close();
  });

  it('logs JSON lines with request ids and no password, session token or cookie', async () => {
    const user = await makeUser(ctx);
    const app = await serverWithLog();
    const client = new HttpClient(app, '10.20.30.41');
    await client.login(ctx, user.username);
    const token = client.cookie('gk_sid') ?? '';
    expect(token.length).toBeGreaterThan(20);
    await client.get('/admin');
    await app.close();
    const log = logLines.join('');
    const entries = logLines.map((l) => JSON.parse(l) as { reqId?: string });
    expect(entries.filter((e) => e.reqId).length).toBeGreaterThan(4);
    expect(log).not.toContain(TEST_PASSWORD);
    expect(log).not.toContain(token);
    expect(log).not.toContain('gk_csrf=');
  });
});

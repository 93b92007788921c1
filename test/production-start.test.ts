import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../src/app/deps';
import { resolveKeys } from '../src/app/keys';
import { loadConfig } from '../src/config/config';
import { createUser } from '../src/modules/accounts';
import { systemActor } from '../src/modules/audit';
import { buildServer } from '../src/web/http/server';
import { HttpClient } from './helpers/http-client';

describe('a production start', () => {
  it('refuses to run without the audit and secret keys', () => {
    expect(() => resolveKeys(loadConfig({ NODE_ENV: 'production' }))).toThrow(/GONGKAI_AUDIT_KEY/);
  });

  it('creates an empty database with no account, and marks the session cookie Secure with __Host-', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gongkai-prod-'));
    const config = loadConfig({
      NODE_ENV: 'production',
      GONGKAI_DATA_DIR: dataDir,
      GONGKAI_AUDIT_KEY: 'a'.repeat(40),
      GONGKAI_SECRET_KEY: 'b'.repeat(40),
    });
    const ctx = await buildContext(config);
    try {
      expect(await ctx.db.selectFrom('users').select('id').execute()).toHaveLength(0);
      expect(await ctx.db.selectFrom('agencies').select('id').execute()).toHaveLength(0);
      const app = await buildServer(ctx);
      const client = new HttpClient(app);
      const form = await client.get('/admin/login');
      expect(form.cookies.find((c) => c.name === 'gk_csrf')).toMatchObject({ secure: true, httpOnly: true });
      const login = await client.postForm('/admin/login', { username: 'admin', password: 'admin' });
      expect(login.statusCode).toBe(401);
      const { user, initialPassword } = await createUser(ctx, systemActor(), {
        username: 'ops',
        displayName: '运维',
        adminRole: 'system',
      });
      const ok = await client.postForm('/admin/login', {
        username: user.username,
        password: initialPassword,
      });
      const cookie = ok.cookies.find((c) => c.name === '__Host-gk_sid');
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
      await app.close();
    } finally {
      await ctx.db.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

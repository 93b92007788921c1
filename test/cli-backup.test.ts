import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bypassAppendOnly } from '../src/db/dialect';
import { recordAuditAlone, systemActor } from '../src/modules/audit';
import { makeAgency } from './helpers/factories';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

const exec = promisify(execFile);
const bin = path.resolve('bin/gongkai.js');

describe.each(testDatabases())('gongkai CLI on %s', (kind) => {
  let ctx: TestContext;
  let env: NodeJS.ProcessEnv;

  async function gongkai(...args: string[]) {
    try {
      const { stdout, stderr } = await exec(process.execPath, [bin, ...args], { env });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    const { DATABASE_URL: _ignored, TEST_DATABASE_URL: _t, ...rest } = process.env;
    env = {
      ...rest,
      NODE_ENV: 'test',
      GONGKAI_DATA_DIR: ctx.dataDir,
      GONGKAI_AUDIT_KEY: ctx.keys.audit,
      GONGKAI_SECRET_KEY: ctx.keys.secret,
      ...(ctx.config.databaseUrl ? { DATABASE_URL: ctx.config.databaseUrl } : {}),
    };
  });
  afterAll(() => ctx.close());

  it('lists its commands', async () => {
    const help = await gongkai('--help');
    for (const command of ['serve', 'migrate', 'admin', 'audit', 'backup', 'restore'])
      expect(help.stdout).toContain(command);
  });

  it('creates the first administrator with a one-time password that must be changed', async () => {
    const res = await gongkai(
      'admin',
      'create',
      '--username',
      'first.admin',
      '--name',
      '首任管理员',
      '--role',
      'system',
    );
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/一次性初始密码：Gk-\S+/);
    const user = await ctx.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'first.admin')
      .executeTakeFirstOrThrow();
    expect(user.admin_role).toBe('system');
    expect(user.password_changed_at).toBeNull();
    const clash = await gongkai('admin', 'create', '--username', 'first.admin', '--name', 'x');
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain('用户名已存在');
    const badRole = await gongkai(
      'admin',
      'create',
      '--username',
      'x.admin',
      '--name',
      'x',
      '--role',
      'root',
    );
    expect(badRole.code).not.toBe(0);
  });

  it('backs up the live database and restores it, audit chain intact', async () => {
    const before = await makeAgency(ctx, { name: '备份前的机构' });
    const file = path.join(ctx.dataDir, 'backups', `before.${kind === 'postgres' ? 'dump' : 'sqlite'}`);
    const backup = await gongkai('backup', file);
    expect(backup.code, backup.stderr).toBe(0);
    const logged = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'backup.created')
      .execute();
    expect(logged).toHaveLength(1);
    await makeAgency(ctx, { name: '备份后的机构' });
    await recordAuditAlone(ctx, systemActor('test'), { action: 'test.after_backup' });

    const restore = await gongkai('restore', file);
    expect(restore.code, restore.stderr).toBe(0);
    const names = (await ctx.db.selectFrom('agencies').select('name').execute()).map((a) => a.name);
    expect(names).toContain(before.name);
    expect(names).not.toContain('备份后的机构');
    const actions = (await ctx.db.selectFrom('audit_log').select('action').execute()).map((a) => a.action);
    expect(actions).toContain('backup.restored');
    expect(actions).not.toContain('test.after_backup');
    expect((await gongkai('audit', 'verify')).code).toBe(0);
    expect((await gongkai('restore', path.join(ctx.dataDir, 'missing.file'))).stderr).toContain(
      '备份文件不存在',
    );
  });

  it('names the tampered row in audit verify and exits non-zero', async () => {
    await bypassAppendOnly(ctx.db, 'audit_log', async () => {
      await ctx.db.updateTable('audit_log').set({ outcome: 'failure' }).where('seq', '=', 2).execute();
    });
    const res = await gongkai('audit', 'verify');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('第 2 条记录被修改或伪造');
  });
});

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/core/ids';
import { bypassAppendOnly } from '../src/db/dialect';
import { setUserEmail } from '../src/modules/accounts';
import { storageRoot } from '../src/modules/attachments';
import { placeFile, storedPath, writeTempFile } from '../src/modules/attachments/storage';
import { recordAuditAlone, systemActor } from '../src/modules/audit';
import { anonymousScope } from '../src/modules/catalog';
import { registerNormative } from '../src/modules/normative';
import { taskFilePath, taskFilesRoot } from '../src/modules/tasks';
import { createSearchProvider, type SearchDocument, type SearchQuery } from '../src/search';
import { searchWithCache } from '../src/search/result-cache';
import { makeAgency, makeItem, makeUser } from './helpers/factories';
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

  /** An attachment of a new item: the file placed as the upload path places it, and its row. */
  async function storeAttachment(agencyId: string, originalName: string, bytes: Buffer) {
    const item = await makeItem(ctx, agencyId);
    const id = newId();
    const storedName = `${id}.pdf`;
    const root = storageRoot(ctx.config);
    const content = (async function* () {
      yield bytes;
    })();
    const written = await writeTempFile(root, storedName, content, () => {});
    const file = storedPath(root, storedName);
    await placeFile(written.tempPath, file);
    await ctx.db
      .insertInto('attachments')
      .values({
        id,
        item_id: item.id,
        original_name: originalName,
        stored_name: storedName,
        media_type: 'application/pdf',
        size: bytes.length,
        sha256: written.sha256,
        created_by: null,
        created_at: ctx.clock.now().toISOString(),
        deleted_at: null,
      })
      .execute();
    return { file, storedName, bytes };
  }

  /** A 信息员例会 minutes file, as the meeting form stores it under key-task-files/, and its row. */
  async function storeMeetingFile(agencyId: string, originalName: string, bytes: Buffer) {
    const storedName = `${newId()}.pdf`;
    const file = taskFilePath(ctx, storedName);
    mkdirSync(taskFilesRoot(ctx), { recursive: true });
    writeFileSync(file, bytes);
    await ctx.db
      .insertInto('officer_meetings')
      .values({
        id: newId(),
        agency_id: agencyId,
        held_on: '2026-03-02',
        attendees: '各科室信息员',
        topics: '年度工作要点',
        decisions: '按期报送',
        original_name: originalName,
        stored_name: storedName,
        media_type: 'application/pdf',
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        created_by: null,
        created_at: ctx.clock.now().toISOString(),
      })
      .execute();
    return { file, storedName, bytes };
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

  it('backs up the live database and attachments and restores them, audit chain intact', {
    timeout: 300_000,
  }, async () => {
    const before = await makeAgency(ctx, { name: '备份前的机构' });
    const kept = await storeAttachment(before.id, '备份前的附件.pdf', Buffer.from('%PDF-1.4 备份前的附件'));
    const minutes = await storeMeetingFile(before.id, '例会纪要.pdf', Buffer.from('%PDF-1.4 例会纪要'));
    const file = path.join(ctx.dataDir, 'backups', `before.${kind === 'postgres' ? 'dump' : 'sqlite'}`);
    const backup = await gongkai('backup', file);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain('附件 1 个');
    expect(backup.stdout).toContain('重点工作文件 1 个');
    const logged = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'backup.created')
      .execute();
    expect(logged).toHaveLength(1);
    const after = await makeAgency(ctx, { name: '备份后的机构' });
    await recordAuditAlone(ctx, systemActor('test'), { action: 'test.after_backup' });
    // The live file is lost after the backup; a later attachment is not in the backup at all.
    rmSync(kept.file);
    rmSync(minutes.file);
    const later = await storeAttachment(after.id, '备份后的附件.pdf', Buffer.from('%PDF-1.4 备份后'));

    const restore = await gongkai('restore', file);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain('附件 1 个');
    expect(readFileSync(kept.file)).toEqual(kept.bytes);
    expect(readFileSync(minutes.file)).toEqual(minutes.bytes);
    expect(existsSync(later.file)).toBe(false); // the files match the restored database
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

  it('makes a running process ask the search index afresh after a restore', {
    timeout: 300_000,
  }, async () => {
    const provider = createSearchProvider(ctx.db);
    const doc = (id: string, title: string): SearchDocument => ({
      id,
      agencyId: 'restore-agency',
      columnId: 'restore-column',
      title,
      text: `${title}。`,
      publishedAt: '2026-05-01T00:00:00.000Z',
      genre: null,
      subject: null,
      validity: null,
      visibility: 'public',
    });
    const q: SearchQuery = { q: '还原检索', scope: anonymousScope, page: 1, pageSize: 10 };
    await provider.upsert([doc('restore-a', '还原检索甲')]);
    const file = path.join(ctx.dataDir, 'backups', `search.${kind === 'postgres' ? 'dump' : 'sqlite'}`);
    expect((await gongkai('backup', file)).code).toBe(0);
    await provider.upsert([doc('restore-b', '还原检索乙')]);
    expect((await searchWithCache(ctx.db, provider, q)).total).toBe(2); // cached in this process
    const restore = await gongkai('restore', file);
    expect(restore.code, restore.stderr).toBe(0);
    // A write after the restore brings the restored generation back to the cached one's number:
    // without the restore's jump the cache would take it for the same index and keep 乙.
    await provider.upsert([doc('restore-c', '无关的公告')]);
    const after = await searchWithCache(ctx.db, provider, q);
    expect(after.hits.map((h) => h.id)).toEqual(['restore-a']);
  });

  it('reports an attachment whose backed-up file is missing or altered', { timeout: 300_000 }, async () => {
    const agency = await makeAgency(ctx);
    const altered = await storeAttachment(agency.id, '被改动的附件.pdf', Buffer.from('%PDF-1.4 原文'));
    const missing = await storeAttachment(agency.id, '丢失的附件.pdf', Buffer.from('%PDF-1.4 另一件'));
    const minutes = await storeMeetingFile(agency.id, '被改动的纪要.pdf', Buffer.from('%PDF-1.4 纪要原文'));
    const file = path.join(ctx.dataDir, 'backups', 'tampered.backup');
    expect((await gongkai('backup', file)).code).toBe(0);
    writeFileSync(path.join(`${file}.key-task-files`, minutes.storedName), '%PDF-1.4 纪要改过');
    const copyOf = (stored: string) =>
      path.join(`${file}.attachments`, path.relative(storageRoot(ctx.config), stored));
    writeFileSync(copyOf(altered.file), '%PDF-1.4 改过');
    rmSync(copyOf(missing.file));

    const restore = await gongkai('restore', file);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain('附件校验失败：3 个附件缺失或内容不符');
    expect(restore.stderr).toContain(
      `重点工作文件 被改动的纪要.pdf（${minutes.storedName}）：内容与数据库记录的 SHA-256 不符`,
    );
    expect(restore.stderr).toContain(
      `附件 被改动的附件.pdf（${altered.storedName}）：内容与数据库记录的 SHA-256 不符`,
    );
    expect(restore.stderr).toContain(`附件 丢失的附件.pdf（${missing.storedName}）：文件缺失`);
  });

  it('queues normative expiry reminders once from the command line', async () => {
    const agency = await makeAgency(ctx);
    const editor = await makeUser(ctx, { grants: [{ agencyId: agency.id, role: 'editor' }] });
    await setUserEmail(ctx, systemActor('test'), editor.id, { email: 'cli.editor@example.gov.cn' });
    // Valid for five years from this date: expires about 90 days from today (the CLI runs on real time).
    const start = new Date(Date.now() + 91 * 86_400_000);
    start.setUTCFullYear(start.getUTCFullYear() - 5);
    const item = await makeItem(ctx, agency.id, { title: '示范区命令行测试管理办法' });
    await ctx.db.transaction().execute((trx) =>
      registerNormative(trx, ctx, {
        ...item,
        registration_number: 'SFQC-0001',
        effective_from: start.toISOString().slice(0, 10),
      }),
    );
    const first = await gongkai('duty', 'normative-remind');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('已加入发送队列 1 封');
    expect((await gongkai('duty', 'normative-remind')).stdout).toContain('已加入发送队列 0 封');
    const queued = await ctx.db.selectFrom('outbox').select('to_address').execute();
    expect(queued.map((q) => q.to_address)).toEqual(['cli.editor@example.gov.cn']);
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

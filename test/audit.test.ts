import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/core/errors';
import { bypassAppendOnly } from '../src/db/dialect';
import { createUser } from '../src/modules/accounts';
import { recordAuditAlone, systemActor, verifyAuditChain } from '../src/modules/audit';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

const actor = systemActor('test');

describe.each(testDatabases())('audit log on %s (security.md T15)', (kind) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(kind);
    for (let i = 0; i < 6; i++)
      await recordAuditAlone(ctx, actor, { action: 'test.event', objectId: `o${i}` });
  });
  afterAll(() => ctx.close());

  const verify = () => verifyAuditChain(ctx.db, ctx.keys.audit);

  it('verifies an untouched log', async () => {
    expect(await verify()).toEqual({ rows: 6, problem: null });
  });

  it('refuses UPDATE and DELETE through the application connection', async () => {
    await expect(
      ctx.db.updateTable('audit_log').set({ actor_name: 'x' }).where('seq', '=', 1).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(ctx.db.deleteFrom('audit_log').where('seq', '=', 1).execute()).rejects.toThrow(
      /append-only/,
    );
    expect((await verify()).problem).toBeNull();
  });

  it('keeps a valid chain when many writers append at once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordAuditAlone(ctx, actor, { action: 'test.parallel', objectId: `p${i}` }),
      ),
    );
    expect(await verify()).toEqual({ rows: 26, problem: null });
  });

  it('names the edited row when a field is changed behind the triggers', async () => {
    await bypassAppendOnly(ctx.db, 'audit_log', async () => {
      await ctx.db.updateTable('audit_log').set({ actor_name: 'mallory' }).where('seq', '=', 4).execute();
    });
    expect((await verify()).problem).toEqual({ kind: 'edited', seq: 4 });
    await bypassAppendOnly(ctx.db, 'audit_log', async () => {
      await ctx.db.updateTable('audit_log').set({ actor_name: 'test' }).where('seq', '=', 4).execute();
    });
    expect((await verify()).problem).toBeNull();
  });

  it('names a deleted row as missing', async () => {
    const row = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', 3)
      .executeTakeFirstOrThrow();
    await bypassAppendOnly(ctx.db, 'audit_log', () =>
      ctx.db
        .deleteFrom('audit_log')
        .where('seq', '=', 3)
        .execute()
        .then(() => {}),
    );
    expect((await verify()).problem).toEqual({ kind: 'missing', fromSeq: 3, toSeq: 3 });
    await ctx.db
      .insertInto('audit_log')
      .values({ ...row, seq: Number(row.seq) })
      .execute();
    expect((await verify()).problem).toBeNull();
  });

  it('fails the action, and changes nothing, when the audit record cannot be written', async () => {
    const before = await ctx.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    await sql`ALTER TABLE audit_log RENAME TO audit_log_away`.execute(ctx.db);
    try {
      const error = await createUser(ctx, actor, { username: 'never.stored', displayName: '不应写入' }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(503);
    } finally {
      await sql`ALTER TABLE audit_log_away RENAME TO audit_log`.execute(ctx.db);
    }
    const after = await ctx.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/core/errors';
import {
  assignRoles,
  changeOwnPassword,
  GENERIC_LOGIN_ERROR,
  loginWithPassword,
  logout,
  resolveSession,
  setUserDisabled,
  verifySecondFactor,
} from '../src/modules/accounts';
import { totpCodeAt } from '../src/modules/accounts/totp';
import type { Actor } from '../src/modules/audit';
import { currentCode, makeAgency, makeUser, TEST_PASSWORD, TEST_TOTP_SECRET } from './helpers/factories';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

let ipCounter = 0;
const actorFrom = (ip = `10.1.0.${++ipCounter}`): Actor => ({
  userId: null,
  name: null,
  role: null,
  ip,
  requestId: 'r',
});

async function fullLogin(ctx: TestContext, username: string, actor = actorFrom()) {
  const step1 = await loginWithPassword(ctx, actor, username, TEST_PASSWORD);
  const p = await resolveSession(ctx, step1.session.token);
  ctx.clock.advanceMinutes(0.5);
  const session = await verifySecondFactor(ctx, actor, p?.userId ?? '', step1.session.id, currentCode(ctx));
  return session;
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe.each(testDatabases())('accounts on %s', (kind) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(kind);
  });
  afterAll(() => ctx.close());

  it('answers an unknown user and a wrong password identically', async () => {
    const user = await makeUser(ctx);
    const unknown = await errorOf(loginWithPassword(ctx, actorFrom(), 'nobody-here', 'Whatever1!'));
    const wrong = await errorOf(loginWithPassword(ctx, actorFrom(), user.username, 'Wrong-pass1'));
    expect([unknown.code, unknown.message]).toEqual(['unauthenticated', GENERIC_LOGIN_ERROR]);
    expect([wrong.code, wrong.message]).toEqual([unknown.code, unknown.message]);
  });

  it('locks after five failures, refuses even the right password for 30 minutes, then accepts it', async () => {
    const user = await makeUser(ctx);
    for (let i = 0; i < 5; i++)
      await errorOf(loginWithPassword(ctx, actorFrom(), user.username, 'Wrong-pass1'));
    const locked = await errorOf(loginWithPassword(ctx, actorFrom(), user.username, TEST_PASSWORD));
    expect(locked.code).toBe('forbidden');
    ctx.clock.advanceMinutes(29);
    expect((await errorOf(loginWithPassword(ctx, actorFrom(), user.username, TEST_PASSWORD))).code).toBe(
      'forbidden',
    );
    ctx.clock.advanceMinutes(2);
    const ok = await loginWithPassword(ctx, actorFrom(), user.username, TEST_PASSWORD);
    expect(ok.next).toBe('verify');
    const events = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', user.id)
      .execute();
    expect(events.map((e) => e.action)).toContain('auth.locked');
  });

  it('throttles one IP after 50 failures an hour across accounts (password spraying)', async () => {
    const ip = '10.9.9.9';
    for (let i = 0; i < 50; i++)
      await errorOf(loginWithPassword(ctx, actorFrom(ip), `spray${i}`, 'Spring2026!'));
    const user = await makeUser(ctx);
    const throttled = await errorOf(loginWithPassword(ctx, actorFrom(ip), user.username, TEST_PASSWORD));
    expect(throttled.code).toBe('rate_limited');
    ctx.clock.advanceMinutes(61);
    expect((await loginWithPassword(ctx, actorFrom(ip), user.username, TEST_PASSWORD)).next).toBe('verify');
  });

  it('gives a password-only session no second-factor status, and a new token once the code passes', async () => {
    const user = await makeUser(ctx);
    const step1 = await loginWithPassword(ctx, actorFrom(), user.username, TEST_PASSWORD);
    expect((await resolveSession(ctx, step1.session.token))?.mfaPassed).toBe(false);
    ctx.clock.advanceMinutes(0.5);
    const session = await verifySecondFactor(ctx, actorFrom(), user.id, step1.session.id, currentCode(ctx));
    expect(session.token).not.toBe(step1.session.token);
    expect(await resolveSession(ctx, step1.session.token)).toBeNull();
    expect((await resolveSession(ctx, session.token))?.mfaPassed).toBe(true);
  });

  it('never accepts the same TOTP code twice', async () => {
    const user = await makeUser(ctx);
    ctx.clock.advanceMinutes(1);
    const code = totpCodeAt(TEST_TOTP_SECRET, ctx.clock.now());
    const a = await loginWithPassword(ctx, actorFrom(), user.username, TEST_PASSWORD);
    await verifySecondFactor(ctx, actorFrom(), user.id, a.session.id, code);
    const b = await loginWithPassword(ctx, actorFrom(), user.username, TEST_PASSWORD);
    const replay = await errorOf(verifySecondFactor(ctx, actorFrom(), user.id, b.session.id, code));
    expect(replay.code).toBe('validation');
  });

  it('locks the account after five wrong second-factor codes', async () => {
    const user = await makeUser(ctx);
    const a = await loginWithPassword(ctx, actorFrom(), user.username, TEST_PASSWORD);
    for (let i = 0; i < 5; i++)
      await errorOf(verifySecondFactor(ctx, actorFrom(), user.id, a.session.id, '000000'));
    const row = await ctx.db
      .selectFrom('users')
      .select('locked_until')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.locked_until).not.toBeNull();
  });

  it('ends a session after 15 idle minutes and after 8 hours in any case', async () => {
    const user = await makeUser(ctx);
    const s = await fullLogin(ctx, user.username);
    ctx.clock.advanceMinutes(14);
    expect(await resolveSession(ctx, s.token)).not.toBeNull();
    ctx.clock.advanceMinutes(15.1);
    expect(await resolveSession(ctx, s.token)).toBeNull();

    const t = await fullLogin(ctx, user.username);
    for (let i = 0; i < 8 * 6; i++) {
      ctx.clock.advanceMinutes(10);
      if (i < 8 * 6 - 1) expect(await resolveSession(ctx, t.token)).not.toBeNull();
    }
    expect(await resolveSession(ctx, t.token)).toBeNull();
  });

  it('ends the session at logout, and every session of the user at password change and at disable', async () => {
    const admin = await makeUser(ctx, { adminRole: 'system' });
    const leaving = await makeUser(ctx);
    const s1 = await fullLogin(ctx, leaving.username);
    await logout(ctx, actorFrom(), (await resolveSession(ctx, s1.token))?.sessionId ?? '');
    expect(await resolveSession(ctx, s1.token)).toBeNull();

    const changing = await makeUser(ctx);
    const s2 = await fullLogin(ctx, changing.username);
    await changeOwnPassword(ctx, actorFrom(), changing.id, {
      currentPassword: TEST_PASSWORD,
      newPassword: 'N3w-Secure-pass',
      confirmPassword: 'N3w-Secure-pass',
    });
    expect(await resolveSession(ctx, s2.token)).toBeNull();

    const disabled = await makeUser(ctx);
    const s3 = await fullLogin(ctx, disabled.username);
    await setUserDisabled(ctx, { ...actorFrom(), userId: admin.id }, disabled.id, true);
    expect(await resolveSession(ctx, s3.token)).toBeNull();
  });

  it('keeps the three administrators apart in the service and in the database', async () => {
    const agency = await makeAgency(ctx);
    const target = await makeUser(ctx);
    const security = await makeUser(ctx, { adminRole: 'security' });
    const mixed = await errorOf(
      assignRoles(ctx, { ...actorFrom(), userId: security.id }, target.id, {
        adminRole: 'audit',
        grants: [{ agencyId: agency.id, role: 'editor' }],
      }),
    );
    expect(mixed.code).toBe('validation');
    const self = await errorOf(
      assignRoles(ctx, { ...actorFrom(), userId: security.id }, security.id, {
        adminRole: 'system',
        grants: [],
      }),
    );
    expect(self.code).toBe('forbidden');
    // One column holds the administrator role, and its CHECK refuses anything but one of the three.
    await expect(
      sql`UPDATE users SET admin_role = 'system,audit' WHERE id = ${target.id}`.execute(ctx.db),
    ).rejects.toThrow();
  });

  it('forces a change of an initial or 90-day-old password', async () => {
    const user = await makeUser(ctx);
    const s = await fullLogin(ctx, user.username);
    expect((await resolveSession(ctx, s.token))?.passwordExpired).toBe(false);
    ctx.clock.advanceMinutes(90 * 24 * 60);
    const again = await fullLogin(ctx, user.username);
    expect((await resolveSession(ctx, again.token))?.passwordExpired).toBe(true);
  });
});

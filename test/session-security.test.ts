import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/core/errors';
import {
  assignRoles,
  completeEnrolment,
  loginWithPassword,
  pendingEnrolmentSecret,
  resetSecondFactor,
  resolveSession,
  unlockUser,
  verifySecondFactor,
} from '../src/modules/accounts';
import { totpCodeAt } from '../src/modules/accounts/totp';
import type { Actor } from '../src/modules/audit';
import { currentCode, makeAgency, makeUser, TEST_PASSWORD } from './helpers/factories';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// The parts of security.md T8 (lockout counters, unlock), T9 (token strength, one session per account,
// rotation on a privilege change) and T10 (recovery codes hashed, second-factor reset audited) that
// test/accounts.test.ts and test/http-auth.test.ts do not already show.

let ipCounter = 0;
const from = (ip = `10.77.0.${++ipCounter}`): Actor => ({
  userId: null,
  name: null,
  role: null,
  ip,
  requestId: 'r',
});
const admin = (userId: string): Actor => ({
  userId,
  name: 'secadmin',
  role: 'security',
  ip: '10.0.0.1',
  requestId: 'r',
});

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'accepted';
}

describe.each(testDatabases())('sessions, lockout and the second factor on %s', (kind) => {
  let ctx: TestContext;
  const auditActions = async (objectId: string) =>
    (
      await ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('object_id', '=', objectId)
        .orderBy('seq')
        .execute()
    ).map((e) => e.action);
  async function signIn(username: string, userId: string, actor = from()) {
    const step1 = await loginWithPassword(ctx, actor, username, TEST_PASSWORD);
    ctx.clock.advanceMinutes(0.5); // a fresh TOTP step: a code is never accepted twice
    return verifySecondFactor(ctx, actor, userId, step1.session.id, currentCode(ctx));
  }

  beforeAll(async () => {
    ctx = await createTestContext(kind);
  });
  afterAll(() => ctx.close());

  it('resets the account counter at a success, but not the address counter', async () => {
    const user = await makeUser(ctx);
    const ip = '10.78.0.1';
    for (let i = 0; i < 4; i++) await refusal(loginWithPassword(ctx, from(ip), user.username, 'Wrong-pass1'));
    expect((await loginWithPassword(ctx, from(ip), user.username, TEST_PASSWORD)).next).toBe('verify');
    // Four more failures: with the account counter reset, the account is not locked...
    for (let i = 0; i < 4; i++) await refusal(loginWithPassword(ctx, from(ip), user.username, 'Wrong-pass1'));
    expect((await loginWithPassword(ctx, from(ip), user.username, TEST_PASSWORD)).next).toBe('verify');
    // ...while the address keeps counting its failures across accounts: 8 so far, 42 more reach 50.
    for (let i = 0; i < 42; i++) await refusal(loginWithPassword(ctx, from(ip), `nobody${i}`, 'Wrong-pass1'));
    expect(await refusal(loginWithPassword(ctx, from(ip), user.username, TEST_PASSWORD))).toBe(
      'rate_limited',
    );
    expect((await loginWithPassword(ctx, from(), user.username, TEST_PASSWORD)).next).toBe('verify');
  });

  it('lets an administrator lift a lockout, and audits the lock and the unlock', async () => {
    const user = await makeUser(ctx);
    const secadmin = await makeUser(ctx, { adminRole: 'security' });
    for (let i = 0; i < 5; i++) await refusal(loginWithPassword(ctx, from(), user.username, 'Wrong-pass1'));
    expect(await refusal(loginWithPassword(ctx, from(), user.username, TEST_PASSWORD))).toBe('forbidden');
    await unlockUser(ctx, admin(secadmin.id), user.id);
    expect((await loginWithPassword(ctx, from(), user.username, TEST_PASSWORD)).next).toBe('verify');
    const actions = await auditActions(user.id);
    expect(actions.indexOf('auth.locked')).toBeGreaterThanOrEqual(0);
    expect(actions.indexOf('user.unlocked')).toBeGreaterThan(actions.indexOf('auth.locked'));
  });

  it('issues session tokens of at least 128 random bits, stored only as their hash', async () => {
    const user = await makeUser(ctx);
    const tokens = new Set<string>();
    for (let i = 0; i < 3; i++)
      tokens.add((await loginWithPassword(ctx, from(), user.username, TEST_PASSWORD)).session.token);
    expect(tokens.size).toBe(3);
    for (const token of tokens)
      expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    const stored = (
      await ctx.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()
    ).map((s) => s.id);
    for (const token of tokens) expect(stored).not.toContain(token);
  });

  it('ends the first back-office session when the same account signs in again', async () => {
    const user = await makeUser(ctx);
    const first = await signIn(user.username, user.id);
    expect((await resolveSession(ctx, first.token))?.mfaPassed).toBe(true);
    const second = await signIn(user.username, user.id);
    expect(await resolveSession(ctx, first.token)).toBeNull();
    expect((await resolveSession(ctx, second.token))?.mfaPassed).toBe(true);
  });

  it('ends the sessions of an account whose roles change', async () => {
    const agency = await makeAgency(ctx);
    const user = await makeUser(ctx, { grants: [{ agencyId: agency.id, role: 'editor' }] });
    const secadmin = await makeUser(ctx, { adminRole: 'security' });
    const session = await signIn(user.username, user.id);
    expect((await resolveSession(ctx, session.token))?.grants).toEqual([
      { agencyId: agency.id, role: 'editor' },
    ]);
    await assignRoles(ctx, admin(secadmin.id), user.id, {
      adminRole: null,
      grants: [{ agencyId: agency.id, role: 'reviewer3' }],
    });
    expect(await resolveSession(ctx, session.token)).toBeNull();
    const again = await signIn(user.username, user.id);
    expect((await resolveSession(ctx, again.token))?.grants).toEqual([
      { agencyId: agency.id, role: 'reviewer3' },
    ]);
    expect(await auditActions(user.id)).toContain('user.roles_changed');
  });

  it('stores recovery codes only as hashes, and audits enrolment and a second-factor reset', async () => {
    const user = await makeUser(ctx, { enrolled: false });
    const secadmin = await makeUser(ctx, { adminRole: 'security' });
    const step1 = await loginWithPassword(ctx, from(), user.username, TEST_PASSWORD);
    expect(step1.next).toBe('enroll');
    const secret = await pendingEnrolmentSecret(ctx, step1.session.id);
    const { session, recoveryCodes } = await completeEnrolment(
      ctx,
      from(),
      user.id,
      step1.session.id,
      totpCodeAt(secret, ctx.clock.now()),
    );
    expect(recoveryCodes).toHaveLength(10);
    const rows = await ctx.db
      .selectFrom('recovery_codes')
      .selectAll()
      .where('user_id', '=', user.id)
      .execute();
    expect(rows).toHaveLength(10);
    const dump = JSON.stringify(rows);
    for (const code of recoveryCodes) expect(dump).not.toContain(code);
    // The reset ends the account's sessions, and the next sign-in must enrol again (re-authentication).
    await resetSecondFactor(ctx, admin(secadmin.id), user.id);
    expect(await resolveSession(ctx, session.token)).toBeNull();
    expect((await loginWithPassword(ctx, from(), user.username, TEST_PASSWORD)).next).toBe('enroll');
    const actions = await auditActions(user.id);
    expect(actions).toContain('auth.mfa_enrolled');
    expect(actions.indexOf('user.mfa_reset')).toBeGreaterThan(actions.indexOf('auth.mfa_enrolled'));
  });
});

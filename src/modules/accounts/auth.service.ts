import { isoPlusMinutes } from '../../core/clock';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import { openText, randomToken, sealText, sha256Hex } from '../../core/secrets';
import type { UserTable } from '../../db/schema';
import { type Actor, auditedTransaction, recordAuditAlone } from '../audit';
import { verifyPassword } from './password-hash';
import { closeOtherSessions, closeSession, type NewSession, openSession } from './session.service';
import { acceptTotp, newTotpSecret } from './totp';
import { findUserByUsername, getUser } from './user.service';

// Back-office login (等保 8.1.4.1, security.md T8/T10): password, then a TOTP second factor.
// Unknown user and wrong password get the same message in the same time; N failures (password or code)
// lock the account; a per-IP limit throttles password spraying before lockouts pile up.

export const GENERIC_LOGIN_ERROR = '用户名或密码错误';

export interface PasswordStepResult {
  session: NewSession;
  next: 'enroll' | 'verify';
}

async function ipFailuresLastHour(ctx: Context, ip: string): Promise<number> {
  const since = new Date(ctx.clock.now().getTime() - 3_600_000).toISOString();
  const row = await ctx.db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('ip', '=', ip)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function isLocked(ctx: Context, user: UserTable): boolean {
  return user.locked_until !== null && new Date(user.locked_until).getTime() > ctx.clock.now().getTime();
}

/** Counts one failed attempt (password or second factor) against the IP and the account; may lock it. */
async function recordFailure(ctx: Context, actor: Actor, user: UserTable | undefined, reason: string) {
  const now = ctx.clock.now();
  await auditedTransaction(ctx, actor, async (trx) => {
    await trx
      .insertInto('login_failures')
      .values({ id: newId(), ip: actor.ip ?? '', at: now.toISOString() })
      .execute();
    const events = [
      {
        action: 'auth.login_failed',
        objectType: 'user',
        objectId: user?.id,
        outcome: 'failure' as const,
        details: { reason, username: user ? user.username : '(unknown)' },
      },
    ];
    if (user) {
      const failures = user.failed_logins + 1;
      const lock = failures >= ctx.config.lockout.threshold;
      await trx
        .updateTable('users')
        .set({
          failed_logins: lock ? 0 : failures,
          locked_until: lock ? isoPlusMinutes(now, ctx.config.lockout.minutes) : user.locked_until,
        })
        .where('id', '=', user.id)
        .execute();
      if (lock) {
        events.push({
          action: 'auth.locked',
          objectType: 'user',
          objectId: user.id,
          outcome: 'failure',
          details: { reason: `${failures} consecutive failures`, username: user.username },
        });
      }
    }
    return { result: undefined, audit: events };
  });
}

/** Step one: user name and password. Opens a password-only session that reaches no back-office page. */
export async function loginWithPassword(
  ctx: Context,
  actor: Actor,
  username: string,
  password: string,
): Promise<PasswordStepResult> {
  const ip = actor.ip ?? '';
  if ((await ipFailuresLastHour(ctx, ip)) >= ctx.config.lockout.ipFailuresPerHour) {
    await recordAuditAlone(ctx, actor, { action: 'auth.ip_throttled', outcome: 'failure', details: { ip } });
    throw new AppError('rate_limited', '登录失败次数过多，请稍后再试', { retryAfterSeconds: 3600 });
  }
  const user = username.length <= 64 ? await findUserByUsername(ctx.db, username) : undefined;
  const passwordOk = await verifyPassword(user?.password_hash ?? null, password.slice(0, 1024));
  if (user && isLocked(ctx, user)) {
    if (!passwordOk) await recordFailure(ctx, actor, user, 'locked');
    else
      await recordAuditAlone(ctx, actor, {
        action: 'auth.login_refused_locked',
        objectType: 'user',
        objectId: user.id,
        outcome: 'failure',
      });
    throw new AppError(
      'forbidden',
      passwordOk ? '账户因连续登录失败已被临时锁定，请稍后再试或联系系统管理员解锁' : GENERIC_LOGIN_ERROR,
    );
  }
  if (!user || !passwordOk || user.disabled) {
    await recordFailure(
      ctx,
      actor,
      user,
      !user ? 'unknown user' : user.disabled ? 'disabled' : 'wrong password',
    );
    throw new AppError('unauthenticated', GENERIC_LOGIN_ERROR);
  }
  const pending = user.totp_secret ? null : sealText(ctx.keys.secret, newTotpSecret());
  const session = await auditedTransaction(
    ctx,
    { ...actor, userId: user.id, name: user.username },
    async (trx) => {
      await trx
        .updateTable('users')
        .set({ failed_logins: 0, locked_until: null })
        .where('id', '=', user.id)
        .execute();
      const s = await openSession(ctx, trx, user.id, ip, { mfa: false, totpPending: pending });
      return { result: s, audit: { action: 'auth.password_ok', objectType: 'user', objectId: user.id } };
    },
  );
  return { session, next: user.totp_secret ? 'verify' : 'enroll' };
}

async function pendingSecretOf(ctx: Context, sessionId: string): Promise<string | null> {
  const row = await ctx.db
    .selectFrom('sessions')
    .select('totp_pending')
    .where('id', '=', sessionId)
    .executeTakeFirst();
  return row?.totp_pending ?? null;
}

/** Whether this password-only session belongs to a user who has yet to enrol a second factor. */
export async function needsEnrolment(ctx: Context, sessionId: string): Promise<boolean> {
  return (await pendingSecretOf(ctx, sessionId)) !== null;
}

/** The TOTP secret being enrolled in this password-only session. */
export async function pendingEnrolmentSecret(ctx: Context, sessionId: string): Promise<string> {
  const sealed = await pendingSecretOf(ctx, sessionId);
  if (!sealed) throw new AppError('conflict', '已绑定动态口令，请直接输入验证码');
  return openText(ctx.keys.secret, sealed);
}

async function passSecondFactor(
  ctx: Context,
  actor: Actor,
  user: UserTable,
  oldSessionId: string,
  changes: {
    totpSecret?: string;
    totpStep?: number;
    recoveryCodeId?: string;
    newRecoveryCodes?: string[];
  },
): Promise<NewSession> {
  return auditedTransaction(ctx, actor, async (trx) => {
    const now = ctx.clock.now().toISOString();
    await trx
      .updateTable('users')
      .set({
        failed_logins: 0,
        last_login_at: now,
        ...(changes.totpSecret ? { totp_secret: sealText(ctx.keys.secret, changes.totpSecret) } : {}),
        ...(changes.totpStep !== undefined ? { totp_last_step: changes.totpStep } : {}),
      })
      .where('id', '=', user.id)
      .execute();
    if (changes.recoveryCodeId) {
      await trx
        .updateTable('recovery_codes')
        .set({ used_at: now })
        .where('id', '=', changes.recoveryCodeId)
        .execute();
    }
    for (const code of changes.newRecoveryCodes ?? []) {
      await trx
        .insertInto('recovery_codes')
        .values({ id: newId(), user_id: user.id, code_hash: sha256Hex(code), used_at: null })
        .execute();
    }
    await closeSession(trx, oldSessionId);
    const session = await openSession(ctx, trx, user.id, actor.ip ?? '', { mfa: true });
    if (ctx.config.session.single) await closeOtherSessions(trx, user.id, session.id);
    const audit = [];
    if (changes.totpSecret)
      audit.push({ action: 'auth.mfa_enrolled', objectType: 'user', objectId: user.id });
    if (changes.recoveryCodeId)
      audit.push({ action: 'auth.recovery_code_used', objectType: 'user', objectId: user.id });
    audit.push({ action: 'auth.login', objectType: 'user', objectId: user.id });
    return { result: session, audit };
  });
}

function newRecoveryCodes(): string[] {
  return Array.from({ length: 10 }, () => {
    const raw = randomToken(8).replace(/[-_]/g, 'x').slice(0, 10).toLowerCase();
    return `${raw.slice(0, 5)}-${raw.slice(5, 10)}`;
  });
}

/** Completes enrolment with the first code from the app; returns the new session and the recovery codes. */
export async function completeEnrolment(
  ctx: Context,
  actor: Actor,
  userId: string,
  sessionId: string,
  code: string,
) {
  const user = await getUser(ctx, userId);
  const secret = await pendingEnrolmentSecret(ctx, sessionId);
  const step = acceptTotp(secret, code.trim(), ctx.clock.now(), null);
  if (step === null) {
    await recordFailure(ctx, actor, user, 'wrong enrolment code');
    throw new AppError('validation', '验证码不正确，请核对手机时间后重试', {
      fields: { code: '验证码不正确' },
    });
  }
  const recoveryCodes = newRecoveryCodes();
  const session = await passSecondFactor(ctx, actor, user, sessionId, {
    totpSecret: secret,
    totpStep: step,
    newRecoveryCodes: recoveryCodes,
  });
  return { session, recoveryCodes };
}

/** Step two: a TOTP code (never the same one twice) or an unused recovery code. */
export async function verifySecondFactor(
  ctx: Context,
  actor: Actor,
  userId: string,
  sessionId: string,
  code: string,
) {
  const user = await getUser(ctx, userId);
  if (!user.totp_secret) throw new AppError('conflict', '尚未绑定动态口令');
  if (isLocked(ctx, user))
    throw new AppError('forbidden', '账户因连续验证失败已被临时锁定，请稍后再试或联系系统管理员解锁');
  const trimmed = code.trim().toLowerCase();
  if (/^[a-z0-9]{5}-[a-z0-9]{5}$/.test(trimmed)) {
    const recovery = await ctx.db
      .selectFrom('recovery_codes')
      .select('id')
      .where('user_id', '=', user.id)
      .where('code_hash', '=', sha256Hex(trimmed))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (recovery) return passSecondFactor(ctx, actor, user, sessionId, { recoveryCodeId: recovery.id });
  } else {
    const step = acceptTotp(
      openText(ctx.keys.secret, user.totp_secret),
      trimmed,
      ctx.clock.now(),
      user.totp_last_step === null ? null : Number(user.totp_last_step),
    );
    if (step !== null) return passSecondFactor(ctx, actor, user, sessionId, { totpStep: step });
  }
  await recordFailure(ctx, actor, user, 'wrong second factor');
  throw new AppError('validation', '验证码不正确或已使用', { fields: { code: '验证码不正确或已使用' } });
}

/** Logout: ends this session and records it. */
export async function logout(ctx: Context, actor: Actor, sessionId: string): Promise<void> {
  await auditedTransaction(ctx, actor, async (trx) => {
    await closeSession(trx, sessionId);
    return {
      result: undefined,
      audit: { action: 'auth.logout', objectType: 'user', objectId: actor.userId ?? undefined },
    };
  });
}

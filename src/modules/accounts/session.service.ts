import type { Kysely } from 'kysely';
import { isoPlusMinutes } from '../../core/clock';
import type { Context } from '../../core/context';
import { randomToken, sha256Hex } from '../../core/secrets';
import type { DB } from '../../db/schema';
import { type AdminRole, type Principal, primaryRoleOf } from './roles';
import { grantsOf } from './user.service';

// Server-side sessions (等保 8.1.4.1 b, ASVS 7.x, security.md T9): 256-bit random tokens, stored only as
// SHA-256 digests; idle and absolute limits; a new token at login and when the second factor passes.

// last_seen_at is written at most this often, so reading pages does not turn into a write per request.
const TOUCH_EVERY_MS = 30_000;

export interface NewSession {
  token: string;
  id: string;
}

/** Opens a session for a user after the password step; `mfa` marks the second factor as passed. */
export async function openSession(
  ctx: Context,
  trx: Kysely<DB>,
  userId: string,
  ip: string,
  options: { mfa: boolean; totpPending?: string | null },
): Promise<NewSession> {
  const token = randomToken(32);
  const id = sha256Hex(token);
  const now = ctx.clock.now();
  await trx
    .insertInto('sessions')
    .values({
      id,
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: isoPlusMinutes(now, ctx.config.session.absoluteHours * 60),
      mfa_at: options.mfa ? now.toISOString() : null,
      totp_pending: options.totpPending ?? null,
      ip,
    })
    .execute();
  return { token, id };
}

/** Ends one session (logout). */
export async function closeSession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of a user except, optionally, one (single-session policy, security.md §1.5). */
export async function closeOtherSessions(trx: Kysely<DB>, userId: string, keepId: string): Promise<void> {
  await trx.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepId).execute();
}

/**
 * Resolves a cookie token to the signed-in principal, or null when the session is unknown, idle too long,
 * past its absolute limit, or its account is disabled. Expired sessions are deleted on sight.
 */
export async function resolveSession(ctx: Context, token: string | undefined): Promise<Principal | null> {
  if (!token || token.length > 100) return null;
  const id = sha256Hex(token);
  const row = await ctx.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sessionId',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.mfa_at',
      'users.id as userId',
      'users.username',
      'users.display_name',
      'users.admin_role',
      'users.disabled',
      'users.password_changed_at',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const now = ctx.clock.now();
  const idleLimit = new Date(row.last_seen_at).getTime() + ctx.config.session.idleMinutes * 60_000;
  if (row.disabled || now.getTime() >= new Date(row.expires_at).getTime() || now.getTime() >= idleLimit) {
    await closeSession(ctx.db, id);
    return null;
  }
  if (now.getTime() - new Date(row.last_seen_at).getTime() >= TOUCH_EVERY_MS) {
    await ctx.db
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
  }
  return {
    userId: row.userId,
    username: row.username,
    displayName: row.display_name,
    adminRole: row.admin_role as AdminRole | null,
    grants: await grantsOf(ctx.db, row.userId),
    sessionId: id,
    mfaPassed: row.mfa_at !== null,
    passwordExpired: isPasswordExpired(ctx, row.password_changed_at),
  };
}

/** A back-office password must be changed when it is an initial one or older than the maximum age. */
export function isPasswordExpired(ctx: Pick<Context, 'clock' | 'config'>, changedAt: string | null): boolean {
  if (changedAt === null) return true;
  const maxAgeMs = ctx.config.passwordMaxAgeDays * 86_400_000;
  return ctx.clock.now().getTime() - new Date(changedAt).getTime() >= maxAgeMs;
}

/** The audit actor for a principal acting from an address. */
export function actorOf(p: Principal, ip: string, requestId: string) {
  return { userId: p.userId, name: p.username, role: primaryRoleOf(p), ip, requestId };
}

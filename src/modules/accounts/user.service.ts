import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import { randomToken } from '../../core/secrets';
import { parseInput } from '../../core/validation';
import type { DB, UserTable } from '../../db/schema';
import { type Actor, auditedTransaction } from '../audit';
import { hashPassword, verifyPassword } from './password-hash';
import { checkPasswordPolicy } from './password-policy';
import { adminRoles, type RoleGrant } from './roles';

const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9._-]{2,31}$/, '用户名须为 3–32 位字母、数字、点、下划线或连字符，以字母开头');

export const newUserSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1, '请填写姓名').max(40, '姓名不超过 40 字'),
  adminRole: z.enum(adminRoles).optional(),
});

/** A random initial password that satisfies the policy; the user must change it at first login. */
export function generateInitialPassword(): string {
  return `Gk-${randomToken(12)}9a`;
}

export interface CreatedUser {
  user: UserTable;
  initialPassword: string;
}

/**
 * Creates an account with a random one-time password (ASVS 6.4.1). The system administrator creates
 * accounts; roles are granted separately by the security administrator (三权分立). The CLI may also pass
 * an administrator role when making the first administrators of an installation.
 */
export async function createUser(
  ctx: Context,
  actor: Actor,
  raw: unknown,
  options: { password?: string; passwordIsFinal?: boolean } = {},
): Promise<CreatedUser> {
  const input = parseInput(newUserSchema, raw);
  const password = options.password ?? generateInitialPassword();
  const problem = checkPasswordPolicy(password, input.username);
  if (problem) throw new AppError('validation', problem, { fields: { password: problem } });
  const existing = await findUserByUsername(ctx.db, input.username);
  if (existing) throw new AppError('validation', '用户名已存在', { fields: { username: '用户名已存在' } });
  const now = ctx.clock.now().toISOString();
  const user: UserTable = {
    id: newId(),
    username: input.username,
    display_name: input.displayName,
    password_hash: await hashPassword(password),
    password_changed_at: options.passwordIsFinal ? now : null,
    admin_role: input.adminRole ?? null,
    totp_secret: null,
    totp_last_step: null,
    failed_logins: 0,
    locked_until: null,
    disabled: 0,
    last_login_at: null,
    email: null,
    created_at: now,
    updated_at: now,
  };
  await auditedTransaction(ctx, actor, async (trx) => {
    await trx.insertInto('users').values(user).execute();
    return {
      result: undefined,
      audit: {
        action: 'user.created',
        objectType: 'user',
        objectId: user.id,
        details: { username: user.username, adminRole: user.admin_role },
      },
    };
  });
  return { user, initialPassword: password };
}

/** Looks an account up by user name, case-folded. */
export function findUserByUsername(db: Kysely<DB>, username: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username.trim().toLowerCase())
    .executeTakeFirst();
}

/** One account, or 404. */
export async function getUser(ctx: Context, id: string): Promise<UserTable> {
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!user) throw new AppError('not_found', '用户不存在');
  return user;
}

/** Role grants of one account. */
export async function grantsOf(db: Kysely<DB>, userId: string): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom('user_roles')
    .select(['agency_id', 'role'])
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => ({ agencyId: r.agency_id, role: r.role }));
}

/** Every account with its grants, for the administrators' lists. Never includes secrets. */
export async function listUsers(ctx: Context) {
  const users = await ctx.db
    .selectFrom('users')
    .select([
      'id',
      'username',
      'display_name',
      'admin_role',
      'disabled',
      'locked_until',
      'last_login_at',
      'email',
      'totp_secret',
    ])
    .orderBy('username')
    .execute();
  const grants = await ctx.db.selectFrom('user_roles').select(['user_id', 'agency_id', 'role']).execute();
  return users.map(({ totp_secret, ...u }) => ({
    ...u,
    mfaEnrolled: totp_secret !== null,
    grants: grants.filter((g) => g.user_id === u.id).map((g) => ({ agencyId: g.agency_id, role: g.role })),
  }));
}

/** Ends every session of a user (password change, disable, role change). */
export async function endSessions(trx: Kysely<DB>, userId: string) {
  await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Disables or re-enables an account; disabling ends all its sessions (ASVS 7.4.2). */
export async function setUserDisabled(ctx: Context, actor: Actor, userId: string, disabled: boolean) {
  const user = await getUser(ctx, userId);
  if (user.id === actor.userId) throw new AppError('conflict', '不能停用自己的账户');
  await auditedTransaction(ctx, actor, async (trx) => {
    await trx
      .updateTable('users')
      .set({ disabled: disabled ? 1 : 0, updated_at: ctx.clock.now().toISOString() })
      .where('id', '=', userId)
      .execute();
    if (disabled) await endSessions(trx, userId);
    return {
      result: undefined,
      audit: { action: disabled ? 'user.disabled' : 'user.enabled', objectType: 'user', objectId: userId },
    };
  });
}

/** Lifts a lockout before it expires (security.md §1.6: an administrator can unlock). */
export async function unlockUser(ctx: Context, actor: Actor, userId: string) {
  await getUser(ctx, userId);
  await auditedTransaction(ctx, actor, async (trx) => {
    await trx
      .updateTable('users')
      .set({ locked_until: null, failed_logins: 0 })
      .where('id', '=', userId)
      .execute();
    return { result: undefined, audit: { action: 'user.unlocked', objectType: 'user', objectId: userId } };
  });
}

// 三权分立 (security.md T13): whoever resets the security or audit administrator's credentials could sign
// in as them, so only the same role may; a lost one is replaced on the server (`gongkai admin create`).
function refuseCredentialTakeover(actor: Actor, user: UserTable): void {
  if ((user.admin_role === 'security' || user.admin_role === 'audit') && actor.role !== user.admin_role)
    throw new AppError(
      'forbidden',
      '安全管理员、审计管理员的密码和动态口令不能由其他管理员重置；请在服务器上用 gongkai admin create 另建账户并停用原账户',
    );
}

/** Gives the account a new one-time password and ends its sessions; the second factor is kept. */
export async function resetPassword(ctx: Context, actor: Actor, userId: string): Promise<string> {
  const user = await getUser(ctx, userId);
  refuseCredentialTakeover(actor, user);
  const password = generateInitialPassword();
  const hash = await hashPassword(password);
  await auditedTransaction(ctx, actor, async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, password_changed_at: null, updated_at: ctx.clock.now().toISOString() })
      .where('id', '=', user.id)
      .execute();
    await endSessions(trx, user.id);
    return {
      result: undefined,
      audit: { action: 'user.password_reset', objectType: 'user', objectId: user.id },
    };
  });
  return password;
}

/** Clears the second factor so the user enrols again at next login; ends their sessions. */
export async function resetSecondFactor(ctx: Context, actor: Actor, userId: string) {
  refuseCredentialTakeover(actor, await getUser(ctx, userId));
  await auditedTransaction(ctx, actor, async (trx) => {
    await trx
      .updateTable('users')
      .set({ totp_secret: null, totp_last_step: null })
      .where('id', '=', userId)
      .execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    await endSessions(trx, userId);
    return { result: undefined, audit: { action: 'user.mfa_reset', objectType: 'user', objectId: userId } };
  });
}

const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, '请输入当前密码'),
    newPassword: z.string().min(1, '请输入新密码'),
    confirmPassword: z.string().min(1, '请再次输入新密码'),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: '两次输入的新密码不一致',
  });

/** The user changes their own password; all their sessions end and they sign in again. */
export async function changeOwnPassword(ctx: Context, actor: Actor, userId: string, raw: unknown) {
  const input = parseInput(passwordChangeSchema, raw);
  const user = await getUser(ctx, userId);
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('validation', '当前密码不正确', { fields: { currentPassword: '当前密码不正确' } });
  }
  const problem = checkPasswordPolicy(input.newPassword, user.username);
  if (problem) throw new AppError('validation', problem, { fields: { newPassword: problem } });
  if (await verifyPassword(user.password_hash, input.newPassword)) {
    throw new AppError('validation', '新密码不能与当前密码相同', {
      fields: { newPassword: '新密码不能与当前密码相同' },
    });
  }
  const hash = await hashPassword(input.newPassword);
  await auditedTransaction(ctx, actor, async (trx) => {
    const now = ctx.clock.now().toISOString();
    await trx
      .updateTable('users')
      .set({ password_hash: hash, password_changed_at: now, updated_at: now })
      .where('id', '=', userId)
      .execute();
    await endSessions(trx, userId);
    return {
      result: undefined,
      audit: { action: 'user.password_changed', objectType: 'user', objectId: userId },
    };
  });
}

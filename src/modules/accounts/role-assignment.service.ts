import { z } from 'zod';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import { type Actor, auditedTransaction } from '../audit';
import { type AdminRole, adminRoles, type BusinessRole, businessRoles } from './roles';
import { endSessions, getUser, grantsOf } from './user.service';

// Role assignment (安全管理员 only, 等保 8.1.4.2 e and 8.1.5.3): what an account may do, per agency.

const grantSchema = z.object({
  agencyId: z.string().min(1),
  role: z.enum(businessRoles, { message: '未知角色' }),
});
const roleAssignmentSchema = z.object({
  adminRole: z.enum(adminRoles).nullable(),
  grants: z.array(grantSchema).max(50, '角色过多'),
});

/**
 * Replaces an account's roles (安全管理员 only, 等保 8.1.4.2 e). An administrator role excludes every
 * business role, and nobody changes their own roles.
 */
export async function assignRoles(ctx: Context, actor: Actor, userId: string, raw: unknown) {
  const input = parseInput(roleAssignmentSchema, raw);
  if (userId === actor.userId) throw new AppError('forbidden', '不能修改自己的角色');
  const user = await getUser(ctx, userId);
  if (input.adminRole && input.grants.length > 0) {
    const message = '管理员（系统、安全、审计）不能同时担任业务角色';
    throw new AppError('validation', message, { fields: { adminRole: message } });
  }
  const agencyIds = [...new Set(input.grants.map((g) => g.agencyId))];
  if (agencyIds.length > 0) {
    const found = await ctx.db
      .selectFrom('agencies')
      .select(['id', 'kind'])
      .where('id', 'in', agencyIds)
      .execute();
    if (found.length !== agencyIds.length)
      throw new AppError('validation', '所选机构不存在', { fields: { grants: '所选机构不存在' } });
    const supervisorOutsideDistrict = input.grants.some(
      (g) => g.role === 'supervisor' && found.find((a) => a.id === g.agencyId)?.kind !== 'district',
    );
    if (supervisorOutsideDistrict) {
      const message = '区政府办监管角色只能授予区级机构';
      throw new AppError('validation', message, { fields: { grants: message } });
    }
  }
  const before = await grantsOf(ctx.db, userId);
  await auditedTransaction(ctx, actor, async (trx) => {
    const now = ctx.clock.now().toISOString();
    await trx
      .updateTable('users')
      .set({ admin_role: input.adminRole, updated_at: now })
      .where('id', '=', userId)
      .execute();
    await trx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
    const unique = new Map(input.grants.map((g) => [`${g.agencyId}:${g.role}`, g]));
    for (const g of unique.values()) {
      await trx
        .insertInto('user_roles')
        .values({ user_id: userId, agency_id: g.agencyId, role: g.role as BusinessRole, created_at: now })
        .execute();
    }
    // A privilege change ends the sessions of the account changed (security.md T9: rotate on privilege change).
    await endSessions(trx, userId);
    return {
      result: undefined,
      audit: {
        action: 'user.roles_changed',
        objectType: 'user',
        objectId: userId,
        details: {
          before: { adminRole: user.admin_role, grants: before },
          after: { adminRole: input.adminRole as AdminRole | null, grants: [...unique.values()] },
        },
      },
    };
  });
}

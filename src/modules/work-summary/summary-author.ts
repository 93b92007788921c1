import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { type BusinessRole, findUserByUsername, type Principal } from '../accounts';

// The CLI has no session: `report summary --draft --as USERNAME` names the editor whose draft it is.
// The draft is theirs as if they had made it in the back office (created_by, 审查单, audit actor).

/** The named enabled user as a principal with their business grants. */
export async function authorPrincipal(ctx: Context, username: string): Promise<Principal> {
  const user = await findUserByUsername(ctx.db, username);
  if (!user || user.disabled) throw new AppError('not_found', `用户 ${username} 不存在或已停用`);
  const grants = await ctx.db
    .selectFrom('user_roles')
    .select(['agency_id', 'role'])
    .where('user_id', '=', user.id)
    .execute();
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    adminRole: user.admin_role,
    grants: grants.map((g) => ({ agencyId: g.agency_id, role: g.role as BusinessRole })),
    sessionId: 'cli',
    mfaPassed: true,
    passwordExpired: false,
  };
}

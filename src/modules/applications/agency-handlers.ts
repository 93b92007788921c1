import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

// Who may be given a case or a letter to handle: the same roles as case-access.ts `handle` (信息员 and
// 公开办), for 依申请公开 cases and 部门信箱 letters alike.

/** The members of an agency's staff who may handle its cases and letters (信息员, 公开办), enabled only. */
export async function agencyHandlers(
  db: Kysely<DB>,
  agencyId: string,
): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.display_name as name'])
    .where('user_roles.agency_id', '=', agencyId)
    .where('user_roles.role', 'in', ['editor', 'reviewer2'])
    .where('users.disabled', '=', 0)
    .distinct()
    .execute();
}

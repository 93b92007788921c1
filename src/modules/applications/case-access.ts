import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors';
import type { DB } from '../../db/schema';
import type { Application } from '../../db/schema-applications';
import type { BusinessRole, Principal } from '../accounts';

// Who may do what with a case. The agency's information officers (信息员) and its disclosure office
// (公开保密办, the 复审 role) handle cases; only the disclosure office approves an extension (条例
// Art. 33: "政府信息公开工作机构负责人同意"), signs a decision and sees applicants' data unmasked. The
// district supervisor reads every agency's cases, masked. Another agency's case does not exist (404).

export type CaseNeed = 'view' | 'handle' | 'approve';

const rolesFor: Record<CaseNeed, readonly BusinessRole[]> = {
  view: ['editor', 'reviewer1', 'reviewer2', 'reviewer3', 'supervisor'],
  handle: ['editor', 'reviewer2'],
  approve: ['reviewer2'],
};

/** Whether the principal holds one of the roles a need calls for, in the given agency. */
export function mayOnCase(principal: Principal, agencyId: string, need: CaseNeed): boolean {
  if (need === 'view' && principal.grants.some((g) => g.role === 'supervisor')) return true;
  return principal.grants.some((g) => g.agencyId === agencyId && rolesFor[need].includes(g.role));
}

/** The agencies whose cases the principal may handle (for the registration form and the queue). */
export function handlingAgencies(principal: Principal): string[] {
  return [
    ...new Set(principal.grants.filter((g) => rolesFor.handle.includes(g.role)).map((g) => g.agencyId)),
  ];
}

/** Loads a case the principal may act on; 404 for a case of an agency they cannot see, 403 for a role. */
export async function caseFor(
  db: Kysely<DB>,
  principal: Principal,
  id: string,
  need: CaseNeed,
): Promise<Application> {
  const row = await db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !mayOnCase(principal, row.agency_id, 'view')) throw new AppError('not_found', '申请不存在');
  if (!mayOnCase(principal, row.agency_id, need)) {
    throw new AppError(
      'forbidden',
      need === 'approve' ? '此操作须由政府信息公开工作机构负责人（复审角色）办理' : '您无权办理此申请',
    );
  }
  return row;
}

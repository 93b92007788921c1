import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors';
import type { DB } from '../../db/schema';
import type { MailboxLetter } from '../../db/schema-mailbox';
import type { BusinessRole, Principal } from '../accounts';

// Who may do what with a letter. The agency's information officers (信息员, editor) and its disclosure
// office (reviewer2) handle letters; any of its reviewers approves a reply (never the drafter: four
// eyes); the district supervisor reads every agency's letters. Another agency's letter does not exist.

export type LetterNeed = 'view' | 'handle' | 'review';

const rolesFor: Record<LetterNeed, readonly BusinessRole[]> = {
  view: ['editor', 'reviewer1', 'reviewer2', 'reviewer3', 'supervisor'],
  handle: ['editor', 'reviewer2'],
  review: ['reviewer1', 'reviewer2', 'reviewer3'],
};

/** Whether the principal holds a role the need calls for in the agency (supervisors view all). */
export function mayOnLetter(principal: Principal, agencyId: string, need: LetterNeed): boolean {
  if (need === 'view' && principal.grants.some((g) => g.role === 'supervisor')) return true;
  return principal.grants.some((g) => g.agencyId === agencyId && rolesFor[need].includes(g.role));
}

/** The agencies whose letters the principal may see in the queue; 'all' for the district supervisor. */
export function visibleAgencies(principal: Principal): string[] | 'all' {
  if (principal.grants.some((g) => g.role === 'supervisor')) return 'all';
  return [...new Set(principal.grants.map((g) => g.agencyId))];
}

/** Loads a letter the principal may act on: 404 for another agency's, 403 for a missing role. */
export async function letterFor(
  db: Kysely<DB>,
  principal: Principal,
  id: string,
  need: LetterNeed,
): Promise<MailboxLetter> {
  const row = await db.selectFrom('mailbox_letters').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !mayOnLetter(principal, row.agency_id, 'view')) throw new AppError('not_found', '来信不存在');
  if (!mayOnLetter(principal, row.agency_id, need))
    throw new AppError('forbidden', need === 'review' ? '答复须由本单位审核人员审核' : '您无权办理此来信');
  return row;
}

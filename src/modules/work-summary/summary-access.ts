import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { type Principal, seesAllAgencies } from '../accounts';

// Who sees an agency's drafted summary: its editors and reviewers (信息员 and the three review levels),
// and the district supervisor for every agency. Only an editor creates the draft item, because only an
// editor may edit and submit it (review-machine.ts), and a reviewer who drafted it could not review it.

const SUMMARY_ROLES = new Set(['editor', 'reviewer1', 'reviewer2', 'reviewer3']);

/** The enabled agencies whose summary the principal may see, by code. */
export async function summaryAgencyChoices(ctx: Context, p: Principal) {
  const all = seesAllAgencies(p);
  const own = [...new Set(p.grants.filter((g) => SUMMARY_ROLES.has(g.role)).map((g) => g.agencyId))];
  if (!all && own.length === 0) return [];
  let q = ctx.db.selectFrom('agencies').select(['id', 'name', 'kind']).where('enabled', '=', 1);
  if (!all) q = q.where('id', 'in', own);
  return q.orderBy('kind').orderBy('code').execute();
}

/** Throws 404 unless the principal may see the agency's summary (another agency's record → 404). */
export async function assertSummaryAccess(ctx: Context, p: Principal, agencyId: string): Promise<void> {
  const choices = await summaryAgencyChoices(ctx, p);
  if (!choices.some((a) => a.id === agencyId)) throw new AppError('not_found', '机构不存在');
}

/** Whether the principal may create the agency's summary draft. */
export function mayDraftSummary(p: Principal, agencyId: string): boolean {
  return p.grants.some((g) => g.agencyId === agencyId && g.role === 'editor');
}

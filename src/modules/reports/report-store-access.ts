import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { type Principal, seesAllAgencies } from '../accounts';

// Who sees and who changes an agency's annual report in the back office (issue 7 "Approve"): the
// agency's editors draft, edit and submit it; its review chain (reviewer1–3) reads it and approves the
// 年报 item; the district supervisor reads every agency's. Another agency's report is not found (404).

const REPORT_ROLES = new Set(['editor', 'reviewer1', 'reviewer2', 'reviewer3']);

export interface ReportAgency {
  id: string;
  name: string;
  kind: 'district' | 'department';
  parent_id: string | null;
}

/** The enabled agencies whose reports the principal may see, the district first. */
export async function reportAgencyChoices(ctx: Context, p: Principal): Promise<ReportAgency[]> {
  const all = seesAllAgencies(p);
  const own = [...new Set(p.grants.filter((g) => REPORT_ROLES.has(g.role)).map((g) => g.agencyId))];
  if (!all && own.length === 0) return [];
  let q = ctx.db.selectFrom('agencies').select(['id', 'name', 'kind', 'parent_id']).where('enabled', '=', 1);
  if (!all) q = q.where('id', 'in', own);
  return q.orderBy('kind').orderBy('code').execute();
}

/** The agency when the principal may see its reports; otherwise not found (never "forbidden"). */
export async function reportAgencyFor(ctx: Context, p: Principal, agencyId: string): Promise<ReportAgency> {
  const found = (await reportAgencyChoices(ctx, p)).find((a) => a.id === agencyId);
  if (!found) throw new AppError('not_found', '机构不存在');
  return found;
}

/** Whether the principal drafts the agency's report (generate, edit, import, submit): its editors. */
export function mayEditReport(p: Principal, agencyId: string): boolean {
  return p.grants.some((g) => g.agencyId === agencyId && g.role === 'editor');
}

/** Refuses a change by anyone but the agency's editors. */
export function assertReportEditor(p: Principal, agencyId: string): void {
  if (!mayEditReport(p, agencyId))
    throw new AppError('forbidden', '只有本单位信息员可以起草、修改和报审年度报告');
}

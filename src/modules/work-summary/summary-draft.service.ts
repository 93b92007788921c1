import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import type { DB, Item } from '../../db/schema';
import type { Principal } from '../accounts';
import { type Actor, recordAuditAlone } from '../audit';
import { createDraft } from '../documents';
import { mayDraftSummary } from './summary-access';
import type { WorkSummaryFigures } from './summary-figures';
import { gatherSummaryFigures } from './summary-queries';
import { type ComposedSummary, composeWorkSummary, summaryBodyHtml } from './summary-text';

// The work summary becomes an ordinary disclosure item: a draft made by the documents module's drafting
// service, so the officer edits it, sets its status, and it goes through the agency's 三审 and publishing
// like any item. It goes in the standard column 规划计划 (slug `plans`, "发展规划、年度计划与总结",
// standard-columns.ts), where portals keep 计划总结; an agency without it may have its own 计划总结 column.

const SUMMARY_COLUMN_SLUG = 'plans';
const SUMMARY_COLUMN_NAMES = ['规划计划', '计划总结', '工作总结'];
const OPEN_STATUSES = ['draft', 'in_review', 'approved'] as const;

export const summaryRequestSchema = z.object({
  agencyId: z.string().trim().min(1, '请选择机构').max(64, '机构无效'),
  year: z.coerce
    .number({ error: '年度应为四位数字' })
    .int('年度应为四位数字')
    .min(2008, '年度应在 2008 年（条例施行）之后')
    .max(2100, '年度无效'),
});
export type SummaryRequest = z.input<typeof summaryRequestSchema>;

export interface DraftedSummary {
  figures: WorkSummaryFigures;
  summary: ComposedSummary;
}

/** The figures and the drafted text, without creating anything (CLI print, back-office preview). */
export async function draftWorkSummary(ctx: Context, raw: SummaryRequest): Promise<DraftedSummary> {
  const { agencyId, year } = parseInput(summaryRequestSchema, raw);
  const figures = await gatherSummaryFigures(ctx, agencyId, year);
  return { figures, summary: composeWorkSummary(figures) };
}

/** The column the agency's work summary goes in, or null when the agency has none that fits. */
export async function summaryColumnOf(db: Kysely<DB>, agencyId: string) {
  const columns = await db
    .selectFrom('columns')
    .select(['id', 'slug', 'name'])
    .where('agency_id', '=', agencyId)
    .execute();
  return (
    columns.find((c) => c.slug === SUMMARY_COLUMN_SLUG) ??
    columns.find((c) => SUMMARY_COLUMN_NAMES.includes(c.name)) ??
    null
  );
}

/**
 * The agency's summary for the year that is still open (draft, in review, approved) or already
 * published, found by its title in the summary column — the title the officer keeps ("…2023年…工作总结").
 */
export async function existingSummaryOf(db: Kysely<DB>, agencyId: string, year: number) {
  const column = await summaryColumnOf(db, agencyId);
  if (!column) return null;
  const found = await db
    .selectFrom('items')
    .select(['id', 'title', 'status'])
    .where('agency_id', '=', agencyId)
    .where('column_id', '=', column.id)
    .where('title', 'like', `%${year}年%工作总结%`)
    .where('status', 'in', [...OPEN_STATUSES, 'published'])
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return found ?? null;
}

/** Why a second summary is refused, naming the existing one and where to find it. */
export function duplicateMessage(existing: { id: string; title: string; status: string }): string {
  const where = `/admin/items/${existing.id}`;
  if (existing.status === 'published')
    return `《${existing.title}》已发布，如需修改请在 ${where} 发起更正，不再另起草稿`;
  return `《${existing.title}》尚未发布（${where}），请在原稿上修改，不再另起草稿`;
}

/** Creates the summary as a draft item of the agency (editors only: they edit and submit it). */
export async function createSummaryDraft(
  ctx: Context,
  principal: Principal,
  actor: Actor,
  raw: SummaryRequest,
): Promise<Item> {
  const { agencyId, year } = parseInput(summaryRequestSchema, raw);
  if (!mayDraftSummary(principal, agencyId))
    throw new AppError('forbidden', '只有本单位信息员可以起草工作总结（草稿须由信息员修改后报审）');
  const column = await summaryColumnOf(ctx.db, agencyId);
  if (!column)
    throw new AppError('validation', '本单位没有“规划计划”栏目，请系统管理员先开设该栏目', {
      fields: { agencyId: '本单位没有“规划计划”栏目' },
    });
  const existing = await existingSummaryOf(ctx.db, agencyId, year);
  if (existing) throw new AppError('conflict', duplicateMessage(existing));
  const { summary } = await draftWorkSummary(ctx, { agencyId, year });
  const item = await createDraft(ctx, principal, actor, {
    columnId: column.id,
    title: summary.title,
    bodyHtml: summaryBodyHtml(summary),
    genre: '报告',
    keywords: '政务公开,工作总结',
    summary: `${year}年政务公开工作开展情况、存在问题和下一步工作考虑`,
    visibility: 'public',
    disclosure: 'proactive',
  });
  // Beside item.drafted: which year's figures the draft was made from, for the audit viewer.
  await recordAuditAlone(ctx, actor, {
    action: 'work_summary.drafted',
    objectType: 'item',
    objectId: item.id,
    agencyId,
    details: { year },
  });
  return item;
}

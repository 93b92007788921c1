import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import { parseInput } from '../../core/validation';
import type { DB } from '../../db/schema';
import type { AnnualReportRow, AnnualReportStatus } from '../../db/schema-reports';
import type { Principal } from '../accounts';
import { type Actor, auditedTransaction, recordAudit } from '../audit';
import { buildAnnualReport } from './report-build.service';
import { type AnnualReport, annualReportSchema } from './report-schema';
import { type ReportAgency, reportAgencyChoices, reportAgencyFor } from './report-store-access';

// The stored annual reports (annual_reports, migration 0013): one per agency and year, the interchange
// JSON as text. A report is changed only as a draft; once submitted its status follows its 年报 item
// through the 三审 (in review → approved → published; returned → draft again, the narrative kept).

export const reportStatusLabels: Record<AnnualReportStatus, string> = {
  draft: '草稿',
  in_review: '审核中',
  approved: '已签发',
  published: '已发布',
};

export interface StoredReport {
  row: AnnualReportRow;
  report: AnnualReport;
  agency: ReportAgency;
}

export const reportYearSchema = z.coerce
  .number({ error: '年度应为四位数字' })
  .int('年度应为四位数字')
  .min(2008, '年度应在 2008 年（条例施行）之后')
  .max(2100, '年度无效');

const itemStatusToReport: Record<string, AnnualReportStatus> = {
  draft: 'draft', // returned by a reviewer: the officer edits and submits again
  in_review: 'in_review',
  approved: 'approved',
  published: 'published',
  withdrawn: 'draft', // taken down: to be corrected and submitted again
};

// The review runs on the item; the report follows it as the system, the reviewers' own acts being audited there.
const systemReviewActor: Actor = {
  userId: null,
  name: '三审流程',
  role: 'system',
  ip: null,
  requestId: null,
};

/**
 * Moves a report's status with its 年报 item, inside the transaction that moves the item (the documents
 * module tells its listeners); audited as the review flow's doing.
 */
export async function followItemStatus(
  trx: Kysely<DB>,
  ctx: Context,
  item: { id: string; agency_id: string },
  itemStatus: string,
): Promise<void> {
  const status = itemStatusToReport[itemStatus];
  if (!status) return;
  const row = await trx
    .selectFrom('annual_reports')
    .select(['id', 'status', 'year'])
    .where('item_id', '=', item.id)
    .executeTakeFirst();
  if (!row || row.status === status) return;
  await trx.updateTable('annual_reports').set({ status }).where('id', '=', row.id).execute();
  await recordAudit(trx, ctx, systemReviewActor, {
    action: 'report.status_followed',
    objectType: 'annual_report',
    objectId: row.id,
    agencyId: item.agency_id,
    details: { year: Number(row.year), before: row.status, after: status, itemId: item.id },
  });
}

/** The parsed report of a stored row. */
export function reportOfRow(row: AnnualReportRow): AnnualReport {
  return annualReportSchema.parse(JSON.parse(row.data));
}

/** Every stored report the principal may see, newest year first. */
export async function listStoredReports(ctx: Context, p: Principal) {
  const agencies = await reportAgencyChoices(ctx, p);
  if (agencies.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('annual_reports')
    .selectAll()
    .where(
      'agency_id',
      'in',
      agencies.map((a) => a.id),
    )
    .orderBy('year', 'desc')
    .orderBy('agency_id')
    .execute();
  return rows.map((row) => ({
    row,
    agency: agencies.find((a) => a.id === row.agency_id) as ReportAgency,
  }));
}

/** One stored report the principal may see (another agency's: not found). */
export async function loadStoredReport(ctx: Context, p: Principal, id: string): Promise<StoredReport> {
  const found = await ctx.db.selectFrom('annual_reports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!found) throw new AppError('not_found', '年度报告不存在');
  const agency = await reportAgencyFor(ctx, p, found.agency_id);
  return { row: found, report: reportOfRow(found), agency };
}

/** The agency's stored report of a year, if any. */
export function storedReportOf(db: Kysely<DB>, agencyId: string, year: number) {
  return db
    .selectFrom('annual_reports')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .executeTakeFirst();
}

/** Last year's stored report of the agency (for S1, S3 and the comparison), or null. */
export async function previousReportOf(db: Kysely<DB>, agencyId: string, year: number) {
  const row = await storedReportOf(db, agencyId, year - 1);
  return row ? reportOfRow(row) : null;
}

/** Refuses a change to a report that is not a draft, saying why and what to do instead. */
export function assertDraft(row: Pick<AnnualReportRow, 'status'>): void {
  if (row.status === 'draft') return;
  const why: Record<Exclude<AnnualReportStatus, 'draft'>, string> = {
    in_review: '年度报告正在审核中，不能修改；如需修改，请审核人员退回后再改',
    approved: '年度报告已签发，不能修改',
    published: '年度报告已发布，不能修改；如需更正，请在信息管理中对已发布的年报发起更正',
  };
  throw new AppError('conflict', why[row.status]);
}

/** Stores a report as the agency's draft of its year: a new row, or the existing draft replaced. */
export async function saveDraftReport(
  ctx: Context,
  actor: Actor,
  agencyId: string,
  report: AnnualReport,
  action: string,
  details: Record<string, unknown> = {},
): Promise<string> {
  const existing = await storedReportOf(ctx.db, agencyId, report.year);
  if (existing) assertDraft(existing);
  const now = ctx.clock.now().toISOString();
  const by = actor.name ?? '未知';
  const data = JSON.stringify(report);
  return auditedTransaction(ctx, actor, async (trx) => {
    const id = existing?.id ?? newId();
    if (existing) {
      const r = await trx
        .updateTable('annual_reports')
        .set({ data, updated_by: by, updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new AppError('conflict', '年度报告已报审，不能修改');
    } else {
      const row = {
        id,
        agency_id: agencyId,
        year: report.year,
        status: 'draft' as const,
        data,
        item_id: null,
      };
      await trx
        .insertInto('annual_reports')
        .values({ ...row, created_by: by, created_at: now, updated_by: by, updated_at: now })
        .execute();
    }
    return {
      result: id,
      audit: {
        action,
        objectType: 'annual_report',
        objectId: id,
        agencyId,
        details: { year: report.year, ...details },
      },
    };
  });
}

const generateSchema = z.object({
  agencyId: z.string().trim().min(1, '请选择机构').max(64, '机构无效'),
  year: reportYearSchema,
});

/**
 * 生成: builds the agency's report from the records and stores it as a draft; a draft built again gets
 * fresh tables and keeps the narrative the officer has written (sections 一, 五, 六).
 */
export async function generateStoredReport(ctx: Context, actor: Actor, raw: unknown): Promise<string> {
  const { agencyId, year } = parseInput(generateSchema, raw);
  const built = await buildAnnualReport(ctx, agencyId, year);
  const existing = await storedReportOf(ctx.db, agencyId, year);
  const kept = existing ? reportOfRow(existing).narrative : null;
  const narrative = kept
    ? {
        overview: kept.overview || built.narrative.overview,
        problems: kept.problems || built.narrative.problems,
        other: kept.other || built.narrative.other,
      }
    : built.narrative;
  return saveDraftReport(ctx, actor, agencyId, { ...built, narrative }, 'report.generated', {
    regenerated: Boolean(existing),
  });
}

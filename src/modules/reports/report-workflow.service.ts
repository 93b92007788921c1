import type { Kysely } from 'kysely';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import type { DB, Item } from '../../db/schema';
import type { Principal } from '../accounts';
import { type Actor, auditedTransaction } from '../audit';
import {
  cleanText,
  createDraft,
  onItemStatusChange,
  registerSignOffCheck,
  sanitizeBody,
  submitForReview,
  updateDraft,
} from '../documents';
import { agenciesWithPublishedReport } from '../report-reminders';
import { checkAnnualReport, type ReportFinding } from './report-check';
import { renderAnnualReportHtml } from './report-html';
import { reportTitle } from './report-labels';
import type { AnnualReport } from './report-schema';
import {
  assertDraft,
  followItemStatus,
  previousReportOf,
  reportOfRow,
  type StoredReport,
} from './report-store.service';
import { assertReportEditor } from './report-store-access';

// Approval of the annual report (issue 7 "Approve, export, publish"; 条例 Art. 50 publication by 31 January,
// Art. 17 review before publication): the report becomes a 主动公开 item in the agency's 政府信息公开年报
// column whose body is the report in the national layout, and that item goes through the agency's 三审
// like any other. A report failing a hard identity (H1–H5) is neither submitted nor signed.

const REPORT_COLUMN_SLUG = 'annual-reports'; // standard-columns.ts, section `reports`
const REPORT_COLUMN_NAME = '政府信息公开年报';

/** The agency's 政府信息公开年报 column, or null. */
export async function reportColumnOf(db: Kysely<DB>, agencyId: string) {
  const columns = await db
    .selectFrom('columns')
    .select(['id', 'slug', 'name'])
    .where('agency_id', '=', agencyId)
    .execute();
  return (
    columns.find((c) => c.slug === REPORT_COLUMN_SLUG || c.slug === 'reports') ??
    columns.find((c) => c.name === REPORT_COLUMN_NAME) ??
    null
  );
}

/** The report as the 年报 item is written: each table focusable, since wide tables scroll on a phone (WCAG 2.1.1). */
function reportItemHtml(report: AnnualReport): string {
  return renderAnnualReportHtml(report, { heading: false }).replaceAll('<table', '<table tabindex="0"');
}

/** The body of the 年报 item: the report as sanitised HTML, exactly as the portal will show it. */
export function reportItemBody(report: AnnualReport): string {
  return sanitizeBody(cleanText(reportItemHtml(report)).text);
}

const listFindings = (errors: ReportFinding[]) =>
  errors
    .slice(0, 8)
    .map((e) => e.message)
    .join('；') + (errors.length > 8 ? `；等共 ${errors.length} 处` : '');

function itemFields(report: AnnualReport, columnId: string, today: string) {
  return {
    columnId,
    title: reportTitle(report.agency, report.year),
    bodyHtml: reportItemHtml(report),
    genre: '报告',
    issuer: report.agency,
    writtenOn: today,
    keywords: '政府信息公开,年度报告',
    summary: `${report.agency}${report.year}年政府信息公开工作年度报告（《中华人民共和国政府信息公开条例》第四十九条、第五十条）`,
    visibility: 'public',
    disclosure: 'proactive',
  };
}

// The 年报 item to submit: the report's draft item refreshed, or a new draft (first time, or the old one
// was withdrawn); linked to the report at once, so a failed submission leaves no orphan.
async function draftItemFor(ctx: Context, p: Principal, actor: Actor, stored: StoredReport): Promise<Item> {
  const column = await reportColumnOf(ctx.db, stored.row.agency_id);
  if (!column) throw new AppError('validation', '本单位没有“政府信息公开年报”栏目，请系统管理员先开设该栏目');
  const fields = itemFields(stored.report, column.id, chinaDay(ctx.clock.now()));
  const old = stored.row.item_id
    ? await ctx.db.selectFrom('items').selectAll().where('id', '=', stored.row.item_id).executeTakeFirst()
    : undefined;
  if (old?.status === 'draft') {
    await updateDraft(ctx, p, actor, old, fields);
    return ctx.db.selectFrom('items').selectAll().where('id', '=', old.id).executeTakeFirstOrThrow();
  }
  const item = await createDraft(ctx, p, actor, fields);
  await linkItem(ctx, actor, stored, item.id, 'draft');
  return item;
}

async function linkItem(
  ctx: Context,
  actor: Actor,
  stored: StoredReport,
  itemId: string,
  status: 'draft' | 'in_review',
) {
  await auditedTransaction(ctx, actor, async (trx) => {
    await trx
      .updateTable('annual_reports')
      .set({
        item_id: itemId,
        status,
        updated_by: actor.name ?? '未知',
        updated_at: ctx.clock.now().toISOString(),
      })
      .where('id', '=', stored.row.id)
      .execute();
    return {
      result: undefined,
      audit: {
        action: status === 'draft' ? 'report.item_drafted' : 'report.submitted',
        objectType: 'annual_report',
        objectId: stored.row.id,
        agencyId: stored.row.agency_id,
        details: { year: Number(stored.row.year), itemId },
      },
    };
  });
}

/** 提交审核: refuses while a hard check fails; otherwise drafts the 年报 item and submits it to the 三审. */
export async function submitStoredReport(
  ctx: Context,
  p: Principal,
  actor: Actor,
  stored: StoredReport,
): Promise<Item> {
  assertReportEditor(p, stored.row.agency_id);
  assertDraft(stored.row);
  const previous = await previousReportOf(ctx.db, stored.row.agency_id, Number(stored.row.year));
  const { errors } = checkAnnualReport(stored.report, previous);
  if (errors.length > 0)
    throw new AppError('validation', `年度报告未通过校验，不能报审：${listFindings(errors)}`);
  const item = await draftItemFor(ctx, p, actor, stored);
  await submitForReview(ctx, p, actor, item);
  await linkItem(ctx, actor, stored, item.id, 'in_review');
  return item;
}

// 终审 of a 年报 item (review.service.ts runs this before signing): the stored report is checked again,
// and the item's body must still be that report, not text changed beside it in the item editor.
async function checkReportSignOff(ctx: Context, item: Item): Promise<void> {
  const row = await ctx.db
    .selectFrom('annual_reports')
    .selectAll()
    .where('item_id', '=', item.id)
    .executeTakeFirst();
  if (!row) return;
  const report = reportOfRow(row);
  const previous = await previousReportOf(ctx.db, row.agency_id, Number(row.year));
  const { errors } = checkAnnualReport(report, previous);
  if (errors.length > 0)
    throw new AppError(
      'validation',
      `年度报告未通过校验（H1–H5），不能签发：${listFindings(errors)}。请退回修改。`,
    );
  if (item.body_html !== reportItemBody(report))
    throw new AppError(
      'validation',
      '年报正文与年度报告数据不一致（正文在信息管理中被直接修改过），不能签发。请退回，由信息员在“年度报告”页修改后重新报审。',
    );
}

registerSignOffCheck('annual-report', checkReportSignOff);
onItemStatusChange('annual-report', followItemStatus);

/** The district's departments whose report for the year is not yet published (the district page lists them). */
export async function departmentsNotPublished(ctx: Context, districtId: string, year: number) {
  const departments = await ctx.db
    .selectFrom('agencies')
    .select(['id', 'name'])
    .where('parent_id', '=', districtId)
    .where('enabled', '=', 1)
    .orderBy('code')
    .execute();
  const published = await agenciesWithPublishedReport(ctx.db, year);
  return departments.filter((d) => !published.has(d.id));
}

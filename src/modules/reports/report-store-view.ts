import type { Context } from '../../core/context';
import type { ReportFigure } from '../../db/schema-reports';
import type { Principal } from '../accounts';
import { checkAnnualReport, type ReportCheck } from './report-check';
import { listReportFigures } from './report-figures.service';
import { reportScope } from './report-queries';
import { previousReportOf, reportStatusLabels, type StoredReport } from './report-store.service';
import { mayEditReport } from './report-store-access';
import { departmentsNotPublished, reportItemBody } from './report-workflow.service';

// What the back-office report page shows besides the report itself: the checks against last year's stored
// report, the 年报 item, the entered figures with their sources, and for a district the departments whose
// report is not yet published. Gathered here so the route only reads input and renders.

export interface ReportPageFacts {
  statusLabel: string;
  html: string; // the report as the published page shows it (sanitised item body)
  check: ReportCheck;
  hasPrevious: boolean;
  editable: boolean; // the principal drafts this agency's report and it is a draft
  item: { id: string; title: string; status: string } | null;
  pendingDepartments: { id: string; name: string }[] | null; // a district's report only
  figures: ReportFigure[];
}

/** The facts of one report's page for this principal. */
export async function reportPageFacts(
  ctx: Context,
  p: Principal,
  stored: StoredReport,
): Promise<ReportPageFacts> {
  const { row, report } = stored;
  const year = Number(row.year);
  const previous = await previousReportOf(ctx.db, row.agency_id, year);
  const item = row.item_id
    ? await ctx.db
        .selectFrom('items')
        .select(['id', 'title', 'status'])
        .where('id', '=', row.item_id)
        .executeTakeFirst()
    : undefined;
  const { agencyIds } = await reportScope(ctx.db, row.agency_id);
  return {
    statusLabel: reportStatusLabels[row.status],
    html: reportItemBody(report),
    check: checkAnnualReport(report, previous),
    hasPrevious: previous !== null,
    editable: row.status === 'draft' && mayEditReport(p, row.agency_id),
    item: item ?? null,
    pendingDepartments:
      stored.agency.kind === 'district' ? await departmentsNotPublished(ctx, row.agency_id, year) : null,
    figures: await listReportFigures(ctx.db, agencyIds, year),
  };
}

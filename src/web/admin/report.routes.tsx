import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import {
  annualReportDocx,
  compareReports,
  generateStoredReport,
  importStoredReport,
  listStoredReports,
  loadStoredReport,
  mayEditReport,
  previousReportOf,
  reportAgencyChoices,
  reportAgencyFor,
  reportPageFacts,
  reportStatusLabels,
  reportTitle,
  type StoredReport,
  saveReportFigures,
  saveReportNarrative,
  submitStoredReport,
} from '../../modules/reports';
import { DOCX_TYPE, sendDownload } from '../http/download';
import { sendPage } from '../http/render';
import { actorFor, adminShell, formBody, formStateFrom, principalOf, staffGuard } from './guard';
import type { FormState } from './views/form';
import { ReportComparePage } from './views/report-compare-page';
import { ReportPage, type ReportPageView } from './views/report-page';
import { ReportListPage, type ReportListView } from './views/report-pages';

// 年度报告 in the back office (issue 7 "Generate", "Validate", "Approve, export, publish"): the list, generate
// and import, the report page with its checks and edit forms, 提交审核 into the agency's 三审, the Word and
// JSON downloads and the year-on-year comparison. Rules live in src/modules/reports; here only input,
// access (another agency's report → 404) and pages.

type IdParams = { Params: { id: string } };
const idParams = z.object({ id: z.string().min(1).max(64) });

const status = (error: AppError) =>
  ({ validation: 400, conflict: 409, forbidden: 403 })[error.code as 'validation'] ?? 400;

/** The back-office annual-report pages. */
export function registerReportRoutes(app: FastifyInstance, ctx: Context): void {
  const staff = staffGuard(ctx, 'business');
  const post = { preHandler: [app.csrfProtection, staff] };

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    forms: Pick<ReportListView, 'generate' | 'importState'> = {},
    code = 200,
  ) {
    const p = principalOf(request);
    const agencies = await reportAgencyChoices(ctx, p);
    if (agencies.length === 0)
      throw new AppError('forbidden', '只有各单位信息员、审核人员和区政府办监管可以查看年度报告');
    const rows = (await listStoredReports(ctx, p)).map(({ row, agency }) => ({
      id: row.id,
      agencyName: agency.name,
      year: Number(row.year),
      status: row.status,
      statusLabel: reportStatusLabels[row.status],
      updatedBy: row.updated_by,
      updatedAt: row.updated_at.slice(0, 10),
    }));
    const view: ReportListView = {
      rows,
      agencies,
      editable: agencies.filter((a) => mayEditReport(p, a.id)),
      defaultYear: Number(chinaDay(ctx.clock.now()).slice(0, 4)) - 1,
      ...forms,
    };
    return sendPage(reply, <ReportListPage {...adminShell(ctx, request, reply)} view={view} />, code);
  }

  async function reportPage(
    request: FastifyRequest,
    reply: FastifyReply,
    stored: StoredReport,
    extra: Partial<ReportPageView> = {},
    code = 200,
  ) {
    const facts = await reportPageFacts(ctx, principalOf(request), stored);
    const view: ReportPageView = { stored, ...facts, ...extra };
    return sendPage(reply, <ReportPage {...adminShell(ctx, request, reply)} view={view} />, code);
  }

  const load = (request: FastifyRequest) =>
    loadStoredReport(ctx, principalOf(request), parseInput(idParams, request.params).id);

  /** Only the agency's editors change a report; a reader gets 403 after the 404 check. */
  const editorOf = async (request: FastifyRequest, agencyId: string) => {
    const agency = await reportAgencyFor(ctx, principalOf(request), agencyId);
    if (!mayEditReport(principalOf(request), agency.id))
      throw new AppError('forbidden', '只有本单位信息员可以起草、修改和报审年度报告');
    return agency;
  };

  app.get('/admin/reports', { preHandler: staff }, (request, reply) => listPage(request, reply));

  app.post('/admin/reports', post, async (request, reply) => {
    const body = formBody(request);
    await editorOf(request, String(body.agencyId ?? ''));
    try {
      const id = await generateStoredReport(ctx, actorFor(request), body);
      return reply.redirect(`/admin/reports/${id}`, 303);
    } catch (error) {
      const state = formStateFrom(error, body);
      return listPage(request, reply, { generate: state }, status(error as AppError));
    }
  });

  app.post('/admin/reports/import', post, async (request, reply) => {
    const body = formBody(request);
    const agency = await editorOf(request, String(body.agencyId ?? ''));
    try {
      const { id, check } = await importStoredReport(ctx, actorFor(request), agency, body);
      const notice = `已导入并校验：${check.errors.length} 处错误，${check.warnings.length} 处提示`;
      return reportPage(request, reply, await loadStoredReport(ctx, principalOf(request), id), { notice });
    } catch (error) {
      const state = formStateFrom(error, body);
      return listPage(request, reply, { importState: state }, status(error as AppError));
    }
  });

  app.get<IdParams>('/admin/reports/:id', { preHandler: staff }, async (request, reply) =>
    reportPage(request, reply, await load(request)),
  );

  // A change: refused ones show the page again with the reason (and the form as typed).
  const change =
    (
      run: (stored: StoredReport, body: Record<string, unknown>, request: FastifyRequest) => Promise<unknown>,
      form?: 'narrative' | 'figureState',
    ) =>
    async (request: FastifyRequest<IdParams>, reply: FastifyReply) => {
      const stored = await load(request);
      const body = formBody(request);
      await editorOf(request, stored.row.agency_id);
      try {
        await run(stored, body, request);
        return reply.redirect(`/admin/reports/${stored.row.id}`, 303);
      } catch (error) {
        const state: FormState = formStateFrom(error, body);
        const now = await load(request);
        // A form is shown only on a draft; otherwise the reason goes beside the actions.
        const extra = form && now.row.status === 'draft' ? { [form]: state } : { actionError: state.message };
        return reportPage(request, reply, now, extra, status(error as AppError));
      }
    };

  app.post<IdParams>(
    '/admin/reports/:id/narrative',
    post,
    change((stored, body, r) => saveReportNarrative(ctx, actorFor(r), stored, body), 'narrative'),
  );
  app.post<IdParams>(
    '/admin/reports/:id/figures',
    post,
    change((stored, body, r) => saveReportFigures(ctx, actorFor(r), stored, body), 'figureState'),
  );
  app.post<IdParams>(
    '/admin/reports/:id/regenerate',
    post,
    change((stored, _b, r) =>
      generateStoredReport(ctx, actorFor(r), { agencyId: stored.row.agency_id, year: stored.row.year }),
    ),
  );
  app.post<IdParams>(
    '/admin/reports/:id/submit',
    post,
    change((stored, _b, r) => submitStoredReport(ctx, principalOf(r), actorFor(r), stored)),
  );

  app.get<IdParams>('/admin/reports/:id/report.docx', { preHandler: staff }, async (request, reply) => {
    const { report } = await load(request);
    const body = await annualReportDocx(report);
    return sendDownload(reply, {
      fileName: `${reportTitle(report.agency, report.year)}.docx`,
      type: DOCX_TYPE,
      body,
    });
  });

  app.get<IdParams>('/admin/reports/:id/report.json', { preHandler: staff }, async (request, reply) => {
    const { report } = await load(request);
    const body = Buffer.from(`${JSON.stringify(report, null, 2)}\n`, 'utf8');
    const fileName = `${reportTitle(report.agency, report.year)}.json`;
    return sendDownload(reply, { fileName, type: 'application/json; charset=utf-8', body });
  });

  app.get<IdParams>('/admin/reports/:id/compare', { preHandler: staff }, async (request, reply) => {
    const { row, report, agency } = await load(request);
    const previous = await previousReportOf(ctx.db, row.agency_id, Number(row.year));
    const view = {
      reportId: row.id,
      agencyName: agency.name,
      year: Number(row.year),
      hasPrevious: previous !== null,
      tables: compareReports(report, previous),
    };
    return sendPage(reply, <ReportComparePage {...adminShell(ctx, request, reply)} view={view} />);
  });
}

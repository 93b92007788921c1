import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { AppError, isAppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import { seesAllAgencies, visibleAgencyIds } from '../../modules/accounts';
import {
  acceptException,
  inspectionReport,
  listInspections,
  listTasks,
  presentTask,
  rectificationStats,
  renderReportDocx,
  reportCsvHeader,
  reportCsvRows,
  reportTitle,
  rescanTask,
  runInspection,
  summaryOf,
} from '../../modules/inspections';
import { DOCX_TYPE, sendDownload } from '../http/download';
import { sendPage } from '../http/render';
import { toCsvLine } from './csv';
import { actorFor, adminShell, formBody, principalOf, staffGuard } from './guard';
import { registerInspectionRuleRoutes } from './inspection-rules.routes';
import {
  InspectionListPage,
  InspectionReportPage,
  RectificationStatsPage,
  TaskListPage,
  type TaskListQuery,
} from './views/inspection-pages';

// 全站检查 and 整改 in the back office. Every business user sees the inspections and their own agencies'
// findings and tasks (the district supervisor: all); only the supervisor runs an inspection by hand;
// exceptions are for reviewers (the service decides).

const idParams = z.object({ id: z.string().min(1).max(64) });
const optional = (schema: z.ZodType<string>) =>
  z
    .union([schema, z.literal('')])
    .optional()
    .transform((v) => v || undefined);
const taskQuery = z.object({
  status: optional(z.enum(['open', 'closed', 'excepted'], { message: '状态无效' })),
  kind: optional(z.string().max(40)),
});
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const statsQuery = z.object({ from: optional(day), to: optional(day) });

// China dates (UTC+8) to stored UTC instants: [from 00:00, the day after `to` 00:00).
const CHINA_OFFSET_MS = 8 * 3_600_000;
const startOfChinaDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - CHINA_OFFSET_MS).toISOString();
const endOfChinaDay = (d: string) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000 - CHINA_OFFSET_MS).toISOString();

/** The inspection, report, export, task and statistics routes. */
export function registerInspectionRoutes(app: FastifyInstance, ctx: Context): void {
  const staff = staffGuard(ctx, 'business');
  registerInspectionRuleRoutes(app, ctx);

  async function renderTasks(
    request: FastifyRequest,
    reply: FastifyReply,
    query: TaskListQuery,
    notice?: { text: string; ok: boolean; status?: number },
  ) {
    const p = principalOf(request);
    const rows = await listTasks(ctx, p, { status: query.status as 'open' | undefined, kind: query.kind });
    const now = ctx.clock.now();
    return sendPage(
      reply,
      <TaskListPage
        {...adminShell(ctx, request, reply)}
        tasks={rows.map((t) => presentTask(t, p, now))}
        query={query}
        notice={notice?.text}
        ok={notice?.ok}
      />,
      notice?.status ?? 200,
    );
  }

  app.get('/admin/inspections', { preHandler: staff }, async (request, reply) => {
    const rows = (await listInspections(ctx)).filter((i) => i.finished_at);
    return sendPage(
      reply,
      <InspectionListPage
        {...adminShell(ctx, request, reply)}
        rows={rows.map((inspection) => ({ inspection, summary: summaryOf(inspection) }))}
        canRun={seesAllAgencies(principalOf(request))}
      />,
    );
  });

  app.post('/admin/inspections/run', { preHandler: [app.csrfProtection, staff] }, async (request, reply) => {
    if (!seesAllAgencies(principalOf(request)))
      throw new AppError('forbidden', '只有区政府办监管可以发起全站检查');
    const r = await runInspection(ctx, 'manual', { actor: actorFor(request) });
    return reply.redirect(`/admin/inspections/${r.inspection.id}`, 303);
  });

  app.get('/admin/inspections/:id', { preHandler: staff }, async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    const report = await inspectionReport(ctx, principalOf(request), id);
    return sendPage(reply, <InspectionReportPage {...adminShell(ctx, request, reply)} report={report} />);
  });

  app.get('/admin/inspections/:id/report.csv', { preHandler: staff }, async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    const report = await inspectionReport(ctx, principalOf(request), id);
    const lines = [reportCsvHeader, ...reportCsvRows(report)].map(toCsvLine).join('');
    return sendDownload(reply, {
      fileName: `${reportTitle(ctx.config.site.name, report)}.csv`,
      type: 'text/csv; charset=utf-8',
      body: Buffer.from(`\ufeff${lines}`, 'utf8'),
    });
  });

  app.get('/admin/inspections/:id/report.docx', { preHandler: staff }, async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    const report = await inspectionReport(ctx, principalOf(request), id);
    const body = await renderReportDocx(ctx.config.site.name, report);
    return sendDownload(reply, {
      fileName: `${reportTitle(ctx.config.site.name, report)}.docx`,
      type: DOCX_TYPE,
      body,
    });
  });

  app.get('/admin/rectifications', { preHandler: staff }, async (request, reply) => {
    const query = parseInput(taskQuery, request.query);
    return renderTasks(request, reply, { status: query.status ?? 'open', kind: query.kind });
  });

  app.post(
    '/admin/rectifications/:id/rescan',
    { preHandler: [app.csrfProtection, staff] },
    async (request, reply) => {
      const { id } = parseInput(idParams, request.params);
      const r = await rescanTask(ctx, principalOf(request), actorFor(request), id);
      const text = r.closed ? `复查通过，任务已办结：${r.task.message}` : `问题仍然存在：${r.stillFound}`;
      return renderTasks(request, reply, { status: 'open' }, { text, ok: r.closed });
    },
  );

  app.post(
    '/admin/rectifications/:id/exception',
    { preHandler: [app.csrfProtection, staff] },
    async (request, reply) => {
      const { id } = parseInput(idParams, request.params);
      try {
        const task = await acceptException(
          ctx,
          principalOf(request),
          actorFor(request),
          id,
          formBody(request),
        );
        return renderTasks(
          request,
          reply,
          { status: 'open' },
          { text: `已认定例外：${task.message}`, ok: true },
        );
      } catch (error) {
        if (!isAppError(error) || error.code !== 'validation') throw error;
        return renderTasks(
          request,
          reply,
          { status: 'open' },
          { text: error.message, ok: false, status: 400 },
        );
      }
    },
  );

  app.get('/admin/rectifications/stats', { preHandler: staff }, async (request, reply) => {
    const q = parseInput(statsQuery, request.query);
    const today = chinaDay(ctx.clock.now());
    const from = q.from ?? `${today.slice(0, 4)}-01-01`;
    const to = q.to ?? today;
    const stats = await rectificationStats(ctx, {
      agencyIds: visibleAgencyIds(principalOf(request)),
      from: startOfChinaDay(from),
      to: endOfChinaDay(to),
    });
    return sendPage(
      reply,
      <RectificationStatsPage {...adminShell(ctx, request, reply)} stats={stats} from={from} to={to} />,
    );
  });
}

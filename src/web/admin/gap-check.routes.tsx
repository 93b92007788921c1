import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Context } from '../../core/context';
import { isAppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import { seesAllAgencies, visibleAgencyIds } from '../../modules/accounts';
import { getGapReport, listGapReports, runGapCheckNow } from '../../modules/gap-check';
import { ownerChoices } from '../../modules/tasks';
import { sendPage } from '../http/render';
import { actorFor, adminShell, formBody, formStateFrom, principalOf, staffGuard } from './guard';
import { readableState } from './task-upload';
import type { FormState } from './views/form';
import { GapCheckListPage, GapReportPage } from './views/gap-check-pages';

// 查漏补缺 in the back office: the report history the viewer may see, run now (own agency; the
// supervisor any or all), and one report. Another agency's report is 404.

const idParams = z.object({ id: z.string().min(1).max(64) });
const listQuery = z.object({ agencyId: z.string().max(64).optional() });
const runForm = z.object({
  agencyId: z.string({ message: '请选择检查单位' }).min(1, '请选择检查单位').max(64),
});

/** The gap-check routes. */
export function registerGapCheckRoutes(app: FastifyInstance, ctx: Context): void {
  const staff = staffGuard(ctx, 'business');

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { state?: FormState; notice?: string; status?: number; agencyId?: string } = {},
  ) {
    const p = principalOf(request);
    const { agencies } = await ownerChoices(ctx.db);
    const visible = visibleAgencyIds(p);
    const page = (
      <GapCheckListPage
        {...adminShell(ctx, request, reply)}
        rows={await listGapReports(ctx, p, extra.agencyId)}
        filterAgencyId={extra.agencyId}
        agencies={visible === 'all' ? agencies : agencies.filter((a) => visible.includes(a.id))}
        canRunAll={seesAllAgencies(p)}
        state={extra.state}
        notice={extra.notice}
      />
    );
    return sendPage(reply, page, extra.status ?? 200);
  }

  app.get('/admin/gap-checks', { preHandler: staff }, async (request, reply) => {
    const { agencyId } = parseInput(listQuery, request.query);
    return renderList(request, reply, agencyId ? { agencyId } : {});
  });

  app.post('/admin/gap-checks/run', { preHandler: [app.csrfProtection, staff] }, async (request, reply) => {
    const body = formBody(request);
    try {
      const { agencyId } = parseInput(runForm, body);
      const reports = await runGapCheckNow(ctx, principalOf(request), actorFor(request), agencyId);
      if (reports.length === 1 && reports[0])
        return reply.redirect(`/admin/gap-checks/${reports[0].id}`, 303);
      return renderList(request, reply, { notice: `已为 ${reports.length} 个单位生成查漏补缺报告` });
    } catch (error) {
      return renderList(request, reply, {
        state: readableState(formStateFrom(error, body)),
        status: isAppError(error) ? error.status : 400,
      });
    }
  });

  app.get<{ Params: { id: string } }>(
    '/admin/gap-checks/:id',
    { preHandler: staff },
    async (request, reply) => {
      const { id } = parseInput(idParams, request.params);
      const r = await getGapReport(ctx, principalOf(request), id);
      const { sectionList, recipientList, ...report } = r;
      return sendPage(
        reply,
        <GapReportPage
          {...adminShell(ctx, request, reply)}
          report={report}
          sections={sectionList}
          recipients={recipientList}
        />,
      );
    },
  );
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { AppError, isAppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import {
  assertSummaryAccess,
  createSummaryDraft,
  draftWorkSummary,
  existingSummaryOf,
  mayDraftSummary,
  summaryAgencyChoices,
} from '../../modules/work-summary';
import { sendPage } from '../http/render';
import { actorFor, adminShell, formBody, principalOf, staffGuard } from './guard';
import { WorkSummaryPage } from './views/work-summary-page';

// The year's work summary (工作总结) in the back office: an agency's editors and reviewers (the district
// supervisor: every agency) read the text drafted from the records; an editor creates the draft item and
// goes on in the item editor, from where it takes the agency's 三审 like any item.

const pageQuery = z.object({
  agencyId: z.string().max(64).optional(),
  year: z.string().max(8).optional(),
});

/** The work-summary page and its draft action. */
export function registerWorkSummaryRoutes(app: FastifyInstance, ctx: Context): void {
  const staff = staffGuard(ctx, 'business');

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    query: { agencyId: string; year: string },
    notice?: { text: string; status: number },
  ) {
    const p = principalOf(request);
    const agencies = await summaryAgencyChoices(ctx, p);
    if (agencies.length === 0)
      throw new AppError('forbidden', '只有各单位信息员、审核人员和区政府办监管可以查看工作总结');
    const agencyId = query.agencyId || (agencies[0]?.id ?? '');
    const year = query.year || String(Number(chinaDay(ctx.clock.now()).slice(0, 4)) - 1);
    await assertSummaryAccess(ctx, p, agencyId);
    const drafted = await draftWorkSummary(ctx, { agencyId, year });
    return sendPage(
      reply,
      <WorkSummaryPage
        {...adminShell(ctx, request, reply)}
        agencies={agencies}
        query={{ agencyId, year }}
        drafted={drafted}
        existing={await existingSummaryOf(ctx.db, agencyId, drafted.figures.year)}
        mayDraft={mayDraftSummary(p, agencyId)}
        notice={notice?.text}
      />,
      notice?.status ?? 200,
    );
  }

  app.get('/admin/work-summary', { preHandler: staff }, async (request, reply) => {
    const q = parseInput(pageQuery, request.query);
    return render(request, reply, { agencyId: q.agencyId ?? '', year: q.year ?? '' });
  });

  app.post('/admin/work-summary', { preHandler: [app.csrfProtection, staff] }, async (request, reply) => {
    const body = formBody(request);
    const query = { agencyId: String(body.agencyId ?? ''), year: String(body.year ?? '') };
    const p = principalOf(request);
    await assertSummaryAccess(ctx, p, query.agencyId);
    try {
      const item = await createSummaryDraft(ctx, p, actorFor(request), query);
      return reply.redirect(`/admin/items/${item.id}/edit`, 303);
    } catch (error) {
      if (!isAppError(error) || !['conflict', 'validation'].includes(error.code)) throw error;
      return render(request, reply, query, {
        text: error.message,
        status: error.code === 'conflict' ? 409 : 400,
      });
    }
  });
}

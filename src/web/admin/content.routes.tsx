import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Context } from '../../core/context';
import { pageNumber, parseInput } from '../../core/validation';
import { listAgencies, visibleAgencyIds } from '../../modules/accounts';
import { caseQueue } from '../../modules/applications';
import { calendarYearMissing } from '../../modules/calendar';
import { countStaffItems, listStaffItems } from '../../modules/catalog';
import { latePublications, pendingReviewsFor } from '../../modules/documents';
import { policiesWithoutInterpretation } from '../../modules/interpretations';
import { expiringNormatives } from '../../modules/normative';
import { sendPage } from '../http/render';
import { adminShell, principalOf, staffGuard } from './guard';
import { DashboardPage, StaffItemsPage } from './views/content-pages';

// 信息管理 lists an agency's items 50 to a page, latest change first (an agency holds thousands).
const ITEMS_PER_PAGE = 50;
/** The dashboard's 最近更新. */
const RECENT_ITEMS = 10;
const itemsQuery = z.object({
  page: pageNumber(100_000),
});

/** The dashboard and the staff's view of their agencies' items (scoped: another agency's item is 404). */
export function registerContentRoutes(app: FastifyInstance, ctx: Context): void {
  const any = staffGuard(ctx, 'any');
  const business = staffGuard(ctx, 'business');

  app.get('/admin', { preHandler: any }, async (request, reply) => {
    const p = principalOf(request);
    const [agencies, items, counts, cases, missingYear] = await Promise.all([
      listAgencies(ctx),
      p.grants.length ? listStaffItems(ctx, p, { limit: RECENT_ITEMS, offset: 0 }) : [],
      p.grants.length ? countStaffItems(ctx, p) : { total: 0, drafts: 0 },
      p.grants.length ? caseQueue(ctx, p) : [],
      calendarYearMissing(ctx),
    ]);
    return sendPage(
      reply,
      <DashboardPage
        {...adminShell(ctx, request, reply)}
        agencies={agencies}
        items={items}
        counts={counts}
        cases={cases}
        missingYear={missingYear}
      />,
    );
  });

  app.get('/admin/items', { preHandler: business }, async (request, reply) => {
    const { page } = parseInput(itemsQuery, request.query);
    const p = principalOf(request);
    const scope = visibleAgencyIds(p);
    const [expiring, uninterpreted, late] = await Promise.all([
      expiringNormatives(ctx, scope),
      policiesWithoutInterpretation(ctx, scope),
      latePublications(ctx, scope),
    ]);
    const [agencies, items, pending] = await Promise.all([
      listAgencies(ctx),
      listStaffItems(ctx, p, { limit: ITEMS_PER_PAGE + 1, offset: (page - 1) * ITEMS_PER_PAGE }),
      pendingReviewsFor(ctx, p),
    ]);
    return sendPage(
      reply,
      <StaffItemsPage
        {...adminShell(ctx, request, reply)}
        agencies={agencies}
        items={items.slice(0, ITEMS_PER_PAGE)}
        page={page}
        hasMore={items.length > ITEMS_PER_PAGE}
        pending={pending}
        expiring={expiring}
        uninterpreted={uninterpreted.map((u) => ({
          id: u.id,
          title: u.title,
          note: u.overdue ? `解读应于 ${u.dueOn} 前发布，已逾期` : `解读应于 ${u.dueOn} 前发布`,
        }))}
        late={late.map((l) => ({
          id: l.id,
          title: l.title,
          note: `第 ${l.timeliness?.workingDays} 个工作日发布`,
        }))}
      />,
    );
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import {
  type AfterCalendarChange,
  calendarYearMissing,
  calendarYearRows,
  enterHolidayNotice,
  listCalendarOverrides,
  listCalendarVersions,
  loadCalendar,
  setCalendarDay,
} from '../../modules/calendar';
import { sendPage } from '../http/render';
import { actorFor, adminShell, formBody, formStateFrom, staffGuard } from './guard';
import { CalendarPage, type CalendarPageProps } from './views/calendar-page';

type PageState = Pick<CalendarPageProps, 'dayState' | 'noticeState' | 'saved'> & { year?: number };

const pageQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  saved: z.coerce.number().int().positive().optional().catch(undefined),
});

const yearOf = (day: unknown) => Number(String(day ?? '').slice(0, 4)) || '';

/**
 * The working-day calendar screen (system administrator). `afterChange` runs in each change's
 * transaction: the applications module passes the recomputation of open cases' due dates.
 */
export function registerCalendarRoutes(
  app: FastifyInstance,
  ctx: Context,
  afterChange?: AfterCalendarChange,
): void {
  const system = staffGuard(ctx, 'system');
  const page = async (request: FastifyRequest, reply: FastifyReply, state: PageState = {}) => {
    const year = state.year ?? Number(chinaDay(ctx.clock.now()).slice(0, 4));
    const overrides = await listCalendarOverrides(ctx.db, year);
    const rows = calendarYearRows(
      await loadCalendar(ctx.db),
      year,
      new Map(overrides.map((o) => [o.day, o])),
    );
    const failed = Boolean(state.dayState || state.noticeState);
    return sendPage(
      reply,
      <CalendarPage
        {...adminShell(ctx, request, reply)}
        {...state}
        year={year}
        rows={rows}
        versions={await listCalendarVersions(ctx.db)}
        missingYear={await calendarYearMissing(ctx)}
      />,
      failed ? 400 : 200,
    );
  };
  app.get('/admin/calendar', { preHandler: system }, (request, reply) => {
    const query = pageQuery.parse(request.query ?? {});
    const saved = query.saved ? `已保存为工作日历第 ${query.saved} 版` : undefined;
    return page(request, reply, { year: query.year, saved });
  });
  app.post('/admin/calendar/day', { preHandler: [app.csrfProtection, system] }, async (request, reply) => {
    const body = formBody(request);
    try {
      const { version } = await setCalendarDay(ctx, actorFor(request), body, afterChange);
      return reply.redirect(`/admin/calendar?year=${yearOf(body.day)}&saved=${version}`, 303);
    } catch (error) {
      return page(request, reply, { dayState: formStateFrom(error, body) });
    }
  });
  app.post('/admin/calendar/notice', { preHandler: [app.csrfProtection, system] }, async (request, reply) => {
    const body = formBody(request);
    try {
      const { version } = await enterHolidayNotice(ctx, actorFor(request), body, afterChange);
      return reply.redirect(`/admin/calendar?year=${yearOf(body.year)}&saved=${version}`, 303);
    } catch (error) {
      return page(request, reply, { noticeState: formStateFrom(error, body) });
    }
  });
}

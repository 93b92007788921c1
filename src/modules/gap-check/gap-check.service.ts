import type { Kysely } from 'kysely';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { DB } from '../../db/schema';
import type { GapCheckReport } from '../../db/schema-tasks';
import { type Principal, seesAllAgencies, visibleAgencyIds } from '../accounts';
import { type Actor, auditedTransaction, systemActor } from '../audit';
import { loadCalendar } from '../calendar';
import { enqueueMail } from '../mail';
import { maySeeAgency, rosterEmails } from '../tasks';
import { firstWorkingDayOf, monthOf } from './first-workday';
import { gapMail } from './gap-mail';
import { collectGapSections, type GapSection } from './gap-sections';

// The monthly gap check (查漏补缺): one report per agency, made on the first working day of each month
// (once per agency per month — a missed day catches up later in the month, a repeated run adds nothing)
// and on demand; kept with its history and mailed to the agency's officers through the outbox.

const OFFICER_ROLES = ['editor', 'reviewer1', 'reviewer2', 'reviewer3'] as const;

/** Where an agency's report goes: its officers with an address, and its roster staff with one. */
export async function officerAddresses(ctx: Context, agencyId: string): Promise<string[]> {
  const users = await ctx.db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select('users.email')
    .where('user_roles.agency_id', '=', agencyId)
    .where('user_roles.role', 'in', [...OFFICER_ROLES])
    .where('users.disabled', '=', 0)
    .where('users.email', 'is not', null)
    .execute();
  const all = [...users.map((u) => u.email), ...(await rosterEmails(ctx, agencyId))];
  const seen = new Map<string, string>();
  for (const a of all) if (a && !seen.has(a.toLowerCase())) seen.set(a.toLowerCase(), a);
  return [...seen.values()];
}

async function storeReport(
  trx: Kysely<DB>,
  ctx: Context,
  report: GapCheckReport,
  agencyName: string,
  sections: GapSection[],
): Promise<void> {
  await trx.insertInto('gap_check_reports').values(report).execute();
  const mail = gapMail(ctx.config.site.name, agencyName, report, sections);
  for (const to of JSON.parse(report.recipients) as string[])
    await enqueueMail(
      trx,
      { ...mail, to, dedupeKey: `gap-check:${report.id}:${to.toLowerCase()}` },
      report.generated_at,
    );
}

/** Makes, stores and mails one agency's report now. */
export async function runGapCheck(
  ctx: Context,
  agencyId: string,
  options: { trigger: 'scheduled' | 'manual'; actor?: Actor; by?: string | null },
): Promise<GapCheckReport> {
  const agency = await ctx.db
    .selectFrom('agencies')
    .select(['id', 'name'])
    .where('id', '=', agencyId)
    .executeTakeFirst();
  if (!agency) throw new AppError('not_found', '单位不存在');
  const today = chinaDay(ctx.clock.now());
  const calendar = await loadCalendar(ctx.db);
  const warnWorkingDays = Math.max(...ctx.config.applications.warnDays, 5);
  const sections = await collectGapSections(ctx, { agencyId, today, calendar, warnWorkingDays });
  const report: GapCheckReport = {
    id: newId(),
    agency_id: agencyId,
    period: monthOf(today),
    trigger: options.trigger,
    generated_at: ctx.clock.now().toISOString(),
    generated_by: options.by ?? null,
    as_of: today,
    problem_count: sections.reduce((n, s) => n + s.rows.length, 0),
    sections: JSON.stringify(sections),
    recipients: JSON.stringify(await officerAddresses(ctx, agencyId)),
  };
  return auditedTransaction(ctx, options.actor ?? systemActor('gap-check'), async (trx) => {
    if (options.trigger === 'scheduled') {
      const done = await trx
        .selectFrom('gap_check_reports')
        .select('id')
        .where('agency_id', '=', agencyId)
        .where('period', '=', report.period)
        .where('trigger', '=', 'scheduled')
        .executeTakeFirst();
      if (done) throw new AppError('conflict', '本月查漏补缺报告已生成');
    }
    await storeReport(trx, ctx, report, agency.name, sections);
    return {
      result: report,
      audit: {
        action: 'gap_check.generated',
        objectType: 'gap_check_report',
        objectId: report.id,
        agencyId,
        details: { period: report.period, trigger: report.trigger, problems: report.problem_count },
      },
    };
  });
}

/** The duty: on or after the month's first working day, each agency's report once; returns how many. */
export async function runMonthlyGapChecks(ctx: Context): Promise<number> {
  const today = chinaDay(ctx.clock.now());
  const calendar = await loadCalendar(ctx.db);
  if (today < firstWorkingDayOf(monthOf(today), calendar.isWorkday)) return 0;
  const agencies = await ctx.db
    .selectFrom('agencies')
    .select('id')
    .where('enabled', '=', 1)
    .orderBy('code')
    .execute();
  const done = await ctx.db
    .selectFrom('gap_check_reports')
    .select('agency_id')
    .where('period', '=', monthOf(today))
    .where('trigger', '=', 'scheduled')
    .execute();
  const skip = new Set(done.map((d) => d.agency_id));
  let made = 0;
  for (const a of agencies) {
    if (skip.has(a.id)) continue;
    try {
      await runGapCheck(ctx, a.id, { trigger: 'scheduled' });
      made++;
    } catch (error) {
      // Another instance made it first (the unique index): not an error for this run.
      if (!(error instanceof AppError && error.code === 'conflict')) throw error;
    }
  }
  return made;
}

/** On demand from the back office: one agency (its own staff or the supervisor), or all (supervisor). */
export async function runGapCheckNow(ctx: Context, p: Principal, actor: Actor, target: string) {
  if (target === 'all') {
    if (!seesAllAgencies(p)) throw new AppError('forbidden', '只有区政府办监管可以对全部单位查漏补缺');
    const agencies = await ctx.db
      .selectFrom('agencies')
      .select('id')
      .where('enabled', '=', 1)
      .orderBy('code')
      .execute();
    const reports: GapCheckReport[] = [];
    for (const a of agencies)
      reports.push(await runGapCheck(ctx, a.id, { trigger: 'manual', actor, by: p.userId }));
    return reports;
  }
  if (!maySeeAgency(p, target))
    throw new AppError('validation', '只能对本单位查漏补缺', {
      fields: { agencyId: '只能对本单位查漏补缺' },
    });
  return [await runGapCheck(ctx, target, { trigger: 'manual', actor, by: p.userId })];
}

/** The reports the principal may see, newest first (the history). */
export async function listGapReports(ctx: Context, p: Principal, agencyId?: string) {
  const scope = visibleAgencyIds(p);
  let q = ctx.db
    .selectFrom('gap_check_reports')
    .innerJoin('agencies', 'agencies.id', 'gap_check_reports.agency_id')
    .selectAll('gap_check_reports')
    .select('agencies.name as agency_name');
  if (scope !== 'all') q = q.where('gap_check_reports.agency_id', 'in', scope.length ? scope : ['-']);
  if (agencyId) q = q.where('gap_check_reports.agency_id', '=', agencyId);
  return q.orderBy('gap_check_reports.generated_at', 'desc').limit(300).execute();
}

/** One report with its sections; another agency's report is "not found". */
export async function getGapReport(ctx: Context, p: Principal, id: string) {
  const r = await ctx.db
    .selectFrom('gap_check_reports')
    .innerJoin('agencies', 'agencies.id', 'gap_check_reports.agency_id')
    .selectAll('gap_check_reports')
    .select('agencies.name as agency_name')
    .where('gap_check_reports.id', '=', id)
    .executeTakeFirst();
  if (!r || !maySeeAgency(p, r.agency_id)) throw new AppError('not_found', '报告不存在');
  return {
    ...r,
    sectionList: JSON.parse(r.sections) as GapSection[],
    recipientList: JSON.parse(r.recipients) as string[],
  };
}

import type { Kysely } from 'kysely';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import type { DB } from '../../db/schema';
import type { Application } from '../../db/schema-applications';
import { type Calendar, workingDaysAfter } from '../calendar';
import { enqueueMail } from '../mail';
import { caseCalendar } from './case-deadline';

// Warnings before a case becomes overdue (e.g. 5 and 2 working days before, configurable) and once it
// is, by e-mail through the outbox. Each warning has a key of case, due date and threshold, so it is
// sent once: a missed nightly run catches up (the most urgent threshold reached is sent), a repeated
// run sends nothing new, and a new due date (an extension) arms the warnings again.

/** Working days from today to the due date: 0 on the due day, negative once overdue. */
export function workingDaysLeft(today: string, due: string, calendar: Pick<Calendar, 'isWorkday'>): number {
  if (due >= today) return workingDaysAfter(today, due, calendar.isWorkday);
  return -workingDaysAfter(due, today, calendar.isWorkday);
}

/** The warning a case has reached today: 'overdue', the smallest threshold reached, or null. */
export function warningFor(daysLeft: number, thresholds: readonly number[]): string | null {
  if (daysLeft < 0) return 'overdue';
  const reached = thresholds.filter((t) => daysLeft <= t);
  return reached.length ? String(Math.min(...reached)) : null;
}

async function recipientsOf(db: Kysely<DB>, app: Application): Promise<{ id: string; email: string }[]> {
  let q = db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.email'])
    .where('user_roles.agency_id', '=', app.agency_id)
    .where('users.disabled', '=', 0)
    .where('users.email', 'is not', null);
  // The handler when assigned, and always the disclosure office that answers for the deadline.
  q = app.assigned_to
    ? q.where((eb) =>
        eb.or([eb('users.id', '=', app.assigned_to as string), eb('user_roles.role', '=', 'reviewer2')]),
      )
    : q.where('user_roles.role', 'in', ['editor', 'reviewer2']);
  const rows = await q.distinct().execute();
  return rows.filter((r): r is { id: string; email: string } => Boolean(r.email));
}

function mailText(app: Application, warning: string, daysLeft: number): { subject: string; text: string } {
  const when = warning === 'overdue' ? `已逾期 ${-daysLeft} 个工作日` : `还剩 ${daysLeft} 个工作日`;
  return {
    subject: `【依申请公开】${app.tracking_number} 答复期限${warning === 'overdue' ? '已逾期' : '临近'}（${app.due_on}）`,
    text: [
      `申请编号：${app.tracking_number}`,
      `答复期限：${app.due_on}（${when}）`,
      '',
      '请登录政务公开平台后台“依申请公开”办理。条例第三十三条：自收到申请之日起20个工作日内答复；',
      '需要延长的，经政府信息公开工作机构负责人同意并告知申请人，延长期限最长不超过20个工作日。',
    ].join('\n'),
  };
}

/** Queues the due warnings of every open, running case; returns how many mails were queued now. */
export async function sendDeadlineReminders(ctx: Context): Promise<number> {
  const calendar = await caseCalendar(ctx.db);
  const today = chinaDay(ctx.clock.now());
  const now = ctx.clock.now().toISOString();
  const open = await ctx.db
    .selectFrom('applications')
    .selectAll()
    .where('status', 'in', ['received', 'processing'])
    .where('due_on', 'is not', null)
    .execute();
  let queued = 0;
  for (const app of open) {
    const daysLeft = workingDaysLeft(today, app.due_on as string, calendar);
    const warning = warningFor(daysLeft, ctx.config.applications.warnDays);
    if (!warning) continue;
    const { subject, text } = mailText(app, warning, daysLeft);
    for (const r of await recipientsOf(ctx.db, app)) {
      const key = `application-due:${app.id}:${app.due_on}:${warning}:${r.id}`;
      if (await enqueueMail(ctx.db, { to: r.email, subject, text, dedupeKey: key }, now)) queued++;
    }
  }
  return queued;
}

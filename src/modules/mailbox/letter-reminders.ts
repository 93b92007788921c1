import type { Kysely } from 'kysely';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import type { DB } from '../../db/schema';
import type { MailboxLetter } from '../../db/schema-mailbox';
import { workingDaysLeft } from '../applications';
import { systemActor } from '../audit';
import { loadCalendar } from '../calendar';
import { enqueueMail } from '../mail';
import { OPEN_STATUSES, recomputeOpenDue } from './letter-clock';
import { redLineOf, WARN_WORKING_DAYS } from './letter-deadline';
import { appendLetterEvent } from './letter-events';

// 催办、督办 (12345 意见; portal-standards.md §8.2 "overdue letters are chased"): the handler is warned
// WARN_WORKING_DAYS before the due day; past it the letter is escalated to the agency's reviewers and the
// district supervisor; at two months the red-line alarm (国办秘函〔2019〕19号: no valid message unanswered
// over three months) goes to the same people. Every mail has a dedupe key, so the hourly duty sends each
// once and a missed run catches up; escalation and alarm are also recorded once on the letter.

type Recipient = { id: string; email: string };

async function recipients(
  db: Kysely<DB>,
  agencyId: string,
  roles: string[],
  alsoUser?: string | null,
  supervisors = false,
): Promise<Recipient[]> {
  const rows = await db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.email'])
    .where('users.disabled', '=', 0)
    .where('users.email', 'is not', null)
    .where((eb) => {
      const ors = [
        eb.and([eb('user_roles.agency_id', '=', agencyId), eb('user_roles.role', 'in', roles as never[])]),
      ];
      if (alsoUser) ors.push(eb('users.id', '=', alsoUser));
      if (supervisors) ors.push(eb('user_roles.role', '=', 'supervisor'));
      return eb.or(ors);
    })
    .distinct()
    .execute();
  return rows.filter((r): r is Recipient => Boolean(r.email));
}

async function mailAll(
  ctx: Context,
  to: Recipient[],
  key: string,
  subject: string,
  text: string,
): Promise<number> {
  let n = 0;
  const now = ctx.clock.now().toISOString();
  for (const r of to)
    if (await enqueueMail(ctx.db, { to: r.email, subject, text, dedupeKey: `${key}:${r.id}` }, now)) n++;
  return n;
}

const facts = (l: MailboxLetter) => [
  `信件编号：${l.tracking_number}`,
  `标题：${l.subject}`,
  `收信日期：${l.received_on}`,
  `答复期限：${l.due_on}`,
];
const footer = '请登录政务公开平台后台“部门信箱”办理。';

async function recordOnce(
  ctx: Context,
  l: MailboxLetter,
  column: 'escalated_at' | 'red_line_alarm_at',
  kind: string,
  today: string,
) {
  if (l[column]) return;
  await ctx.db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('mailbox_letters')
      .set({ [column]: ctx.clock.now().toISOString() })
      .where('id', '=', l.id)
      .where(column, 'is', null)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) === 1)
      await appendLetterEvent(trx, ctx, l, systemActor('mailbox-remind'), { kind, onDate: today });
  });
}

async function remindOne(ctx: Context, l: MailboxLetter, today: string, left: number): Promise<number> {
  let queued = 0;
  if (left >= 0 && left <= WARN_WORKING_DAYS) {
    const to = await recipients(
      ctx.db,
      l.agency_id,
      l.assigned_to ? ['reviewer2'] : ['editor', 'reviewer2'],
      l.assigned_to,
    );
    queued += await mailAll(
      ctx,
      to,
      `mailbox-due:${l.id}:${l.due_on}`,
      `【部门信箱】${l.tracking_number} 答复期限临近（${l.due_on}）`,
      [...facts(l), `还剩 ${left} 个工作日。`, '', footer].join('\n'),
    );
  }
  const escalate = await recipients(
    ctx.db,
    l.agency_id,
    ['reviewer1', 'reviewer2', 'reviewer3'],
    l.assigned_to,
    true,
  );
  if (left < 0) {
    queued += await mailAll(
      ctx,
      escalate,
      `mailbox-overdue:${l.id}:${l.due_on}`,
      `【部门信箱督办】${l.tracking_number} 已超过答复期限`,
      [...facts(l), `已逾期 ${-left} 个工作日，请督促办理。`, '', footer].join('\n'),
    );
    await recordOnce(ctx, l, 'escalated_at', 'escalated', today);
  }
  const { alarmOn, redLineOn } = redLineOf(l.received_on as string);
  if (today >= alarmOn) {
    queued += await mailAll(
      ctx,
      escalate,
      `mailbox-redline:${l.id}`,
      `【部门信箱红线预警】${l.tracking_number} 收信已满两个月仍未答复`,
      [
        ...facts(l),
        `按照国办秘函〔2019〕19号，有效留言超过3个月未办理答复的，网站检查单项否决。本信最迟须在 ${redLineOn} 前答复。`,
        '',
        footer,
      ].join('\n'),
    );
    await recordOnce(ctx, l, 'red_line_alarm_at', 'red_line_alarm', today);
  }
  return queued;
}

/** The `mailbox-remind` duty: refreshes due days, queues warnings, escalations and red-line alarms. */
export async function sendMailboxReminders(ctx: Context): Promise<number> {
  await recomputeOpenDue(ctx.db);
  const today = chinaDay(ctx.clock.now());
  const calendar = await loadCalendar(ctx.db);
  const open = await ctx.db
    .selectFrom('mailbox_letters')
    .selectAll()
    .where('status', 'in', [...OPEN_STATUSES])
    .where('due_on', 'is not', null)
    .execute();
  let queued = 0;
  for (const l of open)
    queued += await remindOne(ctx, l, today, workingDaysLeft(today, l.due_on as string, calendar));
  return queued;
}

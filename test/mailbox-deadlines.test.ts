import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../src/db/schema';
import type { Principal } from '../src/modules/accounts';
import { deliverOutbox } from '../src/modules/mail';
import {
  acceptLetter,
  draftReply,
  letterQueue,
  letterStats,
  lettersNearDeadline,
  rateLetter,
  rejectLetter,
  reviewReply,
  saveDeadlineRules,
  sendMailboxReminders,
  sendReply,
} from '../src/modules/mailbox';
import { expectAppError, setEmail } from './helpers/application-cases';
import { makeAgency, makeUser } from './helpers/factories';
import { eventKinds, letterRow, writeLetter } from './helpers/mailbox-fixtures';
import { loginSession } from './helpers/principals';
import { actorOf, makeStaff, type Staff } from './helpers/review-flow';
import { type SmtpSink, startSmtpSink } from './helpers/smtp-sink';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// Deadlines, escalation and the red line on both databases. A 咨询 received Mon 2026-03-02 is due 5 working
// days later, Mon 03-09: warned at 2 working days left (Thu 03-05), escalated to the agency's reviewers and
// the district supervisor once overdue (Tue 03-10), red-line alarm at two months (05-02); each mail once.
// Then the per-type rules as data, and the statistics other modules import.

describe.each(testDatabases())('mailbox deadlines on %s', (kind) => {
  let sink: SmtpSink;
  let ctx: TestContext;
  let agency: Agency;
  let staff: Staff;
  let supervisor: Principal;

  beforeAll(async () => {
    sink = await startSmtpSink();
    ctx = await createTestContext(kind, { GONGKAI_SMTP_URL: sink.url });
    ctx.clock.set('2026-03-02T02:00:00Z');
    agency = await makeAgency(ctx);
    const district = await makeAgency(ctx, { kind: 'district' });
    staff = await makeStaff(ctx, agency.id);
    supervisor = await loginSession(
      ctx,
      await makeUser(ctx, { grants: [{ agencyId: district.id, role: 'supervisor' }] }),
    );
    for (const role of ['editor', 'reviewer1', 'reviewer2', 'reviewer3'] as const)
      await setEmail(ctx, staff[role].userId, `${role}@example.gov.cn`);
    await setEmail(ctx, supervisor.userId, 'supervisor@example.gov.cn');
  });
  afterAll(async () => {
    await ctx?.close();
    await sink?.close();
  });

  const at = (iso: string) => ctx.clock.set(iso);
  const queuedTo = async (prefix: string) =>
    (await ctx.db.selectFrom('outbox').select(['to_address', 'dedupe_key']).execute())
      .filter((m) => m.dedupe_key.startsWith(prefix))
      .map((m) => m.to_address)
      .sort();

  it('warns, escalates once overdue and alarms at two months, each mail once', async () => {
    const { row } = await writeLetter(ctx, agency.id, { type: 'consult' });
    expect(row.due_on).toBe('2026-03-09');
    expect(await sendMailboxReminders(ctx)).toBe(0);
    at('2026-03-05T02:00:00Z');
    expect(await sendMailboxReminders(ctx)).toBe(2);
    expect(await queuedTo(`mailbox-due:${row.id}`)).toEqual([
      'editor@example.gov.cn',
      'reviewer2@example.gov.cn',
    ]);
    expect(await sendMailboxReminders(ctx)).toBe(0);
    at('2026-03-10T02:00:00Z');
    expect(await sendMailboxReminders(ctx)).toBe(4);
    expect(await queuedTo(`mailbox-overdue:${row.id}`)).toEqual([
      'reviewer1@example.gov.cn',
      'reviewer2@example.gov.cn',
      'reviewer3@example.gov.cn',
      'supervisor@example.gov.cn',
    ]);
    expect(await sendMailboxReminders(ctx)).toBe(0);
    expect((await letterRow(ctx, row.id)).escalated_at).not.toBeNull();
    const near = await lettersNearDeadline(ctx, agency.id, '2026-03-10', 2);
    expect(near).toEqual([
      {
        id: row.id,
        trackingNumber: row.tracking_number,
        subject: row.subject,
        dueOn: '2026-03-09',
        overdue: true,
      },
    ]);
    const queue = await letterQueue(ctx, supervisor, { today: '2026-03-10' });
    expect(queue.find((q) => q.letter.id === row.id)?.daysLeft).toBe(-1);
    sink.messages.length = 0;
    expect((await deliverOutbox(ctx)).sent).toBe(6);
    expect(
      sink.messages.some((m) => m.subject.includes('督办') && m.text.includes('已逾期 1 个工作日')),
    ).toBe(true);
    at('2026-05-02T02:00:00Z');
    expect(await sendMailboxReminders(ctx)).toBe(4);
    expect(await sendMailboxReminders(ctx)).toBe(0);
    expect(
      (await letterQueue(ctx, supervisor, { today: '2026-05-02' })).find((q) => q.letter.id === row.id)
        ?.redLineNear,
    ).toBe(true);
    const kinds = await eventKinds(ctx, row.id);
    expect(kinds.filter((k) => k === 'escalated')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'red_line_alarm')).toHaveLength(1);
    sink.messages.length = 0;
    await deliverOutbox(ctx);
    expect(sink.messages.some((m) => m.text.includes('最迟须在 2026-06-02 前答复'))).toBe(true);
  });

  it('keeps the per-type deadlines as data, changed only by the supervisor or system administrator', async () => {
    at('2026-06-01T02:00:00Z');
    const rules = { consult: '3', suggest: '15', complain: '10', help: '15', other: '15' };
    await expectAppError(
      saveDeadlineRules(ctx, staff.reviewer2, actorOf(staff.reviewer2), rules),
      'forbidden',
    );
    await expectAppError(
      saveDeadlineRules(ctx, supervisor, actorOf(supervisor), { ...rules, consult: '0' }),
      'validation',
      /至少 1 个工作日/,
    );
    await saveDeadlineRules(ctx, supervisor, actorOf(supervisor), rules);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'mailbox.deadlines_changed')
      .execute();
    expect(audit).toHaveLength(1);
    const { row } = await writeLetter(ctx, agency.id, { type: 'consult' });
    expect(row).toMatchObject({ deadline_days: 3, due_on: '2026-06-04' });
  });

  it('counts received, answered, on time, overdue, working days and satisfaction for a period', async () => {
    const stats = await createTestContext(kind);
    try {
      stats.clock.set('2026-03-02T02:00:00Z');
      const a = await makeAgency(stats);
      const s = await makeStaff(stats, a.id);
      const on = (p: Principal) => [stats, p, actorOf(p)] as const;
      const answer = async (id: string) => {
        await acceptLetter(...on(s.editor), id, {});
        await draftReply(...on(s.editor), id, { reply: '已核实并依法处理，感谢您的监督。' });
        await reviewReply(...on(s.reviewer1), id, { decision: 'approve' });
        await sendReply(...on(s.editor), id);
      };
      const l1 = await writeLetter(stats, a.id, { type: 'consult' });
      const l2 = await writeLetter(stats, a.id, { type: 'complain' });
      await writeLetter(stats, a.id, { type: 'consult' }); // stays open, due 03-09
      const l4 = await writeLetter(stats, a.id);
      await rejectLetter(...on(s.editor), l4.row.id, { reason: '不属于信箱受理范围' });
      stats.clock.set('2026-03-04T02:00:00Z');
      await answer(l1.row.id);
      await rateLetter(stats, await letterRow(stats, l1.row.id), { rating: 'satisfied' });
      stats.clock.set('2026-03-30T02:00:00Z');
      await answer(l2.row.id);
      await rateLetter(stats, await letterRow(stats, l2.row.id), { rating: 'dissatisfied' });
      expect(
        await letterStats(stats.db, { agencyIds: [a.id], from: '2026-03-01', to: '2026-03-31' }),
      ).toEqual({
        received: 4,
        answered: 2,
        answeredOnTime: 1,
        overdueOpen: 1,
        averageWorkingDays: 11,
        satisfied: 1,
        basicallySatisfied: 0,
        dissatisfied: 1,
      });
      const early = await letterStats(stats.db, { agencyIds: 'all', from: '2026-03-01', to: '2026-03-25' });
      expect(early).toMatchObject({
        received: 4,
        answered: 1,
        answeredOnTime: 1,
        overdueOpen: 2,
        averageWorkingDays: 2,
      });
      expect(
        (await letterStats(stats.db, { agencyIds: [], from: '2026-03-01', to: '2026-03-31' })).received,
      ).toBe(0);
    } finally {
      await stats.close();
    }
  });
});

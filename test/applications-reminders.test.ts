import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../src/db/schema';
import {
  assignCase,
  decideCase,
  extendCase,
  registerApplication,
  requestCorrection,
  sendDeadlineReminders,
  startConsultation,
} from '../src/modules/applications';
import { deliverOutbox } from '../src/modules/mail';
import { setEmail } from './helpers/application-cases';
import { applyOnline, personApplication } from './helpers/application-fixtures';
import { makeAgency, makeUser } from './helpers/factories';
import { actorOf, makeStaff, type Staff } from './helpers/review-flow';
import { type SmtpSink, startSmtpSink } from './helpers/smtp-sink';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// Deadline warnings by e-mail (条例 Art. 33): at 5 and 2 working days before the due date (the default
// GONGKAI_APPLICATION_WARN_DAYS=5,2) and once overdue, each sent once, caught up after a skipped run,
// armed again by a new due date, never for a case whose clock stands still; delivered over real SMTP.
// Every case here is received online on Mon 2026-03-02 unless said otherwise; its due date is Mon
// 2026-03-30: 03-03…06 (4), 03-09…13 (9), 03-16…20 (14), 03-23…27 (19), 03-30 (20).

const EDITOR_MAIL = 'editor@example.gov.cn';
const OFFICE_MAIL = 'office@example.gov.cn';
const REVIEWER1_MAIL = 'reviewer1@example.gov.cn'; // not a handler: never warned

interface Setup {
  ctx: TestContext;
  staff: Staff;
  agency: Agency;
}

describe.each(testDatabases())('deadline reminders on %s', (kind) => {
  let sink: SmtpSink;
  const opened: TestContext[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    for (const ctx of opened) await ctx.close();
    await sink.close();
  });

  // Each test its own database: the reminder job scans every case, so counts are the test's own.
  async function setup(): Promise<Setup> {
    const ctx = await createTestContext(kind, { GONGKAI_SMTP_URL: sink.url });
    opened.push(ctx);
    const agency = await makeAgency(ctx);
    const staff = await makeStaff(ctx, agency.id);
    await setEmail(ctx, staff.editor.userId, EDITOR_MAIL);
    await setEmail(ctx, staff.reviewer2.userId, OFFICE_MAIL);
    await setEmail(ctx, staff.reviewer1.userId, REVIEWER1_MAIL);
    ctx.clock.set('2026-03-02T02:00:00Z');
    return { ctx, staff, agency };
  }

  async function runOn(ctx: TestContext, day: string): Promise<number> {
    ctx.clock.set(`${day}T01:00:00Z`); // 09:00 in China
    return sendDeadlineReminders(ctx);
  }

  const outbox = (ctx: TestContext) =>
    ctx.db.selectFrom('outbox').selectAll().orderBy('created_at').orderBy('id').execute();

  it('warns at 5 and at 2 working days and once overdue, each once, and delivers over SMTP', async () => {
    const { ctx, agency } = await setup();
    expect(ctx.config.applications.warnDays).toEqual([5, 2]);
    const { row } = await applyOnline(ctx, agency.id);
    expect(row.due_on).toBe('2026-03-30');

    expect(await runOn(ctx, '2026-03-20')).toBe(0); // 6 working days left: 03-23…27, 03-30
    expect(await runOn(ctx, '2026-03-23')).toBe(2); // 5 left: 03-24…27, 03-30 → editor and office
    expect(await runOn(ctx, '2026-03-23')).toBe(0); // the same day again: nothing new
    expect(await runOn(ctx, '2026-03-24')).toBe(0); // 4 left
    expect(await runOn(ctx, '2026-03-25')).toBe(0); // 3 left
    expect(await runOn(ctx, '2026-03-26')).toBe(2); // 2 left: 03-27, 03-30
    expect(await runOn(ctx, '2026-03-26')).toBe(0);
    expect(await runOn(ctx, '2026-03-27')).toBe(0); // 1 left
    expect(await runOn(ctx, '2026-03-30')).toBe(0); // the due date itself
    expect(await runOn(ctx, '2026-03-31')).toBe(2); // overdue by 1 working day
    expect(await runOn(ctx, '2026-04-01')).toBe(0);
    expect(await runOn(ctx, '2026-04-07')).toBe(0);

    const mails = await outbox(ctx);
    expect(mails).toHaveLength(6);
    expect(mails.map((m) => m.to_address).sort()).toEqual([
      EDITOR_MAIL,
      EDITOR_MAIL,
      EDITOR_MAIL,
      OFFICE_MAIL,
      OFFICE_MAIL,
      OFFICE_MAIL,
    ]);
    for (const m of mails) expect(m.subject).toContain(`${row.tracking_number} 答复期限`);
    const bodies = mails.map((m) => m.body_text).join('\n');
    expect(bodies).toContain('答复期限：2026-03-30（还剩 5 个工作日）');
    expect(bodies).toContain('答复期限：2026-03-30（还剩 2 个工作日）');
    expect(bodies).toContain('答复期限：2026-03-30（已逾期 1 个工作日）');
    expect(mails.filter((m) => m.subject.includes('已逾期'))).toHaveLength(2);

    sink.messages.length = 0;
    expect(await deliverOutbox(ctx)).toEqual({ sent: 6, retrying: 0, failed: 0 });
    expect(sink.messages).toHaveLength(6);
    for (const m of sink.messages) {
      expect(m.subject).toContain(row.tracking_number);
      expect(m.subject).toContain('（2026-03-30）');
    }
    expect(sink.messages.flatMap((m) => m.envelopeTo).sort()).toEqual(
      [EDITOR_MAIL, EDITOR_MAIL, EDITOR_MAIL, OFFICE_MAIL, OFFICE_MAIL, OFFICE_MAIL].sort(),
    );
    expect(sink.messages.some((m) => m.text.includes('已逾期 1 个工作日'))).toBe(true);
    expect(await deliverOutbox(ctx)).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });

  it('catches up after skipped runs with the most urgent warning only', async () => {
    const { ctx, staff, agency } = await setup();
    const { row: a } = await applyOnline(ctx, agency.id); // due 2026-03-30
    const b = await registerApplication(ctx, actorOf(staff.editor), agency.id, {
      ...personApplication(),
      channel: 'registered_post',
      receivedOn: '2026-02-27',
    });
    // Signed for Fri 02-27: Sat 02-28 (make-up day, 1), 03-02…06 (6), 03-09…13 (11), 03-16…20 (16),
    // 03-23…26 (20) → due Thu 03-26.
    const bRow = await ctx.db
      .selectFrom('applications')
      .selectAll()
      .where('id', '=', b.id)
      .executeTakeFirstOrThrow();
    expect(bRow.due_on).toBe('2026-03-26');

    // The first run since receipt: A has 1 working day left (03-30) → only the 2-day warning;
    // B is 1 working day overdue → only the overdue warning. One mail per handler each, not one per threshold.
    expect(await runOn(ctx, '2026-03-27')).toBe(4);
    const mails = await outbox(ctx);
    const ofA = mails.filter((m) => m.subject.includes(a.tracking_number));
    const ofB = mails.filter((m) => m.subject.includes(bRow.tracking_number));
    expect(ofA).toHaveLength(2);
    expect(ofB).toHaveLength(2);
    for (const m of ofA) expect(m.body_text).toContain('还剩 1 个工作日');
    for (const m of ofB) expect(m.body_text).toContain('已逾期 1 个工作日');
    expect(await runOn(ctx, '2026-03-27')).toBe(0);
    // The thresholds already passed are not sent late; only A's overdue warning is still to come.
    expect(await runOn(ctx, '2026-03-30')).toBe(0);
    expect(await runOn(ctx, '2026-03-31')).toBe(2);
  });

  it('arms the warnings again for the new due date after an extension', async () => {
    const { ctx, staff, agency } = await setup();
    const { row } = await applyOnline(ctx, agency.id);
    expect(await runOn(ctx, '2026-03-23')).toBe(2);
    expect(await runOn(ctx, '2026-03-26')).toBe(2);
    const office = staff.reviewer2;
    const extended = await extendCase(ctx, office, actorOf(office), row.id, {
      days: 10,
      reason: '需要调取档案核对',
    });
    // 10 working days after Mon 03-30: 03-31…04-03 (4), Mon 04-06 清明节 not counted, 04-07…10 (8),
    // 04-13 (9), Tue 04-14 (10).
    expect(extended.due_on).toBe('2026-04-14');
    // 11 left (03-30, 03-31, 04-01…03, 04-07…10, 04-13, 04-14): nothing.
    expect(await runOn(ctx, '2026-03-27')).toBe(0);
    expect(await runOn(ctx, '2026-03-31')).toBe(0); // the old due date has passed: not overdue
    expect(await runOn(ctx, '2026-04-03')).toBe(0); // 6 left: 04-07…10, 04-13, 04-14
    expect(await runOn(ctx, '2026-04-07')).toBe(2); // 5 left: 04-08…10, 04-13, 04-14
    expect(await runOn(ctx, '2026-04-10')).toBe(2); // 2 left: 04-13, 04-14
    expect(await runOn(ctx, '2026-04-14')).toBe(0);
    expect(await runOn(ctx, '2026-04-15')).toBe(2); // overdue
    const subjects = (await outbox(ctx)).map((m) => m.subject);
    expect(subjects.filter((s) => s.includes('（2026-04-14）'))).toHaveLength(6);
    expect(subjects.filter((s) => s.includes('（2026-03-30）'))).toHaveLength(4);
  });

  it('sends nothing for a paused, a correction-waiting or a decided case', async () => {
    const { ctx, staff, agency } = await setup();
    const editor = staff.editor;
    const office = staff.reviewer2;
    const paused = (await applyOnline(ctx, agency.id)).row;
    const waiting = (await applyOnline(ctx, agency.id)).row;
    const decided = (await applyOnline(ctx, agency.id)).row;
    const running = (await applyOnline(ctx, agency.id)).row; // the control: it is warned
    await requestCorrection(ctx, editor, actorOf(editor), waiting.id, { items: '请写明文件名称', days: 30 });
    await decideCase(ctx, office, actorOf(office), decided.id, { outcome: 'disclosed', note: '已网上提供' });
    ctx.clock.set('2026-03-20T02:00:00Z');
    await startConsultation(ctx, editor, actorOf(editor), paused.id, {
      party: 'agency',
      partyName: '示范区财政局',
      matter: '联合制发的分配方案',
    });

    expect(await runOn(ctx, '2026-03-23')).toBe(2);
    expect(await runOn(ctx, '2026-03-26')).toBe(2);
    expect(await runOn(ctx, '2026-04-07')).toBe(2);
    const subjects = (await outbox(ctx)).map((m) => m.subject);
    expect(subjects).toHaveLength(6);
    for (const s of subjects) expect(s).toContain(running.tracking_number);
  });

  it('warns the assigned handler and the disclosure office, not the other officers', async () => {
    const { ctx, staff, agency } = await setup();
    const second = await makeUser(ctx, { grants: [{ agencyId: agency.id, role: 'editor' }] });
    await setEmail(ctx, second.id, 'second@example.gov.cn');
    const { row } = await applyOnline(ctx, agency.id);
    await assignCase(ctx, staff.editor, actorOf(staff.editor), row.id, { userId: second.id });
    expect(await runOn(ctx, '2026-03-23')).toBe(2);
    expect((await outbox(ctx)).map((m) => m.to_address).sort()).toEqual([
      OFFICE_MAIL,
      'second@example.gov.cn',
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/core/ids';
import type { Agency } from '../src/db/schema';
import { setUserDisabled, setUserEmail } from '../src/modules/accounts';
import { systemActor } from '../src/modules/audit';
import { deliverOutbox } from '../src/modules/mail';
import { sendReportReminders } from '../src/modules/report-reminders';
import { makeAgency, makeColumn, makeUser } from './helpers/factories';
import { type SmtpSink, startSmtpSink } from './helpers/smtp-sink';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// Annual-report reminders (条例 Art. 49): departments by 31 January, the district by 31 March; mails to
// each agency's editors and reviewers over real SMTP, once per stage, none once the report is published.

describe.each(testDatabases())('annual-report reminders on %s', (kind) => {
  const actor = systemActor('test');
  let sink: SmtpSink;
  let ctx: TestContext;
  let district: Agency;
  let education: Agency; // publishes late in the season
  let finance: Agency; // published before the season opened
  let health: Agency; // published through the annual-report module (annual_reports)

  async function staff(
    owner: Agency,
    role: 'editor' | 'reviewer1' | 'reviewer2' | 'supervisor',
    email: string,
  ) {
    const user = await makeUser(ctx, { grants: [{ agencyId: owner.id, role }] });
    await setUserEmail(ctx, actor, user.id, { email });
    return user;
  }

  async function publishReport(owner: Agency, title: string) {
    const column = await ctx.db
      .selectFrom('columns')
      .select('id')
      .where('agency_id', '=', owner.id)
      .where('slug', '=', 'annual-reports')
      .executeTakeFirstOrThrow();
    const now = ctx.clock.now().toISOString();
    await ctx.db
      .insertInto('items')
      .values({
        id: newId(),
        agency_id: owner.id,
        column_id: column.id,
        title,
        body_html: '<p>年度报告</p>',
        summary: '',
        keywords: '',
        source: owner.name,
        visibility: 'public',
        status: 'published',
        published_at: now,
        view_count: 0,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  const keysOf = async (agency: Agency) =>
    (
      await ctx.db
        .selectFrom('outbox')
        .select('dedupe_key')
        .where('dedupe_key', 'like', `annual-report-remind:${agency.id}:%`)
        .orderBy('dedupe_key')
        .execute()
    ).map((r) => r.dedupe_key.split(':').slice(2, 4).join(':'));

  beforeAll(async () => {
    sink = await startSmtpSink();
    ctx = await createTestContext(kind, { GONGKAI_SMTP_URL: sink.url });
    district = await makeAgency(ctx, { kind: 'district', name: '示范区人民政府' });
    education = await makeAgency(ctx, { name: '示范区教育局' });
    finance = await makeAgency(ctx, { name: '示范区财政局' });
    health = await makeAgency(ctx, { name: '示范区卫健委' });
    const closed = await makeAgency(ctx, { name: '示范区撤并局' });
    await ctx.db.updateTable('agencies').set({ enabled: 0 }).where('id', '=', closed.id).execute();
    for (const a of [district, education, finance, closed])
      await makeColumn(ctx, a.id, 'annual-reports', '政府信息公开年报', 365);
    await staff(education, 'editor', 'jy.editor@example.gov.cn');
    await staff(education, 'reviewer1', 'jy.chief@example.gov.cn');
    await staff(district, 'supervisor', 'zfb.supervisor@example.gov.cn'); // not a recipient
    const gone = await staff(education, 'editor', 'jy.gone@example.gov.cn');
    await setUserDisabled(ctx, actor, gone.id, true);
    await staff(finance, 'editor', 'cz.editor@example.gov.cn');
    await staff(health, 'editor', 'wj.editor@example.gov.cn');
    await staff(district, 'reviewer2', 'zfb.office@example.gov.cn');
    await staff(closed, 'editor', 'closed@example.gov.cn');
    await publishReport(education, '示范区教育局2022年政府信息公开工作年度报告'); // last year's: no help
    ctx.clock.set('2023-12-20T02:00:00Z');
    await publishReport(finance, '示范区财政局2023年政府信息公开工作年度报告');
    const at = ctx.clock.now().toISOString();
    await ctx.db
      .insertInto('annual_reports')
      .values({
        id: newId(),
        agency_id: health.id,
        year: 2023,
        status: 'published',
        data: '{}',
        item_id: null,
        created_by: 'test',
        created_at: at,
        updated_by: 'test',
        updated_at: at,
      })
      .execute();
  });
  afterAll(async () => {
    await ctx.close();
    await sink.close();
  });

  it('sends nothing before the season opens on 1 January', async () => {
    ctx.clock.set('2023-12-31T15:59:00Z'); // 23:59 on 31 December in China
    expect(await sendReportReminders(ctx)).toBe(0);
  });

  it('opens the season on 1 January: the late department and the district, once however often it runs', async () => {
    ctx.clock.set('2023-12-31T16:00:00Z'); // 00:00 on 1 January in China
    expect(await sendReportReminders(ctx)).toBe(3);
    expect(await sendReportReminders(ctx)).toBe(0);
    ctx.clock.set('2024-01-05T02:00:00Z');
    expect(await sendReportReminders(ctx)).toBe(0);
    await deliverOutbox(ctx);
    const to = sink.messages.flatMap((m) => m.envelopeTo).sort();
    expect(to).toEqual(['jy.chief@example.gov.cn', 'jy.editor@example.gov.cn', 'zfb.office@example.gov.cn']);
    const department = sink.messages.find((m) => m.envelopeTo.includes('jy.editor@example.gov.cn'));
    expect(department?.subject).toBe(
      '【年度报告提醒】示范区教育局2023年政府信息公开工作年度报告（1月31日前发布）',
    );
    expect(department?.text).toContain('发布期限：2024年1月31日（还剩 22 个工作日）');
    const districtMail = sink.messages.find((m) => m.envelopeTo.includes('zfb.office@example.gov.cn'));
    expect(districtMail?.subject).toContain('示范区人民政府2023年政府信息公开工作年度报告（3月31日前发布）');
    expect(districtMail?.text).toContain('尚未发布2023年度报告的部门（1 个）：\n  示范区教育局\n');
    expect(districtMail?.text).not.toContain('示范区财政局');
    expect(districtMail?.text).not.toContain('示范区卫健委');
    expect(districtMail?.text).not.toContain('示范区撤并局');
  });

  it('reminds again at 10 working days before 31 January, the district not yet', async () => {
    ctx.clock.set('2024-01-16T02:00:00Z'); // 11 working days left
    expect(await sendReportReminders(ctx)).toBe(0);
    ctx.clock.set('2024-01-17T02:00:00Z'); // 10 left
    expect(await sendReportReminders(ctx)).toBe(2);
    expect(await keysOf(education)).toEqual(['2023:open', '2023:open', '2023:ten', '2023:ten']);
    expect(await keysOf(district)).toEqual(['2023:open']);
  });

  it('catches up with the most urgent stage after missed runs', async () => {
    ctx.clock.set('2024-01-30T02:00:00Z'); // runs on 26–29 January missed; 1 working day left
    expect(await sendReportReminders(ctx)).toBe(2);
    const [mail] = await ctx.db
      .selectFrom('outbox')
      .select(['subject', 'body_text'])
      .where('dedupe_key', 'like', `annual-report-remind:${education.id}:2023:three:%`)
      .execute();
    expect(mail?.subject).toContain('【年度报告即将到期】');
    expect(mail?.body_text).toContain('（还剩 1 个工作日）');
  });

  it('stops once the report is published, and never wrote to a department that had published', async () => {
    await publishReport(education, '示范区教育局2023年政府信息公开工作年度报告');
    ctx.clock.set('2024-02-01T02:00:00Z');
    expect(await sendReportReminders(ctx)).toBe(0);
    expect(await keysOf(education)).not.toContain('2023:overdue');
    expect(await keysOf(finance)).toEqual([]);
    expect(await keysOf(health)).toEqual([]);
  });

  it('tells the district when every department has published, then chases its own overdue report', async () => {
    ctx.clock.set('2024-03-26T02:00:00Z'); // 27, 28, 29 March left (31 March is a Sunday)
    expect(await sendReportReminders(ctx)).toBe(1);
    ctx.clock.set('2024-04-01T02:00:00Z');
    expect(await sendReportReminders(ctx)).toBe(1);
    ctx.clock.set('2024-05-01T02:00:00Z'); // the season has closed
    expect(await sendReportReminders(ctx)).toBe(0);
    expect(await keysOf(district)).toEqual(['2023:open', '2023:overdue', '2023:three']);
    await deliverOutbox(ctx);
    const last = sink.messages.filter((m) => m.envelopeTo.includes('zfb.office@example.gov.cn'));
    expect(last.map((m) => m.subject.slice(0, 9))).toEqual([
      '【年度报告提醒】示',
      '【年度报告即将到期',
      '【年度报告已逾期】',
    ]);
    expect(last[1]?.text).toContain('各部门均已发布本部门年度报告');
    expect(last[2]?.text).toContain('发布期限：2024年3月31日（已逾期，尚未发布）');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../src/db/schema';
import { setUserDisabled, setUserEmail } from '../src/modules/accounts';
import { systemActor } from '../src/modules/audit';
import { deliverOutbox } from '../src/modules/mail';
import { registerNormative, sendExpiryReminders } from '../src/modules/normative';
import { makeAgency, makeItem, makeUser } from './helpers/factories';
import { type SmtpSink, startSmtpSink } from './helpers/smtp-sink';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// 规范性文件 expiry reminders (law-and-formats.md §3.5): six months before expiry the owning agency's
// editors and reviewers get one mail each, over real SMTP, however often the job runs.

describe.each(testDatabases())('normative expiry reminders on %s', (kind) => {
  const actor = systemActor('test');
  let sink: SmtpSink;
  let ctx: TestContext;
  let agency: Agency;
  let near: { id: string; title: string };
  let far: { id: string; title: string };
  let lateComer: { id: string };

  async function registered(owner: Agency, title: string, registrationNumber: string, effectiveFrom: string) {
    const item = await makeItem(ctx, owner.id, { title });
    await ctx.db.transaction().execute((trx) =>
      registerNormative(trx, ctx, {
        ...item,
        registration_number: registrationNumber,
        effective_from: effectiveFrom,
      }),
    );
    return item;
  }

  async function staff(owner: Agency, role: 'editor' | 'reviewer1' | 'supervisor', email: string | null) {
    const user = await makeUser(ctx, { grants: [{ agencyId: owner.id, role }] });
    if (email) await setUserEmail(ctx, actor, user.id, { email });
    return user;
  }

  const mailsAbout = (itemId: string) =>
    ctx.db
      .selectFrom('outbox')
      .select(['to_address', 'subject', 'body_text'])
      .where('dedupe_key', 'like', `normative-expiry:${itemId}:%`)
      .orderBy('to_address')
      .execute();

  beforeAll(async () => {
    sink = await startSmtpSink();
    ctx = await createTestContext(kind, { GONGKAI_SMTP_URL: sink.url }); // today: 2 March 2026
    agency = await makeAgency(ctx, { kind: 'district' }); // a district may also hold supervisors
    const other = await makeAgency(ctx);
    await staff(agency, 'editor', 'editor@example.gov.cn');
    await staff(agency, 'reviewer1', 'reviewer@example.gov.cn');
    await staff(agency, 'supervisor', 'supervisor@example.gov.cn');
    lateComer = await staff(agency, 'editor', null);
    const gone = await staff(agency, 'editor', 'gone@example.gov.cn');
    await setUserDisabled(ctx, actor, gone.id, true);
    await staff(other, 'editor', 'other@example.gov.cn');
    near = await registered(agency, '示范区停车管理办法', 'SFQD-2021-001', '2021-06-01'); // valid to 2026-05-31
    far = await registered(agency, '示范区绿化管理办法', 'SFQD-2024-002', '2024-01-01'); // valid to 2028-12-31
  });
  afterAll(async () => {
    await ctx.close();
    await sink.close();
  });

  it('mails each editor and reviewer of the agency once, however often the job runs', async () => {
    expect(await sendExpiryReminders(ctx)).toBe(2);
    expect(await sendExpiryReminders(ctx)).toBe(0);
    ctx.clock.advanceMinutes(24 * 60); // the next day's run
    expect(await sendExpiryReminders(ctx)).toBe(0);
    await deliverOutbox(ctx);
    await deliverOutbox(ctx);
    expect(sink.messages.flatMap((m) => m.envelopeTo).sort()).toEqual([
      'editor@example.gov.cn',
      'reviewer@example.gov.cn',
    ]);
    for (const mail of sink.messages) {
      expect(mail.subject).toBe('规范性文件即将到期：《示范区停车管理办法》（2026年5月31日届满）');
      expect(mail.text).toContain('登记号：SFQD-2021-001');
      expect(mail.text).toContain('有效期至：2026年5月31日');
      expect(mail.text).toMatch(/评估.*修订.*宣布失效/s);
    }
  });

  it('sends nothing about a document not near its expiry', async () => {
    expect(await mailsAbout(far.id)).toEqual([]);
    expect(sink.messages.some((m) => m.subject.includes(far.title))).toBe(false);
  });

  it('reaches a person whose address is added later, without repeating the others', async () => {
    await setUserEmail(ctx, actor, lateComer.id, { email: 'late@example.gov.cn' });
    expect(await sendExpiryReminders(ctx)).toBe(1);
    expect((await mailsAbout(near.id)).map((m) => m.to_address)).toEqual([
      'editor@example.gov.cn',
      'late@example.gov.cn',
      'reviewer@example.gov.cn',
    ]);
  });

  it('leaves out documents no longer in force', async () => {
    const repealed = await registered(agency, '示范区占道经营管理办法', 'SFQD-2021-003', '2021-07-01');
    await ctx.db
      .updateTable('normative_documents')
      .set({ status: 'repealed' })
      .where('item_id', '=', repealed.id)
      .execute();
    expect(await sendExpiryReminders(ctx)).toBe(0);
    expect(await mailsAbout(repealed.id)).toEqual([]);
  });

  it('catches up on a missed day once the window of a later document opens', async () => {
    // The window of the far document opened on 30 June 2028; the job last ran long before.
    ctx.clock.set('2028-09-15T02:00:00Z');
    expect(await sendExpiryReminders(ctx)).toBe(3);
    const mails = await mailsAbout(far.id);
    expect(mails.map((m) => m.to_address)).toEqual([
      'editor@example.gov.cn',
      'late@example.gov.cn',
      'reviewer@example.gov.cn',
    ]);
    expect(mails[0]?.body_text).toContain('有效期至：2028年12月31日');
    expect(await sendExpiryReminders(ctx)).toBe(0);
  });
});

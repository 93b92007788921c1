import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/core/ids';
import type { Agency } from '../src/db/schema';
import type { Principal } from '../src/modules/accounts';
import { runInspection } from '../src/modules/inspections';
import {
  acceptLetter,
  assignLetter,
  draftReply,
  findLetterByTracking,
  forwardLetter,
  letterView,
  mergeLetter,
  publicationProposal,
  publishedLetter,
  publishedLetters,
  publishLetter,
  rateLetter,
  rejectLetter,
  releaseLetter,
  reviewReply,
  sendReply,
  setAsideLetter,
  writerView,
} from '../src/modules/mailbox';
import { expectAppError } from './helpers/application-cases';
import { makeAgency } from './helpers/factories';
import { eventKinds, letterRow, WRITER, writeLetter } from './helpers/mailbox-fixtures';
import { actorOf, makeStaff, type Staff } from './helpers/review-flow';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// The letter lifecycle on both databases: intake with tracking number and query code, the holding queue,
// accept → assign → draft → four-eyes review → send, 转办 to another agency with its history and clock,
// 并单 of duplicates (both writers answered), rejection, consent and masked publication, one rating.
// Mon 2026-03-02: a 投诉 is due 15 working days later, Mon 2026-03-23 (no holiday in March 2026).

describe.each(testDatabases())('mailbox letter lifecycle on %s', (kind) => {
  let ctx: TestContext;
  let agency: Agency;
  let other: Agency;
  let staff: Staff;
  let otherStaff: Staff;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    ctx.clock.set('2026-03-02T02:00:00Z');
    agency = await makeAgency(ctx);
    other = await makeAgency(ctx);
    staff = await makeStaff(ctx, agency.id);
    otherStaff = await makeStaff(ctx, other.id);
  });
  afterAll(async () => ctx?.close());

  const as = (p: Principal) => [ctx, p, actorOf(p)] as const;

  async function answered(overrides: Record<string, string> = {}) {
    const { receipt, row } = await writeLetter(ctx, agency.id, overrides);
    await acceptLetter(...as(staff.editor), row.id, {});
    await draftReply(...as(staff.editor), row.id, {
      reply: '经核查，该工地已办理夜间施工许可，我局已责令其22时后停止高噪声作业。',
    });
    await reviewReply(...as(staff.reviewer1), row.id, { decision: 'approve' });
    await sendReply(...as(staff.editor), row.id);
    return { receipt, id: row.id };
  }

  it('receives a letter with a tracking number, a query code and a due day; the writer data sealed', async () => {
    const { receipt, row } = await writeLetter(ctx, agency.id);
    expect(receipt.trackingNumber).toMatch(new RegExp(`^XX-${agency.code.toUpperCase()}-2026-\\d{5}$`));
    expect(receipt.queryCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(receipt.held).toBe(false);
    expect(row).toMatchObject({
      status: 'received',
      received_on: '2026-03-02',
      due_on: '2026-03-23',
      deadline_days: 15,
    });
    expect(JSON.stringify(row)).not.toContain(WRITER.phone);
    expect(row.phone_masked).toBe('138****5678');
    const consult = await writeLetter(ctx, agency.id, { type: 'consult' });
    expect(consult.row.due_on).toBe('2026-03-09');
    const found = await findLetterByTracking(
      ctx,
      receipt.trackingNumber.toLowerCase(),
      receipt.queryCode.toLowerCase(),
    );
    expect(found.id).toBe(row.id);
    await expectAppError(
      findLetterByTracking(ctx, receipt.trackingNumber, 'WRONGCODE'),
      'not_found',
      /查询码不正确/,
    );
  });

  it('holds the fourth letter within an hour from one address, never drops it, and starts its clock on release', async () => {
    const ip = '203.0.113.77';
    const { submitLetter } = await import('../src/modules/mailbox');
    const { letterFields } = await import('./helpers/mailbox-fixtures');
    for (let i = 0; i < 3; i++)
      expect((await submitLetter(ctx, agency.id, letterFields(), ip)).held).toBe(false);
    const held = await submitLetter(ctx, agency.id, letterFields(), ip);
    const spam = await submitLetter(ctx, agency.id, letterFields(), ip);
    expect(held.held).toBe(true);
    expect(await letterRow(ctx, held.id)).toMatchObject({ status: 'held', received_on: null, due_on: null });
    ctx.clock.set('2026-03-03T02:00:00Z');
    await releaseLetter(...as(staff.editor), held.id);
    expect(await letterRow(ctx, held.id)).toMatchObject({
      status: 'received',
      received_on: '2026-03-03',
      due_on: '2026-03-24',
    });
    await setAsideLetter(...as(staff.editor), spam.id, { reason: '重复提交的相同内容' });
    expect((await letterRow(ctx, spam.id)).status).toBe('set_aside');
    expect(await eventKinds(ctx, held.id)).toEqual(['submitted', 'held', 'released', 'received']);
    ctx.clock.set('2026-03-02T02:00:00Z');
  });

  it('answers after a review by someone other than the drafter; the writer reads the reply and is mailed', async () => {
    const { receipt, row } = await writeLetter(ctx, agency.id);
    await assignLetter(...as(staff.reviewer2), row.id, { assigneeId: staff.editor.userId });
    await expectAppError(
      draftReply(...as(staff.editor), row.id, { reply: '太短' }),
      'validation',
      /至少 10 个字/,
    );
    await draftReply(...as(staff.editor), row.id, {
      reply: '您反映的问题已转交执法大队现场核查，核查结果将另行答复。',
    });
    await reviewReply(...as(staff.reviewer1), row.id, { decision: 'return', opinion: '请写明核查时限' });
    expect((await letterRow(ctx, row.id)).status).toBe('accepted');
    await draftReply(...as(staff.reviewer2), row.id, {
      reply: '您反映的问题已交执法大队于3月5日前现场核查并依法处理。',
    });
    await expectAppError(
      reviewReply(...as(staff.reviewer2), row.id, { decision: 'approve' }),
      'forbidden',
      /拟稿人以外/,
    );
    await expectAppError(reviewReply(...as(staff.editor), row.id, { decision: 'approve' }), 'forbidden');
    await reviewReply(...as(staff.reviewer3), row.id, { decision: 'approve' });
    ctx.clock.set('2026-03-04T02:00:00Z');
    await sendReply(...as(staff.editor), row.id);
    const view = await writerView(
      ctx,
      await findLetterByTracking(ctx, receipt.trackingNumber, receipt.queryCode),
    );
    expect(view.letter.reply).toContain('3月5日前现场核查');
    expect(view.answeredAgencyName).toBe(agency.name);
    expect(JSON.stringify(view.history)).not.toContain('测试用户');
    expect(view.history.map((h) => h.label)).toContain('已答复');
    const mail = await ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('dedupe_key', '=', `mailbox-writer:${row.id}:answered`)
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]?.to_address).toBe(WRITER.email);
    expect(mail[0]?.body_text).toContain('3月5日前现场核查');
    const staffView = await letterView(ctx, staff.editor, row.id);
    expect(staffView.events.map((e) => e.kind)).toEqual([
      'submitted',
      'received',
      'accepted',
      'assigned',
      'drafted',
      'review_returned',
      'drafted',
      'review_approved',
      'sent',
    ]);
    expect(staffView.events.every((e) => e.actor_name && e.at)).toBe(true);
    ctx.clock.set('2026-03-02T02:00:00Z');
  });

  it('forwards to the responsible agency with its history; the clock keeps running from the first receipt', async () => {
    const { row } = await writeLetter(ctx, agency.id);
    await forwardLetter(...as(staff.editor), row.id, { toAgencyId: other.id, note: '属于对方职责范围' });
    const moved = await letterRow(ctx, row.id);
    expect(moved).toMatchObject({
      agency_id: other.id,
      first_agency_id: agency.id,
      status: 'received',
      due_on: '2026-03-23',
      received_on: '2026-03-02',
    });
    await expectAppError(letterView(ctx, staff.editor, row.id), 'not_found');
    const view = await letterView(ctx, otherStaff.editor, row.id);
    expect(view.events.map((e) => e.kind)).toEqual(['submitted', 'received', 'forwarded', 'forwarded_in']);
    await expectAppError(
      forwardLetter(...as(otherStaff.editor), row.id, { toAgencyId: other.id, note: '自己' }),
      'validation',
    );
    await acceptLetter(...as(otherStaff.editor), row.id, {});
    await draftReply(...as(otherStaff.editor), row.id, { reply: '我单位已受理并将于本周内完成现场核查。' });
    await reviewReply(...as(otherStaff.reviewer1), row.id, { decision: 'approve' });
    await sendReply(...as(otherStaff.editor), row.id);
    expect((await letterRow(ctx, row.id)).answered_agency_id).toBe(other.id);
  });

  it('takes merged duplicates along when the primary letter is forwarded', async () => {
    const primary = await writeLetter(ctx, agency.id);
    const dup = await writeLetter(ctx, agency.id);
    await mergeLetter(...as(staff.editor), dup.row.id, { primary: primary.receipt.trackingNumber });
    await forwardLetter(...as(staff.editor), primary.row.id, {
      toAgencyId: other.id,
      note: '属于对方职责范围',
    });
    expect((await letterRow(ctx, dup.row.id)).agency_id).toBe(other.id);
  });

  it('merges a duplicate into its primary; sending answers both writers', async () => {
    const primary = await writeLetter(ctx, agency.id);
    const dup = await writeLetter(ctx, agency.id, {
      name: '李娜',
      phone: '13912345678',
      email: 'lina@example.com',
    });
    await expectAppError(
      mergeLetter(...as(staff.editor), dup.row.id, { primary: dup.receipt.trackingNumber }),
      'validation',
      /自身/,
    );
    await mergeLetter(...as(staff.editor), dup.row.id, { primary: primary.receipt.trackingNumber });
    expect(await letterRow(ctx, dup.row.id)).toMatchObject({ status: 'merged', primary_id: primary.row.id });
    await acceptLetter(...as(staff.editor), primary.row.id, {});
    await draftReply(...as(staff.editor), primary.row.id, {
      reply: '针对夜间施工噪音，我局已约谈施工单位并加强巡查。',
    });
    await reviewReply(...as(staff.reviewer1), primary.row.id, { decision: 'approve' });
    await sendReply(...as(staff.editor), primary.row.id);
    const dupNow = await letterRow(ctx, dup.row.id);
    expect(dupNow).toMatchObject({
      status: 'answered',
      reply: '针对夜间施工噪音，我局已约谈施工单位并加强巡查。',
    });
    const mails = await ctx.db
      .selectFrom('outbox')
      .select('to_address')
      .where('dedupe_key', 'in', [
        `mailbox-writer:${primary.row.id}:answered`,
        `mailbox-writer:${dup.row.id}:answered`,
      ])
      .execute();
    expect(mails.map((m) => m.to_address).sort()).toEqual(['lina@example.com', WRITER.email]);
    expect(await eventKinds(ctx, primary.row.id)).toContain('duplicate_added');
  });

  it('takes the deadline of a corrected type, still counted from the day of receipt', async () => {
    const { row } = await writeLetter(ctx, agency.id, { type: 'consult' });
    ctx.clock.set('2026-03-04T02:00:00Z');
    await acceptLetter(...as(staff.editor), row.id, { type: 'complain' });
    expect(await letterRow(ctx, row.id)).toMatchObject({
      type: 'complain',
      deadline_days: 15,
      due_on: '2026-03-23',
    });
    ctx.clock.set('2026-03-02T02:00:00Z');
  });

  it('rejects an invalid letter with a reason the writer reads', async () => {
    const { receipt, row } = await writeLetter(ctx, agency.id);
    await expectAppError(rejectLetter(...as(staff.editor), row.id, {}), 'validation');
    await rejectLetter(...as(staff.editor), row.id, { reason: '属于诉讼程序中的事项，不予受理' });
    const view = await writerView(
      ctx,
      await findLetterByTracking(ctx, receipt.trackingNumber, receipt.queryCode),
    );
    expect(view.letter).toMatchObject({
      status: 'invalid',
      invalid_reason: '属于诉讼程序中的事项，不予受理',
    });
    expect(view.canRate).toBe(false);
  });

  it('publishes only with consent, after masking checked by a person; never the writer data', async () => {
    const refused = await answered({ consent: 'no' });
    await expectAppError(
      publishLetter(...as(staff.editor), refused.id, {
        subject: '标题',
        content: '内容内容',
        reply: '答复答复',
        checked: '1',
      }),
      'conflict',
      /未同意公开/,
    );
    const { id } = await answered();
    const proposal = await publicationProposal(ctx, staff.editor, id);
    expect(proposal.content).not.toContain(WRITER.name);
    expect(proposal.content).not.toContain('13700002222');
    expect(proposal.content).not.toContain('2单元301室');
    expect(proposal.content).toContain('张某');
    expect(proposal.content).toContain('137****2222');
    await expectAppError(
      publishLetter(...as(staff.editor), id, {
        ...proposal,
        content: `${proposal.content}${WRITER.phone}`,
        checked: '1',
      }),
      'validation',
      /姓名或联系方式/,
    );
    await expectAppError(publishLetter(...as(staff.editor), id, { ...proposal }), 'validation');
    await expectAppError(
      publishLetter(...as(staff.editor), id, {
        ...proposal,
        content: `${proposal.content}另：我的身份证号33010619850312001X`,
        checked: '1',
      }),
      'validation',
      /身份证号/,
    );
    await publishLetter(...as(staff.editor), id, { ...proposal, checked: '1' });
    const list = await publishedLetters(ctx.db, agency.id);
    expect(list.map((l) => l.id)).toContain(id);
    const shown = await publishedLetter(ctx.db, id);
    expect(shown).toMatchObject({
      receivedOn: '2026-03-02',
      answeredOn: '2026-03-02',
      agencyName: agency.name,
    });
    expect(JSON.stringify(shown)).not.toMatch(/张伟|13812345678|zhangwei/);
    await expectAppError(publishedLetter(ctx.db, refused.id), 'not_found');
  });

  it('keeps the 信箱 column fresh in the whole-site inspection by its published letters', async () => {
    const mailboxColumn = async (agencyId: string) => {
      const id = newId();
      await ctx.db
        .insertInto('columns')
        .values({
          id,
          agency_id: agencyId,
          slug: 'mailbox',
          name: '部门信箱',
          description: '',
          update_days: 30,
          sort: 99,
          created_at: ctx.clock.now().toISOString(),
        })
        .execute();
      return id;
    };
    const withLetters = await mailboxColumn(agency.id); // a letter was published above
    const withoutLetters = await mailboxColumn(other.id);
    const run = await runInspection(ctx, 'manual', { contentChecks: [] });
    const findings = await ctx.db
      .selectFrom('inspection_findings')
      .select(['kind', 'object_id'])
      .where('inspection_id', '=', run.inspection.id)
      .where('kind', 'in', ['blank_column', 'freshness'])
      .execute();
    const on = (columnId: string) => findings.filter((f) => f.object_id === columnId).map((f) => f.kind);
    expect(on(withLetters)).toEqual([]);
    expect(on(withoutLetters)).toEqual(['blank_column']);
  });

  it('takes one rating from the writer', async () => {
    const { receipt } = await answered();
    const letter = await findLetterByTracking(ctx, receipt.trackingNumber, receipt.queryCode);
    await expectAppError(rateLetter(ctx, letter, { rating: 'great' }), 'validation');
    await rateLetter(ctx, letter, { rating: 'basic' });
    await expectAppError(rateLetter(ctx, letter, { rating: 'satisfied' }), 'conflict', /只能评价一次/);
    expect((await letterRow(ctx, letter.id)).rating).toBe('basic');
  });

  it('lets one of two simultaneous steps win', async () => {
    const { row } = await writeLetter(ctx, agency.id);
    const results = await Promise.allSettled([
      acceptLetter(...as(staff.editor), row.id, {}),
      rejectLetter(...as(staff.reviewer2), row.id, { reason: '不属于本单位职责' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });
});

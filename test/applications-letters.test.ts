import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../src/db/schema';
import {
  caseLetters,
  endConsultation,
  extendCase,
  letterDocx,
  noticeFee,
  registerApplication,
  releaseHeld,
  requestCorrection,
  startConsultation,
  submitApplication,
} from '../src/modules/applications';
import { saveLetterTemplate } from '../src/modules/applications/letters';
import {
  contentOf,
  docxText,
  expectAppError,
  lettersOf,
  letterText,
  onlyLetter,
} from './helpers/application-cases';
import { applyOnline, personApplication } from './helpers/application-fixtures';
import { makeAgency } from './helpers/factories';
import { actorOf, makeStaff, type Staff } from './helpers/review-flow';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// Each procedural letter (the non-reply kinds) is issued by the step that should issue it, filled with
// the case's values; the consultation letters stay out of the applicant's view; an agency's edited
// template governs the next letter while letters already issued keep their text. Every expected date is
// counted by hand on the State Council calendar (2026: 国办发明电〔2025〕7号).

function expectFilled(text: string): void {
  expect(text).not.toMatch(/\{\{|\}\}/);
}

describe.each(testDatabases())('the letters of a case on %s', (kind) => {
  let ctx: TestContext;
  let staff: Staff;
  let agency: Agency;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    agency = await makeAgency(ctx);
    staff = await makeStaff(ctx, agency.id);
  });
  afterAll(() => ctx.close());

  const at = (iso: string) => ctx.clock.set(iso);

  it('issues the receipt on online submission, with the receipt day and the due date', async () => {
    at('2026-03-02T02:00:00Z'); // Monday
    const { row } = await applyOnline(ctx, agency.id);
    const receipt = await onlyLetter(ctx, row.id, 'receipt');
    const text = letterText(receipt);
    // Received Mon 03-02; 20 working days from 03-03: 03-03…06 (4), 03-09…13 (9), 03-16…20 (14),
    // 03-23…27 (19), Mon 03-30 (20).
    expect(row.due_on).toBe('2026-03-30');
    expect(contentOf(receipt).title).toBe('政府信息公开申请受理回执');
    expect(contentOf(receipt).addressee).toBe('张三');
    expect(text).toContain('本机关于2026年3月2日收到您提出的政府信息公开申请');
    expect(text).toContain(`申请编号：${row.tracking_number}`);
    expect(text).toContain('即于2026年3月30日前作出答复');
    expect(text).toContain(row.description);
    expectFilled(text);
    expect(receipt.public).toBe(1);
    expect(receipt.issued_on).toBe('2026-03-02');
  });

  it('issues the receipt on staff registration with the Art. 31 receipt day', async () => {
    at('2026-03-02T02:00:00Z');
    const editor = staff.editor;
    const registered = await registerApplication(ctx, actorOf(editor), agency.id, {
      ...personApplication(),
      channel: 'registered_post',
      receivedOn: '2026-02-27',
    });
    const receipt = await onlyLetter(ctx, registered.id, 'receipt');
    const text = letterText(receipt);
    // Signed for on Fri 02-27; from 02-28 (Saturday make-up day of 春节, counted) = 1, 03-02…06 (6),
    // 03-09…13 (11), 03-16…20 (16), 03-23 (17), 03-24 (18), 03-25 (19), Thu 03-26 (20).
    expect(text).toContain('本机关于2026年2月27日收到');
    expect(text).toContain('即于2026年3月26日前作出答复');
    expectFilled(text);
    expect(receipt.issued_by).toBe(editor.username);
  });

  it('issues no receipt while an application is held, and one on its release', async () => {
    at('2026-03-02T02:00:00Z');
    const ip = '198.51.100.7';
    for (let i = 0; i < 5; i++) {
      const r = await submitApplication(ctx, agency.id, personApplication(), ip);
      expect(r.held).toBe(false);
    }
    at('2026-03-02T02:30:00Z'); // the sixth within the hour
    const held = await submitApplication(ctx, agency.id, personApplication(), ip);
    expect(held.held).toBe(true);
    const row = await ctx.db
      .selectFrom('applications')
      .selectAll()
      .where('tracking_number', '=', held.trackingNumber)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('held');
    expect(await lettersOf(ctx, row.id)).toEqual([]);

    at('2026-03-03T02:00:00Z'); // released the next day: today is the receipt day
    await releaseHeld(ctx, staff.editor, actorOf(staff.editor), row.id);
    const receipt = await onlyLetter(ctx, row.id, 'receipt');
    const text = letterText(receipt);
    // Received Tue 03-03; from 03-04: 03-04…06 (3), 03-09…13 (8), 03-16…20 (13), 03-23…27 (18),
    // 03-30 (19), Tue 03-31 (20).
    expect(text).toContain('本机关于2026年3月3日收到');
    expect(text).toContain('即于2026年3月31日前作出答复');
    expectFilled(text);
  });

  it('issues the correction notice listing the items and the deadline', async () => {
    at('2026-03-02T02:00:00Z');
    const { row } = await applyOnline(ctx, agency.id);
    await requestCorrection(ctx, staff.editor, actorOf(staff.editor), row.id, {
      items: '一、请写明专项资金的名称。\n二、请写明所需信息的年度。',
      days: 10,
    });
    const letter = await onlyLetter(ctx, row.id, 'correction');
    const content = contentOf(letter);
    expect(content.title).toBe('政府信息公开申请补正告知书');
    // The two items become two paragraphs.
    expect(content.paragraphs).toContain('一、请写明专项资金的名称。');
    expect(content.paragraphs).toContain('二、请写明所需信息的年度。');
    // 10 working days after Mon 03-02: 03-03…06 (4), 03-09…13 (9), Mon 03-16 (10).
    expect(letterText(letter)).toContain('请您于2026年3月16日前向本机关提交补正后的申请');
    expectFilled(letterText(letter));
    expect(letter.public).toBe(1);
  });

  it('issues the extension notice with the days and the new due date', async () => {
    at('2026-03-02T02:00:00Z');
    const { row } = await applyOnline(ctx, agency.id); // due 2026-03-30 (counted above)
    const office = staff.reviewer2;
    const extended = await extendCase(ctx, office, actorOf(office), row.id, {
      days: 15,
      reason: '所需信息涉及多个年度，需要逐项检索核实',
    });
    // 15 working days after Mon 03-30: 03-31…04-03 (4), Mon 04-06 清明节 not counted, 04-07…10 (8),
    // 04-13…17 (13), 04-20 (14), Tue 04-21 (15).
    expect(extended.due_on).toBe('2026-04-21');
    const letter = await onlyLetter(ctx, row.id, 'extension');
    const text = letterText(letter);
    expect(contentOf(letter).title).toBe('政府信息公开申请延期答复告知书');
    expect(text).toContain('因所需信息涉及多个年度，需要逐项检索核实');
    expect(text).toContain('答复期限延长15个工作日');
    expect(text).toContain('将于2026年4月21日前作出答复');
    expectFilled(text);
  });

  it('issues the consultation letters to the consulted party, out of the applicant’s view', async () => {
    at('2026-03-02T02:00:00Z');
    const { row } = await applyOnline(ctx, agency.id);
    const editor = staff.editor;
    await startConsultation(ctx, editor, actorOf(editor), row.id, {
      party: 'thirdParty',
      partyName: '示范科技有限公司',
      matter: '分配结果涉及贵公司获得的资金数额',
    });
    const third = await onlyLetter(ctx, row.id, 'thirdPartyConsultation');
    const thirdText = letterText(third);
    expect(contentOf(third).title).toBe('政府信息公开征求第三方意见函');
    expect(contentOf(third).addressee).toBe('示范科技有限公司');
    // 15 working days after Mon 03-02: 03-03…06 (4), 03-09…13 (9), 03-16…20 (14), Mon 03-23 (15).
    expect(thirdText).toContain('即于2026年3月23日前');
    expect(thirdText).toContain(row.tracking_number);
    expectFilled(thirdText);

    at('2026-03-03T02:00:00Z');
    await endConsultation(ctx, editor, actorOf(editor), row.id, {
      endedOn: '2026-03-03',
      result: '同意公开',
    });
    await startConsultation(ctx, editor, actorOf(editor), row.id, {
      party: 'agency',
      partyName: '示范区财政局',
      matter: '该分配方案系与贵局联合制发',
    });
    const joint = await onlyLetter(ctx, row.id, 'agencyConsultation');
    const jointText = letterText(joint);
    expect(contentOf(joint).title).toBe('政府信息公开征求意见函');
    expect(contentOf(joint).addressee).toBe('示范区财政局');
    // 15 working days after Tue 03-03: 03-04…06 (3), 03-09…13 (8), 03-16…20 (13), 03-23 (14), Tue 03-24.
    expect(jointText).toContain('即于2026年3月24日前');
    expect(jointText).toContain('视为同意公开');
    expectFilled(jointText);

    expect([third.public, joint.public]).toEqual([0, 0]);
    expect((await caseLetters(ctx.db, row.id, true)).map((l) => l.kind)).toEqual(['receipt']);
    expect((await caseLetters(ctx.db, row.id, false)).map((l) => l.kind)).toEqual([
      'receipt',
      'thirdPartyConsultation',
      'agencyConsultation',
    ]);
    await expectAppError(letterDocx(ctx.db, row.id, third.id, true), 'not_found');
    await expectAppError(letterDocx(ctx.db, row.id, joint.id, true), 'not_found');
    expect(docxText((await letterDocx(ctx.db, row.id, third.id, false)).body)).toContain('示范科技有限公司');
  });

  it('issues the fee notice with the amount, its basis and the pay-by date', async () => {
    at('2026-03-02T02:00:00Z');
    const { row } = await applyOnline(ctx, agency.id);
    const office = staff.reviewer2;
    await noticeFee(ctx, office, actorOf(office), row.id, { basis: 'perPage', pages: 35 });
    const letter = await onlyLetter(ctx, row.id, 'feeNotice');
    const text = letterText(letter);
    expect(contentOf(letter).title).toBe('政府信息公开信息处理费收费通知书');
    // 按量计收: pages 1–30 free, pages 31–35 are 5 × 10元 = 50元.
    expect(text).toContain('应缴金额：人民币50元');
    expect(text).toContain('计费依据：按量计收');
    expect(text).toContain('35页');
    // 20 working days from the day after Mon 03-02: 03-03…06 (4), 03-09…13 (9), 03-16…20 (14),
    // 03-23…27 (19), Mon 03-30 (20).
    expect(text).toContain('2026年3月30日');
    expect(text).toContain('视为放弃申请');
    expectFilled(text);
    expect(letter.public).toBe(1);
  });

  it('uses an agency’s edited template for the next letter; issued letters keep their text', async () => {
    at('2026-03-04T02:00:00Z'); // Wednesday
    const before = await applyOnline(ctx, agency.id);
    const oldLetter = await onlyLetter(ctx, before.row.id, 'receipt');
    const office = staff.reviewer2;
    await saveLetterTemplate(ctx, actorOf(office), agency.id, 'receipt', {
      title: '依申请公开受理通知（本局格式）',
      body: '本局已于{{receivedOn}}登记您的申请，编号{{trackingNumber}}。\n本局将于{{dueOn}}前答复，请留意。',
    });

    const after = await applyOnline(ctx, agency.id);
    const newLetter = await onlyLetter(ctx, after.row.id, 'receipt');
    const content = contentOf(newLetter);
    expect(content.title).toBe('依申请公开受理通知（本局格式）');
    // Received Wed 03-04; from 03-05: 03-05…06 (2), 03-09…13 (7), 03-16…20 (12), 03-23…27 (17),
    // 03-30 (18), 03-31 (19), Wed 04-01 (20).
    expect(content.paragraphs).toEqual([
      `本局已于2026年3月4日登记您的申请，编号${after.row.tracking_number}。`,
      '本局将于2026年4月1日前答复，请留意。',
    ]);
    expect(docxText((await letterDocx(ctx.db, after.row.id, newLetter.id, true)).body)).toContain(
      '依申请公开受理通知（本局格式）',
    );

    const oldNow = await onlyLetter(ctx, before.row.id, 'receipt');
    expect(oldNow.content).toBe(oldLetter.content);
    expect(contentOf(oldNow).title).toBe('政府信息公开申请受理回执');
    const oldDocx = docxText((await letterDocx(ctx.db, before.row.id, oldNow.id, true)).body);
    expect(oldDocx).toContain('政府信息公开申请受理回执');
    expect(oldDocx).not.toContain('本局格式');

    // The edit is this agency's only: another agency still issues the default receipt.
    const other = await makeAgency(ctx);
    const elsewhere = await applyOnline(ctx, other.id);
    expect(contentOf(await onlyLetter(ctx, elsewhere.row.id, 'receipt')).title).toBe(
      '政府信息公开申请受理回执',
    );
  });
});

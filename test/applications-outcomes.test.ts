import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../src/db/schema';
import {
  decideCase,
  deliverCase,
  lapseCorrection,
  lapseFee,
  letterDocx,
  noticeFee,
  OUTCOMES,
  type Outcome,
  receiveCorrection,
  requestCorrection,
} from '../src/modules/applications';
import {
  contentOf,
  docxText,
  expectAppError,
  lettersOf,
  letterText,
  onlyLetter,
  serialOf,
  unzipText,
} from './helpers/application-cases';
import { applyOnline } from './helpers/application-fixtures';
import { makeAgency } from './helpers/factories';
import { actorOf, makeStaff, type Staff } from './helpers/review-flow';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// Every one of the 21 outcomes of table 3 (国办公开办函〔2021〕30号) decided on a real case: the status and
// outcome stored, exactly one reply letter of its key, numbered per agency and year, citing its article,
// with the remedies of 条例 Art. 51 on every refusal, readable as a Word file; delivery closes the case.
// The two "deemed abandoned" outcomes are also reached the lawful way: a correction (Art. 30) or a fee
// notice (109号) whose deadline passed.

const RECONSIDERATION_BODY = '示范市示范区人民政府';
const COURT = '示范市示范区人民法院';

// The title of the reply by the group of its outcome (default-reply-templates.ts, written out by hand).
const TITLE_BY_GROUP: Record<Outcome['group'], string> = {
  予以公开: '政府信息予以公开告知书',
  部分公开: '政府信息部分公开告知书',
  不予公开: '政府信息不予公开告知书',
  无法提供: '政府信息无法提供告知书',
  不予处理: '政府信息公开申请不予处理告知书',
  其他处理: '政府信息公开申请处理结果告知书',
};

// 行政复议法 (2023) Art. 23: against a refusal to disclose, reconsideration comes before any lawsuit.
function expectRemedies(text: string, code: string): void {
  expect(text).toMatch(new RegExp(`60日内向${RECONSIDERATION_BODY}申请行政复议`));
  if (code === 'partiallyDisclosed' || code.startsWith('withheld.'))
    expect(text).toContain(`对行政复议决定不服的，可以依法向${COURT}提起行政诉讼`);
  else expect(text).toMatch(new RegExp(`6个月内向${COURT}提起行政诉讼`));
}

describe.each(testDatabases())('each outcome of a decision on %s', (kind) => {
  let ctx: TestContext;
  let staff: Staff;
  let agency: Agency;
  let lastSerial = 0; // the agency's letter serials in 2026 must rise by one with every letter

  beforeAll(async () => {
    ctx = await createTestContext(kind, {
      GONGKAI_RECONSIDERATION_BODY: RECONSIDERATION_BODY,
      GONGKAI_COURT: COURT,
    });
    agency = await makeAgency(ctx);
    staff = await makeStaff(ctx, agency.id);
    ctx.clock.set('2026-03-02T02:00:00Z'); // Monday 2 March 2026, 10:00 in China
  });
  afterAll(() => ctx.close());

  const office = () => staff.reviewer2;

  it('covers all 21 outcomes of table 3', () => {
    expect(OUTCOMES).toHaveLength(21);
    expect(new Set(OUTCOMES.map((o) => o.code)).size).toBe(21);
  });

  it.each(OUTCOMES.map((o) => [o.code, o] as const))(
    'decides %s, issues its reply, closes',
    async (code, outcome) => {
      const { row } = await applyOnline(ctx, agency.id);
      // Every reply states the case's own facts: without a note the decision is refused, nothing issued.
      await expectAppError(
        decideCase(ctx, office(), actorOf(office()), row.id, { outcome: code, note: '' }),
        'validation',
      );
      expect((await lettersOf(ctx, row.id)).map((l) => l.kind)).toEqual(['receipt']);
      const note = `本案办理说明：${code}，详见附件清单`;
      const decided = await decideCase(ctx, office(), actorOf(office()), row.id, { outcome: code, note });
      expect(decided.status).toBe('decided');
      expect(decided.outcome).toBe(code);
      expect(decided.outcome_note).toBe(note);
      expect(decided.decided_on).toBe('2026-03-02');

      const letters = await lettersOf(ctx, row.id);
      expect(letters.map((l) => l.kind)).toEqual(['receipt', `reply:${code}`]);
      const reply = await onlyLetter(ctx, row.id, `reply:${code}`);
      // Numbered per agency and year, one after the other: the receipt, then this reply.
      const [receiptSerial, replySerial] = letters.map((l) => serialOf(l.number));
      expect(receiptSerial).toBe(lastSerial + 1);
      expect(replySerial).toBe(lastSerial + 2);
      expect(reply.number).toBe(`${agency.short_name}依申〔2026〕${lastSerial + 2}号`);
      lastSerial += 2;

      const content = contentOf(reply);
      const text = letterText(reply);
      expect(content.title).toBe(TITLE_BY_GROUP[outcome.group]);
      expect(reply.title).toBe(content.title);
      expect(content.number).toBe(reply.number);
      expect(content.addressee).toBe('张三');
      expect(content.issuedOn).toBe('2026-03-02');
      expect(text).toContain(outcome.basis);
      expect(text).toContain(note);
      expect(text).toContain(row.tracking_number);
      expect(text).not.toMatch(/\{\{|\}\}/);
      if (outcome.refusal) expectRemedies(text, outcome.code);
      else expect(text).not.toContain('行政复议');

      const docx = await letterDocx(ctx.db, row.id, reply.id, true);
      expect(docx.body.subarray(0, 2).toString('latin1')).toBe('PK');
      const xml = unzipText(docx.body).get('word/document.xml') ?? '';
      expect(xml).toContain(content.title);
      expect(docxText(docx.body)).toContain(reply.number);

      const closed = await deliverCase(ctx, staff.editor, actorOf(staff.editor), row.id, {
        deliveredOn: '2026-03-02',
        method: 'online',
      });
      expect(closed.status).toBe('closed');
      expect(closed.closed_on).toBe('2026-03-02');
      expect(closed.outcome).toBe(code);
    },
  );

  it('keeps the agency letter numbers gapless and unique in issue order', async () => {
    const letters = await ctx.db
      .selectFrom('application_letters')
      .select(['number', 'created_at', 'id'])
      .where('agency_id', '=', agency.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    expect(letters).toHaveLength(42); // 21 receipts and 21 replies
    expect(letters.map((l) => serialOf(l.number))).toEqual(Array.from({ length: 42 }, (_, i) => i + 1));
  });

  it('numbers another agency from 1 and starts again in the new year', async () => {
    const other = await makeAgency(ctx);
    const otherStaff = await makeStaff(ctx, other.id);
    ctx.clock.set('2026-12-31T02:00:00Z'); // Thursday 31 December 2026
    const { row } = await applyOnline(ctx, other.id);
    const receipt = await onlyLetter(ctx, row.id, 'receipt');
    expect(receipt.number).toBe(`${other.short_name}依申〔2026〕1号`);
    ctx.clock.set('2027-01-04T02:00:00Z'); // decided in 2027: the reply takes the 2027 sequence
    await decideCase(ctx, otherStaff.reviewer2, actorOf(otherStaff.reviewer2), row.id, {
      outcome: 'unable.notHeld',
      note: '经检索，本机关未制作该信息',
    });
    const reply = await onlyLetter(ctx, row.id, 'reply:unable.notHeld');
    expect(reply.number).toBe(`${other.short_name}依申〔2027〕1号`);
  });

  it('reaches other.noCorrection only after the correction deadline has passed', async () => {
    ctx.clock.set('2026-03-02T02:00:00Z');
    const { row } = await applyOnline(ctx, agency.id);
    const editor = staff.editor;
    ctx.clock.set('2026-03-03T02:00:00Z'); // Tuesday
    const asked = await requestCorrection(ctx, editor, actorOf(editor), row.id, {
      items: '请写明所需专项资金的名称和年度',
      days: 5,
    });
    expect(asked.status).toBe('correction');
    // 5 working days after Tue 03-03: 03-04, 03-05, 03-06, 03-09, 03-10 → the deadline is 2026-03-10.
    await expectAppError(
      lapseCorrection(ctx, editor, actorOf(editor), row.id),
      'conflict',
      '补正期限至 2026-03-10',
    );
    ctx.clock.set('2026-03-10T09:00:00Z'); // the last day itself (17:00 in China) is still the applicant's
    await expectAppError(lapseCorrection(ctx, editor, actorOf(editor), row.id), 'conflict', '期满后');
    expect((await lettersOf(ctx, row.id)).map((l) => l.kind)).toEqual(['receipt', 'correction']);

    ctx.clock.set('2026-03-11T02:00:00Z');
    const lapsed = await lapseCorrection(ctx, editor, actorOf(editor), row.id);
    expect(lapsed.status).toBe('decided');
    expect(lapsed.outcome).toBe('other.noCorrection');
    expect(lapsed.decided_on).toBe('2026-03-11');
    const reply = await onlyLetter(ctx, row.id, 'reply:other.noCorrection');
    const text = letterText(reply);
    expect(text).toContain('《中华人民共和国政府信息公开条例》第三十条');
    expect(text).toContain('视为放弃申请');
    expectRemedies(text, 'other.noCorrection');
    expect(text).not.toMatch(/\{\{/);
    const closed = await deliverCase(ctx, editor, actorOf(editor), row.id, {
      deliveredOn: '2026-03-11',
      method: 'post',
    });
    expect(closed.status).toBe('closed');
  });

  it('does not lapse a correction that arrived in time', async () => {
    ctx.clock.set('2026-03-02T02:00:00Z');
    const { row } = await applyOnline(ctx, agency.id);
    const editor = staff.editor;
    await requestCorrection(ctx, editor, actorOf(editor), row.id, { items: '请写明文件名称或文号', days: 5 });
    ctx.clock.set('2026-03-05T02:00:00Z');
    await receiveCorrection(ctx, editor, actorOf(editor), row.id, { receivedOn: '2026-03-05' });
    ctx.clock.set('2026-03-20T02:00:00Z'); // long after the stated deadline
    await expectAppError(lapseCorrection(ctx, editor, actorOf(editor), row.id), 'conflict', '不能执行');
  });

  it('reaches other.feeUnpaid only after 20 working days without payment', async () => {
    ctx.clock.set('2026-03-20T02:00:00Z'); // Friday 20 March 2026
    const { row } = await applyOnline(ctx, agency.id);
    const noticed = await noticeFee(ctx, office(), actorOf(office()), row.id, {
      basis: 'perPage',
      pages: 35,
    });
    expect(noticed.status).toBe('paused');
    // 20 working days from the day after the notice (Fri 03-20): 03-23…27 (5), 03-30…04-03 (10),
    // Mon 04-06 is 清明节 (not counted), 04-07…10 (14), 04-13…17 (19), Mon 04-20 (20) → pay by 2026-04-20.
    const editor = staff.editor;
    ctx.clock.set('2026-04-17T02:00:00Z');
    await expectAppError(lapseFee(ctx, editor, actorOf(editor), row.id), 'conflict', '缴费期限至 2026-04-20');
    ctx.clock.set('2026-04-20T09:00:00Z');
    await expectAppError(lapseFee(ctx, editor, actorOf(editor), row.id), 'conflict', '期满后');

    ctx.clock.set('2026-04-21T02:00:00Z');
    const lapsed = await lapseFee(ctx, editor, actorOf(editor), row.id);
    expect(lapsed.status).toBe('decided');
    expect(lapsed.outcome).toBe('other.feeUnpaid');
    expect(lapsed.decided_on).toBe('2026-04-21');
    expect((await lettersOf(ctx, row.id)).map((l) => l.kind)).toEqual([
      'receipt',
      'feeNotice',
      'reply:other.feeUnpaid',
    ]);
    const text = letterText(await onlyLetter(ctx, row.id, 'reply:other.feeUnpaid'));
    expect(text).toContain('《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）');
    expect(text).toContain('逾期未按通知要求缴纳费用');
    expectRemedies(text, 'other.feeUnpaid');
    const closed = await deliverCase(ctx, editor, actorOf(editor), row.id, {
      deliveredOn: '2026-04-21',
      method: 'online',
    });
    expect(closed.status).toBe('closed');
  });
});

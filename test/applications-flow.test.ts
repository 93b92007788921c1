import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignCase,
  caseView,
  decideCase,
  deliverCase,
  endConsultation,
  extendCase,
  findByTracking,
  receiveCorrection,
  requestCorrection,
  startConsultation,
} from '../src/modules/applications';
import { applyOnline, SAMPLE_ID_NUMBER } from './helpers/application-fixtures';
import { makeAgency } from './helpers/factories';
import { actorOf, makeStaff, type Staff } from './helpers/review-flow';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// The agency side of one case from receipt to delivery: correction restarts the clock, a consultation
// stops it, one extension moves it, the decision issues the reply, delivery closes the case.

describe.each(testDatabases())('an application from receipt to delivery (%s)', (kind) => {
  let ctx: TestContext;
  let staff: Staff;
  let agencyId: string;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    ctx.clock.set('2024-09-27T02:00:00Z'); // a Friday before the National Day holiday
    agencyId = (await makeAgency(ctx)).id;
    staff = await makeStaff(ctx, agencyId);
  });
  afterAll(() => ctx.close());

  it('walks the statutory process and keeps every step', async () => {
    const { receipt, row } = await applyOnline(ctx, agencyId);
    expect(receipt.held).toBe(false);
    expect(row.received_on).toBe('2024-09-27');
    expect(row.due_on).toBe('2024-10-30'); // the worked example
    expect(JSON.stringify(row)).not.toContain(SAMPLE_ID_NUMBER);
    expect(row.id_number_masked).toBe('1101**********002X');
    await expect(findByTracking(ctx, receipt.trackingNumber, 'WRONG123')).rejects.toThrow('不正确');
    expect((await findByTracking(ctx, receipt.trackingNumber, receipt.queryCode)).id).toBe(row.id);

    const editor = staff.editor;
    const office = staff.reviewer2;
    ctx.clock.set('2024-09-30T02:00:00Z');
    await requestCorrection(ctx, editor, actorOf(editor), row.id, {
      items: '请写明资金名称和年度',
      days: 10,
    });
    await expect(
      requestCorrection(ctx, editor, actorOf(editor), row.id, { items: '再次补正申请内容', days: 10 }),
    ).rejects.toThrow(/不能执行|只能发出一次/);
    ctx.clock.set('2024-10-09T02:00:00Z');
    let c = await receiveCorrection(ctx, editor, actorOf(editor), row.id, { receivedOn: '2024-10-09' });
    expect(c.status).toBe('processing');
    expect(c.due_on).toBe('2024-11-05'); // 20 working days after 10-09, the make-up Saturday 10-12 counted

    await assignCase(ctx, editor, actorOf(editor), row.id, { userId: editor.userId });
    ctx.clock.set('2024-10-10T02:00:00Z');
    c = await startConsultation(ctx, editor, actorOf(editor), row.id, {
      party: 'thirdParty',
      partyName: '某某科技有限公司',
      matter: '申请公开的分配结果涉及贵公司获得的资金数额',
    });
    expect(c.status).toBe('paused');
    expect(c.due_on).toBeNull();
    ctx.clock.set('2024-10-16T02:00:00Z');
    c = await endConsultation(ctx, editor, actorOf(editor), row.id, {
      endedOn: '2024-10-16',
      result: '同意公开',
    });
    // 10-10 … 10-16 (6 working days with the make-up 10-12) are not counted: 11-05 + 6 working days.
    expect(c.due_on).toBe('2024-11-13');

    await expect(
      extendCase(ctx, editor, actorOf(editor), row.id, { days: 10, reason: '需要调取档案' }),
    ).rejects.toThrow('复审');
    c = await extendCase(ctx, office, actorOf(office), row.id, { days: 10, reason: '需要调取档案核对' });
    expect(c.due_on).toBe('2024-11-27');
    await expect(
      extendCase(ctx, office, actorOf(office), row.id, { days: 5, reason: '再次延期' }),
    ).rejects.toThrow('只能延长一次');

    await expect(
      decideCase(ctx, office, actorOf(office), row.id, { outcome: 'partiallyDisclosed', note: '' }),
    ).rejects.toThrow('第三十七条');
    c = await decideCase(ctx, office, actorOf(office), row.id, {
      outcome: 'partiallyDisclosed',
      note: '企业银行账号属于商业秘密，已作区分处理',
    });
    expect(c.status).toBe('decided');
    c = await deliverCase(ctx, editor, actorOf(editor), row.id, {
      deliveredOn: '2024-10-16',
      method: 'online',
    });
    expect(c.status).toBe('closed');

    const view = await caseView(ctx, office, row.id);
    expect(view.events.map((e) => e.kind)).toEqual(
      expect.arrayContaining([
        'received',
        'correction_requested',
        'correction_received',
        'consultation_started',
        'extended',
        'decided',
        'delivered',
      ]),
    );
    const kinds = view.letters.map((l) => l.kind);
    expect(kinds).toEqual([
      'receipt',
      'correction',
      'thirdPartyConsultation',
      'extension',
      'reply:partiallyDisclosed',
    ]);
    expect(new Set(view.letters.map((l) => l.number)).size).toBe(5);
    const reply = JSON.parse(view.letters[4]?.content ?? '{}');
    expect(reply.paragraphs.join('')).toContain('企业银行账号属于商业秘密');
    expect(reply.paragraphs.join('')).toContain('60日内');
  });

  it('lets exactly one of two simultaneous extensions through (a step that keeps the status)', async () => {
    ctx.clock.set('2026-03-02T02:00:00Z');
    const { row } = await applyOnline(ctx, agencyId);
    const office = staff.reviewer2;
    const results = await Promise.allSettled([
      extendCase(ctx, office, actorOf(office), row.id, { days: 10, reason: '需要调档核对' }),
      extendCase(ctx, office, actorOf(office), row.id, { days: 20, reason: '需要调档核对' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const events = await ctx.db
      .selectFrom('application_events')
      .select('kind')
      .where('application_id', '=', row.id)
      .where('kind', '=', 'extended')
      .execute();
    expect(events).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/core/errors';
import type { Agency } from '../src/db/schema';
import type { Principal } from '../src/modules/accounts';
import {
  assignCase,
  caseView,
  decideCase,
  deliverCase,
  dismissHeld,
  endConsultation,
  extendCase,
  lapseCorrection,
  lapseFee,
  noticeFee,
  payFee,
  purgeExpiredApplicants,
  receiveCorrection,
  recordAppeal,
  registerApplication,
  releaseHeld,
  requestCorrection,
  startConsultation,
  submitApplication,
  unmaskApplicant,
} from '../src/modules/applications';
import { expectAppError, lettersOf, letterText, onlyLetter } from './helpers/application-cases';
import {
  applyOnline,
  personApplication,
  SAMPLE_ID_NUMBER,
  SAMPLE_PHONE,
} from './helpers/application-fixtures';
import { makeAgency } from './helpers/factories';
import { actorOf, makeStaff, type Staff } from './helpers/review-flow';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// The case rules of 条例 Art. 30–35 and 109号 on real cases: one correction within 7 working days, one
// extension of ≤ 20 days by the disclosure office before the due date, consultation days not counted,
// the per-applicant monthly fee count, the holding queue, one decision under a race, agency isolation,
// retention of personal data and sealing of identity numbers and phones. Expected dates are counted by
// hand on the State Council calendar (2025: 国办发明电〔2024〕12号; 2026: 国办发明电〔2025〕7号).

const OTHER_ID_NUMBER = '330106198503120044'; // a second valid 居民身份证 number (GB 11643 check digit 4)
const OTHER_PHONE = '13987654321';
const FREQUENT_ID_NUMBER = '440305199211080073'; // a third one (check digit 3), for the monthly fee count

describe.each(testDatabases())('the case rules on %s', (kind) => {
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
  const register = (receivedOn: string) =>
    registerApplication(ctx, actorOf(staff.editor), agency.id, {
      ...personApplication(),
      channel: 'registered_post',
      receivedOn,
    });
  const events = (id: string) =>
    ctx.db.selectFrom('application_events').selectAll().where('application_id', '=', id).execute();

  describe('correction (条例 Art. 30)', () => {
    // Received Fri 2025-09-26. The 7 working days: Sun 09-28 (make-up day, 1), 09-29 (2), 09-30 (3),
    // 10-01…10-08 国庆节、中秋节 not counted, 10-09 (4), 10-10 (5), Sat 10-11 (make-up day, 6), Mon 10-13 (7).
    it('is allowed on the 7th working day after receipt and refused on the 8th', async () => {
      at('2025-10-13T02:00:00Z');
      const inTime = await register('2025-09-26');
      const late = await register('2025-09-26');
      const editor = staff.editor;
      const asked = await requestCorrection(ctx, editor, actorOf(editor), inTime.id, {
        items: '请写明所需文件的名称或文号',
        days: 10,
      });
      expect(asked.status).toBe('correction');
      expect(asked.due_on).toBeNull(); // the reply period waits for the corrected application

      at('2025-10-14T02:00:00Z');
      await expectAppError(
        requestCorrection(ctx, editor, actorOf(editor), late.id, { items: '请写明所需文件的名称', days: 10 }),
        'conflict',
        /7 个工作日内发出（最迟 2025-10-13）/,
      );
      expect((await lettersOf(ctx, late.id)).map((l) => l.kind)).toEqual(['receipt']);

      // Only once: not while waiting, and not after the correction arrived.
      await expectAppError(
        requestCorrection(ctx, editor, actorOf(editor), inTime.id, { items: '再次要求补正内容', days: 10 }),
        'conflict',
        '不能执行',
      );
      const corrected = await receiveCorrection(ctx, editor, actorOf(editor), inTime.id, {
        receivedOn: '2025-10-14',
      });
      // The reply period restarts on Tue 10-14: 10-15…17 (3), 10-20…24 (8), 10-27…31 (13),
      // 11-03…07 (18), 11-10 (19), Tue 11-11 (20).
      expect(corrected.due_on).toBe('2025-11-11');
      await expectAppError(
        requestCorrection(ctx, editor, actorOf(editor), inTime.id, { items: '再次要求补正内容', days: 10 }),
        'conflict',
        '补正告知只能发出一次',
      );
      expect((await lettersOf(ctx, inTime.id)).filter((l) => l.kind === 'correction')).toHaveLength(1);
    });
  });

  describe('extension (条例 Art. 33 ¶2)', () => {
    // Received online Mon 2026-03-02: due Mon 03-30 (03-03…06, 09…13, 16…20, 23…27 = 19, 03-30 = 20).
    it('is granted once, up to 20 working days, by the disclosure office only', async () => {
      at('2026-03-02T02:00:00Z');
      const { row } = await applyOnline(ctx, agency.id);
      expect(row.due_on).toBe('2026-03-30');
      const { editor, reviewer2: office } = staff;
      await expectAppError(
        extendCase(ctx, editor, actorOf(editor), row.id, { days: 10, reason: '需要调取档案核对' }),
        'forbidden',
        '复审',
      );
      await expectAppError(
        extendCase(ctx, office, actorOf(office), row.id, { days: 21, reason: '需要调取档案核对' }),
        'validation',
        '最长不超过 20 个工作日',
      );
      await expectAppError(
        extendCase(ctx, office, actorOf(office), row.id, { days: 0, reason: '需要调取档案核对' }),
        'validation',
      );
      const extended = await extendCase(ctx, office, actorOf(office), row.id, {
        days: 20,
        reason: '需要调取档案核对',
      });
      // 20 working days after Mon 03-30: 03-31…04-03 (4), Mon 04-06 清明节 not counted, 04-07…10 (8),
      // 04-13…17 (13), 04-20…24 (18), 04-27 (19), Tue 04-28 (20).
      expect(extended.due_on).toBe('2026-04-28');
      await expectAppError(
        extendCase(ctx, office, actorOf(office), row.id, { days: 5, reason: '再次延期答复' }),
        'conflict',
        '只能延长一次',
      );
      expect((await lettersOf(ctx, row.id)).filter((l) => l.kind === 'extension')).toHaveLength(1);
    });

    it('is possible on the due date and refused after it', async () => {
      at('2026-03-02T02:00:00Z');
      const onTime = (await applyOnline(ctx, agency.id)).row;
      const late = (await applyOnline(ctx, agency.id)).row;
      const office = staff.reviewer2;
      at('2026-03-30T09:00:00Z'); // the due date itself, 17:00 in China
      const extended = await extendCase(ctx, office, actorOf(office), onTime.id, {
        days: 1,
        reason: '需要调取档案核对',
      });
      expect(extended.due_on).toBe('2026-03-31');
      at('2026-03-31T02:00:00Z');
      await expectAppError(
        extendCase(ctx, office, actorOf(office), late.id, { days: 5, reason: '需要调取档案核对' }),
        'conflict',
        '答复期限（2026-03-30）已过',
      );
    });
  });

  describe('consultation (条例 Art. 32–34)', () => {
    it('stops the clock: the due date moves by exactly the working days of the pause', async () => {
      at('2026-09-14T02:00:00Z'); // Monday
      const { row } = await applyOnline(ctx, agency.id);
      // From 09-15: 09-15…18 (4), Sun 09-20 make-up day (5), 09-21…24 (9), 09-25…27 中秋节 not counted,
      // 09-28…30 (12), 10-01…07 国庆节 not counted, 10-08 (13), 10-09 (14), Sat 10-10 make-up day (15),
      // 10-12…16 (20) → due Fri 10-16.
      expect(row.due_on).toBe('2026-10-16');
      const editor = staff.editor;
      at('2026-09-29T02:00:00Z');
      const paused = await startConsultation(ctx, editor, actorOf(editor), row.id, {
        party: 'thirdParty',
        partyName: '示范科技有限公司',
        matter: '涉及贵公司的经营数据',
      });
      expect(paused.status).toBe('paused');
      expect(paused.due_on).toBeNull();
      at('2026-10-12T02:00:00Z');
      const resumed = await endConsultation(ctx, editor, actorOf(editor), row.id, {
        endedOn: '2026-10-12',
        result: '第三方同意公开',
      });
      // Working days in the pause 09-29…10-12: 09-29, 09-30, 10-08, 10-09, Sat 10-10 (make-up), 10-12 = 6.
      // Six working days after Fri 10-16: 10-19, 10-20, 10-21, 10-22, 10-23, Mon 10-26.
      expect(resumed.status).toBe('processing');
      expect(resumed.due_on).toBe('2026-10-26');
    });
  });

  describe('fees (国办函〔2020〕109号)', () => {
    it('charges the same applicant’s 11th application of a calendar month 100元, the 10th nothing', async () => {
      const office = staff.reviewer2;
      const frequent = { idNumber: FREQUENT_ID_NUMBER, name: '李四' };
      at('2026-02-27T02:00:00Z'); // Friday in February: not counted in March
      await applyOnline(ctx, agency.id, frequent);
      at('2026-03-16T02:00:00Z');
      for (let i = 0; i < 3; i++) {
        await applyOnline(ctx, agency.id, { idNumber: OTHER_ID_NUMBER }); // another applicant: not counted
        ctx.clock.advanceMinutes(1);
      }
      const march: string[] = [];
      for (let i = 1; i <= 11; i++) {
        march.push((await applyOnline(ctx, agency.id, frequent)).row.id);
        ctx.clock.advanceMinutes(1);
      }
      const [tenth, eleventh] = [march[9] as string, march[10] as string];

      await expectAppError(
        noticeFee(ctx, office, actorOf(office), tenth, { basis: 'perApplication' }),
        'conflict',
        /无需收费.*第10件/,
      );
      const charged = await noticeFee(ctx, office, actorOf(office), eleventh, { basis: 'perApplication' });
      expect(charged.status).toBe('paused');
      const noticed = (await events(eleventh)).find((e) => e.kind === 'fee_noticed');
      expect(JSON.parse(noticed?.data ?? '{}')).toMatchObject({ yuan: 100, basis: 'perApplication' });
      const text = letterText(await onlyLetter(ctx, eleventh, 'feeNotice'));
      expect(text).toContain('人民币100元');
      expect(text).toContain('第11件');
      // Only the disclosure office sends a fee notice.
      await expectAppError(
        noticeFee(ctx, staff.editor, actorOf(staff.editor), tenth, { basis: 'perPage', pages: 35 }),
        'forbidden',
      );
    });

    it('charges 按量 35 pages 50元 and 30 pages nothing', async () => {
      at('2026-03-02T02:00:00Z');
      const office = staff.reviewer2;
      const a = (await applyOnline(ctx, agency.id, { idNumber: OTHER_ID_NUMBER })).row;
      await expectAppError(
        noticeFee(ctx, office, actorOf(office), a.id, { basis: 'perPage', pages: 30 }),
        'conflict',
        '无需收费',
      );
      // Pages 1–30 free; pages 31–35 at 10元 each: 5 × 10 = 50元.
      await noticeFee(ctx, office, actorOf(office), a.id, { basis: 'perPage', pages: 35 });
      const noticed = (await events(a.id)).find((e) => e.kind === 'fee_noticed');
      expect(JSON.parse(noticed?.data ?? '{}')).toMatchObject({ yuan: 50, basis: 'perPage' });
      // Paying resumes the clock; the fee notice day and the payment day are not counted.
      at('2026-03-04T02:00:00Z');
      const paid = await payFee(ctx, staff.editor, actorOf(staff.editor), a.id, { paidOn: '2026-03-04' });
      expect(paid.status).toBe('processing');
      // Paused 03-02…03-04: the 2 working days it would have counted (03-03, 03-04) are not; counting
      // restarts 03-05: 03-05…06 (2), 03-09…13 (7), 03-16…20 (12), 03-23…27 (17), 03-30 (18),
      // 03-31 (19), Wed 04-01 (20).
      expect(paid.due_on).toBe('2026-04-01');
    });
  });

  describe('holding queue', () => {
    it('holds the 6th submission from one address within an hour, without receipt day or letter', async () => {
      const ip = '203.0.113.9';
      const submit = () => submitApplication(ctx, agency.id, personApplication(), ip);
      at('2026-03-09T02:00:00Z'); // Monday
      for (let i = 0; i < 5; i++) {
        expect((await submit()).held).toBe(false);
        ctx.clock.advanceMinutes(10); // 10:00, 10:10 … 10:40
      }
      at('2026-03-09T02:50:00Z');
      const sixth = await submit();
      at('2026-03-09T02:55:00Z');
      const seventh = await submit();
      expect([sixth.held, seventh.held]).toEqual([true, true]);
      const byTracking = (t: string) =>
        ctx.db
          .selectFrom('applications')
          .selectAll()
          .where('tracking_number', '=', t)
          .executeTakeFirstOrThrow();
      const held = await byTracking(sixth.trackingNumber);
      expect(held.status).toBe('held');
      expect(held.received_on).toBeNull();
      expect(held.due_on).toBeNull();
      expect(held.held_reason).toContain('一小时内');
      expect(await lettersOf(ctx, held.id)).toEqual([]);

      at('2026-03-09T03:56:00Z'); // over an hour after the 6th: only the 7th (10:55) is in the window
      expect((await submit()).held).toBe(false);

      at('2026-03-10T02:00:00Z'); // Tuesday
      const released = await releaseHeld(ctx, staff.editor, actorOf(staff.editor), held.id);
      expect(released.status).toBe('received');
      expect(released.received_on).toBe('2026-03-10');
      // From 03-11: 03-11…13 (3), 03-16…20 (8), 03-23…27 (13), 03-30…04-03 (18), Mon 04-06 清明节 not
      // counted, 04-07 (19), Wed 04-08 (20).
      expect(released.due_on).toBe('2026-04-08');
      expect((await lettersOf(ctx, held.id)).map((l) => l.kind)).toEqual(['receipt']);

      const spam = await byTracking(seventh.trackingNumber);
      await expectAppError(
        dismissHeld(ctx, staff.editor, actorOf(staff.editor), spam.id, { reason: '' }),
        'validation',
      );
      const dismissed = await dismissHeld(ctx, staff.editor, actorOf(staff.editor), spam.id, {
        reason: '批量广告内容，非政府信息公开申请',
      });
      expect(dismissed.status).toBe('rejected_spam');
      expect(dismissed.received_on).toBeNull();
      expect(dismissed.description).toBe(spam.description); // kept, never deleted
      expect((await events(spam.id)).find((e) => e.kind === 'dismissed')?.note).toBe(
        '批量广告内容，非政府信息公开申请',
      );
      expect(await lettersOf(ctx, spam.id)).toEqual([]);
      await expectAppError(releaseHeld(ctx, staff.editor, actorOf(staff.editor), spam.id), 'conflict');
    });
  });

  it('lets exactly one of two simultaneous decisions through, with one reply letter', async () => {
    at('2026-03-02T02:00:00Z');
    const { row } = await applyOnline(ctx, agency.id);
    const office = staff.reviewer2;
    const results = await Promise.allSettled([
      decideCase(ctx, office, actorOf(office), row.id, { outcome: 'disclosed', note: '已通过电子邮件提供' }),
      decideCase(ctx, office, actorOf(office), row.id, { outcome: 'unable.notHeld', note: '经检索未找到' }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const reason = (lost[0] as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(AppError);
    expect((reason as AppError).code).toBe('conflict');
    const outcome = (won[0] as PromiseFulfilledResult<{ outcome: string | null }>).value.outcome;
    const replies = (await lettersOf(ctx, row.id)).filter((l) => l.kind.startsWith('reply:'));
    expect(replies.map((l) => l.kind)).toEqual([`reply:${outcome}`]);
    expect((await events(row.id)).filter((e) => e.kind === 'decided')).toHaveLength(1);
  });

  it('answers 404 to another agency’s staff on every step, changing nothing', async () => {
    at('2026-03-02T02:00:00Z');
    const { row } = await applyOnline(ctx, agency.id);
    const other = await makeAgency(ctx);
    const outsiders = await makeStaff(ctx, other.id);
    const eventsBefore = (await events(row.id)).length;
    const today = '2026-03-02';
    const steps: [string, (p: Principal) => Promise<unknown>][] = [
      ['release', (p) => releaseHeld(ctx, p, actorOf(p), row.id)],
      ['dismiss', (p) => dismissHeld(ctx, p, actorOf(p), row.id, { reason: '广告内容' })],
      [
        'requestCorrection',
        (p) => requestCorrection(ctx, p, actorOf(p), row.id, { items: '请写明名称和年度', days: 10 }),
      ],
      ['receiveCorrection', (p) => receiveCorrection(ctx, p, actorOf(p), row.id, { receivedOn: today })],
      ['lapseCorrection', (p) => lapseCorrection(ctx, p, actorOf(p), row.id)],
      ['assign', (p) => assignCase(ctx, p, actorOf(p), row.id, { userId: p.userId })],
      [
        'startConsultation',
        (p) =>
          startConsultation(ctx, p, actorOf(p), row.id, {
            party: 'thirdParty',
            partyName: '某公司',
            matter: '涉及商业秘密',
          }),
      ],
      [
        'endConsultation',
        (p) => endConsultation(ctx, p, actorOf(p), row.id, { endedOn: today, result: '同意公开' }),
      ],
      ['extend', (p) => extendCase(ctx, p, actorOf(p), row.id, { days: 5, reason: '需要调档核对' })],
      ['noticeFee', (p) => noticeFee(ctx, p, actorOf(p), row.id, { basis: 'perPage', pages: 35 })],
      ['payFee', (p) => payFee(ctx, p, actorOf(p), row.id, { paidOn: today })],
      ['lapseFee', (p) => lapseFee(ctx, p, actorOf(p), row.id)],
      [
        'decide',
        (p) => decideCase(ctx, p, actorOf(p), row.id, { outcome: 'disclosed', note: '已提供电子文档' }),
      ],
      ['deliver', (p) => deliverCase(ctx, p, actorOf(p), row.id, { deliveredOn: today, method: 'online' })],
      ['view', (p) => caseView(ctx, p, row.id)],
      ['unmask', (p) => unmaskApplicant(ctx, p, actorOf(p), row.id)],
      [
        'appeal',
        (p) =>
          recordAppeal(ctx, p, actorOf(p), row.id, {
            kind: 'reconsideration',
            filedOn: today,
            result: 'pending',
          }),
      ],
    ];
    for (const [name, step] of steps) {
      for (const role of ['editor', 'reviewer2'] as const) {
        const error = await expectAppError(step(outsiders[role]), 'not_found').catch((e: unknown) => {
          throw new Error(`${name} as ${role}: ${String(e)}`);
        });
        expect(error.message).toBe('申请不存在');
      }
    }
    expect((await events(row.id)).length).toBe(eventsBefore);
    const after = await ctx.db
      .selectFrom('applications')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('received');
    expect(after.updated_at).toBe(row.updated_at);
  });

  it('never stores the identity number or the phone in plain text', async () => {
    at('2026-03-02T02:00:00Z');
    const office = staff.reviewer2;
    const registered = await registerApplication(ctx, actorOf(staff.editor), agency.id, {
      ...personApplication({ idNumber: OTHER_ID_NUMBER, phone: OTHER_PHONE }),
      channel: 'in_person',
      receivedOn: '2026-03-02',
    });
    const unmasked = await unmaskApplicant(ctx, office, actorOf(office), registered.id);
    expect(unmasked).toMatchObject({ idNumber: OTHER_ID_NUMBER, phone: OTHER_PHONE }); // it is kept, sealed
    await decideCase(ctx, office, actorOf(office), registered.id, {
      outcome: 'disclosed',
      note: '已通过网上送达提供',
    });
    const tables = ['applications', 'application_events', 'application_letters', 'audit_log'] as const;
    let scanned = 0;
    for (const table of tables) {
      const rows = await ctx.db.selectFrom(table).selectAll().execute();
      expect(rows.length, table).toBeGreaterThan(0);
      for (const r of rows) {
        const text = JSON.stringify(r);
        for (const secret of [SAMPLE_ID_NUMBER, SAMPLE_PHONE, OTHER_ID_NUMBER, OTHER_PHONE])
          expect(text, `${table} row`).not.toContain(secret);
        scanned++;
      }
    }
    expect(scanned).toBeGreaterThan(50);
  });
});

describe.each(testDatabases())('retention of applicants’ personal data on %s', (kind) => {
  let ctx: TestContext;
  let staff: Staff;
  let agency: Agency;

  beforeAll(async () => {
    ctx = await createTestContext(kind, { GONGKAI_APPLICATION_RETENTION_YEARS: '2' });
    agency = await makeAgency(ctx);
    staff = await makeStaff(ctx, agency.id);
  });
  afterAll(() => ctx.close());

  async function closedCaseOn(day: string) {
    ctx.clock.set(`${day}T02:00:00Z`);
    const { row } = await applyOnline(ctx, agency.id);
    const office = staff.reviewer2;
    await decideCase(ctx, office, actorOf(office), row.id, { outcome: 'disclosed', note: '已网上提供' });
    await deliverCase(ctx, office, actorOf(office), row.id, { deliveredOn: day, method: 'online' });
    return row.id;
  }
  const load = (id: string) =>
    ctx.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('deletes the personal fields of cases closed longer ago than the period, keeping case and outcome', async () => {
    const old = await closedCaseOn('2026-03-02');
    const recent = await closedCaseOn('2026-03-04');
    ctx.clock.set('2026-03-02T03:00:00Z');
    const open = (await applyOnline(ctx, agency.id)).row.id; // never closed: never purged

    ctx.clock.set('2028-03-03T02:00:00Z'); // two years and one day after the first closed
    expect(await purgeExpiredApplicants(ctx)).toBe(1);
    const purged = await load(old);
    expect(purged).toMatchObject({
      applicant_name: '（已按保存期限删除）',
      contact_person: null,
      id_number_sealed: null,
      id_number_masked: '',
      phone_sealed: null,
      phone_masked: '',
      email_sealed: null,
      email_masked: '',
      address_sealed: null,
      address_masked: '',
      status: 'closed',
      outcome: 'disclosed',
      outcome_note: '已网上提供',
      decided_on: '2026-03-02',
      closed_on: '2026-03-02',
    });
    expect(purged.purged_at).toBe('2028-03-03T02:00:00.000Z');
    const letters = await lettersOf(ctx, old);
    expect(letters.map((l) => l.kind)).toEqual(['receipt', 'reply:disclosed']);
    for (const l of letters) expect(l.content).not.toContain('张三'); // the name leaves the archived letters too
    const purgeEvent = await ctx.db
      .selectFrom('application_events')
      .selectAll()
      .where('application_id', '=', old)
      .where('kind', '=', 'purged')
      .execute();
    expect(purgeEvent).toHaveLength(1);

    for (const id of [recent, open]) {
      const kept = await load(id);
      expect(kept.purged_at).toBeNull();
      expect(kept.applicant_name).toBe('张三');
      expect(kept.id_number_sealed).not.toBeNull();
      expect(kept.phone_masked).toBe('138****5678');
    }
    expect(await purgeExpiredApplicants(ctx)).toBe(0); // nothing twice

    ctx.clock.set('2028-03-05T02:00:00Z');
    expect(await purgeExpiredApplicants(ctx)).toBe(1);
    expect((await load(recent)).id_number_sealed).toBeNull();
    expect((await load(open)).id_number_sealed).not.toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/core/errors';
import type { Agency } from '../src/db/schema';
import { reviewStep, submitForReview, withdrawItem } from '../src/modules/documents';
import { interpretationsOfPolicy, policiesWithoutInterpretation } from '../src/modules/interpretations';
import {
  changeNormativeStatus,
  expiringNormatives,
  lapseExpiredNormatives,
  normativeOf,
  normativeYearStats,
} from '../src/modules/normative';
import { makeAgency, makeColumn } from './helpers/factories';
import { actorOf, draftAs, makeStaff, reload, type Staff, signOff } from './helpers/review-flow';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

describe.each(testDatabases())('normative documents and interpretations on %s', (kind) => {
  let ctx: TestContext;
  let agency: Agency;
  let staff: Staff;
  let columnId: string;
  let regNo = 0;

  const normative = (title: string, effectiveFrom = '2026-04-01') =>
    draftAs(ctx, staff, {
      columnId,
      title,
      genre: '规范性文件',
      registrationNumber: `SFGS-2026-${++regNo}`,
      effectiveFrom,
      writtenOn: '2026-03-01',
    });
  const interpretation = (policyItemId: string, form = 'qa') =>
    draftAs(ctx, staff, {
      columnId,
      title: '政策解读',
      genre: '政策解读',
      policyItemId,
      interpretationForm: form,
      bodyHtml: '<p>问：谁能申请？答：本区注册的企业都能申请。</p>',
    });

  /** A policy and its interpretation signed together (三同步); returns both as published. */
  async function publishWithInterpretation(title: string, effectiveFrom?: string) {
    const policy = await normative(title, effectiveFrom);
    const interp = await interpretation(policy.id);
    expect((await signOff(ctx, staff, interp)).status).toBe('approved');
    return { policy: await signOff(ctx, staff, policy), interp: await reload(ctx, interp.id) };
  }

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    agency = await makeAgency(ctx);
    staff = await makeStaff(ctx, agency.id);
    columnId = await makeColumn(ctx, agency.id, 'policies', '政策法规', 180);
  });
  afterAll(() => ctx.close());

  it('needs a registration number and an effective date before a normative document goes to review', async () => {
    const item = await draftAs(ctx, staff, {
      columnId,
      title: '没有登记号的规范性文件',
      genre: '规范性文件',
    });
    const error = (await submitForReview(ctx, staff.editor, actorOf(staff.editor), item).catch(
      (e: AppError) => e,
    )) as AppError;
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['effectiveFrom', 'registrationNumber']);
  });

  it('signs a policy only with its interpretation, and publishes both together (三同步)', async () => {
    const policy = await normative('示范区企业技术中心认定管理办法（试行）');
    const early = await signOff(ctx, staff, policy).catch((e: AppError) => e);
    expect(early).toBeInstanceOf(AppError);
    expect((early as AppError).message).toContain('三同步');
    expect((await reload(ctx, policy.id)).review_step).toBe(2); // waits at 终审

    const interp = await interpretation(policy.id, 'graphic');
    const waiting = await signOff(ctx, staff, interp);
    expect([waiting.status, waiting.published_at]).toEqual(['approved', null]);

    await reviewStep(
      ctx,
      staff.reviewer3,
      actorOf(staff.reviewer3),
      await reload(ctx, policy.id),
      'approve',
      { opinion: '同意', secrecyChecked: false },
    );
    const [p, i] = [await reload(ctx, policy.id), await reload(ctx, interp.id)];
    expect([p.status, i.status]).toEqual(['published', 'published']);
    expect(i.published_at).toBe(p.published_at);
    expect(i.index_number).not.toBe(p.index_number);
    expect((await interpretationsOfPolicy(ctx.db, policy.id)).map((x) => [x.id, x.form])).toEqual([
      [interp.id, 'graphic'],
    ]);

    const registry = await normativeOf(ctx.db, policy.id);
    expect(registry?.entry).toMatchObject({
      status: 'in_force',
      effective_from: '2026-04-01',
      valid_until: '2028-03-31',
      trial: 1,
    });
  });

  it('records amendment with a link both ways, and refuses an impossible change', async () => {
    const { policy: old } = await publishWithInterpretation('示范区数据资源管理办法');
    const { policy: successor } = await publishWithInterpretation('示范区数据资源管理办法（2026年修订）');
    const missing = await changeNormativeStatus(ctx, staff.reviewer2, actorOf(staff.reviewer2), old, {
      status: 'amended',
      effectiveOn: '2026-06-01',
      instrument: '示政发〔2026〕9号',
    }).catch((e: AppError) => e);
    expect((missing as AppError).fields?.successorItemId).toContain('修订后的新文件');
    await changeNormativeStatus(ctx, staff.reviewer2, actorOf(staff.reviewer2), old, {
      status: 'amended',
      effectiveOn: '2026-06-01',
      instrument: '示政发〔2026〕9号',
      successorItemId: successor.id,
    });
    expect((await normativeOf(ctx.db, old.id))?.successor?.id).toBe(successor.id);
    expect((await normativeOf(ctx.db, successor.id))?.predecessor?.id).toBe(old.id);
    const again = await changeNormativeStatus(ctx, staff.reviewer2, actorOf(staff.reviewer2), old, {
      status: 'repealed',
      effectiveOn: '2026-07-01',
      instrument: 'x号文件',
    }).catch((e: AppError) => e);
    expect((again as AppError).code).toBe('conflict');
    const editorTry = await changeNormativeStatus(ctx, staff.editor, actorOf(staff.editor), successor, {
      status: 'repealed',
      effectiveOn: '2026-07-01',
      instrument: 'x号文件',
    }).catch((e: AppError) => e);
    expect((editorTry as AppError).code).toBe('forbidden');
  });

  it('reminds six months ahead and lapses documents at the end of their validity', async () => {
    const { policy } = await publishWithInterpretation('示范区城市道路管理暂行办法', '2026-01-10');
    const validUntil = (await normativeOf(ctx.db, policy.id))?.entry.valid_until;
    expect(validUntil).toBe('2028-01-09');
    expect((await expiringNormatives(ctx, [agency.id])).map((e) => e.id)).not.toContain(policy.id);
    ctx.clock.set('2027-07-15T02:00:00Z');
    expect((await expiringNormatives(ctx, [agency.id])).map((e) => e.id)).toContain(policy.id);
    ctx.clock.set('2028-01-09T10:00:00Z');
    await lapseExpiredNormatives(ctx);
    expect((await normativeOf(ctx.db, policy.id))?.entry.status).toBe('in_force');
    ctx.clock.set('2028-01-09T16:30:00Z'); // 10 January in China
    expect(await lapseExpiredNormatives(ctx)).toBeGreaterThanOrEqual(1);
    expect((await normativeOf(ctx.db, policy.id))?.entry).toMatchObject({
      status: 'expired',
      status_date: '2028-01-10',
      status_instrument: '有效期届满',
    });
  });

  it('gives the annual report its table 2 figures from the registry', async () => {
    const y2026 = await normativeYearStats(ctx, agency.id, 2026);
    expect(y2026.issued).toBe(4);
    expect(y2026.repealed).toBe(0);
    expect(y2026.inForce).toBe(3); // one of the four was amended in 2026
    const y2028 = await normativeYearStats(ctx, agency.id, 2028);
    expect(y2028).toMatchObject({ issued: 0 });
  });

  it('lists published policies whose interpretation was withdrawn', async () => {
    const { policy, interp } = await publishWithInterpretation('示范区促进消费若干措施');
    expect((await policiesWithoutInterpretation(ctx, [agency.id])).map((p) => p.id)).not.toContain(policy.id);
    await withdrawItem(ctx, staff.reviewer2, actorOf(staff.reviewer2), interp, '解读内容需更新');
    expect((await policiesWithoutInterpretation(ctx, [agency.id])).map((p) => p.id)).toContain(policy.id);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config';
import { policiesWithoutInterpretation } from '../src/modules/interpretations';
import { makeAgency, makeColumn } from './helpers/factories';
import { draftAs, makeStaff, signOff } from './helpers/review-flow';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// 三同步 with a lag (law-and-formats.md §4.2: at most 3 working days after the policy).
describe.each(testDatabases())('an interpretation lag of 2 working days, on %s', (kind) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(kind, { GONGKAI_INTERPRETATION_LAG_DAYS: '2' });
  });
  afterAll(() => ctx.close());

  it('lets the policy out first and lists its interpretation as due, then overdue', async () => {
    const agency = await makeAgency(ctx);
    const staff = await makeStaff(ctx, agency.id);
    const columnId = await makeColumn(ctx, agency.id, 'policies', '政策法规', 180);
    // The test clock stands at Monday 2026-03-02, 10:00 in China.
    const policy = await signOff(
      ctx,
      staff,
      await draftAs(ctx, staff, { columnId, title: '示范区稳就业若干措施', genre: '意见', isPolicy: '1' }),
    );
    expect(policy.status).toBe('published');
    const [due] = await policiesWithoutInterpretation(ctx, [agency.id]);
    expect(due).toMatchObject({ id: policy.id, dueOn: '2026-03-04', overdue: false });
    ctx.clock.set('2026-03-04T16:30:00Z'); // 00:30 on Thursday 5 March in China
    const [late] = await policiesWithoutInterpretation(ctx, [agency.id]);
    expect(late).toMatchObject({ id: policy.id, overdue: true });
  });

  it('refuses a lag beyond 3 working days', () => {
    expect(() => loadConfig({ GONGKAI_INTERPRETATION_LAG_DAYS: '5' })).toThrow(/3 个工作日/);
  });
});

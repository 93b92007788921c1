import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../src/db/schema';
import { requestCorrection } from '../src/modules/applications';
import { applyOnline } from './helpers/application-fixtures';
import { makeAgency } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { actorOf, makeStaff } from './helpers/review-flow';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

// 条例 Art. 30 from the applicant's side: the correction notice shows on the case page, the corrected
// application is sent online with the tracking number and query code, and the reply period restarts.

describe.each(testDatabases())('an online correction on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let agency: Agency;

  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
    ctx.clock.set('2026-03-02T02:00:00Z'); // Monday
    agency = await makeAgency(ctx);
  });
  afterAll(() => close());

  it('takes the correction from the case page and restarts the clock', async () => {
    const staff = await makeStaff(ctx, agency.id);
    const { receipt, row } = await applyOnline(ctx, agency.id);
    await requestCorrection(ctx, staff.editor, actorOf(staff.editor), row.id, {
      items: '请写明资金名称',
      days: 15,
    });
    ctx.clock.set('2026-03-04T02:00:00Z'); // Wednesday
    const citizen = new HttpClient(app, '10.1.2.3');
    const codes = { trackingNumber: receipt.trackingNumber, queryCode: receipt.queryCode };
    const casePage = await citizen.postForm('/apply/track', codes, '/apply/track');
    expect(casePage.body).toContain('提交补正');

    const empty = await citizen.postForm(
      '/apply/track/correction',
      { ...codes, correction: '' },
      '/apply/track',
    );
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('请填写补正内容');

    const wrongCode = await citizen.postForm(
      '/apply/track/correction',
      { ...codes, queryCode: 'AAAAAAAA', correction: '所需信息为专项资金分配结果' },
      '/apply/track',
    );
    expect(wrongCode.statusCode).toBe(404);

    const sent = await citizen.postForm(
      '/apply/track/correction',
      { ...codes, correction: '所需信息为“中小企业发展专项资金”2025年度分配结果' },
      '/apply/track',
    );
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('补正内容已提交');
    const stored = await ctx.db
      .selectFrom('applications')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('processing');
    // 20 working days from the day after 03-04 (no holiday in March 2026): 04-01.
    expect(stored.due_on).toBe('2026-04-01');
    const again = await citizen.postForm(
      '/apply/track/correction',
      { ...codes, correction: '再次补正的内容' },
      '/apply/track',
    );
    expect(again.statusCode).toBe(409);
  });
});

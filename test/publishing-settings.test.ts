import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewStep, submitForReview } from '../src/modules/documents';
import { makeAgency, makeColumn, makeUser } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { loginSession } from './helpers/principals';
import { actorOf, draftAs, makeStaff, reload } from './helpers/review-flow';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

describe.each(testDatabases())('per-agency publishing settings on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
  });
  afterAll(() => close());

  it('lets the system administrator set a monthly index template and add a legal-review step', async () => {
    const agency = await makeAgency(ctx);
    const admin = await makeUser(ctx, { adminRole: 'system' });
    const client = new HttpClient(app);
    await client.login(ctx, admin.username);
    const url = `/admin/agencies/${agency.id}/publishing`;
    const page = await client.get(url);
    expect(page.body).toContain('value="{uscc}/{yyyy}-{seq:5}"');

    const bad = await client.postForm(url, {
      indexTemplate: '{uscc}/{year}',
      stepRole0: 'reviewer1',
      stepLabel0: '初审',
      stepRole1: 'reviewer3',
      stepLabel1: '终审',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('未知字段 {year}');
    expect(bad.body).toContain('不得少于三级');

    const ok = await client.postForm(url, {
      indexTemplate: 'JX-{yyyymm}-{seq:3}',
      stepRole0: 'reviewer1',
      stepLabel0: '初审',
      stepRole1: 'reviewer1',
      stepLabel1: '法制审核',
      stepRole2: 'reviewer2',
      stepLabel2: '复审（保密审查）',
      stepRole3: 'reviewer3',
      stepLabel3: '终审（签发）',
    });
    expect(ok.statusCode).toBe(303);

    const staff = await makeStaff(ctx, agency.id);
    const legal = await makeUser(ctx, { grants: [{ agencyId: agency.id, role: 'reviewer1' }] });
    const columnId = await makeColumn(ctx, agency.id, 'news', '工作动态', 14);
    const item = await draftAs(ctx, staff, { columnId, title: '经信局召开安全生产会议', genre: '工作动态' });
    await submitForReview(ctx, staff.editor, actorOf(staff.editor), item);
    const legalReviewer = await loginSession(ctx, legal);
    const order = [staff.reviewer1, legalReviewer, staff.reviewer2, staff.reviewer3];
    for (const p of order)
      await reviewStep(ctx, p, actorOf(p), await reload(ctx, item.id), 'approve', {
        opinion: '同意',
        secrecyChecked: true,
      });
    const published = await reload(ctx, item.id);
    const month = new Date(ctx.clock.now().getTime() + 8 * 3_600_000)
      .toISOString()
      .slice(0, 7)
      .replace('-', '');
    expect(published.index_number).toBe(`JX-${month}-001`);
  });
});

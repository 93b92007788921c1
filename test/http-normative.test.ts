import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item } from '../src/db/schema';
import { makeAgency, makeColumn, makeUser } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { draftAs, makeStaff, reload, type Staff, signOff } from './helpers/review-flow';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

describe.each(testDatabases())('normative status and interpretations on the pages, on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let staff: Staff;
  let policy: Item;
  let interp: Item;
  let officeName: string;

  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
    const agency = await makeAgency(ctx);
    staff = await makeStaff(ctx, agency.id);
    const columnId = await makeColumn(ctx, agency.id, 'policies', '政策法规', 180);
    const draft = await draftAs(ctx, staff, {
      columnId,
      title: '示范区老旧小区改造补助办法',
      genre: '规范性文件',
      registrationNumber: 'SFGS-2026-7',
      effectiveFrom: '2026-05-01',
    });
    const interpDraft = await draftAs(ctx, staff, {
      columnId,
      title: '一图读懂老旧小区改造补助',
      genre: '政策解读',
      policyItemId: draft.id,
      interpretationForm: 'graphic',
    });
    await signOff(ctx, staff, interpDraft);
    policy = await signOff(ctx, staff, draft);
    interp = await reload(ctx, interpDraft.id);
    officeName = (
      await ctx.db
        .selectFrom('users')
        .select('username')
        .where('id', '=', staff.reviewer2.userId)
        .executeTakeFirstOrThrow()
    ).username;
  });
  afterAll(() => close());

  it('links the policy and its interpretation both ways on the portal, with 有效性 in the catalogue', async () => {
    const citizen = new HttpClient(app);
    const policyPage = await citizen.get(`/items/${policy.id}`);
    expect(policyPage.body).toContain('<th scope="row">有效性</th><td>有效</td>');
    expect(policyPage.body).toContain(`<a href="/items/${interp.id}">一图读懂老旧小区改造补助</a>（图解）`);
    const interpPage = await citizen.get(`/items/${interp.id}`);
    expect(interpPage.body).toContain(
      `相关政策：<a href="/items/${policy.id}">示范区老旧小区改造补助办法</a>`,
    );
  });

  it('lets the disclosure office repeal it through the back office, and the page then says so', async () => {
    const office = new HttpClient(app);
    expect((await office.login(ctx, officeName)).statusCode).toBe(303);
    const detail = await office.get(`/admin/items/${policy.id}`);
    expect(detail.body).toContain('登记号 SFGS-2026-7');
    expect(detail.body).toContain('变更有效性');
    const bad = await office.postForm(
      `/admin/items/${policy.id}/normative`,
      { status: 'repealed', effectiveOn: '明天', instrument: '' },
      `/admin/items/${policy.id}`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('日期格式应为 YYYY-MM-DD');
    const ok = await office.postForm(
      `/admin/items/${policy.id}/normative`,
      { status: 'repealed', effectiveOn: '2026-09-01', instrument: '示政发〔2026〕20号' },
      `/admin/items/${policy.id}`,
    );
    expect(ok.statusCode).toBe(303);
    const page = await new HttpClient(app).get(`/items/${policy.id}`);
    expect(page.body).toContain('【废止】本文件自 2026-09-01 起废止（示政发〔2026〕20号）');
    expect(page.body).toContain('<th scope="row">有效性</th><td>废止</td>');
  });

  it('does not let an editor change a document’s validity', async () => {
    const editorUser = await makeUser(ctx, { grants: [{ agencyId: policy.agency_id, role: 'editor' }] });
    const editor = new HttpClient(app);
    await editor.login(ctx, editorUser.username);
    expect((await editor.get(`/admin/items/${interp.id}`)).body).not.toContain('变更有效性');
    const res = await editor.postForm(
      `/admin/items/${interp.id}/normative`,
      { status: 'repealed', effectiveOn: '2026-09-01', instrument: '某文件' },
      `/admin/items/${interp.id}`,
    );
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('只有复审或终审人员可以变更文件有效性');
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../src/core/errors';
import { itemVersions, startCorrection, updateDraft } from '../src/modules/documents';
import { makeAgency, makeColumn } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { actorOf, draftAs, makeStaff, reload, type Staff, signOff } from './helpers/review-flow';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

describe.each(testDatabases())('correcting a published item with a new version, on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let staff: Staff;
  let columnId: string;
  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
    const agency = await makeAgency(ctx);
    staff = await makeStaff(ctx, agency.id);
    columnId = await makeColumn(ctx, agency.id, 'notices', '通知公告');
  });
  afterAll(() => close());

  it('publishes the reviewed correction as version 2, keeping id, index number and first publication time', async () => {
    const original = await signOff(
      ctx,
      staff,
      await draftAs(ctx, staff, {
        columnId,
        title: '关于举办招聘会的通知',
        bodyHtml: '<p>时间：3月15日上午9时。</p>',
      }),
    );
    const short = await startCorrection(ctx, staff.editor, actorOf(staff.editor), original, '改').catch(
      (e: AppError) => e,
    );
    expect((short as AppError).fields?.reason).toContain('更正原因');

    const draft = await startCorrection(ctx, staff.editor, actorOf(staff.editor), original, '招聘会时间调整');
    expect([draft.status, draft.correction_of, draft.index_number]).toEqual(['draft', original.id, null]);
    const again = await startCorrection(ctx, staff.editor, actorOf(staff.editor), original, '再次更正').catch(
      (e: AppError) => e,
    );
    expect((again as AppError).code).toBe('conflict');

    await updateDraft(ctx, staff.editor, actorOf(staff.editor), draft, {
      columnId,
      title: '关于举办招聘会的通知（更正）',
      bodyHtml: '<p>时间：3月16日上午9时。</p>',
      visibility: 'public',
      disclosure: 'proactive',
    });
    ctx.clock.advanceMinutes(60);
    await signOff(ctx, staff, await reload(ctx, draft.id));

    const corrected = await reload(ctx, original.id);
    expect([corrected.title, corrected.version, corrected.index_number, corrected.published_at]).toEqual([
      '关于举办招聘会的通知（更正）',
      2,
      original.index_number,
      original.published_at,
    ]);
    expect(corrected.body_html).toContain('3月16日');
    const closedDraft = await reload(ctx, draft.id);
    expect([closedDraft.status, closedDraft.visibility]).toEqual(['withdrawn', 'agency']);
    const versions = await itemVersions(ctx.db, original.id);
    expect(versions.map((v) => [v.version, v.title, v.reason])).toEqual([
      [1, '关于举办招聘会的通知', '招聘会时间调整'],
    ]);

    const citizen = new HttpClient(app);
    const page = await citizen.get(`/items/${original.id}`);
    expect(page.body).toContain('<h1>关于举办招聘会的通知（更正）</h1>');
    expect(page.body).toContain('版本记录');
    expect(page.body).toContain('更正（招聘会时间调整）');
    expect((await citizen.get(`/items/${draft.id}`)).statusCode).toBe(404);
    const search = await citizen.get(`/search?q=${encodeURIComponent('3月16日')}`);
    expect(search.body).toContain(original.id);
    expect((await citizen.get(`/search?q=${encodeURIComponent('3月15日')}`)).body).not.toContain(original.id);
  });
});

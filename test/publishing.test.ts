import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/core/errors';
import type { Agency, Item } from '../src/db/schema';
import type { Principal } from '../src/modules/accounts';
import type { Actor } from '../src/modules/audit';
import {
  createDraft,
  publishDueItems,
  reviewHistory,
  reviewStep,
  submitForReview,
  withdrawItem,
} from '../src/modules/documents';
import { makeAgency, makeColumn, makeUser } from './helpers/factories';
import { loginSession } from './helpers/principals';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

describe.each(testDatabases())('the publishing loop on %s', (kind) => {
  let ctx: TestContext;
  let agency: Agency;
  const people: Record<string, Principal> = {};
  let columnId: string;

  const actor = (p: Principal): Actor => ({
    userId: p.userId,
    name: p.username,
    role: 'test',
    ip: '127.0.0.1',
    requestId: 'r',
  });
  const reload = async (id: string): Promise<Item> =>
    ctx.db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const draft = (extra: Record<string, unknown> = {}) =>
    createDraft(ctx, people.editor as Principal, actor(people.editor as Principal), {
      columnId,
      title: '示范区关于促进数字经济发展的若干政策',
      bodyHtml: '<p>第一条 为促进数字经济发展……</p><script>alert(1)</script>',
      docNumber: '示经信发〔2026〕3号',
      writtenOn: '2026-02-27',
      subjectId: 's07-06',
      genre: '意见',
      keywords: '数字经济',
      summary: '促进数字经济发展的十条政策',
      visibility: 'public',
      disclosure: 'proactive',
      ...extra,
    });
  const step = (
    who: string,
    item: Item,
    action: 'approve' | 'return' = 'approve',
    opinion = '同意',
    secrecyChecked = true,
  ) =>
    reviewStep(ctx, people[who] as Principal, actor(people[who] as Principal), item, action, {
      opinion,
      secrecyChecked,
    });

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    agency = await makeAgency(ctx);
    await ctx.db
      .updateTable('agencies')
      .set({ uscc: '11330100000000003X' })
      .where('id', '=', agency.id)
      .execute();
    for (const role of ['editor', 'reviewer1', 'reviewer2', 'reviewer3'] as const) {
      people[role] = await loginSession(
        ctx,
        await makeUser(ctx, { grants: [{ agencyId: agency.id, role }] }),
      );
    }
    people.twoHats = await loginSession(
      ctx,
      await makeUser(ctx, {
        grants: [
          { agencyId: agency.id, role: 'reviewer1' },
          { agencyId: agency.id, role: 'reviewer3' },
        ],
      }),
    );
    columnId = await makeColumn(ctx, agency.id, 'policies', '政策法规', 180);
  });
  afterAll(() => ctx.close());

  it('takes a draft through 初审, 复审 and 终审 to the portal with an index number', async () => {
    const item = await draft();
    expect(item.body_html).not.toContain('<script');
    expect(item.status).toBe('draft');
    await submitForReview(ctx, people.editor as Principal, actor(people.editor as Principal), item);
    await step('reviewer1', await reload(item.id));
    await expect(step('reviewer2', await reload(item.id), 'approve', '同意', false)).rejects.toThrow(
      '保密审查',
    );
    await step('reviewer2', await reload(item.id));
    expect(await step('reviewer3', await reload(item.id), 'approve', '同意发布')).toBe('approved');
    const published = await reload(item.id);
    expect(published.status).toBe('published');
    expect(published.index_number).toMatch(/^11330100000000003X\/2026-\d{5}$/);
    expect(published.published_at).toBe(ctx.clock.now().toISOString());
    expect(published.disclosure_proposed_by).toBe(people.editor?.userId);
    expect(published.disclosure_approved_by).toBe(people.reviewer3?.userId);
    const history = await reviewHistory(ctx.db, item.id);
    expect(history.map((h) => `${h.step_label}:${h.action}:${h.actor_name}`)).toEqual([
      `报审:submit:${people.editor?.displayName}`,
      `初审:approve:${people.reviewer1?.displayName}`,
      `复审（保密审查）:approve:${people.reviewer2?.displayName}`,
      `终审（签发）:approve:${people.reviewer3?.displayName}`,
      '发布:publish:系统',
    ]);
    expect(history[2]?.secrecy_checked).toBe(1);

    await withdrawItem(
      ctx,
      people.reviewer2 as Principal,
      actor(people.reviewer2 as Principal),
      published,
      '政策已被新文件替代',
    );
    const withdrawn = await reload(item.id);
    expect([withdrawn.status, withdrawn.withdrawn_reason, withdrawn.index_number]).toEqual([
      'withdrawn',
      '政策已被新文件替代',
      published.index_number,
    ]);
  });

  it('refuses to submit without a complete disclosure status, naming the fields', async () => {
    const open = await draft({ disclosure: '' });
    const error = await submitForReview(
      ctx,
      people.editor as Principal,
      actor(people.editor as Principal),
      open,
    ).catch((e: AppError) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields?.disclosure).toContain('公开属性');
    const withheld = await draft({ disclosure: 'withheld', disclosureBasis: '', disclosureReason: '' });
    const error2 = (await submitForReview(
      ctx,
      people.editor as Principal,
      actor(people.editor as Principal),
      withheld,
    ).catch((e: AppError) => e)) as AppError;
    expect(Object.keys(error2.fields ?? {}).sort()).toEqual(['disclosureBasis', 'disclosureReason']);
  });

  it('returns an item with an opinion, and lets the editor resubmit it for a new round', async () => {
    const item = await draft();
    await submitForReview(ctx, people.editor as Principal, actor(people.editor as Principal), item);
    await expect(step('reviewer1', await reload(item.id), 'return', '')).rejects.toThrow('退回须填写意见');
    await step('reviewer1', await reload(item.id), 'return', '文号有误，请核对');
    const back = await reload(item.id);
    expect([back.status, back.review_round]).toEqual(['draft', 1]);
    await submitForReview(ctx, people.editor as Principal, actor(people.editor as Principal), back);
    await step('reviewer1', await reload(item.id));
    expect((await reload(item.id)).review_step).toBe(1);
  });

  it('lets exactly one of two simultaneous approvals through', async () => {
    const second = await loginSession(
      ctx,
      await makeUser(ctx, { grants: [{ agencyId: agency.id, role: 'reviewer1' }] }),
    );
    const item = await draft();
    await submitForReview(ctx, people.editor as Principal, actor(people.editor as Principal), item);
    const atStep = await reload(item.id);
    const results = await Promise.allSettled([
      reviewStep(
        ctx,
        people.reviewer1 as Principal,
        actor(people.reviewer1 as Principal),
        atStep,
        'approve',
        { opinion: '同意', secrecyChecked: false },
      ),
      reviewStep(ctx, second, actor(second), atStep, 'approve', { opinion: '同意', secrecyChecked: false }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((rejected.reason as AppError).code).toBe('conflict');
    expect((await reload(item.id)).review_step).toBe(1);
    expect((await reviewHistory(ctx.db, item.id)).filter((h) => h.action === 'approve')).toHaveLength(1);
  });

  it('refuses one person at two levels, and 终审 before its turn', async () => {
    const item = await draft();
    await submitForReview(ctx, people.editor as Principal, actor(people.editor as Principal), item);
    await expect(step('reviewer3', await reload(item.id))).rejects.toMatchObject({ code: 'conflict' });
    await step('twoHats', await reload(item.id));
    await step('reviewer2', await reload(item.id));
    await expect(step('twoHats', await reload(item.id))).rejects.toThrow('两个审核环节');
  });

  it('publishes a scheduled item when its time comes, and never reuses a number', async () => {
    const later = new Date(ctx.clock.now().getTime() + 2 * 3_600_000);
    const china = new Date(later.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
    const item = await draft({ scheduledAt: china });
    await submitForReview(ctx, people.editor as Principal, actor(people.editor as Principal), item);
    for (const who of ['reviewer1', 'reviewer2', 'reviewer3']) await step(who, await reload(item.id));
    expect((await reload(item.id)).status).toBe('approved');
    expect(await publishDueItems(ctx)).toBe(0);
    ctx.clock.advanceMinutes(121);
    expect(await publishDueItems(ctx)).toBe(1);
    const published = await reload(item.id);
    expect(published.status).toBe('published');
    const numbers = (
      await ctx.db.selectFrom('items').select('index_number').where('index_number', 'is not', null).execute()
    ).map((r) => r.index_number);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.map((n) => Number(n?.slice(-5))).sort()).toEqual([1, 2]);
  });

  it('keeps a signed 依申请公开 item off the portal', async () => {
    const item = await draft({
      disclosure: 'on_request',
      disclosureBasis: 'art16-process',
      disclosureReason: '属于过程性信息，依申请公开',
    });
    await submitForReview(ctx, people.editor as Principal, actor(people.editor as Principal), item);
    for (const who of ['reviewer1', 'reviewer2', 'reviewer3']) await step(who, await reload(item.id));
    const signed = await reload(item.id);
    expect([signed.status, signed.published_at, signed.index_number]).toEqual(['approved', null, null]);
  });
});

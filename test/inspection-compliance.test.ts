import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInspection } from '../src/modules/inspections';
import { makeAgency, makeColumn } from './helpers/factories';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';
import { publishItem } from './inspection-site';

// The whole-site inspection runs the same wording and privacy checks as the pre-publication gate: a
// leaked identity number on a published page opens a veto-level task for its agency, a wrong state name
// an ordinary one, and once the page is fixed the next inspection closes both.

describe.each(testDatabases())('the inspection’s content checks on %s', (kind) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(kind);
    ctx.clock.set('2026-03-02T02:00:00Z');
  });
  afterAll(() => ctx.close());

  it('opens tasks for a leak and a typo and closes them after the fix', async () => {
    const agency = await makeAgency(ctx);
    const columnId = await makeColumn(ctx, agency.id, 'notices', '通知公告');
    const itemId = await publishItem(ctx, agency.id, columnId, {
      title: '关于公布补助名单的通知',
      body: '<p>张三，身份证号11010519491231002X，依据中华人民共合国有关规定。</p>',
    });
    await runInspection(ctx, 'manual');
    const tasks = () =>
      ctx.db.selectFrom('rectification_tasks').selectAll().where('object_id', '=', itemId).execute();
    const opened = await tasks();
    const pii = opened.find((t) => t.kind === 'pii');
    expect(pii?.agency_id).toBe(agency.id);
    expect(pii?.status).toBe('open');
    expect(opened.some((t) => t.kind === 'wording' && t.status === 'open')).toBe(true);
    const findings = await ctx.db
      .selectFrom('inspection_findings')
      .select(['kind', 'severity', 'message'])
      .where('object_id', '=', itemId)
      .execute();
    expect(findings.find((f) => f.kind === 'pii')?.severity).toBe('veto');
    expect(findings.find((f) => f.kind === 'wording')?.message).toContain('中华人民共和国');

    await ctx.db
      .updateTable('items')
      .set({ body_html: '<p>张三，身份证号1101**********002X，依据中华人民共和国有关规定。</p>' })
      .where('id', '=', itemId)
      .execute();
    await runInspection(ctx, 'manual');
    const after = await tasks();
    expect(
      after.filter((t) => t.kind === 'pii' || t.kind === 'wording').every((t) => t.status === 'closed'),
    ).toBe(true);
  });
});

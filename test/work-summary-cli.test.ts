import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSummaryCommand, runSummaryCommand } from '../src/app/report-summary-command';
import type { Agency } from '../src/db/schema';
import { makeAgency, makeColumn } from './helpers/factories';
import { draftAs, makeStaff, type Staff, signOff } from './helpers/review-flow';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// `gongkai report summary`: the command's action over a real database (the `report` group is wired into
// the CLI by the annual-report work; until then the action and its registration are tested here).

describe('the report summary command', () => {
  it('joins the report group with its options', () => {
    const report = new Command('report');
    addSummaryCommand(report);
    const summary = report.commands.find((c) => c.name() === 'summary');
    expect(summary?.options.map((o) => o.long)).toEqual(['--agency', '--year', '--json', '--draft', '--as']);
    expect(summary?.options.filter((o) => o.mandatory).map((o) => o.long)).toEqual(['--agency', '--year']);
  });
});

describe.each(testDatabases())('report summary on %s', (kind) => {
  let ctx: TestContext;
  let agency: Agency;
  let staff: Staff;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    agency = await makeAgency(ctx, { name: '示范区财政局' });
    staff = await makeStaff(ctx, agency.id);
    const news = await makeColumn(ctx, agency.id, 'news', '工作动态', 14);
    await makeColumn(ctx, agency.id, 'plans', '规划计划', 365);
    ctx.clock.set('2023-05-10T02:00:00Z');
    await signOff(ctx, staff, await draftAs(ctx, staff, { columnId: news, title: '预算执行情况通报' }));
    ctx.clock.set('2024-01-10T02:00:00Z');
  });
  afterAll(() => ctx.close());

  it('prints the drafted text for an agency given by code', async () => {
    const text = await runSummaryCommand(ctx, { agency: agency.code, year: '2023' });
    const blocks = text.split('\n\n');
    expect(blocks[0]).toBe('示范区财政局2023年政务公开工作总结');
    expect(blocks).toContain('一、工作开展情况');
    expect(text).toContain('（二）栏目维护。全年在门户网站主动公开信息 1 条，2 个栏目中 1 个本年度有更新');
    expect(text).toContain('全年 1 件信息经三审签发，复审环节完成保密审查 1 次');
    expect(blocks.at(-1)).toBe('【请填写：下一年度的工作打算和改进措施】\n');
  });

  it('prints the figures as JSON with the text', async () => {
    const json = JSON.parse(await runSummaryCommand(ctx, { agency: agency.id, year: '2023', json: true }));
    expect(json.review).toEqual({ signedOff: 1, secrecyReviews: 1, returned: 0, overruled: 0 });
    expect(json.sourceStatus).toEqual({ submitted: 1, proactive: 1, onRequest: 0, withheld: 0 });
    expect(json.tasks).toEqual({ total: 0, done: 0, inProgress: 0, late: 0, withoutEvidence: 0 });
    expect(json.title).toBe('示范区财政局2023年政务公开工作总结');
    expect(json.text).toContain('本年度未承接分解的政务公开重点工作任务。');
  });

  it('refuses bad options with a message naming them', async () => {
    await expect(runSummaryCommand(ctx, { agency: agency.id, year: '23' })).rejects.toThrow(
      '--year 应为四位年份',
    );
    await expect(runSummaryCommand(ctx, { agency: 'no-such', year: '2023' })).rejects.toThrow(
      '机构 no-such 不存在',
    );
    await expect(runSummaryCommand(ctx, { agency: agency.id, year: '2023', draft: true })).rejects.toThrow(
      '--draft 须用 --as 指明起草的信息员用户名',
    );
    const asReviewer = { agency: agency.id, year: '2023', draft: true, as: staff.reviewer1.username };
    await expect(runSummaryCommand(ctx, asReviewer)).rejects.toThrow('只有本单位信息员可以起草工作总结');
  });

  it('creates the draft for the named editor, once', async () => {
    const options = { agency: agency.code, year: '2023', draft: true, as: staff.editor.username };
    const out = await runSummaryCommand(ctx, options);
    const created = await ctx.db
      .selectFrom('items')
      .select(['id', 'created_by', 'status'])
      .where('title', '=', '示范区财政局2023年政务公开工作总结')
      .executeTakeFirstOrThrow();
    expect(out).toBe(
      `已创建草稿《示范区财政局2023年政务公开工作总结》，请在后台修改后报审：/admin/items/${created.id}/edit\n`,
    );
    expect(created).toMatchObject({ created_by: staff.editor.userId, status: 'draft' });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['actor_id', 'action'])
      .where('object_id', '=', created.id)
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { actor_id: staff.editor.userId, action: 'item.drafted' },
      { actor_id: staff.editor.userId, action: 'work_summary.drafted' },
    ]);
    await expect(runSummaryCommand(ctx, options)).rejects.toThrow(`/admin/items/${created.id}`);
  });
});

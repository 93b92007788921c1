import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../src/db/schema';
import { seedCase } from './fixtures/annual-reports/seed-records';
import { makeAgency, makeColumn, makeUser } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

// The back-office annual report (/admin/reports, issue 7): generate from the records, edit the narrative
// and the table 2 figures, import a broken report and be refused submission, submit a valid one, return
// and resubmit, approve through the agency's 三审, and find the published page with real tables.

type Role = 'editor' | 'reviewer1' | 'reviewer2' | 'reviewer3' | 'supervisor';

describe.each(testDatabases())('the annual report in the back office on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let agency: Agency;
  let other: Agency;
  let reportId = '';
  let itemId = '';
  const users: Record<string, string> = {};

  async function person(key: string, grants: { agencyId: string; role: Role }[]) {
    users[key] = (await makeUser(ctx, { grants })).username;
  }
  async function as(key: string) {
    const client = new HttpClient(app);
    expect((await client.login(ctx, users[key] as string)).statusCode).toBe(303);
    return client;
  }
  const stored = () =>
    ctx.db.selectFrom('annual_reports').selectAll().where('id', '=', reportId).executeTakeFirstOrThrow();
  const storedData = async () => JSON.parse((await stored()).data);

  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
    const district = await makeAgency(ctx, { kind: 'district', name: '示范区人民政府' });
    agency = await makeAgency(ctx, { name: '示范区教育局' });
    other = await makeAgency(ctx, { name: '示范区财政局' });
    await makeColumn(ctx, agency.id, 'annual-reports', '政府信息公开年报', 365);
    await person('editor', [{ agencyId: agency.id, role: 'editor' }]);
    for (const r of ['reviewer1', 'reviewer2', 'reviewer3'] as const)
      await person(r, [{ agencyId: agency.id, role: r }]);
    await person('otherEditor', [{ agencyId: other.id, role: 'editor' }]);
    await person('supervisor', [{ agencyId: district.id, role: 'supervisor' }]);
    for (const d of ['2025-03-03', '2025-05-06', '2025-09-09'])
      await seedCase(ctx, agency.id, { type: 'natural', received: d, decided: d, outcome: 'disclosed' });
    await seedCase(ctx, agency.id, { type: 'commercial', received: '2025-12-29' }); // carried forward
  });
  afterAll(() => close());

  it('generates the 2025 report from the records as a draft and shows it as the published page will', async () => {
    const editor = await as('editor');
    const list = await editor.get('/admin/reports');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('<a href="/admin/reports" aria-current="page">年度报告</a>');
    expect(list.body).toContain('尚无年度报告');
    const badYear = await editor.postForm(
      '/admin/reports',
      { agencyId: agency.id, year: '25年' },
      '/admin/reports',
    );
    expect(badYear.statusCode).toBe(400);
    expect(badYear.body).toContain('年度应为四位数字');
    const res = await editor.postForm(
      '/admin/reports',
      { agencyId: agency.id, year: '2025' },
      '/admin/reports',
    );
    expect(res.statusCode).toBe(303);
    reportId = String(res.headers.location).split('/').pop() ?? '';
    const row = await stored();
    expect([row.status, Number(row.year), row.agency_id]).toEqual(['draft', 2025, agency.id]);
    const data = JSON.parse(row.data);
    expect(data.applications.newReceived).toEqual([3, 1, 0, 0, 0, 0, 4]);
    expect(data.applications.carriedForward).toEqual([0, 1, 0, 0, 0, 0, 1]);
    const page = await editor.get(`/admin/reports/${reportId}`);
    expect(page.statusCode).toBe(200);
    for (const h of ['一、总体情况', '二、主动公开政府信息情况', '六、其他需要报告的事项'])
      expect(page.body).toContain(`<h2>${h}</h2>`);
    expect(page.body).toContain('<th colspan="7" scope="colgroup">申请人情况</th>');
    expect(page.body).toContain('<th colspan="2" scope="row">（一）予以公开</th><td>3</td>');
    expect(page.body).toContain('勾稽关系（H1–H5）全部通过');
    expect(page.body).toContain('没有上一年度的报告');
    expect(page.body).toContain('提交审核');
  });

  it('saves the narrative, and names the field of a bad table 2 figure', async () => {
    const editor = await as('editor');
    const url = `/admin/reports/${reportId}`;
    const narrative = {
      overview: '2025年，本局认真贯彻条例。\n全年收到申请4件。',
      problems: '公开栏目更新不够及时。',
      other: '本年度未收取信息处理费。',
    };
    expect((await editor.postForm(`${url}/narrative`, narrative, url)).statusCode).toBe(303);
    expect((await storedData()).narrative.problems).toBe('公开栏目更新不够及时。');
    expect((await editor.get(url)).body).toContain('<p>公开栏目更新不够及时。</p>');
    const bad = await editor.postForm(`${url}/figures`, { licensing: '十二', source: '审批系统导出' }, url);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('行政许可 本年处理决定数量：应为非负整数');
    const figures = {
      licensing: '12',
      penalty: '3',
      enforcement: '0',
      feesTenThousandYuan: '1.5',
      source: '区审批系统 2026-01-10 导出',
    };
    expect((await editor.postForm(`${url}/figures`, figures, url)).statusCode).toBe(303);
    const data = await storedData();
    expect([data.proactive.licensing, data.proactive.penalty, data.proactive.feesTenThousandYuan]).toEqual([
      12, 3, 1.5,
    ]);
    const page = await editor.get(url);
    expect(page.body).toContain('<th scope="row">行政许可</th><td colspan="3">12</td>');
    expect(page.body).toContain('区审批系统 2026-01-10 导出');
  });

  it('keeps the narrative and the entered figures when the draft is generated again', async () => {
    const editor = await as('editor');
    const url = `/admin/reports/${reportId}`;
    expect((await editor.postForm(`${url}/regenerate`, {}, url)).statusCode).toBe(303);
    const data = await storedData();
    expect(data.narrative.problems).toBe('公开栏目更新不够及时。');
    expect(data.proactive.licensing).toBe(12);
    const actions = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', reportId)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['report.generated', 'report.narrative_edited', 'report.figures_applied']),
    );
  });

  it("hides the report from another agency (404) and lets only the agency's editors change it", async () => {
    const stranger = await as('otherEditor');
    for (const path of ['', '/report.docx', '/report.json', '/compare'])
      expect((await stranger.get(`/admin/reports/${reportId}${path}`)).statusCode).toBe(404);
    expect((await stranger.get('/admin/reports')).body).not.toContain('示范区教育局');
    const forged = await stranger.postForm(
      '/admin/reports',
      { agencyId: agency.id, year: '2024' },
      '/admin/reports',
    );
    expect(forged.statusCode).toBe(404);
    const chief = await as('reviewer1');
    const read = await chief.get(`/admin/reports/${reportId}`);
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain('保存文字');
    const url = `/admin/reports/${reportId}`;
    expect((await chief.postForm(`${url}/narrative`, { overview: '改写' }, url)).statusCode).toBe(403);
    const supervisor = await as('supervisor');
    expect((await supervisor.get(url)).statusCode).toBe(200);
  });

  it('imports a broken report, shows its errors, and refuses to submit it naming the rules', async () => {
    const editor = await as('editor');
    const broken = JSON.parse(readFileSync('test/fixtures/annual-reports/valid-2023.json', 'utf8'));
    broken.agency = '示范区教育局';
    broken.applications.newReceived[0] += 5; // 自然人: H1 and H3 no longer hold
    const res = await editor.postForm(
      '/admin/reports/import',
      { agencyId: agency.id, text: JSON.stringify(broken) },
      '/admin/reports',
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/已导入并校验：[1-9]\d* 处错误/);
    expect(res.body).toContain('H1 表三「自然人」列');
    const id = (
      await ctx.db
        .selectFrom('annual_reports')
        .select('id')
        .where('year', '=', 2023)
        .executeTakeFirstOrThrow()
    ).id;
    const url = `/admin/reports/${id}`;
    const refused = await editor.postForm(`${url}/submit`, {}, url);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('年度报告未通过校验，不能报审');
    expect(refused.body).toContain('H3 表三「一、本年新收」行');
    const row = await ctx.db
      .selectFrom('annual_reports')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect([row.status, row.item_id]).toEqual(['draft', null]);
    const garbage = await editor.postForm(
      '/admin/reports/import',
      { agencyId: agency.id, text: 'hello' },
      '/admin/reports',
    );
    expect(garbage.statusCode).toBe(400);
    expect(garbage.body).toContain('无法识别的文件');
  });

  it('submits the valid report as a 年报 item into the 三审 and refuses edits while it is in review', async () => {
    const editor = await as('editor');
    const url = `/admin/reports/${reportId}`;
    expect((await editor.postForm(`${url}/submit`, {}, url)).statusCode).toBe(303);
    const row = await stored();
    expect(row.status).toBe('in_review');
    itemId = row.item_id ?? '';
    const item = await ctx.db
      .selectFrom('items')
      .selectAll()
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    expect(item).toMatchObject({
      title: '示范区教育局2025年政府信息公开工作年度报告',
      status: 'in_review',
      disclosure: 'proactive',
      genre: '报告',
      agency_id: agency.id,
    });
    expect(item.body_html).toContain('<th colspan="7" scope="colgroup">申请人情况</th>');
    const edit = await editor.postForm(`${url}/narrative`, { overview: '改写' }, url);
    expect(edit.statusCode).toBe(409);
    expect(edit.body).toContain('年度报告正在审核中，不能修改');
  });

  it('goes back to draft with its narrative when returned, and is published after the three approvals', async () => {
    const review = async (who: string, fields: Record<string, string>) => {
      const client = await as(who);
      const res = await client.postForm(
        `/admin/items/${itemId}/review`,
        { opinion: '同意', ...fields },
        `/admin/items/${itemId}`,
      );
      expect(res.statusCode).toBe(303);
    };
    await review('reviewer1', { decision: 'return', opinion: '请补充问题整改情况' });
    const editor = await as('editor');
    const url = `/admin/reports/${reportId}`;
    const page = await editor.get(url);
    expect(page.body).toContain('草稿');
    expect((await stored()).status).toBe('draft');
    expect((await storedData()).narrative.problems).toBe('公开栏目更新不够及时。');
    const problems = '公开栏目更新不够及时，已建立周检查制度。';
    const narrative = { overview: '2025年，本局认真贯彻条例。', problems, other: '本年度未收取信息处理费。' };
    expect((await editor.postForm(`${url}/narrative`, narrative, url)).statusCode).toBe(303);
    expect((await editor.postForm(`${url}/submit`, {}, url)).statusCode).toBe(303);
    expect((await stored()).item_id).toBe(itemId); // the same item, refreshed
    await review('reviewer1', { decision: 'approve' });
    await review('reviewer2', { decision: 'approve', secrecyChecked: '1' });
    await review('reviewer3', { decision: 'approve' });
    expect((await editor.get(url)).body).toContain('已发布');
    expect((await stored()).status).toBe('published');
    const list = await editor.get('/admin/reports');
    expect(list.body).toMatch(/示范区教育局<\/a><\/td><td>2025<\/td><td>已发布<\/td>/);
    const publicPage = await new HttpClient(app).get(`/items/${itemId}`);
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toContain('<th rowspan="2" scope="col">自然人</th>');
    expect(publicPage.body).toContain('<th rowspan="22" scope="rowgroup">三、本年度办理结果</th>');
    expect(publicPage.body).toContain('<th scope="row">行政许可</th><td colspan="3">12</td>');
    expect(publicPage.body).toContain(problems);
    const refused = await editor.postForm(`${url}/regenerate`, {}, url);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('年度报告已发布，不能修改');
  });
});

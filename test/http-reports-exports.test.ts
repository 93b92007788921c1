import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../src/db/schema';
import { annualReportSchema } from '../src/modules/reports';
import { seedCase } from './fixtures/annual-reports/seed-records';
import { unzipText } from './helpers/application-cases';
import { makeAgency, makeColumn, makeUser } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

// What leaves the report page (issue 7): the Word file in the national layout (merged header cells, the
// figures), the JSON interchange file (valid against the schema, imported back unchanged), the
// year-on-year comparison against last year's stored report, and the district's report, which adds its
// departments and lists those whose own report is not yet published.

describe.each(testDatabases())('annual-report downloads, comparison and the district on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let district: Agency;
  let agency: Agency;
  let other: Agency;
  let editor: HttpClient;
  let reportId = '';

  const lastYear = () => {
    const r = JSON.parse(readFileSync('test/fixtures/annual-reports/valid-2023.json', 'utf8'));
    return { ...r, agency: '示范区教育局', year: 2024 };
  };

  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
    district = await makeAgency(ctx, { kind: 'district', name: '示范区人民政府' });
    agency = await makeAgency(ctx, { name: '示范区教育局' });
    other = await makeAgency(ctx, { name: '示范区财政局' });
    await ctx.db
      .updateTable('agencies')
      .set({ parent_id: district.id })
      .where('id', 'in', [agency.id, other.id])
      .execute();
    await makeColumn(ctx, agency.id, 'annual-reports', '政府信息公开年报', 365);
    const user = await makeUser(ctx, {
      grants: [
        { agencyId: agency.id, role: 'editor' },
        { agencyId: district.id, role: 'editor' },
      ],
    });
    editor = new HttpClient(app);
    expect((await editor.login(ctx, user.username)).statusCode).toBe(303);
    await seedCase(ctx, agency.id, {
      type: 'natural',
      received: '2025-04-01',
      decided: '2025-04-10',
      outcome: 'disclosed',
    });
    await seedCase(ctx, agency.id, {
      type: 'research',
      received: '2025-06-01',
      decided: '2025-06-20',
      outcome: 'unable.notHeld',
    });
    await seedCase(ctx, other.id, {
      type: 'natural',
      received: '2025-07-01',
      decided: '2025-07-03',
      outcome: 'disclosed',
    });
    const imported = await editor.postForm(
      '/admin/reports/import',
      { agencyId: agency.id, text: JSON.stringify(lastYear()) },
      '/admin/reports',
    );
    expect(imported.statusCode).toBe(200);
    expect(imported.body).toContain('已导入并校验：0 处错误');
    const res = await editor.postForm(
      '/admin/reports',
      { agencyId: agency.id, year: '2025' },
      '/admin/reports',
    );
    reportId = String(res.headers.location).split('/').pop() ?? '';
    const url = `/admin/reports/${reportId}`;
    const figures = {
      licensing: '77',
      penalty: '5',
      enforcement: '1',
      feesTenThousandYuan: '0',
      source: '执法平台导出',
    };
    expect((await editor.postForm(`${url}/figures`, figures, url)).statusCode).toBe(303);
  });
  afterAll(() => close());

  it('checks this year against last year once last year is stored (S1, S3)', async () => {
    const page = await editor.get(`/admin/reports/${reportId}`);
    expect(page.body).toContain('已与上一年度报告比对（S1、S3）');
    expect(page.body).toContain('S3');
  });

  it('downloads the Word file in the national layout: merged header cells and the figures', async () => {
    const res = await editor.get(`/admin/reports/${reportId}/report.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(String(res.headers['content-disposition'])).toContain('attachment');
    const xml = unzipText(res.rawPayload).get('word/document.xml') ?? '';
    const headerCell = /<w:tc>(?:(?!<\/w:tc>).)*申请人情况(?:(?!<\/w:tc>).)*<\/w:tc>/s.exec(xml)?.[0] ?? '';
    expect(headerCell).toContain('<w:gridSpan w:val="7"/>');
    expect(xml).toMatch(/<w:vMerge w:val="restart"\/>(?:(?!<\/w:tc>).)*自然人/s);
    expect(xml).toContain('>77<');
    expect(xml).toContain('示范区教育局2025年政府信息公开工作年度报告');
  });

  it('downloads the JSON interchange file, valid and imported back unchanged', async () => {
    const res = await editor.get(`/admin/reports/${reportId}/report.json`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const parsed = annualReportSchema.safeParse(JSON.parse(res.body));
    expect(parsed.success).toBe(true);
    const stored = await ctx.db
      .selectFrom('annual_reports')
      .select('data')
      .where('id', '=', reportId)
      .executeTakeFirstOrThrow();
    expect(parsed.data).toEqual(JSON.parse(stored.data));
    expect(parsed.data?.proactive.licensing).toBe(77);
    const again = await editor.postForm(
      '/admin/reports/import',
      { agencyId: agency.id, text: res.body },
      '/admin/reports',
    );
    expect(again.statusCode).toBe(200);
    const after = await ctx.db
      .selectFrom('annual_reports')
      .select(['id', 'data'])
      .where('id', '=', reportId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(after.data)).toEqual(parsed.data);
  });

  it('compares tables 2–4 with last year: differences and per cent in real header cells', async () => {
    const res = await editor.get(`/admin/reports/${reportId}/compare`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(
      '<th scope="col">2024 年</th><th scope="col">2025 年</th><th scope="col">增减</th>',
    );
    // 2024: 50 received (the fixture); 2025: 2 received → −48, −96%
    expect(res.body).toContain(
      '<th scope="row">一、本年新收</th><td>50</td><td>2</td><td>-48</td><td>-96%</td>',
    );
    expect(res.body).toContain(
      '<th scope="row">行政许可 本年处理决定数量</th><td>1520</td><td>77</td><td>-1443</td><td>-94.9%</td>',
    );
    expect(res.body).toContain('<caption>表四 政府信息公开行政复议、行政诉讼情况</caption>');
  });

  it("builds the district's report over its departments and lists those not yet published", async () => {
    const res = await editor.postForm(
      '/admin/reports',
      { agencyId: district.id, year: '2025' },
      '/admin/reports',
    );
    expect(res.statusCode).toBe(303);
    const url = String(res.headers.location);
    const row = await ctx.db
      .selectFrom('annual_reports')
      .selectAll()
      .where('agency_id', '=', district.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.data).applications.newReceived[6]).toBe(3); // two of 教育局, one of 财政局
    expect((await editor.get(url)).body).toContain('尚未发布本年度报告的部门（2 个）');
    await ctx.db
      .updateTable('annual_reports')
      .set({ status: 'published' })
      .where('id', '=', reportId)
      .execute();
    const page = await editor.get(url);
    expect(page.body).toContain('尚未发布本年度报告的部门（1 个）：示范区财政局');
  });
});

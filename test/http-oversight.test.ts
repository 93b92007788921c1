import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';
import { seedOversight } from './oversight-seed';

// 统计分析 over HTTP (issue 6, district supervisor's view): the exact figures of seeded data in the page
// tables, in the SVG charts and in the Excel export read back; filters change them; only the district
// supervisor gets in.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The rows (header first) of the table in a section of the page, as the cell texts. */
function tableOf(html: string, sectionId: string): string[][] {
  const table = parse(html).querySelector(`section#${sectionId} table`);
  if (!table) return [];
  return table.querySelectorAll('tr').map((tr) => tr.querySelectorAll('th, td').map((c) => c.text.trim()));
}

function svgOf(html: string, sectionId: string): string {
  return parse(html).querySelector(`section#${sectionId} svg`)?.toString() ?? '';
}

/** A worksheet's rows from the header row (row 4) on, as texts; percents as they are formatted. */
function sheetRows(book: ExcelJS.Workbook, name: string): string[][] {
  const sheet = book.getWorksheet(name);
  if (!sheet) return [];
  const out: string[][] = [];
  sheet.eachRow((row, n) => {
    if (n < 4) return;
    const cells = (row.values as unknown[]).slice(1);
    out.push(
      cells.map((v, i) =>
        row.getCell(i + 1).numFmt === '0.0%' ? `${Math.round(Number(v) * 1000) / 10}%` : String(v),
      ),
    );
  });
  return out;
}

describe.each(testDatabases())('统计分析 on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let site: Awaited<ReturnType<typeof seedOversight>>;
  const clients: Record<'supervisor' | 'editorA' | 'sysadmin', HttpClient> = {} as never;

  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind, async (c) => {
      site = await seedOversight(c);
    }));
    const users = {
      supervisor: await makeUser(ctx, { grants: [{ agencyId: site.district.id, role: 'supervisor' }] }),
      editorA: await makeUser(ctx, { grants: [{ agencyId: site.a.id, role: 'editor' }] }),
      sysadmin: await makeUser(ctx, { adminRole: 'system' }),
    };
    for (const [name, user] of Object.entries(users)) {
      const client = new HttpClient(app);
      expect((await client.login(ctx, user.username)).statusCode).toBe(303);
      clients[name as keyof typeof users] = client;
    }
  });
  afterAll(() => close());

  it('refuses everyone but the district supervisor, and shows the menu entry only to them', async () => {
    for (const who of ['editorA', 'sysadmin'] as const) {
      for (const url of ['/admin/oversight', '/admin/oversight/export.xlsx']) {
        const res = await clients[who].get(url);
        expect(res.statusCode).toBe(403);
        expect(res.body).not.toContain('主动公开率');
      }
    }
    expect((await clients.editorA.get('/admin')).body).not.toContain('href="/admin/oversight"');
    expect((await clients.supervisor.get('/admin')).body).toContain('href="/admin/oversight"');
  });

  it('shows the year’s figures across departments in tables and charts', async () => {
    const res = await clients.supervisor.get('/admin/oversight?kind=year&year=2026');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    const pub = tableOf(html, 'publications');
    expect(pub[0]).toEqual(['栏目', ...Array.from({ length: 12 }, (_, i) => `2026年${i + 1}月`), '合计']);
    expect(pub.slice(1)).toEqual([
      ['工作动态', '3', '0', '2', ...Array(9).fill('0'), '5'],
      ['政策文件', '0', '2', ...Array(10).fill('0'), '2'],
      ['政策解读', '0', '1', ...Array(10).fill('0'), '1'],
      ['合计', '3', '3', '2', ...Array(9).fill('0'), '8'],
    ]);
    expect(tableOf(html, 'disclosure')).toEqual([
      ['单位', '公文数', '主动公开', '依申请公开', '不予公开', '未认定', '主动公开率'],
      ['示范区人民政府办公室', '0', '0', '0', '0', '0', '—'],
      ['示范区教育局', '5', '2', '1', '1', '1', '50%'],
      ['示范区财政局', '1', '1', '0', '0', '0', '100%'],
      ['合计', '6', '3', '1', '1', '1', '60%'],
    ]);
    expect(tableOf(html, 'disclosure-bases').slice(1)).toEqual([
      ['条例第十六条第二款：过程性信息（讨论记录、过程稿、磋商信函、请示报告）', '1'],
      ['条例第十四条：国家秘密', '1'],
    ]);
    expect(tableOf(html, 'interpretations')[2]).toEqual(['示范区教育局', '2', '1', '1', '1', '1', '50%']);
    expect(tableOf(html, 'applications').slice(2)).toEqual([
      ['示范区教育局', '3', '2', '1', '1', '50%', '1', '1'],
      ['示范区财政局', '1', '0', '0', '0', '—', '1', '0'],
      ['合计', '4', '2', '1', '1', '50%', '2', '1'],
    ]);
    expect(tableOf(html, 'rectification').slice(2)).toEqual([
      ['示范区教育局', '3', '1', '1', '1', '1', '50%'],
      ['示范区财政局', '1', '1', '0', '0', '0', '100%'],
      ['合计', '4', '2', '1', '1', '1', '67%'],
    ]);
    expect(tableOf(html, 'freshness').slice(2)).toEqual([
      ['示范区教育局', '3', '1', '1', '0', '66.7%'],
      ['示范区财政局', '1', '0', '0', '1', '100%'],
      ['合计', '4', '1', '1', '1', '75%'],
    ]);
    expect(tableOf(html, 'letters').slice(2)).toEqual([
      ['示范区教育局', '3', '2', '1', '1', '50%', '1', '10.5', '1', '0', '1'],
      ['示范区财政局', '1', '0', '0', '0', '—', '0', '—', '0', '0', '0'],
      ['合计', '4', '2', '1', '1', '50%', '1', '10.5', '1', '0', '1'],
    ]);
    expect(tableOf(html, 'key-tasks').slice(1)).toEqual([
      ['示范区人民政府办公室', '0', '0', '0', '0', '0', '—'],
      ['示范区教育局', '3', '1', '1', '1', '1', '33.3%'],
      ['示范区财政局', '1', '0', '1', '0', '0', '0%'],
      ['合计', '4', '1', '2', '1', '1', '25%'],
    ]);
    expect(html).toContain('依据 2026-05-01 完成的全站检查');
    expect(html).toContain('主动公开率 = 主动公开件数 ÷ 已认定公开属性的公文件数');
  });

  it('draws each chart as inline SVG with a title, role="img", an accessible name and the numbers', async () => {
    const html = (await clients.supervisor.get('/admin/oversight?kind=year&year=2026')).body;
    const pub = svgOf(html, 'publications');
    expect(pub).toMatch(
      /^<svg[^>]* role="img" aria-label="每月发布信息（条），2026年，全部单位；数据见下表"/,
    );
    expect(pub).toContain('<title>每月发布信息（条），2026年，全部单位；数据见下表</title>');
    for (const label of ['>1月<', '>12月<', '>工作动态<', '>政策文件<', '>3<', '>2<'])
      expect(pub).toContain(label);
    const disclosure = svgOf(html, 'disclosure');
    for (const label of ['示范区教育局', '示范区财政局', '主动公开', '不予公开'])
      expect(disclosure).toContain(label);
    expect(disclosure).not.toContain('示范区人民政府办公室'); // nothing to draw for the district office
    // CSP style-src 'self': no inline style attribute or <style> element in any chart
    expect(html).not.toMatch(/<svg[\s\S]*?(style="|<style)[\s\S]*?<\/svg>/);
    expect(html).not.toContain('<script');
  });

  it('changes the figures with the period and the department filter', async () => {
    const march = (await clients.supervisor.get('/admin/oversight?kind=month&year=2026&month=3')).body;
    expect(march).toContain('2026年3月');
    expect(tableOf(march, 'publications').slice(1)).toEqual([
      ['工作动态', '2', '2'],
      ['合计', '2', '2'],
    ]);
    expect(tableOf(march, 'disclosure').slice(2)).toEqual([
      ['示范区教育局', '1', '0', '1', '0', '0', '0%'],
      ['示范区财政局', '1', '1', '0', '0', '0', '100%'],
      ['合计', '2', '1', '1', '0', '0', '50%'],
    ]);
    expect(tableOf(march, 'applications')[2]).toEqual(['示范区教育局', '2', '1', '1', '0', '100%', '1', '1']);
    expect(march).toContain('统计期间截止前没有完成的全站检查');
    // in March both of A's letters were answered; the May letter was not yet received, so not overdue
    expect(tableOf(march, 'letters')[2]).toEqual([
      '示范区教育局',
      '2',
      '2',
      '1',
      '1',
      '50%',
      '0',
      '10.5',
      '1',
      '0',
      '1',
    ]);
    const range = (await clients.supervisor.get('/admin/oversight?kind=range&from=2026-01-01&to=2026-01-31'))
      .body;
    expect(tableOf(range, 'publications').slice(1)).toEqual([
      ['工作动态', '3', '3'],
      ['合计', '3', '3'],
    ]);
    const onlyB = (await clients.supervisor.get(`/admin/oversight?kind=year&year=2026&agency=${site.b.id}`))
      .body;
    expect(tableOf(onlyB, 'publications').slice(1)).toEqual([
      ['工作动态', '1', '0', '1', ...Array(9).fill('0'), '2'],
      ['合计', '1', '0', '1', ...Array(9).fill('0'), '2'],
    ]);
    expect(tableOf(onlyB, 'disclosure').slice(1)).toEqual([
      ['示范区财政局', '1', '1', '0', '0', '0', '100%'],
    ]);
    expect(onlyB).not.toContain('示范区教育局</th>');
  });

  it('rejects a bad filter with a message naming the field', async () => {
    const res = await clients.supervisor.get('/admin/oversight?kind=range&from=2026-03-01&to=2026-02-01');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('截止日期不能早于起始日期');
    const unknown = await clients.supervisor.get('/admin/oversight?agency=nope');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('单位不存在');
  });

  it('exports the same figures to Excel, one sheet per metric with Chinese headers', async () => {
    const res = await clients.supervisor.get('/admin/oversight/export.xlsx?kind=year&year=2026');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      '说明',
      '信息发布',
      '主动公开率',
      '非主动公开依据',
      '政策解读',
      '依申请公开',
      '部门信箱',
      '整改情况',
      '栏目更新',
      '重点工作',
    ]);
    expect(sheetRows(book, '部门信箱')[2]).toEqual([
      '示范区教育局',
      '3',
      '2',
      '1',
      '1',
      '50%',
      '1',
      '10.5',
      '1',
      '0',
      '1',
    ]);
    expect(sheetRows(book, '重点工作')[4]).toEqual(['合计', '4', '1', '2', '1', '1', '25%']);
    expect(sheetRows(book, '主动公开率')).toEqual([
      ['单位', '公文数', '主动公开', '依申请公开', '不予公开', '未认定', '主动公开率'],
      ['示范区人民政府办公室', '0', '0', '0', '0', '0', '—'],
      ['示范区教育局', '5', '2', '1', '1', '1', '50%'],
      ['示范区财政局', '1', '1', '0', '0', '0', '100%'],
      ['合计', '6', '3', '1', '1', '1', '60%'],
    ]);
    expect(sheetRows(book, '依申请公开')[4]).toEqual(['合计', '4', '2', '1', '1', '50%', '2', '1']);
    expect(sheetRows(book, '信息发布')[1]).toEqual(['工作动态', '3', '0', '2', ...Array(9).fill('0'), '5']);
    expect(sheetRows(book, '栏目更新')[2]).toEqual(['示范区教育局', '3', '1', '1', '0', '66.7%']);
    expect(String(book.getWorksheet('说明')?.getCell('B2').value)).toBe('2026年');
    const filtered = await clients.supervisor.get(
      `/admin/oversight/export.xlsx?kind=month&year=2026&month=3&agency=${site.b.id}`,
    );
    const small = new ExcelJS.Workbook();
    await small.xlsx.load(filtered.rawPayload as unknown as ArrayBuffer);
    expect(sheetRows(small, '主动公开率').slice(1)).toEqual([
      ['示范区财政局', '1', '1', '0', '0', '0', '100%'],
    ]);
  });
});

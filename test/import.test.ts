import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/modules/audit';
import { importDirectory } from '../src/modules/documents';
import { createSearchProvider } from '../src/search';
import { makeAgency, makeColumn } from './helpers/factories';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

describe.each(testDatabases())('importing an existing portal on %s', (kind) => {
  let ctx: TestContext;
  let dir: string;
  let agencyCode: string;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    const agency = await makeAgency(ctx);
    agencyCode = agency.code;
    await makeColumn(ctx, agency.id, 'news', '工作动态', 14);
    dir = mkdtempSync(path.join(tmpdir(), 'gk-import-'));
    writeFileSync(
      path.join(dir, 'a.html'),
      '<html><body><h2>區(qū)經(jīng)信局</h2><p>工作開(kāi)展情況良好，乡(镇)均已完成。</p><script>x()</script></body></html>',
    );
    writeFileSync(path.join(dir, 'b.txt'), '第一段　　内容。\n\n\n\n第二段，附件(PDF)見附件。');
    writeFileSync(
      path.join(dir, 'metadata.json'),
      JSON.stringify([
        {
          file: 'a.html',
          agency: agencyCode,
          column: 'news',
          title: '區(qū)經(jīng)信局工作動態',
          publishedAt: '2021-03-05',
          docNumber: '示經信〔2021〕1號',
          url: 'http://old.example/1.html',
        },
        {
          file: 'b.txt',
          agency: agencyCode,
          column: 'news',
          title: '第二篇',
          publishedAt: '2022-07-01',
          indexNumber: 'OLD/2022-00007',
        },
        {
          file: 'missing.html',
          agency: agencyCode,
          column: 'news',
          title: '缺文件',
          publishedAt: '2022-07-01',
        },
        { file: 'a.html', agency: agencyCode, column: 'nowhere', title: '错栏目', publishedAt: '2022-07-01' },
        {
          file: '../../etc/passwd',
          agency: agencyCode,
          column: 'news',
          title: '越界路径',
          publishedAt: '2022-07-01',
        },
        { file: 'a.html', agency: agencyCode, column: 'news', title: '坏日期', publishedAt: '去年' },
      ]),
    );
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await ctx.close();
  });

  it('imports clean items, reports each skipped record with its reason, and changes nothing on a second run', async () => {
    const first = await importDirectory(ctx, systemActor('test'), dir);
    expect(first.imported).toBe(2);
    expect(first.skipped.map((s) => s.reason)).toEqual([
      '找不到文件 missing.html',
      '栏目 nowhere 不存在',
      '文件路径越出导入目录：../../etc/passwd',
      expect.stringContaining('发布日期格式应为 YYYY-MM-DD'),
    ]);
    expect(first.warnings.map((w) => w.message).join()).toContain('見');

    const a = await ctx.db
      .selectFrom('items')
      .selectAll()
      .where('title', '=', '区经信局工作动态')
      .executeTakeFirstOrThrow();
    expect(a.body_html).toBe('<h2>区经信局</h2><p>工作开展情况良好，乡(镇)均已完成。</p>');
    expect([a.status, a.published_at, a.disclosure]).toEqual([
      'published',
      '2021-03-04T16:00:00.000Z',
      'proactive',
    ]);
    expect(a.index_number).toMatch(/\/2021-\d{5}$/);
    const b = await ctx.db
      .selectFrom('items')
      .selectAll()
      .where('title', '=', '第二篇')
      .executeTakeFirstOrThrow();
    expect(b.body_html).toBe('<p>第一段 内容。</p><p>第二段，附件(PDF)見附件。</p>');
    expect(b.index_number).toBe('OLD/2022-00007');

    const search = await createSearchProvider(ctx.db).search({
      q: '经信局',
      scope: { internal: false, agencyIds: [] },
      page: 1,
      pageSize: 10,
    });
    expect(search.hits.map((h) => h.id)).toContain(a.id);

    const second = await importDirectory(ctx, systemActor('test'), dir);
    expect(second.imported).toBe(0);
    expect(second.skipped.filter((s) => s.reason.startsWith('已导入'))).toHaveLength(2);
    const count = await ctx.db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  it('reads a TSV metadata file too', async () => {
    const tsvDir = mkdtempSync(path.join(tmpdir(), 'gk-import-tsv-'));
    try {
      writeFileSync(path.join(tsvDir, 'c.txt'), '表格导入的正文。');
      writeFileSync(
        path.join(tsvDir, 'metadata.tsv'),
        `file\tagency\tcolumn\ttitle\tpublishedAt\nc.txt\t${agencyCode}\tnews\t表格导入\t2023-01-02\n`,
      );
      const report = await importDirectory(ctx, systemActor('test'), tsvDir);
      expect(report.imported).toBe(1);
    } finally {
      rmSync(tsvDir, { recursive: true, force: true });
    }
  });
});

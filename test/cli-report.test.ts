import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../src/db/schema';
import { type AnnualReport, annualReportSchema, buildAnnualReport } from '../src/modules/reports';
import { seedCase, seedNormative } from './fixtures/annual-reports/seed-records';
import { runGongkai } from './helpers/cli';
import { makeAgency } from './helpers/factories';
import { createTestContext, type TestContext } from './helpers/test-context';

// `gongkai report build | check | import | figures` run as operators run them, as real processes on the
// embedded SQLite: exit 0 done, 1 when `check` finds errors, 2 on unreadable input with a message naming it.

const fixture = (name: string) => path.resolve('test/fixtures/annual-reports', name);

describe('gongkai report', () => {
  let ctx: TestContext;
  let dept: Agency;
  let expected: AnnualReport;
  let dir: string;
  const run = (args: string[]) => runGongkai(['report', ...args], dir);

  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    dir = ctx.dataDir;
    ctx.clock.set('2024-01-10T02:00:00Z');
    await makeAgency(ctx, { kind: 'district', name: '示范区人民政府' });
    dept = await makeAgency(ctx, { name: '示范区教育局' });
    await seedCase(ctx, dept.id, {
      type: 'natural',
      received: '2023-03-01',
      decided: '2023-03-10',
      outcome: 'disclosed',
    });
    await seedCase(ctx, dept.id, { type: 'commercial', received: '2023-12-29' });
    await seedNormative(ctx, dept.id, { effective: '2023-02-01' });
    expected = await buildAnnualReport(ctx, dept.id, 2023);
    await ctx.db.destroy(); // the CLI opens the same database file
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('enters figures from other systems, then builds the report by agency code as JSON', async () => {
    const entered = await run([
      'figures',
      '--agency',
      dept.code,
      '--year',
      '2023',
      '--source',
      '审批系统导出',
      'licensing=42',
      'feesTenThousandYuan=0.75',
    ]);
    expect(entered.stderr).toBe('');
    expect(entered.stdout).toContain('已录入 2 项');
    const { code, stdout } = await run(['build', '--agency', dept.code, '--year', '2023', '--json']);
    expect(code).toBe(0);
    const built = annualReportSchema.parse(JSON.parse(stdout));
    expect(built).toEqual({
      ...expected,
      proactive: { ...expected.proactive, licensing: 42, feesTenThousandYuan: 0.75 },
    });
    expect(built.applications.carriedForward).toEqual([0, 1, 0, 0, 0, 0, 1]);
  });

  it('prints a summary and the checks without --json, and writes HTML and Word on request', async () => {
    const html = path.join(dir, 'r.html');
    const docx = path.join(dir, 'r.docx');
    const { code, stdout } = await run([
      'build',
      '--agency',
      dept.id,
      '--year',
      '2023',
      '--html',
      html,
      '--docx',
      docx,
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('示范区教育局2023年政府信息公开工作年度报告');
    expect(stdout).toContain('表三 新收 2，上年结转 0，办结 1，结转下年度 1');
    expect(stdout).toMatch(/校验完成：0 个错误，1 个提示/); // S5: 行政处罚 and 行政强制 not entered
    expect(readFileSync(html, 'utf8')).toContain('<th colspan="7" scope="colgroup">申请人情况</th>');
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses a bad year with exit 2', async () => {
    const bad = await run(['build', '--agency', dept.code, '--year', '23']);
    expect([bad.code, bad.stderr.trim()]).toEqual([2, '错误：--year 应为四位年份，如 --year 2023']);
  });

  it('check: exit 0 for a consistent report against last year’s', async () => {
    const { code, stdout } = await run([
      'check',
      fixture('valid-2023.json'),
      '--previous',
      fixture('valid-2022.json'),
    ]);
    expect([code, stdout.trim()]).toEqual([0, '校验完成：0 个错误，0 个提示']);
  });

  it('check --json: exit 1 naming the rule, the column and both sides', async () => {
    const broken = JSON.parse(readFileSync(fixture('valid-2023.json'), 'utf8'));
    broken.applications.carriedForward = [3, 0, 0, 0, 1, 0, 4];
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(broken));
    const { code, stdout } = await run(['check', file, '--json']);
    expect(code).toBe(1);
    const { errors, warnings } = JSON.parse(stdout);
    expect(
      errors.map((e: { rule: string; where: string; left: number; right: number }) => [
        e.rule,
        e.where,
        e.left,
        e.right,
      ]),
    ).toEqual([
      ['H1', '表三「自然人」列', 43, 44],
      ['H1', '表三「总计」列', 54, 55],
    ]);
    expect(warnings.map((w: { rule: string }) => w.rule)).toEqual(['S2']); // “结转下年度继续办理3件” now disagrees
  });

  it('check: exit 2 on a missing file or bad JSON (other shapes: report-import.test.ts)', async () => {
    const missing = await run(['check', path.join(dir, 'none.json')]);
    expect([missing.code, missing.stderr]).toEqual([
      2,
      expect.stringContaining(`无法读取 ${path.join(dir, 'none.json')}：ENOENT`),
    ]);
    const notJson = path.join(dir, 'bad.json');
    writeFileSync(notJson, '{"agency": "x", ');
    const bad = await run(['check', notJson]);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('不是有效的 JSON')]);
  });

  it('import: reads a published report’s HTML into the JSON format, with its check on stderr', async () => {
    const { code, stdout, stderr } = await run(['import', fixture('deviations-2023.html')]);
    expect(code).toBe(0);
    const report = annualReportSchema.parse(JSON.parse(stdout));
    expect([report.agency, report.year, report.applications.total]).toEqual([
      '示范县东湖街道办事处',
      2023,
      [10, 2, 0, 0, 1, 0, 13],
    ]);
    expect(stderr).toContain('已导入（HTML）：0 个错误，1 个提示');
  });

  it('summary: drafts the year’s work summary from the records; a bad year is exit 2 naming it', async () => {
    const { code, stdout, stderr } = await run(['summary', '--agency', dept.code, '--year', '2023']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('示范区教育局2023年政务公开工作总结');
    expect(stdout).toContain('一、工作开展情况');
    const bad = await run(['summary', '--agency', dept.code, '--year', '23']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--year');
  });
});

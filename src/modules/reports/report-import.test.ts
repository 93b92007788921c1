import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAnnualReportFile } from './report-import';

// What `gongkai report check` and `report import` accept, and how they name what they refuse (exit 2).

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/annual-reports/${name}`, import.meta.url), 'utf8');

describe('a report file', () => {
  it('is read as JSON or as HTML by its first character', () => {
    expect(parseAnnualReportFile(`\uFEFF${fixture('valid-2023.json')}`)).toMatchObject({
      format: 'json',
      report: { year: 2023 },
    });
    expect(parseAnnualReportFile(fixture('deviations-2023.html'))).toMatchObject({
      format: 'html',
      report: { year: 2023 },
    });
  });

  it.each([
    ['', '文件为空'],
    ['{"agency": ', '不是有效的 JSON'],
    ['年报', '无法识别的文件'],
    ['<p>通知</p>', '未找到表三'],
  ])('refuses %j', (text, message) => {
    expect(() => parseAnnualReportFile(text)).toThrow(message);
  });

  it('names the field of JSON not in the format', () => {
    const report = JSON.parse(fixture('valid-2023.json'));
    const wrong = (edit: (r: Record<string, unknown>) => void) => {
      const r = structuredClone(report);
      edit(r);
      return () => parseAnnualReportFile(JSON.stringify(r));
    };
    expect(wrong((r) => (r.year = '二〇二三'))).toThrow(/year: /);
    expect(wrong((r) => ((r.applications as Record<string, unknown>).total = [1, 2]))).toThrow(
      /applications\.total: 每行应有 7 个数/,
    );
    expect(wrong((r) => delete (r.appeals as Record<string, unknown>).litigationDirect)).toThrow(
      /appeals\.litigationDirect/,
    );
    expect(wrong((r) => ((r.proactive as Record<string, unknown>).licensing = '12'))).toThrow(
      /proactive\.licensing: 应为数字或 null/,
    );
  });
});

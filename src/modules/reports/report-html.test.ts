import { readFileSync } from 'node:fs';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { sanitizeBody } from '../documents';
import { checkAnnualReport } from './report-check';
import { renderAnnualReportHtml } from './report-html';
import { importAnnualReportHtml } from './report-html-import';
import { type AnnualReport, annualReportSchema } from './report-schema';

// The national layout in HTML (国办公开办函〔2021〕30号, law-and-formats.md §2.2–2.5) and its import,
// including real-world deviations (§2.6).

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/annual-reports/${name}`, import.meta.url), 'utf8');
const valid = (): AnnualReport => annualReportSchema.parse(JSON.parse(fixture('valid-2023.json')));

describe('HTML in the national layout', () => {
  const html = renderAnnualReportHtml(valid());
  const root = parse(html);
  const tables = root.querySelectorAll('table');
  const cellTexts = (sel: string) => root.querySelectorAll(sel).map((c) => c.text);

  it('has the six section headings in order and three real tables', () => {
    expect(cellTexts('h2')).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
    expect(tables).toHaveLength(3);
    expect(root.querySelector('h1')?.text).toBe('示范区发展和改革局2023年政府信息公开工作年度报告');
  });

  it('merges table 3’s headers as the format does: 3×3 corner, 申请人情况 over 7, 法人或其他组织 over 5', () => {
    const t3 = tables[1];
    const rows = t3?.querySelectorAll('tr') ?? [];
    expect(rows).toHaveLength(28); // 3 header rows + 25 rows
    const corner = rows[0]?.querySelector('td');
    expect([corner?.getAttribute('rowspan'), corner?.getAttribute('colspan')]).toEqual(['3', '3']);
    expect(corner?.text).toContain('第一项加第二项之和，等于第三项加第四项之和');
    const spans = (el: ReturnType<typeof parse> | undefined) =>
      el
        ?.querySelectorAll('th')
        .map(
          (th) =>
            `${th.text}|${th.getAttribute('scope')}|${th.getAttribute('rowspan') ?? 1}x${th.getAttribute('colspan') ?? 1}`,
        );
    expect(spans(rows[0])).toEqual(['申请人情况|colgroup|1x7']);
    expect(spans(rows[1])).toEqual(['自然人|col|2x1', '法人或其他组织|colgroup|1x5', '总计|col|2x1']);
    expect(spans(rows[5])?.slice(0, 3)).toEqual([
      '三、本年度办理结果|rowgroup|22x1',
      '（一）予以公开|row|1x2',
    ]);
    expect(spans(rows[7])).toEqual(['（三）不予公开|rowgroup|8x1', '1.属于国家秘密|row|1x1']);
    expect(rows[27]?.querySelectorAll('td').map((td) => td.text)).toEqual([
      '2',
      '0',
      '0',
      '0',
      '1',
      '0',
      '3',
    ]);
    // every row has 10 grid columns once spans are counted
    expect(rows.slice(3).every((r) => r.querySelectorAll('td').length === 7)).toBe(true);
  });

  it('merges table 4’s headers: 行政复议 over 5, 行政诉讼 over 10, its two blocks over 5 each', () => {
    const rows = tables[2]?.querySelectorAll('tr') ?? [];
    expect(rows[0]?.querySelectorAll('th').map((t) => `${t.text}:${t.getAttribute('colspan')}`)).toEqual([
      '行政复议:5',
      '行政诉讼:10',
    ]);
    expect(
      rows[1]?.querySelectorAll('th').map((t) => t.getAttribute('rowspan') ?? t.getAttribute('colspan')),
    ).toEqual(['2', '2', '2', '2', '2', '5', '5']);
    expect(rows[2]?.querySelectorAll('th')).toHaveLength(10);
    expect(
      rows[3]
        ?.querySelectorAll('td')
        .map((t) => t.text)
        .join(' '),
    ).toBe('2 1 0 1 4 1 0 0 1 2 1 0 0 0 1');
  });

  it('prints missing cells as "/" and escapes text', () => {
    const r = valid();
    r.proactive.rules = { issued: null, repealed: null, inForce: null };
    r.narrative.problems = '<script>alert(1)</script>';
    const out = renderAnnualReportHtml(r);
    expect(out).toContain('<th scope="row">规章</th><td>/</td><td>/</td><td>/</td>');
    expect(out).toContain('&lt;script&gt;');
  });
});

describe('import of a report’s HTML', () => {
  it('round-trips: JSON → HTML → import → the same JSON', () => {
    const report = valid();
    expect(importAnnualReportHtml(renderAnnualReportHtml(report))).toEqual(report);
    const withGaps = valid();
    withGaps.proactive.licensing = null;
    withGaps.applications['other.other'] = [null, 0, 0, 0, 0, 1, null];
    expect(importAnnualReportHtml(renderAnnualReportHtml(withGaps))).toEqual(withGaps);
  });

  it('survives the item sanitiser, so the fragment can be the body of the published 年报 item', () => {
    const body = sanitizeBody(renderAnnualReportHtml(valid(), { heading: false }));
    expect(body).toContain('<th rowspan="22" scope="rowgroup">三、本年度办理结果</th>');
    expect(importAnnualReportHtml(body, { agency: '示范区发展和改革局', year: 2023 })).toEqual(valid());
  });

  it('takes agency and year from hints when the page has no title', () => {
    const html = renderAnnualReportHtml(valid(), { heading: false });
    expect(() => importAnnualReportHtml(html)).toThrow(/无法从标题识别机构名称和年度/);
    expect(importAnnualReportHtml(html, { agency: '示范区发展和改革局', year: 2023 })).toEqual(valid());
  });

  it('refuses a page that is not an annual report', () => {
    expect(() => importAnnualReportHtml('<p>通知</p><table><tr><td>1</td></tr></table>')).toThrow(
      /未找到表三/,
    );
  });

  it('reads a published report with the deviations real reports show', () => {
    const r = importAnnualReportHtml(fixture('deviations-2023.html'));
    expect(r.agency).toBe('示范县东湖街道办事处');
    expect(r.year).toBe(2023);
    expect(r.proactive).toEqual({
      rules: { issued: null, repealed: null, inForce: null },
      normativeDocuments: { issued: 2, repealed: 1, inForce: 14 },
      licensing: 1234,
      penalty: 12,
      enforcement: 0,
      feesTenThousandYuan: 3.25,
    });
    expect(r.applications.newReceived).toEqual([10, 2, 0, 0, 1, 0, 13]);
    expect(r.applications['withheld.internalAffairs']).toEqual([1, 0, 0, 0, 0, 0, 1]); // label with a typo
    expect(r.applications['other.other']).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(r.applications.carriedForward).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(r.appeals).toEqual({
      reconsideration: { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 },
      litigationDirect: { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 },
      litigationAfterReconsideration: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
    });
    expect(r.narrative.overview.split('\n')[0]).toBe(
      '2023年，东湖街道深入贯彻落实《中华人民共和国政府信息公开条例》。',
    );
    expect(r.narrative.problems).toBe('公开内容不够全面。');
    expect(r.narrative.other).toBe('本年度未收取信息处理费。');
    const { errors, warnings } = checkAnnualReport(r);
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.rule)).toEqual(['S5']); // the "/" of 规章
  });

  it('reads the obsolete 2019 试行 table 2 columns and table 4 given only in words', () => {
    const r = importAnnualReportHtml(fixture('trial-format-2023.html'));
    expect(r.proactive.normativeDocuments).toEqual({ issued: 3, repealed: null, inForce: 40 });
    expect(r.proactive.licensing).toBe(56);
    expect(r.appeals.reconsideration.total).toBe(28);
    expect(r.appeals.litigationDirect.total).toBeNull();
  });
});

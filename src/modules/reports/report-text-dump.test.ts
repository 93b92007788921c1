import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importAnnualReportHtml } from './report-html-import';
import { blocksAddUp, rowAddsUp, splitByIdentity, textRows } from './report-text-dump';

// Cells run together are split so that H3 (a row of table 3) or H4 (table 4) holds — and only when
// exactly one split does (law-and-formats.md §2.6).

describe('splitting cells run together', () => {
  it.each([
    ['seven cells as written', ['40', '6', '1', '0', '2', '1', '50'], [40, 6, 1, 0, 2, 1, 50]],
    ['"0" and "13" run together as "013"', ['10', '2', '0', '0', '1', '013'], [10, 2, 0, 0, 1, 0, 13]],
    ['a whole row of digits', ['1020014'], [1, 0, 2, 0, 0, 1, 4]],
  ])('table 3: %s', (_, tokens, values) => {
    expect(splitByIdentity(tokens, 7, rowAddsUp)).toEqual(values);
  });

  it.each([
    ['two splits would both add up', ['10', '2', '0', '0', '10', '13']],
    ['no split adds up', ['1020013']],
    ['a missing cell cannot be checked', ['/', '2', '0', '0', '1', '013']],
  ])('table 3: none when %s', (_, tokens) => {
    expect(splitByIdentity(tokens, 7, rowAddsUp)).toBeNull();
  });

  it('table 4: fifteen cells, 总计 of each block the sum of its four results', () => {
    const tokens = '1 0 0 0 1 0 0 0 11 0 0 0 0 0'.split(' ');
    expect(splitByIdentity(tokens, 15, blocksAddUp)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
  });

  it('reads a line as its label and the value tokens, the first touching the label', () => {
    expect(
      textRows(['一、本年新收政府信息公开申请数量40 6 1 0 2 1 50', '规章 / / /', '信息内容 本年制发件数']),
    ).toEqual([
      {
        labels: ['一、本年新收政府信息公开申请数量'],
        tokens: ['40', '6', '1', '0', '2', '1', '50'],
        values: [40, 6, 1, 0, 2, 1, 50],
      },
      { labels: ['规章'], tokens: ['/', '/', '/'], values: [null, null, null] },
      { labels: ['信息内容本年制发件数'], tokens: [], values: [] },
    ]);
  });
});

describe('a report published as a text dump', () => {
  const html = readFileSync(
    new URL('../../../test/fixtures/annual-reports/text-dump-2023.html', import.meta.url),
    'utf8',
  );
  const r = importAnnualReportHtml(html);

  it('reads the title, the tables from the lines under 二, 三 and 四, and the narrative', () => {
    expect([r.agency, r.year]).toEqual(['示范县西湖街道', 2023]);
    expect(r.proactive.normativeDocuments).toEqual({ issued: 2, repealed: 0, inForce: 10 });
    expect(r.proactive.licensing).toBe(5);
    expect(r.applications.newReceived).toEqual([6, 1, 0, 0, 0, 0, 7]);
    expect(r.applications.disclosed).toEqual([5, 1, 0, 0, 0, 0, 6]);
    expect(r.applications.total).toEqual([6, 1, 0, 0, 0, 0, 7]);
    expect(r.appeals.litigationDirect).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 });
    expect(r.narrative).toEqual({
      overview: '2023年，西湖街道全年共收到政府信息公开申请7件。',
      problems: '一是公开时效有待提高。',
      other: '本年度未收取信息处理费。',
    });
  });
});

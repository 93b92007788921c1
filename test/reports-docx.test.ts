import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type AnnualReport,
  APPEAL_BLOCKS,
  APPEAL_COLUMNS,
  annualReportDocx,
  annualReportSchema,
  TABLE3_ROWS,
} from '../src/modules/reports';
import { unzipText } from './helpers/application-cases';

// JSON → Word: the .docx opened through its ZIP central directory, its three tables read cell by cell
// (text, gridSpan, vMerge) and compared with the report; the merges are those of the national format
// (国办公开办函〔2021〕30号, law-and-formats.md §2.3–2.5) and the page is GB/T 9704.

interface DocxCell {
  text: string;
  span: number;
  vMerge: 'restart' | 'continue' | null;
}

const all = (re: RegExp, s: string) => [...s.matchAll(re)].map((m) => m[0]);

function docxTables(xml: string): DocxCell[][][] {
  return all(/<w:tbl>.*?<\/w:tbl>/gs, xml).map((t) =>
    all(/<w:tr[ >].*?<\/w:tr>/gs, t).map((tr) =>
      all(/<w:tc>.*?<\/w:tc>/gs, tr).map((tc) => {
        const vm = /<w:vMerge(?: w:val="(\w+)")?\/>/.exec(tc);
        return {
          text: [...tc.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
          span: Number(/<w:gridSpan w:val="(\d+)"/.exec(tc)?.[1] ?? 1),
          vMerge: vm ? ((vm[1] ?? 'continue') as 'restart' | 'continue') : null,
        };
      }),
    ),
  );
}

const load = (): AnnualReport =>
  annualReportSchema.parse(JSON.parse(readFileSync('test/fixtures/annual-reports/valid-2023.json', 'utf8')));
const num = (text: string) => (text === '/' ? null : Number(text));
const texts = (cells: DocxCell[] | undefined) => (cells ?? []).map((c) => c.text);

describe('the annual report as Word', async () => {
  const report = load();
  report.proactive.licensing = null; // a missing cell prints "/"
  const files = unzipText(await annualReportDocx(report));
  const xml = files.get('word/document.xml') ?? '';
  const [t2, t3, t4] = docxTables(xml);

  it('is a Word document with three tables on a GB/T 9704 page', () => {
    expect(files.get('[Content_Types].xml')).toContain('wordprocessingml.document.main+xml');
    expect(docxTables(xml)).toHaveLength(3);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
  });

  it('carries the title, the six headings and the narrative in order', () => {
    const body = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
    const order = [
      '示范区发展和改革局2023年政府信息公开工作年度报告',
      '一、总体情况',
      '全年共收到政府信息公开申请五十件，上年结转4件，其中予以公开25件，部分公开6件，结转下年度继续办理3件。',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '二是政策解读形式较为单一。',
      '六、其他需要报告的事项',
      '本年度未收取信息处理费。',
    ].map((t) => body.indexOf(t));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('table 2: the four blocks with every figure, "/" for a missing one', () => {
    const rows = t2 ?? [];
    expect(rows.map((r) => texts(r)[0])).toEqual([
      '第二十条第（一）项',
      '信息内容',
      '规章',
      '行政规范性文件',
      '第二十条第（五）项',
      '信息内容',
      '行政许可',
      '第二十条第（六）项',
      '信息内容',
      '行政处罚',
      '行政强制',
      '第二十条第（八）项',
      '信息内容',
      '行政事业性收费',
    ]);
    expect(rows[0]?.[0]?.span).toBe(4);
    expect(texts(rows[3])).toEqual(['行政规范性文件', '3', '1', '25']);
    expect(rows[6]?.map((c) => [c.text, c.span])).toEqual([
      ['行政许可', 1],
      ['/', 3],
    ]);
    expect(texts(rows[13])).toEqual(['行政事业性收费', '12.3456']);
  });

  it('table 3: merged headers as in the format, and all 25 rows equal to the JSON', () => {
    const rows = t3 ?? [];
    expect(rows).toHaveLength(28);
    expect(rows[0]?.map((c) => [c.span, c.vMerge])).toEqual([
      [3, 'restart'],
      [7, null],
    ]);
    expect(rows[0]?.[0]?.text).toContain('第一项加第二项之和，等于第三项加第四项之和');
    expect(rows[1]?.map((c) => [c.text, c.span, c.vMerge])).toEqual([
      ['', 3, 'continue'],
      ['自然人', 1, 'restart'],
      ['法人或其他组织', 5, null],
      ['总计', 1, 'restart'],
    ]);
    expect(texts(rows[2])).toEqual([
      '',
      '',
      '商业企业',
      '科研机构',
      '社会公益组织',
      '法律服务机构',
      '其他',
      '',
    ]);
    expect(rows[5]?.[0]).toEqual({ text: '三、本年度办理结果', span: 1, vMerge: 'restart' });
    expect(rows.slice(6, 27).every((r) => r[0]?.vMerge === 'continue')).toBe(true); // 22 rows in all
    expect(rows[7]?.[1]).toEqual({ text: '（三）不予公开', span: 1, vMerge: 'restart' });
    const read = Object.fromEntries(
      TABLE3_ROWS.map((key, i) => [key, (rows[i + 3] ?? []).slice(-7).map((c) => num(c.text))]),
    );
    expect(read).toEqual(report.applications);
    // each row covers the 10 grid columns of the format
    for (const r of rows) expect(r.reduce((n, c) => n + c.span, 0)).toBe(10);
  });

  it('table 4: 行政复议 over 5, 行政诉讼 over 10, and the 15 figures', () => {
    const rows = t4 ?? [];
    expect(rows[0]?.map((c) => [c.text, c.span])).toEqual([
      ['行政复议', 5],
      ['行政诉讼', 10],
    ]);
    expect(rows[1]?.map((c) => c.vMerge ?? c.span)).toEqual([
      'restart',
      'restart',
      'restart',
      'restart',
      'restart',
      5,
      5,
    ]);
    expect(rows[2]?.slice(0, 5).every((c) => c.vMerge === 'continue')).toBe(true);
    const figures = texts(rows[3]).map(num);
    expect(figures).toEqual(APPEAL_BLOCKS.flatMap((b) => APPEAL_COLUMNS.map((c) => report.appeals[b][c])));
  });
});

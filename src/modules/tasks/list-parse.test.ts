import { describe, expect, it } from 'vitest';
import { parseKeyTaskRows } from './list-parse';
import { parseCsv, readListFile } from './list-read';

describe('parseKeyTaskRows', () => {
  it('reads header variants, partner units and a section merged across', () => {
    const rows = [
      ['', '', '', '', '', ''],
      ['编号', '重点任务', '任务要求', '牵头单位', '配合单位', '时间节点'],
      [
        '（一）公开平台',
        '（一）公开平台',
        '（一）公开平台',
        '（一）公开平台',
        '（一）公开平台',
        '（一）公开平台',
      ],
      ['1', '专栏建设', '按标准目录设置', '区政府办', '各部门', '9月底前'],
    ];
    const r = parseKeyTaskRows(rows, 2027);
    expect(r.year).toBeNull();
    expect(r.items).toMatchObject([
      {
        row: 4,
        seq: '1',
        category: '（一）公开平台',
        title: '专栏建设',
        leadUnits: '区政府办（配合：各部门）',
        deadline: { kind: 'day', day: '2027-09-30' },
      },
    ]);
  });

  it('joins a task merged down (its 序号 and text repeated) and reports a later duplicate', () => {
    const rows = [
      ['序号', '工作任务', '具体要求', '责任单位', '完成时限'],
      ['1', '年报发布', '按格式编制', '各部门', '1月31日前'],
      ['1', '年报发布', '在专栏发布', '各部门', '1月31日前'],
      ['2', '解读', '同步发布', '各部门', '持续推进'],
      ['3', '年报 发布', '再次出现', '各部门', '1月31日前'],
    ];
    const r = parseKeyTaskRows(rows, 2026);
    expect(r.items.map((i) => [i.title, i.requirement])).toEqual([
      ['年报发布', '按格式编制\n在专栏发布'],
      ['解读', '同步发布'],
    ]);
    expect(r.skipped).toEqual([{ row: 5, reason: '与第 2 行的工作任务重复' }]);
  });

  it('finds no header in an unrelated table', () => {
    expect(parseKeyTaskRows([['姓名', '电话']], 2026)).toEqual({ year: null, items: [], skipped: [] });
  });
});

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, line breaks in quotes and CRLF', () => {
    expect(parseCsv('a,"b ""x"", c","line1\nline2"\r\n1,2,3')).toEqual([
      ['a', 'b "x", c', 'line1\nline2'],
      ['1', '2', '3'],
    ]);
  });
});

describe('readListFile', () => {
  it('reads a CSV saved by Excel in Chinese Windows (GB18030)', async () => {
    // 序号,工作任务,完成时限 in GBK, then an ASCII row
    const bytes = Buffer.concat([
      Buffer.from('d0f2bac52cb9a4d7f7c8cecef12ccdeab3c9cab1cfde0a', 'hex'),
      Buffer.from('1,x,2026-06-30\n'),
    ]);
    expect(await readListFile(bytes)).toEqual([
      ['序号', '工作任务', '完成时限'],
      ['1', 'x', '2026-06-30'],
    ]);
  });
});

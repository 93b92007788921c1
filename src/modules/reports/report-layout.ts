import { appealColumnLabels, OUTCOME_GROUPS, OUTER_ROW_LABELS, TABLE3_CORNER_NOTE } from './report-labels';
import {
  type AnnualReport,
  APPEAL_BLOCKS,
  APPEAL_COLUMNS,
  APPLICANT_COLUMNS,
  applicantColumnLabels,
  type Table3Row,
} from './report-schema';

// Tables 2–4 of the national format (国办公开办函〔2021〕30号; law-and-formats.md §2.3–2.5) as grids of
// cells carrying the format's merged header cells. report-html.ts prints them as <th scope> with
// rowspan/colspan and report-docx.ts as Word cells with gridSpan/vMerge, so HTML and Word cannot drift.

/** How a heading cell labels the table: column headings (col, colgroup) or row labels (row, rowgroup). */
export type HeadingScope = 'col' | 'colgroup' | 'row' | 'rowgroup';

/** A printed label; without a scope it is the plain text of table 3's corner note. */
export interface LabelCell {
  text: string;
  scope?: HeadingScope;
  colSpan?: number;
  rowSpan?: number;
}

/** A figure of the report; null is a missing cell (§2.6 S5). */
export interface ValueCell {
  value: number | null;
  colSpan?: number;
}

export type LayoutCell = LabelCell | ValueCell;

/** Header rows (repeated on each Word page, <thead> in HTML) and body rows. */
export interface LayoutTable {
  head: LayoutCell[][];
  body: LayoutCell[][];
}

/** A cell value as printed: "/" for missing. */
export function formatCell(value: number | null): string {
  return value === null ? '/' : String(value);
}

const label = (
  text: string,
  scope?: HeadingScope,
  span: { colSpan?: number; rowSpan?: number } = {},
): LabelCell => ({
  text,
  scope,
  ...span,
});
const value = (v: number | null, colSpan?: number): ValueCell => ({ value: v, colSpan });

/** Table 2 (§2.3): 主动公开, four blocks of Art. 20 items. */
function table2Layout(r: AnnualReport): LayoutTable {
  const p = r.proactive;
  const block = (title: string) => [label(title, 'colgroup', { colSpan: 4 })];
  const oneFigure = (heading: string, rows: [string, number | null][]) => [
    [label('信息内容', 'col'), label(heading, 'col', { colSpan: 3 })],
    ...rows.map(([text, v]) => [label(text, 'row'), value(v, 3)]),
  ];
  const counts = (text: string, c: AnnualReport['proactive']['rules']) => [
    label(text, 'row'),
    value(c.issued),
    value(c.repealed),
    value(c.inForce),
  ];
  const body = [
    block('第二十条第（一）项'),
    ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'].map((h) => label(h, 'col')),
    counts('规章', p.rules),
    counts('行政规范性文件', p.normativeDocuments),
    block('第二十条第（五）项'),
    ...oneFigure('本年处理决定数量', [['行政许可', p.licensing]]),
    block('第二十条第（六）项'),
    ...oneFigure('本年处理决定数量', [
      ['行政处罚', p.penalty],
      ['行政强制', p.enforcement],
    ]),
    block('第二十条第（八）项'),
    ...oneFigure('本年收费金额（单位：万元）', [['行政事业性收费', p.feesTenThousandYuan]]),
  ];
  return { head: [], body };
}

/** Table 3 (§2.4): applications by applicant column, the outcome rows grouped under 三、本年度办理结果. */
function table3Layout(r: AnnualReport): LayoutTable {
  const head = [
    [
      label(TABLE3_CORNER_NOTE, undefined, { colSpan: 3, rowSpan: 3 }),
      label('申请人情况', 'colgroup', { colSpan: 7 }),
    ],
    [
      label('自然人', 'col', { rowSpan: 2 }),
      label('法人或其他组织', 'colgroup', { colSpan: 5 }),
      label('总计', 'col', { rowSpan: 2 }),
    ],
    APPLICANT_COLUMNS.slice(1, 6).map((c) => label(applicantColumnLabels[c], 'col')),
  ];
  const values = (row: Table3Row) => r.applications[row].map((v) => value(v));
  const outer = (text: string, row: Table3Row) => [label(text, 'row', { colSpan: 3 }), ...values(row)];
  const body: LayoutCell[][] = [
    outer(OUTER_ROW_LABELS.newReceived, 'newReceived'),
    outer(OUTER_ROW_LABELS.carriedOver, 'carriedOver'),
  ];
  OUTCOME_GROUPS.forEach((group, g) => {
    group.rows.forEach((item, i) => {
      const lead =
        g === 0 && i === 0 ? [label(OUTER_ROW_LABELS.resultsGroup, 'rowgroup', { rowSpan: 22 })] : [];
      const labels =
        group.rows.length === 1
          ? [label(item.label, 'row', { colSpan: 2 })]
          : [
              ...(i === 0 ? [label(group.label, 'rowgroup', { rowSpan: group.rows.length })] : []),
              label(item.label, 'row'),
            ];
      body.push([...lead, ...labels, ...values(item.row)]);
    });
  });
  body.push(outer(OUTER_ROW_LABELS.carriedForward, 'carriedForward'));
  return { head, body };
}

/** Table 4 (§2.5): reconsideration and the two kinds of litigation, five result columns each. */
function table4Layout(r: AnnualReport): LayoutTable {
  const columns = APPEAL_COLUMNS.map((c) => appealColumnLabels[c]);
  const head = [
    [label('行政复议', 'colgroup', { colSpan: 5 }), label('行政诉讼', 'colgroup', { colSpan: 10 })],
    [
      ...columns.map((c) => label(c, 'col', { rowSpan: 2 })),
      label('未经复议直接起诉', 'colgroup', { colSpan: 5 }),
      label('复议后起诉', 'colgroup', { colSpan: 5 }),
    ],
    [...columns, ...columns].map((c) => label(c, 'col')),
  ];
  return { head, body: [APPEAL_BLOCKS.flatMap((b) => APPEAL_COLUMNS.map((c) => value(r.appeals[b][c])))] };
}

/** Tables 2, 3 and 4 of the report, in the order they are printed. */
export function reportTableLayouts(r: AnnualReport): [LayoutTable, LayoutTable, LayoutTable] {
  return [table2Layout(r), table3Layout(r), table4Layout(r)];
}

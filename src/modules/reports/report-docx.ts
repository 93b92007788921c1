import {
  AlignmentType,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import {
  bodyLine,
  CHAR,
  exactLine,
  gbDocx,
  gbFont,
  mm,
  SIZE_3,
  SONG_FONT,
  TEXT_WIDTH,
  titleLine,
} from '../../core/docx-layout';
import { reportTitle, SECTION_HEADINGS } from './report-labels';
import { formatCell, type LayoutCell, type LayoutTable, reportTableLayouts } from './report-layout';
import type { AnnualReport } from './report-schema';

// The report as Word in the national layout (国办公开办函〔2021〕30号) on the GB/T 9704-2012 page of
// src/core/docx-layout.ts, as the reply letters: A4, margins 37/35/28/26 mm, 2号 方正小标宋简体 title,
// 3号 仿宋_GB2312 body at 22 lines a page, first-level headings in 黑体 (GB/T 9704 7.3.3), page numbers
// "— 1 —" in 4号 宋体 outside. Tables 2–4 are the grids of report-layout.ts (shared with the HTML) with
// the format's merged header cells (gridSpan and vMerge), so the office can amend the document and file
// it as published.

const HEADING_FONT = gbFont('黑体', 'SimHei');
const TABLE_FONT = SONG_FONT;
const SIZE_SMALL_5 = 18; // 小五 9 pt: ten columns fit the 156 mm 版心
const WIDTH = TEXT_WIDTH;

const heading = (text: string) =>
  new Paragraph({
    spacing: exactLine,
    indent: { firstLine: 2 * CHAR, firstLineChars: 200 },
    children: [new TextRun({ text, font: HEADING_FONT, size: SIZE_3 })],
  });

// Column headings and the corner note are bold; row labels and figures are not.
function cell(c: LayoutCell): TableCell {
  const text = 'value' in c ? formatCell(c.value) : c.text;
  const bold = 'value' in c || c.scope === 'row' || c.scope === 'rowgroup' ? undefined : true;
  const rowSpan = 'rowSpan' in c ? c.rowSpan : undefined;
  return new TableCell({
    ...(c.colSpan && c.colSpan > 1 ? { columnSpan: c.colSpan } : {}),
    ...(rowSpan && rowSpan > 1 ? { rowSpan } : {}),
    verticalAlign: VerticalAlign.CENTER,
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text, font: TABLE_FONT, size: SIZE_SMALL_5, bold })],
      }),
    ],
  });
}

// Header rows repeat on each page; no row breaks across pages.
function table({ head, body }: LayoutTable, widths: number[]): Table {
  const row = (cells: LayoutCell[], header: boolean) =>
    new TableRow({ children: cells.map(cell), tableHeader: header, cantSplit: true });
  return new Table({
    rows: [...head.map((cells) => row(cells, true)), ...body.map((cells) => row(cells, false))],
    width: { size: WIDTH, type: WidthType.DXA },
    columnWidths: widths,
  });
}

// Column widths in twips of tables 2, 3 and 4 across the 156 mm 版心.
const w2 = Math.floor(WIDTH / 4);
const v3 = Math.floor((WIDTH * 0.55) / 7);
const TABLE2_WIDTHS = [w2, w2, w2, WIDTH - 3 * w2];
const TABLE3_WIDTHS = [mm(12), mm(24), WIDTH - mm(36) - 7 * v3, ...Array(7).fill(v3)];
const TABLE4_WIDTHS = Array(15).fill(Math.floor(WIDTH / 15));

function body(r: AnnualReport): (Paragraph | Table)[] {
  const lines = (text: string) =>
    text
      .split('\n')
      .filter(Boolean)
      .map((line) => bodyLine(line, { first: true }));
  const [s1, s2, s3, s4, s5, s6] = SECTION_HEADINGS;
  const [t2, t3, t4] = reportTableLayouts(r);
  return [
    titleLine(reportTitle(r.agency, r.year)),
    new Paragraph({ spacing: exactLine, children: [] }),
    heading(s1),
    ...lines(r.narrative.overview),
    heading(s2),
    table(t2, TABLE2_WIDTHS),
    heading(s3),
    table(t3, TABLE3_WIDTHS),
    heading(s4),
    table(t4, TABLE4_WIDTHS),
    heading(s5),
    ...lines(r.narrative.problems),
    heading(s6),
    ...lines(r.narrative.other),
  ];
}

/** The report as a .docx in the national layout on a GB/T 9704 page, header cells merged as in the format. */
export async function annualReportDocx(report: AnnualReport): Promise<Buffer> {
  return gbDocx({
    title: reportTitle(report.agency, report.year),
    creator: report.agency,
    children: body(report),
  });
}

import ExcelJS from 'exceljs';
import type { Cell, MetricSection } from './metric-table';

// The Excel export of the supervisor's view: a 说明 sheet with the filters, then one sheet per metric with
// the same rows as the page's table (Chinese headers on row 4, data below, 合计 last). Percentages are
// real numbers formatted as percent, so the sheet can be summed and charted again.

export interface WorkbookHeading {
  periodLabel: string;
  agencyLabel: string;
  generatedAt: string; // China local time text
}

export const HEADER_ROW = 4;

function cellValue(cell: Cell): string | number {
  if (cell === null) return '—';
  if (typeof cell === 'object') return cell.percent === null ? '—' : cell.percent / 100;
  return cell;
}

function addMetricSheet(book: ExcelJS.Workbook, section: MetricSection, heading: WorkbookHeading): void {
  const sheet = book.addWorksheet(section.sheetName);
  sheet.addRow([`${section.title}（${heading.periodLabel}，${heading.agencyLabel}）`]).font = {
    bold: true,
    size: 13,
  };
  sheet.addRow([`口径：${section.definition}${section.note ? ` ${section.note}` : ''}`]);
  sheet.addRow([]);
  sheet.addRow(section.table.columns).font = { bold: true };
  const rows = section.table.total ? [...section.table.rows, section.table.total] : section.table.rows;
  for (const r of rows) {
    const row = sheet.addRow(r.map(cellValue));
    r.forEach((c, i) => {
      if (c !== null && typeof c === 'object' && c.percent !== null) row.getCell(i + 1).numFmt = '0.0%';
    });
  }
  const last = sheet.lastRow;
  if (section.table.total && last) last.font = { bold: true };
  sheet.columns.forEach((col, i) => {
    col.width = i === 0 ? 28 : Math.max(10, (section.table.columns[i]?.length ?? 4) * 2 + 2);
  });
  sheet.views = [{ state: 'frozen', ySplit: HEADER_ROW }];
}

/** The workbook as a Buffer: 说明 first, then a sheet per section. */
export async function oversightWorkbook(
  sections: readonly MetricSection[],
  heading: WorkbookHeading,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '政务公开工作平台';
  const about = book.addWorksheet('说明');
  about.addRow(['统计分析导出']).font = { bold: true, size: 13 };
  about.addRow(['统计期间', heading.periodLabel]);
  about.addRow(['统计单位', heading.agencyLabel]);
  about.addRow(['导出时间', heading.generatedAt]);
  about.addRow([]);
  about.addRow(['工作表', '口径']).font = { bold: true };
  for (const s of sections) about.addRow([s.sheetName, s.definition]);
  about.getColumn(1).width = 18;
  about.getColumn(2).width = 100;
  for (const s of sections) addMetricSheet(book, s, heading);
  return Buffer.from(await book.xlsx.writeBuffer());
}

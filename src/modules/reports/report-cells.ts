import { appealBlockLabels, appealColumnLabels, table3RowNames } from './report-labels';
import {
  type AnnualReport,
  APPEAL_BLOCKS,
  APPLICANT_COLUMNS,
  applicantColumnLabels,
  TABLE3_ROWS,
} from './report-schema';

// Cells of a report with their printed place, and the finding shape the checks share.

export type RuleId = 'H1' | 'H2' | 'H3' | 'H4' | 'H5' | 'S1' | 'S2' | 'S3' | 'S5';

export interface ReportFinding {
  rule: RuleId;
  severity: 'error' | 'warning';
  where: string; // the table and its column or row, in Chinese
  message: string; // names the rule, the place and both sides of the equation
  left?: number;
  right?: number;
}

/** The printed name of a table 3 column by index. */
export const colName = (col: number): string => applicantColumnLabels[APPLICANT_COLUMNS[col] ?? 'total'];

/** A sum of cells, or null when one of them is missing. */
export function sumOf(values: readonly (number | null | undefined)[]): number | null {
  let total = 0;
  for (const v of values) {
    if (v === null || v === undefined) return null;
    total += v;
  }
  return Math.round(total * 1e6) / 1e6;
}

/** Every numeric cell with its place, for H5 and S5. */
export function everyCell(r: AnnualReport): { where: string; value: number | null; decimal: boolean }[] {
  const p = r.proactive;
  const cells: { where: string; value: number | null; decimal: boolean }[] = [];
  for (const [key, label] of [
    ['rules', '规章'],
    ['normativeDocuments', '行政规范性文件'],
  ] as const)
    for (const [k, col] of [
      ['issued', '本年制发件数'],
      ['repealed', '本年废止件数'],
      ['inForce', '现行有效件数'],
    ] as const)
      cells.push({ where: `表二「${label}」${col}`, value: p[key][k], decimal: false });
  cells.push({ where: '表二「行政许可」本年处理决定数量', value: p.licensing, decimal: false });
  cells.push({ where: '表二「行政处罚」本年处理决定数量', value: p.penalty, decimal: false });
  cells.push({ where: '表二「行政强制」本年处理决定数量', value: p.enforcement, decimal: false });
  cells.push({
    where: '表二「行政事业性收费」本年收费金额（万元）',
    value: p.feesTenThousandYuan,
    decimal: true,
  });
  for (const row of TABLE3_ROWS)
    r.applications[row].forEach((value, col) => {
      cells.push({ where: `表三「${table3RowNames[row]}」行「${colName(col)}」列`, value, decimal: false });
    });
  for (const block of APPEAL_BLOCKS)
    for (const [col, label] of Object.entries(appealColumnLabels))
      cells.push({
        where: `表四「${appealBlockLabels[block]}」${label}`,
        value: r.appeals[block][col as keyof typeof appealColumnLabels],
        decimal: false,
      });
  return cells;
}

import { colName, everyCell, type ReportFinding, type RuleId, sumOf } from './report-cells';
import { appealBlockLabels, table3RowNames } from './report-labels';
import {
  type AnnualReport,
  APPEAL_BLOCKS,
  APPLICANT_COLUMNS,
  OUTCOME_ROWS,
  TABLE3_ROWS,
  type Table3Row,
} from './report-schema';
import { missingCells, narrativeCheck, previousYearCheck, rollForwardCheck } from './report-soft-checks';

// The validation rules of the annual report (law-and-formats.md §2.6): the hard identities H1–H5 are
// errors that block approval; the soft checks S1, S2, S3, S5 are warnings. S4 (复议后起诉 may exceed this
// year's 行政复议) is deliberately not checked. A cell that is null (S5: "/", "—", blank) is uncertain:
// an identity that needs it is not evaluated, and S5 says so.

export type { ReportFinding, RuleId } from './report-cells';

export interface ReportCheck {
  errors: ReportFinding[];
  warnings: ReportFinding[];
}

const cellOf = (r: AnnualReport, row: Table3Row, col: number) => r.applications[row][col] ?? null;

function equation(
  rule: RuleId,
  where: string,
  left: { expr: string; value: number | null },
  right: { expr: string; value: number | null },
): ReportFinding | null {
  if (left.value === null || right.value === null || left.value === right.value) return null;
  return {
    rule,
    severity: 'error',
    where,
    message: `${rule} ${where}：${left.expr} = ${left.value}，${right.expr} = ${right.value}，两者应相等`,
    left: left.value,
    right: right.value,
  };
}

// H1 (official header note of table 3): in each column, 一 + 二 = 三（七）总计 + 四.
function checkH1(r: AnnualReport): ReportFinding[] {
  return APPLICANT_COLUMNS.map((_, col) =>
    equation(
      'H1',
      `表三「${colName(col)}」列`,
      {
        expr: '一、本年新收 + 二、上年结转',
        value: sumOf([cellOf(r, 'newReceived', col), cellOf(r, 'carriedOver', col)]),
      },
      {
        expr: '（七）总计 + 四、结转下年度',
        value: sumOf([cellOf(r, 'total', col), cellOf(r, 'carriedForward', col)]),
      },
    ),
  ).filter((f) => f !== null);
}

// H2: in each column, （七）总计 = the 21 leaf rows (一)(二)(三)1–8(四)1–3(五)1–5(六)1–3.
function checkH2(r: AnnualReport): ReportFinding[] {
  return APPLICANT_COLUMNS.map((_, col) =>
    equation(
      'H2',
      `表三「${colName(col)}」列`,
      { expr: '（七）总计', value: cellOf(r, 'total', col) },
      {
        expr: '（一）至（六）21 个具体情形之和',
        value: sumOf(OUTCOME_ROWS.map((row) => cellOf(r, row, col))),
      },
    ),
  ).filter((f) => f !== null);
}

// H3: in each of the 25 rows, 总计 = the six applicant columns.
function checkH3(r: AnnualReport): ReportFinding[] {
  return TABLE3_ROWS.map((row) =>
    equation(
      'H3',
      `表三「${table3RowNames[row]}」行`,
      { expr: '总计', value: cellOf(r, row, 6) },
      {
        expr: '自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他',
        value: sumOf(r.applications[row].slice(0, 6)),
      },
    ),
  ).filter((f) => f !== null);
}

// H4: in each block of table 4, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
function checkH4(r: AnnualReport): ReportFinding[] {
  return APPEAL_BLOCKS.map((block) => {
    const b = r.appeals[block];
    return equation(
      'H4',
      `表四「${appealBlockLabels[block]}」`,
      { expr: '总计', value: b.total },
      {
        expr: '结果维持 + 结果纠正 + 其他结果 + 尚未审结',
        value: sumOf([b.upheld, b.corrected, b.other, b.pending]),
      },
    );
  }).filter((f) => f !== null);
}

// H5 (format): counts are non-negative integers; the fee of 20(八) is a non-negative decimal.
function checkH5(r: AnnualReport): ReportFinding[] {
  return everyCell(r)
    .filter((c) => c.value !== null && (c.value < 0 || (!c.decimal && !Number.isInteger(c.value))))
    .map((c) => ({
      rule: 'H5' as const,
      severity: 'error' as const,
      where: c.where,
      message: `H5 ${c.where}：${c.value} 不是${c.decimal ? '非负数' : '非负整数'}`,
    }));
}

/** Runs H1–H5 and S1, S2, S3, S5 on a report, S1 and S3 only when last year's report is given. */
export function checkAnnualReport(report: AnnualReport, previous?: AnnualReport | null): ReportCheck {
  const errors = [
    ...checkH1(report),
    ...checkH2(report),
    ...checkH3(report),
    ...checkH4(report),
    ...checkH5(report),
  ];
  const warnings = [
    ...(previous ? previousYearCheck(report, previous) : []),
    ...narrativeCheck(report),
    ...(previous ? rollForwardCheck(report, previous) : []),
    ...missingCells(report),
  ];
  return { errors, warnings };
}

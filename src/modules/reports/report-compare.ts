import { appealBlockLabels, appealColumnLabels, table3RowNames } from './report-labels';
import {
  type AnnualReport,
  APPEAL_BLOCKS,
  APPEAL_COLUMNS,
  APPLICANT_COLUMNS,
  applicantColumnLabels,
  TABLE3_ROWS,
} from './report-schema';

// Year on year (issue 7 "Approve, export, publish"): last year's figures beside this year's for tables 2–4,
// with the difference and, where it means something (last year's figure above zero), the change in per
// cent. A missing cell ("/", null) gives no difference: missing is not zero (law-and-formats.md §2.6 S5).

export interface ComparedFigure {
  label: string;
  previous: number | null;
  current: number | null;
  difference: number | null;
  percent: number | null; // one decimal; null when last year was 0 or missing
}

export interface ComparedTable {
  key: 'table2' | 'table3' | 'table3Applicants' | 'table4';
  caption: string;
  rows: ComparedFigure[];
}

/** One figure compared; exact to 10⁻⁶ (the fee in 万元 has decimals). */
export function compareFigure(
  label: string,
  previous: number | null,
  current: number | null,
): ComparedFigure {
  const both = previous !== null && current !== null;
  const difference = both ? Math.round((current - previous) * 1e6) / 1e6 : null;
  const percent =
    both && previous > 0 && difference !== null ? Math.round((difference / previous) * 1000) / 10 : null;
  return { label, previous, current, difference, percent };
}

function table2Rows(now: AnnualReport, before: AnnualReport | null): ComparedFigure[] {
  const p = now.proactive;
  const q = before?.proactive;
  const counts = (name: string, key: 'rules' | 'normativeDocuments') =>
    (['issued', 'repealed', 'inForce'] as const).map((c) =>
      compareFigure(
        `${name} ${{ issued: '本年制发件数', repealed: '本年废止件数', inForce: '现行有效件数' }[c]}`,
        q ? q[key][c] : null,
        p[key][c],
      ),
    );
  return [
    ...counts('规章', 'rules'),
    ...counts('行政规范性文件', 'normativeDocuments'),
    compareFigure('行政许可 本年处理决定数量', q?.licensing ?? null, p.licensing),
    compareFigure('行政处罚 本年处理决定数量', q?.penalty ?? null, p.penalty),
    compareFigure('行政强制 本年处理决定数量', q?.enforcement ?? null, p.enforcement),
    compareFigure(
      '行政事业性收费 本年收费金额（万元）',
      q?.feesTenThousandYuan ?? null,
      p.feesTenThousandYuan,
    ),
  ];
}

const TOTAL = APPLICANT_COLUMNS.indexOf('total');

/** Tables 2, 3 (the 总计 column by row, and new applications by applicant type) and 4, compared. */
export function compareReports(now: AnnualReport, before: AnnualReport | null): ComparedTable[] {
  return [
    { key: 'table2', caption: '表二 主动公开政府信息情况', rows: table2Rows(now, before) },
    {
      key: 'table3',
      caption: '表三 收到和处理政府信息公开申请情况（总计列）',
      rows: TABLE3_ROWS.map((row) =>
        compareFigure(
          table3RowNames[row],
          before?.applications[row][TOTAL] ?? null,
          now.applications[row][TOTAL] ?? null,
        ),
      ),
    },
    {
      key: 'table3Applicants',
      caption: '表三 本年新收申请按申请人类型',
      rows: APPLICANT_COLUMNS.map((c, i) =>
        compareFigure(
          applicantColumnLabels[c],
          before?.applications.newReceived[i] ?? null,
          now.applications.newReceived[i] ?? null,
        ),
      ),
    },
    {
      key: 'table4',
      caption: '表四 政府信息公开行政复议、行政诉讼情况',
      rows: APPEAL_BLOCKS.flatMap((b) =>
        APPEAL_COLUMNS.map((c) =>
          compareFigure(
            `${appealBlockLabels[b]} ${appealColumnLabels[c]}`,
            before?.appeals[b][c] ?? null,
            now.appeals[b][c],
          ),
        ),
      ),
    },
  ];
}

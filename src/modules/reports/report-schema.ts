import { z } from 'zod';
import { OUTCOME_CODES } from '../applications';

// The annual-report interchange format (issue 7; README "Annual report (年度报告)"): one JSON object per
// agency and year holding tables 2–4 of 国办公开办函〔2021〕30号 (law-and-formats.md §2.3–2.5) and the three
// narrative sections. `null` is a cell printed "/", "—", "空" or blank: missing, not zero (§2.6 S5).
// Numbers are accepted as any finite number here so that the checks (H5) can name a bad one.

/** The 7 data columns of table 3 (§2.4), in the format's order; `total` is 总计. */
export const APPLICANT_COLUMNS = [
  'natural',
  'commercial',
  'research',
  'publicWelfare',
  'legalService',
  'other',
  'total',
] as const;
export type ApplicantColumn = (typeof APPLICANT_COLUMNS)[number];

/** Column headings as printed (header row 2/3 of table 3). */
export const applicantColumnLabels: Record<ApplicantColumn, string> = {
  natural: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  publicWelfare: '社会公益组织',
  legalService: '法律服务机构',
  other: '其他',
  total: '总计',
};

/**
 * The 21 leaf outcome rows of table 3 (三)(一)–(六)3: the outcome codes a decided 依申请公开 case carries
 * (src/modules/applications/outcomes.ts), which are named after these rows, so one list serves both.
 */
export const OUTCOME_ROWS = OUTCOME_CODES;
export type OutcomeRow = (typeof OUTCOME_ROWS)[number];

/** The 25 rows of table 3 in the format's order (§2.4 rows 1–25). */
export const TABLE3_ROWS = [
  'newReceived',
  'carriedOver',
  ...OUTCOME_ROWS,
  'total',
  'carriedForward',
] as const;
export type Table3Row = (typeof TABLE3_ROWS)[number];

/** Table 4's three blocks and five columns (§2.5). */
export const APPEAL_BLOCKS = [
  'reconsideration',
  'litigationDirect',
  'litigationAfterReconsideration',
] as const;
export type AppealBlock = (typeof APPEAL_BLOCKS)[number];
export const APPEAL_COLUMNS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
export type AppealColumn = (typeof APPEAL_COLUMNS)[number];

const cell = z.number({ error: '应为数字或 null' }).finite().nullable();

const countsBlock = z.object({ issued: cell, repealed: cell, inForce: cell });

const applicationRow = z.array(cell).length(7, '每行应有 7 个数（6 类申请人及总计）');

const appealBlock = z.object({ upheld: cell, corrected: cell, other: cell, pending: cell, total: cell });

// Narrative text is kept line by line: lines trimmed, blank lines dropped, so HTML and Word (one paragraph
// a line) give back exactly the same text.
const narrativeText = z
  .string()
  .max(100_000)
  .transform((s) =>
    s
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .join('\n'),
  );

export const annualReportSchema = z.object({
  agency: z.string().trim().min(1, '请填写机构名称').max(100),
  year: z.number().int().min(2008).max(2100),
  proactive: z.object({
    rules: countsBlock, // 规章
    normativeDocuments: countsBlock, // 行政规范性文件
    licensing: cell, // 行政许可 本年处理决定数量
    penalty: cell, // 行政处罚
    enforcement: cell, // 行政强制
    feesTenThousandYuan: cell, // 行政事业性收费 本年收费金额（万元）
  }),
  applications: z.object(
    Object.fromEntries(TABLE3_ROWS.map((r) => [r, applicationRow])) as Record<
      Table3Row,
      typeof applicationRow
    >,
  ),
  appeals: z.object({
    reconsideration: appealBlock,
    litigationDirect: appealBlock,
    litigationAfterReconsideration: appealBlock,
  }),
  narrative: z.object({
    overview: narrativeText, // 一、总体情况
    problems: narrativeText, // 五、存在的主要问题及改进情况
    other: narrativeText, // 六、其他需要报告的事项
  }),
});

export type AnnualReport = z.output<typeof annualReportSchema>;
export type ApplicationCells = (number | null)[];
export type AppealCells = AnnualReport['appeals'][AppealBlock];

/** An all-zero row of table 3. */
export const zeroRow = (): number[] => APPLICANT_COLUMNS.map(() => 0);

/** The index of a column in a table 3 row. */
export const columnIndex = (c: ApplicantColumn): number => APPLICANT_COLUMNS.indexOf(c);

import { extractNumbers } from './narrative-numbers';
import { colName, everyCell, type ReportFinding, sumOf } from './report-cells';
import type { AnnualReport } from './report-schema';

// The soft checks of law-and-formats.md §2.6, all warnings [local practice]: S1 carry-over against last
// year, S2 the section 一 narrative against the tables, S3 the roll-forward of documents in force, S5
// missing cells.

const warning = (
  rule: ReportFinding['rule'],
  where: string,
  message: string,
  left?: number,
  right?: number,
) => ({
  rule,
  severity: 'warning' as const,
  where,
  message: `${rule} ${where}：${message}`,
  ...(left === undefined ? {} : { left }),
  ...(right === undefined ? {} : { right }),
});

/** S1: this year's row 二 should equal last year's row 四, column by column. */
export function previousYearCheck(r: AnnualReport, previous: AnnualReport): ReportFinding[] {
  const found: ReportFinding[] = [];
  r.applications.carriedOver.forEach((now, col) => {
    const before = previous.applications.carriedForward[col] ?? null;
    if (now === null || before === null || now === before) return;
    found.push(
      warning(
        'S1',
        `表三「${colName(col)}」列`,
        `本年「二、上年结转」= ${now}，${previous.year}年报告「四、结转下年度继续办理」= ${before}，通常应相等`,
        now,
        before,
      ),
    );
  });
  return found;
}

/** S3: last 现行有效 + 本年制发 − 本年废止 should be this 现行有效; unreliable (expiry, 清理), so a warning. */
export function rollForwardCheck(r: AnnualReport, previous: AnnualReport): ReportFinding[] {
  const found: ReportFinding[] = [];
  for (const [key, label] of [
    ['rules', '规章'],
    ['normativeDocuments', '行政规范性文件'],
  ] as const) {
    const now = r.proactive[key];
    const before = previous.proactive[key].inForce;
    const left =
      before === null || now.issued === null || now.repealed === null
        ? null
        : before + now.issued - now.repealed;
    if (left === null || now.inForce === null || left === now.inForce) continue;
    found.push(
      warning(
        'S3',
        `表二「${label}」`,
        `上年现行有效 ${before} + 本年制发 ${now.issued} − 本年废止 ${now.repealed} = ${left}，本年现行有效为 ${now.inForce}（到期失效或清理后重新统计时可能不等，请核实）`,
        left,
        now.inForce,
      ),
    );
  }
  return found;
}

/** S5: cells printed "/", "—", "空" or blank are missing, not zero: the checks that need them were skipped. */
export function missingCells(r: AnnualReport): ReportFinding[] {
  const missing = everyCell(r).filter((c) => c.value === null);
  if (missing.length === 0) return [];
  const shown = missing.slice(0, 8).map((c) => c.where);
  const more = missing.length > shown.length ? ` 等 ${missing.length} 处` : '';
  return [
    warning(
      'S5',
      '空缺单元格',
      `${shown.join('、')}${more}为空缺（“/”“—”或空白），按“不确定”处理，不计为 0，相关勾稽关系未能核验`,
    ),
  ];
}

interface Claim {
  name: string;
  context: RegExp;
  unless?: RegExp;
  value: (r: AnnualReport) => number | null;
}

const t3 = (r: AnnualReport, row: keyof AnnualReport['applications']) => r.applications[row][6] ?? null;
const litigation = (r: AnnualReport) =>
  sumOf([r.appeals.litigationDirect.total, r.appeals.litigationAfterReconsideration.total]);

// What a figure stated in section 一 may be compared with, by the words of its clause; the first match wins.
const CLAIMS: Claim[] = [
  {
    name: '表三「四、结转下年度」总计',
    context: /结转(?:至|到)?下(?:一)?年/,
    value: (r) => t3(r, 'carriedForward'),
  },
  {
    name: '表三「二、上年结转」总计',
    context: /上(?:一)?年(?:度)?结转|结转上年/,
    value: (r) => t3(r, 'carriedOver'),
  },
  { name: '表三「（二）部分公开」总计', context: /部分公开/, value: (r) => t3(r, 'partiallyDisclosed') },
  { name: '表三「（一）予以公开」总计', context: /予以公开/, value: (r) => t3(r, 'disclosed') },
  { name: '表四「行政复议」总计', context: /行政复议/, value: (r) => r.appeals.reconsideration.total },
  { name: '表四「行政诉讼」总计（两类之和）', context: /行政诉讼/, value: litigation },
  {
    name: '表二「行政规范性文件」现行有效件数',
    context: /规范性文件.*现行有效|现行有效.*规范性文件/,
    value: (r) => r.proactive.normativeDocuments.inForce,
  },
  {
    name: '表二「行政规范性文件」本年废止件数',
    context: /规范性文件.*废止|废止.*规范性文件/,
    value: (r) => r.proactive.normativeDocuments.repealed,
  },
  {
    name: '表二「行政规范性文件」本年制发件数',
    context: /(?:制发|印发|出台|制定).*规范性文件|规范性文件.*(?:制发|印发|出台)/,
    value: (r) => r.proactive.normativeDocuments.issued,
  },
  { name: '表三「（七）总计」总计', context: /办结|办理完毕/, value: (r) => t3(r, 'total') },
  {
    name: '表三「一、本年新收」总计',
    context: /(?:新收|收到|受理|接收|共收).*申请|申请.*(?:新收|收到|受理)/,
    value: (r) => t3(r, 'newReceived'),
  },
];

// The clause a number belongs to: back to the previous sentence or clause mark.
function clauseBefore(text: string, index: number): string {
  const start = Math.max(
    ...['。', '；', '，', '、', ';', ',', '（', '(', '\n', '：'].map((m) => text.lastIndexOf(m, index - 1)),
  );
  return text.slice(start + 1, index);
}

/** S2: figures counted in 件 in section 一 against the tables they describe. */
export function narrativeCheck(r: AnnualReport): ReportFinding[] {
  const found: ReportFinding[] = [];
  const text = r.narrative.overview;
  for (const n of extractNumbers(text)) {
    if (n.unit !== '件') continue;
    const clause = clauseBefore(text, n.index);
    const claim = CLAIMS.find((c) => c.context.test(clause));
    const expected = claim?.value(r) ?? null;
    if (!claim || expected === null || expected === n.value) continue;
    const quoted = `${clause}${text.slice(n.index, n.end)}件`;
    const including =
      claim.context === CLAIMS.at(-1)?.context && n.value === sumOf([expected, t3(r, 'carriedOver')]);
    const hint = including ? '（叙述中的收到数似已包含上年结转，表三「一」只计本年新收）' : '';
    found.push(
      warning(
        'S2',
        '第一部分叙述',
        `写明“${quoted}”，而${claim.name}为 ${expected}${hint}`,
        n.value,
        expected,
      ),
    );
  }
  return found;
}

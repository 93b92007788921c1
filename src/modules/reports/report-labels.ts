import type { AppealBlock, AppealColumn, Table3Row } from './report-schema';

// Printed labels of the national format (国办公开办函〔2021〕30号; law-and-formats.md §2.2–2.5), shared
// by the HTML and Word renderings, the importer and the messages of the checks.

/** The six section headings, exactly as printed (§2.2). */
export const SECTION_HEADINGS = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
] as const;

/** The official identity note in table 3's corner cell (§2.4, H1). */
export const TABLE3_CORNER_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** The groups under 三、本年度办理结果 with their leaf rows (§2.4 rows 3–24); one-row groups have no items. */
export const OUTCOME_GROUPS: { label: string; rows: { row: Table3Row; label: string }[] }[] = [
  { label: '（一）予以公开', rows: [{ row: 'disclosed', label: '（一）予以公开' }] },
  {
    label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    rows: [
      {
        row: 'partiallyDisclosed',
        label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      },
    ],
  },
  {
    label: '（三）不予公开',
    rows: [
      { row: 'withheld.stateSecret', label: '1.属于国家秘密' },
      { row: 'withheld.prohibitedByLaw', label: '2.其他法律行政法规禁止公开' },
      { row: 'withheld.securityStability', label: '3.危及“三安全一稳定”' },
      { row: 'withheld.thirdPartyRights', label: '4.保护第三方合法权益' },
      { row: 'withheld.internalAffairs', label: '5.属于三类内部事务信息' },
      { row: 'withheld.processInformation', label: '6.属于四类过程性信息' },
      { row: 'withheld.enforcementFiles', label: '7.属于行政执法案卷' },
      { row: 'withheld.administrativeInquiry', label: '8.属于行政查询事项' },
    ],
  },
  {
    label: '（四）无法提供',
    rows: [
      { row: 'unable.notHeld', label: '1.本机关不掌握相关政府信息' },
      { row: 'unable.needsCreation', label: '2.没有现成信息需要另行制作' },
      { row: 'unable.stillUnclear', label: '3.补正后申请内容仍不明确' },
    ],
  },
  {
    label: '（五）不予处理',
    rows: [
      { row: 'notProcessed.petition', label: '1.信访举报投诉类申请' },
      { row: 'notProcessed.repeated', label: '2.重复申请' },
      { row: 'notProcessed.publications', label: '3.要求提供公开出版物' },
      { row: 'notProcessed.excessive', label: '4.无正当理由大量反复申请' },
      { row: 'notProcessed.confirmOrReissue', label: '5.要求行政机关确认或重新出具已获取信息' },
    ],
  },
  {
    label: '（六）其他处理',
    rows: [
      {
        row: 'other.noCorrection',
        label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      },
      {
        row: 'other.feeUnpaid',
        label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
      },
      { row: 'other.other', label: '3.其他' },
    ],
  },
  { label: '（七）总计', rows: [{ row: 'total', label: '（七）总计' }] },
];

/** A short name of every table 3 row, for messages ("（三）1 属于国家秘密"). */
export const table3RowNames: Record<Table3Row, string> = {
  newReceived: '一、本年新收',
  carriedOver: '二、上年结转',
  total: '三（七）总计',
  carriedForward: '四、结转下年度',
  ...(Object.fromEntries(
    OUTCOME_GROUPS.flatMap((g) =>
      g.rows
        .filter((r) => r.row !== 'total')
        .map((r) => [r.row, g.rows.length > 1 ? `${g.label}${r.label}` : g.label.replace(/（区分.*）$/, '')]),
    ),
  ) as Record<Exclude<Table3Row, 'newReceived' | 'carriedOver' | 'total' | 'carriedForward'>, string>),
};

/** The full printed label of rows 1, 2 and 25 (those outside 三、本年度办理结果). */
export const OUTER_ROW_LABELS = {
  newReceived: '一、本年新收政府信息公开申请数量',
  carriedOver: '二、上年结转政府信息公开申请数量',
  resultsGroup: '三、本年度办理结果',
  carriedForward: '四、结转下年度继续办理',
} as const;

export const appealBlockLabels: Record<AppealBlock, string> = {
  reconsideration: '行政复议',
  litigationDirect: '行政诉讼（未经复议直接起诉）',
  litigationAfterReconsideration: '行政诉讼（复议后起诉）',
};

export const appealColumnLabels: Record<AppealColumn, string> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
  total: '总计',
};

/** The report's title. */
export function reportTitle(agency: string, year: number): string {
  return `${agency}${year}年政府信息公开工作年度报告`;
}

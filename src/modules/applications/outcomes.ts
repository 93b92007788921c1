// The 21 leaf outcomes of a 依申请公开 decision: exactly the leaf rows (三)(一)–(六)3 of table 3 of the
// national annual-report format (国办公开办函〔2021〕30号, law-and-formats.md §2.4), each tied to the 条例
// article it applies (§1.6). The `row` is the annual-report interchange key (issue 7), so a decided
// case counts in exactly one row.

export interface Outcome {
  code: OutcomeCode;
  row: string; // annual-report row key
  group: '予以公开' | '部分公开' | '不予公开' | '无法提供' | '不予处理' | '其他处理';
  label: string; // the row label as printed in table 3
  basis: string; // the article(s) cited in the reply letter
  refusal: boolean; // a refusal must state the applicant's remedies (条例 Art. 51)
}

/** The 21 codes in table 3's order; the annual report's OUTCOME_ROWS is this list (reports/report-schema.ts). */
export const OUTCOME_CODES = [
  'disclosed',
  'partiallyDisclosed',
  'withheld.stateSecret',
  'withheld.prohibitedByLaw',
  'withheld.securityStability',
  'withheld.thirdPartyRights',
  'withheld.internalAffairs',
  'withheld.processInformation',
  'withheld.enforcementFiles',
  'withheld.administrativeInquiry',
  'unable.notHeld',
  'unable.needsCreation',
  'unable.stillUnclear',
  'notProcessed.petition',
  'notProcessed.repeated',
  'notProcessed.publications',
  'notProcessed.excessive',
  'notProcessed.confirmOrReissue',
  'other.noCorrection',
  'other.feeUnpaid',
  'other.other',
] as const;

export type OutcomeCode = (typeof OUTCOME_CODES)[number];

const table: Omit<Outcome, 'row'>[] = [
  {
    code: 'disclosed',
    group: '予以公开',
    label: '予以公开',
    basis: '《中华人民共和国政府信息公开条例》第三十六条第（一）项、第（二）项',
    refusal: false,
  },
  {
    code: 'partiallyDisclosed',
    group: '部分公开',
    label: '部分公开',
    basis: '《中华人民共和国政府信息公开条例》第三十七条',
    refusal: true,
  },
  {
    code: 'withheld.stateSecret',
    group: '不予公开',
    label: '属于国家秘密',
    basis: '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项',
    refusal: true,
  },
  {
    code: 'withheld.prohibitedByLaw',
    group: '不予公开',
    label: '其他法律行政法规禁止公开',
    basis: '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项',
    refusal: true,
  },
  {
    code: 'withheld.securityStability',
    group: '不予公开',
    label: '危及“三安全一稳定”',
    basis: '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项',
    refusal: true,
  },
  {
    code: 'withheld.thirdPartyRights',
    group: '不予公开',
    label: '保护第三方合法权益',
    basis: '《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项',
    refusal: true,
  },
  {
    code: 'withheld.internalAffairs',
    group: '不予公开',
    label: '属于三类内部事务信息',
    basis: '《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项',
    refusal: true,
  },
  {
    code: 'withheld.processInformation',
    group: '不予公开',
    label: '属于四类过程性信息',
    basis: '《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项',
    refusal: true,
  },
  {
    code: 'withheld.enforcementFiles',
    group: '不予公开',
    label: '属于行政执法案卷',
    basis: '《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项',
    refusal: true,
  },
  {
    code: 'withheld.administrativeInquiry',
    group: '不予公开',
    label: '属于行政查询事项',
    basis: '《中华人民共和国政府信息公开条例》第三十六条第（三）项',
    refusal: true,
  },
  {
    code: 'unable.notHeld',
    group: '无法提供',
    label: '本机关不掌握相关政府信息',
    basis: '《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项',
    refusal: true,
  },
  {
    code: 'unable.needsCreation',
    group: '无法提供',
    label: '没有现成信息需要另行制作',
    basis: '《中华人民共和国政府信息公开条例》第三十八条',
    refusal: true,
  },
  {
    code: 'unable.stillUnclear',
    group: '无法提供',
    label: '补正后申请内容仍不明确',
    basis: '《中华人民共和国政府信息公开条例》第三十条',
    refusal: true,
  },
  {
    code: 'notProcessed.petition',
    group: '不予处理',
    label: '信访举报投诉类申请',
    basis: '《中华人民共和国政府信息公开条例》第三十九条第一款',
    refusal: true,
  },
  {
    code: 'notProcessed.repeated',
    group: '不予处理',
    label: '重复申请',
    basis: '《中华人民共和国政府信息公开条例》第三十六条第（六）项',
    refusal: true,
  },
  {
    code: 'notProcessed.publications',
    group: '不予处理',
    label: '要求提供公开出版物',
    basis: '《中华人民共和国政府信息公开条例》第三十九条第二款',
    refusal: true,
  },
  {
    code: 'notProcessed.excessive',
    group: '不予处理',
    label: '无正当理由大量反复申请',
    basis: '《中华人民共和国政府信息公开条例》第三十五条',
    refusal: true,
  },
  {
    code: 'notProcessed.confirmOrReissue',
    group: '不予处理',
    label: '要求行政机关确认或重新出具已获取信息',
    basis: '《中华人民共和国政府信息公开条例》第三十六条',
    refusal: true,
  },
  {
    code: 'other.noCorrection',
    group: '其他处理',
    label: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    basis: '《中华人民共和国政府信息公开条例》第三十条',
    refusal: true,
  },
  {
    code: 'other.feeUnpaid',
    group: '其他处理',
    label: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    basis: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）',
    refusal: true,
  },
  {
    code: 'other.other',
    group: '其他处理',
    label: '其他',
    basis: '《中华人民共和国政府信息公开条例》第三十六条第（七）项',
    refusal: true,
  },
];

/** Every outcome, in the order of table 3. */
export const OUTCOMES: readonly Outcome[] = table.map((o) => ({ ...o, row: o.code }));

const byCode = new Map(OUTCOMES.map((o) => [o.code, o]));

/** The outcome for a code; throws on a code that is not one of the 21. */
export function outcomeOf(code: string): Outcome {
  const outcome = byCode.get(code as OutcomeCode);
  if (!outcome) throw new Error(`unknown outcome: ${code}`);
  return outcome;
}

/** Whether a string names one of the 21 leaf outcomes. */
export function isOutcomeCode(code: string): code is OutcomeCode {
  return byCode.has(code as OutcomeCode);
}

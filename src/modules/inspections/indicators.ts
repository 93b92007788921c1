import type { FindingSeverity } from './finding';

// The national inspection indicators of 国办秘函〔2019〕19号 (portal-standards.md §5) that a findings list
// can be scored against, as data, each with its basis. Veto items (单项否决) fail the site outright; deduction
// items (扣分指标, 100 points) take `perFinding` points per finding, never more than `cap` for the indicator
// ("Deductions within an indicator cannot exceed that indicator's points", §5.1). The full 2019 deduction
// table is not confirmed verbatim (§5.3), so rates without a verified source are marked 本地口径 and are
// the platform's own, chosen to rank problems the way the verified fragments do.

export interface VetoIndicator {
  code: string;
  name: string;
  basis: string;
}

export interface DeductionIndicator {
  code: string;
  name: string;
  perFinding: number;
  cap: number;
  basis: string;
}

export const vetoIndicators: VetoIndicator[] = [
  {
    code: 'veto.security',
    name: '安全、泄密事故等严重问题',
    basis:
      '19号 单项否决：1.出现严重表述错误。2.泄露国家秘密。……上述情况出现任意一种，即单项否决（portal-standards.md §5.2）',
  },
  {
    code: 'veto.home_stale',
    name: '首页不更新',
    basis: '19号 单项否决：监测2周，首页无信息更新的，即单项否决（§5.2）',
  },
  {
    code: 'veto.column_stale',
    name: '栏目不更新',
    basis:
      '19号 单项否决：1.2周内动态要闻类、6个月内通知公告政策文件类一级栏目累计超过（含）5个未更新；2.应更新但长期未更新的栏目超过（含）10个；3.空白栏目超过（含）5个（§5.2）',
  },
];

export const deductionIndicators: DeductionIndicator[] = [
  {
    code: 'deduct.policy_column',
    name: '政策文件类一级栏目6个月未更新',
    perFinding: 5,
    cap: 5,
    basis: '国管局自查表：在监测时间点前6个月内，政策文件类一级栏目未更新，扣5分（§5.3）',
  },
  {
    code: 'deduct.column_stale',
    name: '栏目更新不及时',
    perFinding: 1,
    cap: 10,
    basis: '本地口径：超过本栏目更新周期，每个栏目扣1分（19号 发布解读 日常更新）',
  },
  {
    code: 'deduct.blank_column',
    name: '空白栏目',
    perFinding: 1,
    cap: 5,
    basis: '本地口径：每个空白栏目扣1分；普查口径 空白栏目超过（含）5个此项直接为0分（TRS KPI，§5.3）',
  },
  {
    code: 'deduct.channel_home',
    name: '部门频道2周未更新',
    perFinding: 1,
    cap: 5,
    basis: '本地口径：部门频道首页2周无更新，每个扣1分（参照 19号 首页不更新）',
  },
  {
    code: 'deduct.broken_link',
    name: '链接不可用',
    perFinding: 0.1,
    cap: 5,
    basis: '其他页面链接每发现一个不可用扣0.1分（2019年通行口径 [unverified]；TRS 普查规则，§5.3）',
  },
  {
    code: 'deduct.attachment',
    name: '附件缺失或校验不符',
    perFinding: 0.1,
    cap: 5,
    basis: '按链接不可用计：附件打不开即链接错误，每个扣0.1分（§5.3）',
  },
  {
    code: 'deduct.metadata',
    name: '目录要素不全',
    perFinding: 0.2,
    cap: 5,
    basis: '本地口径：索引号、发布日期、来源、公开属性等目录要素缺失，每条扣0.2分（61号 目录要素，§1.4）',
  },
  {
    code: 'deduct.wording',
    name: '疑似错别字、不规范表述',
    perFinding: 0.5,
    cap: 10,
    basis: '本地口径：疑似错别字每处扣0.5分；严重表述错误按单项否决（§5.2、§5.6）',
  },
  {
    code: 'deduct.privacy',
    name: '个人信息泄露风险',
    perFinding: 1,
    cap: 10,
    basis: '本地口径：公开内容含未去标识化的个人信息，每条扣1分（条例 第十五条）',
  },
];

/** Name of an indicator code, for reports. */
export function indicatorName(code: string): string {
  return (
    vetoIndicators.find((i) => i.code === code)?.name ??
    deductionIndicators.find((i) => i.code === code)?.name ??
    code
  );
}

/** Veto indicators come first, then deductions in table order, then anything unknown. */
export function indicatorRank(code: string): number {
  const veto = vetoIndicators.findIndex((i) => i.code === code);
  if (veto >= 0) return veto;
  const deduct = deductionIndicators.findIndex((i) => i.code === code);
  return deduct >= 0 ? 100 + deduct : 1000;
}

export const severityLabels: Record<FindingSeverity, string> = {
  veto: '单项否决',
  deduct: '扣分',
  warn: '预警',
};

export const kindLabels: Record<string, string> = {
  freshness: '栏目更新',
  blank_column: '空白栏目',
  home_stale: '首页更新',
  broken_link: '链接可用性',
  missing_attachment: '附件完整性',
  metadata: '目录要素',
  wording: '错敏词',
  pii: '个人信息',
};

// The groups the 整改率 sentence counts by: "栏目整改 4 次，整改率 100%；错敏词整改 8 次，整改率 100%".
export const rectificationGroups: { group: string; label: string; kinds: string[] }[] = [
  { group: 'column', label: '栏目', kinds: ['freshness', 'blank_column', 'home_stale'] },
  { group: 'link', label: '链接', kinds: ['broken_link', 'missing_attachment'] },
  { group: 'metadata', label: '目录要素', kinds: ['metadata'] },
  { group: 'wording', label: '错敏词', kinds: ['wording'] },
  { group: 'pii', label: '个人信息', kinds: ['pii'] },
];

/** The 整改 group of a finding kind (an unknown kind is its own group). */
export function groupOfKind(kind: string): { group: string; label: string } {
  const found = rectificationGroups.find((g) => g.kinds.includes(kind));
  return found
    ? { group: found.group, label: found.label }
    : { group: kind, label: kindLabels[kind] ?? kind };
}

// The standard columns of a department's disclosure channel (portal-standards.md; product.md §2), with the
// freshness rule each is inspected against: days between updates, or null for a static column.

// 国办公开办函〔2019〕61号 (law-and-formats.md §3.6): the 政府信息公开 column is built of 指南, 制度,
// 法定主动公开内容 and 年报; the application channel and the mailbox stand beside them.
export const columnSections = [
  ['guide', '政府信息公开指南'],
  ['rules', '政府信息公开制度'],
  ['statutory', '法定主动公开内容'],
  ['reports', '政府信息公开年报'],
  ['interaction', '依申请公开与互动'],
] as const;
export type ColumnSection = (typeof columnSections)[number][0];

export interface StandardColumn {
  slug: string;
  name: string;
  description: string;
  updateDays: number | null;
  section: ColumnSection;
}

export const standardColumns: StandardColumn[] = [
  {
    slug: 'rules',
    name: '政府信息公开制度',
    description: '本机关政府信息公开工作制度',
    updateDays: null,
    section: 'rules',
  },
  {
    slug: 'guide',
    name: '政府信息公开指南',
    description: '公开的方式、途径、受理机构与联系方式',
    updateDays: null,
    section: 'guide',
  },
  {
    slug: 'institution',
    name: '机构职能',
    description: '机构设置、职能职责、领导信息',
    updateDays: null,
    section: 'statutory',
  },
  {
    slug: 'policies',
    name: '政策法规',
    description: '规范性文件及其他政策文件',
    updateDays: 180,
    section: 'statutory',
  },
  {
    slug: 'interpretations',
    name: '政策解读',
    description: '与政策同步的文字、图解、视频解读',
    updateDays: 180,
    section: 'statutory',
  },
  { slug: 'news', name: '工作动态', description: '部门工作信息', updateDays: 14, section: 'statutory' },
  {
    slug: 'notices',
    name: '通知公告',
    description: '通知、公告、公示',
    updateDays: 30,
    section: 'statutory',
  },
  {
    slug: 'plans',
    name: '规划计划',
    description: '发展规划、年度计划与总结',
    updateDays: 365,
    section: 'statutory',
  },
  {
    slug: 'finance',
    name: '财政资金',
    description: '部门预决算、“三公”经费',
    updateDays: 365,
    section: 'statutory',
  },
  {
    slug: 'annual-reports',
    name: '政府信息公开年报',
    description: '政府信息公开工作年度报告',
    updateDays: 365,
    section: 'reports',
  },
  {
    slug: 'on-request',
    name: '依申请公开',
    description: '申请渠道、流程与答复',
    updateDays: null,
    section: 'interaction',
  },
  {
    slug: 'mailbox',
    name: '部门信箱',
    description: '来信选登与答复',
    updateDays: 30,
    section: 'interaction',
  },
];

/** The section a column belongs to: its standard section, or 法定主动公开内容 for an agency's own column. */
export function sectionOfColumn(slug: string): ColumnSection {
  return standardColumns.find((c) => c.slug === slug)?.section ?? 'statutory';
}

// The standard columns of a department's disclosure channel (portal-standards.md; product.md §2), with the
// freshness rule each is inspected against: days between updates, or null for a static column.

export interface StandardColumn {
  slug: string;
  name: string;
  description: string;
  updateDays: number | null;
}

export const standardColumns: StandardColumn[] = [
  {
    slug: 'guide',
    name: '政府信息公开指南',
    description: '公开的方式、途径、受理机构与联系方式',
    updateDays: null,
  },
  { slug: 'institution', name: '机构职能', description: '机构设置、职能职责、领导信息', updateDays: null },
  { slug: 'policies', name: '政策法规', description: '规范性文件及其他政策文件', updateDays: 180 },
  {
    slug: 'interpretations',
    name: '政策解读',
    description: '与政策同步的文字、图解、视频解读',
    updateDays: 180,
  },
  { slug: 'news', name: '工作动态', description: '部门工作信息', updateDays: 14 },
  { slug: 'notices', name: '通知公告', description: '通知、公告、公示', updateDays: 30 },
  { slug: 'plans', name: '规划计划', description: '发展规划、年度计划与总结', updateDays: 365 },
  { slug: 'finance', name: '财政资金', description: '部门预决算、“三公”经费', updateDays: 365 },
  {
    slug: 'annual-reports',
    name: '政府信息公开年报',
    description: '政府信息公开工作年度报告',
    updateDays: 365,
  },
  { slug: 'on-request', name: '依申请公开', description: '申请渠道、流程与答复', updateDays: null },
  { slug: 'mailbox', name: '部门信箱', description: '来信选登与答复', updateDays: 30 },
];

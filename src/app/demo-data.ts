import type { AdminRole, BusinessRole } from '../modules/accounts';

// The demo district: fictional names and numbers only; no real person's data.

/** Demo-only password shared by every demo account; printed in the README. Never used in production. */
export const DEMO_PASSWORD = 'Demo#2026shifan';

export const demoAgencies = [
  {
    code: 'district',
    name: '示范区人民政府',
    shortName: '区政府',
    kind: 'district',
    uscc: '11330100000000001X',
  },
  {
    code: 'zfb',
    name: '示范区人民政府办公室',
    shortName: '区政府办',
    kind: 'department',
    uscc: '11330100000000002X',
  },
  {
    code: 'jxj',
    name: '示范区经济和信息化局',
    shortName: '区经信局',
    kind: 'department',
    uscc: '11330100000000003X',
  },
  {
    code: 'czj',
    name: '示范区财政局',
    shortName: '区财政局',
    kind: 'department',
    uscc: '11330100000000004X',
  },
  {
    code: 'scjgj',
    name: '示范区市场监督管理局',
    shortName: '区市场监管局',
    kind: 'department',
    uscc: '11330100000000005X',
  },
] as const;

interface DemoUser {
  username: string;
  displayName: string;
  adminRole?: AdminRole;
  grants: [string, BusinessRole][];
}

export const demoUsers: DemoUser[] = [
  { username: 'sysadmin', displayName: '系统管理员', adminRole: 'system', grants: [] },
  { username: 'secadmin', displayName: '安全管理员', adminRole: 'security', grants: [] },
  { username: 'auditor', displayName: '审计管理员', adminRole: 'audit', grants: [] },
  {
    username: 'zfb.supervisor',
    displayName: '周监管',
    grants: [
      ['district', 'supervisor'],
      ['zfb', 'editor'],
    ],
  },
  { username: 'jxj.editor', displayName: '李信息', grants: [['jxj', 'editor']] },
  { username: 'jxj.chief', displayName: '王科长', grants: [['jxj', 'reviewer1']] },
  { username: 'jxj.office', displayName: '赵主任', grants: [['jxj', 'reviewer2']] },
  { username: 'jxj.leader', displayName: '陈局长', grants: [['jxj', 'reviewer3']] },
  { username: 'czj.editor', displayName: '孙信息', grants: [['czj', 'editor']] },
  { username: 'scjgj.editor', displayName: '吴信息', grants: [['scjgj', 'editor']] },
];

interface DemoItem {
  agency: string;
  column: string;
  title: string;
  keywords: string;
  daysAgo: number;
  paragraphs: string[];
  visibility?: 'public' | 'internal' | 'agency';
  draft?: boolean;
  genre?: string;
  subjectId?: string;
  docNumber?: string;
  /** 规范性文件: 登记号 and 施行日期 (days ago) */
  registration?: { number: string; effectiveDaysAgo: number };
  /** 政策解读: the title of the demo policy it explains */
  interprets?: string;
}

export const demoItems: DemoItem[] = [
  {
    agency: 'zfb',
    column: 'notices',
    daysAgo: 1,
    keywords: '政务公开,工作要点',
    title: '示范区人民政府办公室关于印发2026年政务公开工作要点的通知',
    genre: '通知',
    subjectId: 's02-01',
    docNumber: '示政办发〔2026〕4号',
    paragraphs: [
      '各街道办事处，区政府各部门、各直属单位：',
      '现将《示范区2026年政务公开工作要点》印发给你们，请结合实际认真贯彻落实。各单位要明确责任分工，于每季度末报送工作进展。',
      '示范区人民政府办公室　2026年3月1日',
    ],
  },
  {
    agency: 'zfb',
    column: 'news',
    daysAgo: 3,
    keywords: '信息员,培训',
    title: '区政府办召开全区政务公开信息员业务培训会',
    genre: '工作动态',
    subjectId: 's02-01',
    paragraphs: [
      '3月20日，区政府办召开全区政务公开信息员业务培训会，各部门信息员共60余人参加。',
      '会议围绕公文公开属性源头认定、政策解读“三同步”和依申请公开办理规范进行了专题讲解。',
    ],
  },
  {
    agency: 'zfb',
    column: 'annual-reports',
    daysAgo: 40,
    keywords: '年度报告',
    title: '示范区人民政府办公室2025年政府信息公开工作年度报告',
    genre: '报告',
    subjectId: 's02-01',
    paragraphs: [
      '本报告根据《中华人民共和国政府信息公开条例》要求编制，全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等六部分。',
    ],
  },
  {
    agency: 'zfb',
    column: 'news',
    daysAgo: 2,
    keywords: '内部',
    visibility: 'internal',
    title: '关于做好全区政务公开第一季度自查工作的内部通知',
    paragraphs: ['请各部门于本月底前完成栏目更新、错敏词和个人信息自查，并将自查表报区政府办。'],
  },
  {
    agency: 'jxj',
    column: 'policies',
    daysAgo: 10,
    keywords: '数字经济,扶持政策',
    title: '示范区关于促进数字经济高质量发展的若干政策',
    genre: '规范性文件',
    subjectId: 's07-06',
    docNumber: '示经信发〔2026〕3号',
    registration: { number: 'SFGS-2026-1', effectiveDaysAgo: 5 },
    paragraphs: [
      '为加快数字经济发展，推动产业数字化转型，结合本区实际，制定本政策。',
      '第一条　对新认定的省级以上企业技术中心，给予一次性奖励50万元。',
      '第二条　本政策自2026年4月1日起施行，有效期3年。',
    ],
  },
  {
    agency: 'jxj',
    column: 'interpretations',
    daysAgo: 10,
    keywords: '数字经济,政策解读',
    title: '《示范区关于促进数字经济高质量发展的若干政策》解读',
    genre: '政策解读',
    subjectId: 's07-06',
    interprets: '示范区关于促进数字经济高质量发展的若干政策',
    paragraphs: [
      '一、出台背景：数字经济已成为我区经济增长的重要引擎。',
      '二、主要内容：政策共十条，涵盖企业培育、技术创新、人才引进等方面。',
      '三、申报方式：符合条件的企业可通过区经信局门户网站下载申报材料。',
    ],
  },
  {
    agency: 'jxj',
    column: 'news',
    daysAgo: 5,
    keywords: '企业服务',
    title: '区经信局走访重点企业协调解决发展难题',
    genre: '工作动态',
    subjectId: 's07-01',
    paragraphs: ['近日，区经信局组织人员走访辖区12家重点工业企业，现场协调解决用地、用工、融资等问题18个。'],
  },
  {
    agency: 'jxj',
    column: 'notices',
    daysAgo: 0,
    keywords: '申报',
    draft: true,
    title: '关于组织申报2026年度区级工业和信息化专项资金项目的通知（草稿）',
    paragraphs: ['各有关企业：现组织开展2026年度区级工业和信息化专项资金项目申报工作。'],
  },
  {
    agency: 'jxj',
    column: 'news',
    daysAgo: 4,
    keywords: '本部门',
    visibility: 'agency',
    title: '区经信局机关党支部四月主题党日活动安排',
    paragraphs: ['本月主题党日活动定于4月15日下午举行，请全体党员准时参加。'],
  },
  {
    agency: 'czj',
    column: 'finance',
    daysAgo: 20,
    keywords: '预算,公开',
    title: '示范区财政局2026年部门预算',
    genre: '其他',
    subjectId: 's04-01',
    paragraphs: [
      '根据预算公开有关规定，现将示范区财政局2026年部门预算公开如下。',
      '2026年收入预算合计3,256.40万元，支出预算合计3,256.40万元。',
    ],
  },
  {
    agency: 'czj',
    column: 'news',
    daysAgo: 6,
    keywords: '财政,直达资金',
    title: '区财政局推进财政资金直达基层工作',
    genre: '工作动态',
    subjectId: 's04-01',
    paragraphs: ['区财政局建立直达资金监控机制，截至3月底已下达直达资金1.2亿元。'],
  },
  {
    agency: 'czj',
    column: 'notices',
    daysAgo: 12,
    keywords: '政府采购',
    title: '关于进一步规范政府采购意向公开工作的通知',
    genre: '通知',
    subjectId: 's04-01',
    docNumber: '示财采〔2026〕2号',
    paragraphs: [
      '各预算单位应在采购活动开始前30日公开采购意向，公开内容包括采购项目名称、采购需求概况、预算金额、预计采购时间等。',
    ],
  },
  {
    agency: 'scjgj',
    column: 'news',
    daysAgo: 2,
    keywords: '食品安全,抽检',
    title: '区市场监管局开展春季校园食品安全专项检查',
    genre: '工作动态',
    subjectId: 's09-04',
    paragraphs: [
      '区市场监管局联合区教育局对全区38所中小学校食堂开展春季食品安全专项检查，发现问题12处，已全部督促整改。',
    ],
  },
  {
    agency: 'scjgj',
    column: 'notices',
    daysAgo: 8,
    keywords: '抽检,公告',
    title: '示范区市场监督管理局2026年第1期食品安全监督抽检信息公告',
    genre: '公告',
    subjectId: 's09-04',
    paragraphs: ['本期共抽检食品样品120批次，其中合格119批次，不合格1批次，不合格产品已依法处置。'],
  },
  {
    agency: 'scjgj',
    column: 'policies',
    daysAgo: 30,
    keywords: '个体工商户',
    title: '示范区关于支持个体工商户发展的若干措施',
    genre: '意见',
    subjectId: 's09-01',
    docNumber: '示市监〔2026〕6号',
    paragraphs: [
      '为进一步优化营商环境，激发个体工商户活力，制定以下措施。',
      '一、降低经营成本。二、加强金融支持。三、优化登记服务。',
    ],
  },
];

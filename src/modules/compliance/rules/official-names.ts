import { starterRule } from './starter-rules';
import { BASIS, SOURCE } from './starter-sources';
import type { WordingRule } from './wording.types';

// The canonical official names of the starter set (type official_name): each is compiled with its
// near-miss variants (near-miss.ts) and reported with the canonical form as the suggestion. The
// district's own agency names join at check time from the `agencies` table. Leaders' names are not
// shipped (they change; the district maintains them in the back office).

const name = (term: string, basis: string, source: string, extra: Partial<WordingRule> = {}) =>
  starterRule({
    type: 'official_name',
    term,
    suggestion: term,
    severity: 'veto',
    explanation: '国名、国家机构名称写错属严重表述错误',
    basis,
    source,
    tags: ['规范名称'],
    ...extra,
  });

const place = (term: string) =>
  name(term, BASIS.divisions, SOURCE.divisions, {
    severity: 'ordinary',
    explanation: '地名写错',
    tags: ['规范名称', '地名'],
  });

const reformed = (term: string) =>
  name(term, BASIS.reform2018, SOURCE.reform2018, {
    validFrom: '2018-03-17',
    tags: ['规范名称', '机构更名'],
  });

// 2015 普查 focus (compliance.md §4.1): the state name and the names of state bodies.
const stateBodies = [
  '中华人民共和国',
  '全国人民代表大会',
  '中国人民政治协商会议',
  '国务院办公厅',
  '最高人民法院',
  '最高人民检察院',
].map((n) => name(n, BASIS.constitution, 'compliance.md §4.1（2015 普查：国名、国家机构名称）'));

// Provincial-level divisions (GB/T 2260) and the two cities of the §4.2 cases.
const places = [
  '北京市',
  '天津市',
  '上海市',
  '重庆市',
  '河北省',
  '山西省',
  '辽宁省',
  '吉林省',
  '黑龙江省',
  '江苏省',
  '浙江省',
  '安徽省',
  '福建省',
  '江西省',
  '山东省',
  '河南省',
  '湖北省',
  '湖南省',
  '广东省',
  '海南省',
  '四川省',
  '贵州省',
  '云南省',
  '陕西省',
  '甘肃省',
  '青海省',
  '台湾省',
  '内蒙古自治区',
  '广西壮族自治区',
  '西藏自治区',
  '宁夏回族自治区',
  '新疆维吾尔自治区',
  '香港特别行政区',
  '澳门特别行政区',
  '齐齐哈尔市',
  '张家界市',
].map(place);

export const STARTER_OFFICIAL_NAMES: readonly WordingRule[] = [
  ...stateBodies,
  ...['国家市场监督管理总局', '自然资源部', '生态环境部', '国家卫生健康委员会'].map(reformed),
  ...places,
];

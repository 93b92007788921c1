import { BASIS, SOURCE } from './starter-sources';
import type { WordingRule } from './wording.types';

// The starter set (issue 5): the publicly reported rectification cases of compliance.md §4.2 and the
// 规范表述 of §4.3, each with its source. Seeded into the database as version 1 on first use, then
// edited in the back office like any other rule. Ids are stable (`starter:<type>:<term>`) so exports
// of different installations line up.

type Draft = Omit<WordingRule, 'id' | 'enabled' | 'tags' | 'validFrom' | 'validTo' | 'context' | 'options'> &
  Partial<Pick<WordingRule, 'tags' | 'validFrom' | 'validTo' | 'context' | 'options'>>;

/** A starter rule with defaults filled in. */
export function starterRule(d: Draft): WordingRule {
  return {
    tags: [],
    validFrom: null,
    validTo: null,
    context: null,
    options: {},
    ...d,
    id: `starter:${d.type}:${d.term}`,
    enabled: true,
  };
}

const pair = (
  term: string,
  suggestion: string,
  severity: 'veto' | 'ordinary',
  explanation: string,
  source: string,
  tags: string[],
) =>
  starterRule({
    type: 'wrong_right',
    term,
    suggestion,
    severity,
    explanation,
    basis: severity === 'veto' ? BASIS.veto : BASIS.accuracy,
    source,
    tags,
  });

// compliance.md §4.2 — commonly flagged errors.
const reportedErrors: WordingRule[] = [
  pair(
    '杜家豪',
    '杜家毫',
    'veto',
    '领导人姓名同音字错误（衡阳 2018 年一季度，网站被单项否决）',
    SOURCE.yyweixin,
    ['领导人姓名'],
  ),
  pair('攻府', '政府', 'veto', '形近字错误（铜川 2019）', SOURCE.hk01, ['机构名称']),
  pair('中华人民共合国', '中华人民共和国', 'veto', '国名错误（广西商务厅）', SOURCE.yyweixin, ['国名']),
  pair('中共人民共和国', '中华人民共和国', 'veto', '国名错误（重庆永川）', SOURCE.yyweixin, ['国名']),
  pair('中华人民大和国', '中华人民共和国', 'veto', '国名错误（甘肃景泰）', SOURCE.yyweixin, ['国名']),
  pair('齐齐哈市', '齐齐哈尔市', 'ordinary', '地名漏字（齐齐哈尔 2019）', SOURCE.yyweixin, ['地名']),
  pair('秸杆', '秸秆', 'ordinary', '常见错别字', SOURCE.yyweixin, ['常见错字']),
  pair('秸桿', '秸秆', 'ordinary', '常见错别字（繁体形式同样有误）', SOURCE.yyweixin, ['常见错字']),
  pair('扫黑险恶', '扫黑除恶', 'veto', '政策用语错误：五笔输入误打，百余家政府网站出现', SOURCE.sina2019, [
    '政策用语',
  ]),
  pair('领导小姐', '领导小组', 'veto', '机构用语错误', SOURCE.cna, ['机构名称']),
  pair('扶贪', '扶贫', 'veto', '政策用语错误', SOURCE.xinsuncity, ['政策用语']),
  pair('杜会主义', '社会主义', 'veto', '政治用语错误', SOURCE.xinsuncity, ['政治用语']),
  pair('检查院', '检察院', 'veto', '机构名称错误：人民检察院', SOURCE.people2014, ['机构名称']),
  pair('温家室', '温家宝', 'veto', '领导人姓名错误', SOURCE.yzblive, ['领导人姓名']),
  pair('新加坡总书记', '习近平总书记', 'veto', '领导人姓名与职务错误', SOURCE.yzblive, ['领导人姓名']),
  pair('湖北省张家界', '湖南省张家界市', 'ordinary', '行政区划层级错误：张家界市属湖南省', SOURCE.datagrand, [
    '行政区划',
  ]),
  pair('四川省重庆市', '重庆市', 'ordinary', '行政区划层级错误：重庆市为直辖市', SOURCE.datagrand, [
    '行政区划',
  ]),
  starterRule({
    type: 'context',
    term: '万死',
    suggestion: '万岁',
    severity: 'veto',
    explanation: '政治用语错误：“万岁”误作“万死”（“罪该万死”等成语不受影响）',
    basis: BASIS.veto,
    source: SOURCE.xinsuncity,
    tags: ['政治用语'],
    context: { before: ['共和国', '共产党', '人民', '祖国'], window: 1 },
  }),
  starterRule({
    type: 'context',
    term: '李克',
    suggestion: '李克强',
    severity: 'veto',
    explanation: '领导人姓名缺字',
    basis: BASIS.veto,
    source: SOURCE.yzblive,
    tags: ['领导人姓名'],
    context: { after: ['总理'], window: 0 },
  }),
  starterRule({
    type: 'context',
    term: '辞职',
    suggestion: '致辞',
    severity: 'ordinary',
    explanation: '每个字都对、语境错：领导“致辞”误作“辞职”，请核实',
    basis: BASIS.accuracy,
    source: SOURCE.wangjing,
    tags: ['语境'],
    context: { before: ['书记', '市长', '县长', '区长', '主任', '部长'], window: 1 },
  }),
];

const norm = (
  term: string,
  suggestion: string | null,
  explanation: string,
  extra: Partial<Draft> = {},
): WordingRule =>
  starterRule({
    type: suggestion === null ? 'sensitive' : 'outdated',
    term,
    suggestion,
    severity: 'ordinary',
    explanation,
    basis: BASIS.xinhua,
    source: SOURCE.xinhuaList,
    tags: ['新华社禁用词'],
    ...extra,
  });

// compliance.md §4.3 — outdated or non-standard formulations (规范表述).
const formulations: WordingRule[] = [
  norm('省省委书记', '省委书记', '“中共XX省省委书记”应作“中共XX省委书记”'),
  norm('村长', '村委会主任', '不使用“村长”，应称村委会主任'),
  norm('村官', '村干部', '不使用“村官”（“大学生村官”除外，已列入白名单）'),
  norm('解放前', '新中国成立前', '不使用“解放前”'),
  norm('解放后', '新中国成立后', '不使用“解放后”'),
  norm('前苏联', '苏联', '不使用“前苏联”'),
  norm('深港一体化', null, '不使用“深港一体化”'),
  norm('一带一路战略', '“一带一路”倡议', '“一带一路”是倡议，不称“战略”', { options: { skipNoise: 2 } }),
  norm('北朝鲜', '朝鲜', '应称朝鲜'),
  norm('穆斯林国家', '伊斯兰国家', '应称伊斯兰国家'),
  norm('中港', '内地与香港', '不将香港与中国并列（“中港”）'),
  norm('两岸三地', null, '不使用“两岸三地”'),
  norm('中华民国总统', '台湾地区领导人', '涉台用语：不称“中华民国总统”', {
    severity: 'veto',
    tags: ['新华社禁用词', '涉台'],
  }),
  norm('践行八荣八耻', '践行社会主义荣辱观', '应写“践行社会主义荣辱观”', { options: { skipNoise: 2 } }),
  norm('成员国', '成员', '世贸组织等包含地区的组织，应称“成员”或“成员方”', {
    type: 'context',
    context: { before: ['世贸组织', '世界贸易组织', 'WTO'], window: 1 },
  }),
  norm('老板', null, '不称国内党政官员为“老板”', {
    type: 'context',
    context: {
      before: ['书记', '局长', '市长', '县长', '区长', '领导'],
      after: ['书记', '局长', '领导'],
      window: 1,
    },
  }),
  norm('亲自', '（删去“亲自”）', '领导活动报道中慎用“亲自”', {
    type: 'context',
    context: { before: ['书记', '市长', '县长', '区长', '主任', '领导'], window: 0 },
  }),
  starterRule({
    type: 'outdated',
    term: '总揽全局、领导一切的核心作用',
    suggestion: '总揽全局、协调各方的领导核心作用',
    severity: 'veto',
    explanation: '党章规范表述为“党总揽全局、协调各方的领导核心作用”',
    basis: BASIS.party,
    source: SOURCE.partyWording,
    tags: ['党章表述'],
    options: { skipNoise: 2 },
  }),
  starterRule({
    type: 'outdated',
    term: '以社区党组织为核心',
    suggestion: '发挥社区党组织的领导作用',
    severity: 'ordinary',
    explanation: '党章相关规范表述',
    basis: BASIS.party,
    source: SOURCE.partyWording,
    tags: ['党章表述'],
  }),
  starterRule({
    type: 'context',
    term: '制订',
    suggestion: '制定',
    severity: 'ordinary',
    explanation: '法律、法规、规章、政策用“制定”；计划、方案用“制订”',
    basis: BASIS.accuracy,
    source: SOURCE.bleskon,
    tags: ['用词规范'],
    context: { after: ['法律', '法规', '规章', '政策', '条例', '规范性文件'], window: 1 },
  }),
  starterRule({
    type: 'outdated',
    term: '新型冠状病毒肺炎',
    suggestion: '新型冠状病毒感染',
    severity: 'ordinary',
    explanation: '疾病名称已更名（如指更名前的历史事实可忽略）',
    basis: BASIS.covid,
    source: SOURCE.covid,
    tags: ['更名'],
    validFrom: '2022-12-26',
  }),
];

const renamed = (term: string, suggestion: string): WordingRule =>
  starterRule({
    type: 'outdated',
    term,
    suggestion,
    severity: 'ordinary',
    explanation: `2018 年国务院机构改革后已更名为“${suggestion}”（如指改革前的历史事实可忽略）`,
    basis: BASIS.reform2018,
    source: SOURCE.reform2018,
    tags: ['机构更名'],
    validFrom: '2018-03-17',
  });

// 2018 State Council reform: the old names, outdated from the day the NPC approved the plan.
const renamedBodies: WordingRule[] = [
  renamed('国家工商行政管理总局', '国家市场监督管理总局'),
  renamed('国土资源部', '自然资源部'),
  renamed('环境保护部', '生态环境部'),
  renamed('国家卫生和计划生育委员会', '国家卫生健康委员会'),
];

/** Phrases allowed out of the box: a deny hit inside them is not reported. */
export const STARTER_ALLOWED: readonly { phrase: string; note: string }[] = [
  { phrase: '大学生村官', note: '新华社禁用词说明：“大学生村官”可以使用' },
  { phrase: '罪该万死', note: '成语，不是“万岁”的误写' },
];

export const STARTER_WORDING_RULES: readonly WordingRule[] = [
  ...reportedErrors,
  ...formulations,
  ...renamedBodies,
];

import { describe, expect, it } from 'vitest';
import { screenText } from '../screen';

// Table tests for names without a label before them: enumerations, 同志/先生/女士, role nouns, the subject
// of a decision, repeats — and the traps: places, companies, officials with their title, masked names.

const NOW = new Date('2025-06-01T00:00:00Z');
const names = (text: string) =>
  screenText(text, { now: NOW })
    .filter((f) => f.type === 'person_name')
    .map((f) => f.text);

const rows: [string, string, string[]][] = [
  ['enumeration after a colon', '东山村：王桂英、李建新、赵小红\n', ['王桂英', '李建新', '赵小红']],
  ['enumeration with notes', '孙秀英（90周岁）、钱阿大（92周岁）', ['孙秀英', '钱阿大']],
  ['enumeration of households', '补偿对象：王金水户、李阿根户。', ['王金水', '李阿根']],
  ['two-character names under a list word', '拟资助名单：王芳、李强', ['王芳', '李强']],
  ['two-character tokens without a list word: places', '途经温州、金华', []],
  ['places ending in 街道', '涉及白杨街道、文新街道、古荡街道。', []],
  ['an unmasked name among masked ones', '张某某（东湖村）、李某（西溪村）、王小燕（翠苑社区）', ['王小燕']],
  ['officials listed after a title', '出席：副区长李明、赵晓峰、何晶', []],
  ['law-enforcement officers', '本局执法人员王立新、刘海波对当事人经营场所进行检查', []],
  ['同志 in a commendation', '决定授予林晓燕同志“优秀社区工作者”称号', ['林晓燕']],
  ['同志 with a title before', '区委书记陈国平同志出席并讲话。', []],
  ['同志 in an appointment', '任命王志刚同志为区教育局局长；', []],
  ['先生 after a role noun', '市民刘建国先生通过热线反映', ['刘建国']],
  ['surname with 先生 only', '工作人员回访刘先生。', []],
  ['role noun', '东湖村村民周桂芳反映其承包地被占用', ['周桂芳']],
  ['kin after 当事人', '当事人之妻俞小芬在场', ['俞小芬']],
  ['subject with an ID number', '经查，彭立群（身份证号码 440304 19880808 1238）经营', ['彭立群']],
  ['subject admitting the facts', '张德明对上述违法事实供认不讳。', ['张德明']],
  ['a word starting with a surname is no subject', '。高新区产业用地调整方案', []],
  ['company', '所售原料系从杭州金诚食品有限公司购进。', []],
  ['本人 after an ordinary word', '拨付至本人社会保障卡账户', []],
  ['repeat of a found name', '村民周桂芳反映问题。会议要求答复周桂芳。', ['周桂芳', '周桂芳']],
  ['repeat of an official is not flagged', '申请人王建华来信。\n局长王建华批示。', ['王建华']],
  ['masked with 某', '当事人张某某对上述事实无异议', []],
  ['a model figure', '各地要学习焦裕禄同志精神。', []],
  ['weekdays', '每周一、周三、周五对外开放，农户可预约。', []],
  ['words after a role noun', '欢迎广大市民游客。', []],
  ['two-character name after a role noun, before a verb', '村民王芳反映', ['王芳']],
  ['words as a clause subject', '，金融系统因高温因素调整，', []],
  ['provinces', '来自江苏、浙江、安徽的企业', []],
];

describe('names without a label', () => {
  it.each(rows)('%s', (_, text, expected) => {
    expect(names(text)).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { screenText } from '../screen';
import type { PiiType } from '../types';

// Table tests for every recogniser (issue 5): valid, invalid, checksum-broken, masked, in running text next
// to Chinese characters (no \b), and in tables (tab-separated rows under a header row, as extraction writes).

const NOW = new Date('2025-06-01T00:00:00Z');
const found = (text: string, type: PiiType) =>
  screenText(text, { now: NOW })
    .filter((f) => f.type === type)
    .map((f) => f.text);

type Row = [string, string, string[]];

const table: Record<PiiType, Row[]> = {
  id_card: [
    ['valid, next to Chinese', '身份证号11010519491231002X，', ['11010519491231002X']],
    ['lower-case x, grouped 6-8-4', '证件号码：110105 19491231 002x。', ['110105 19491231 002x']],
    ['checksum broken: dropped', '身份证号110105194912310021，', []],
    ['invalid date', '身份证号110105194902300023', []],
    ['15 digits with a label', '原身份证号码330106580101223。', ['330106580101223']],
    ['15 digits without a label', '编号330106580101223', []],
    ['masked, compliant', '身份证号3301**********0415', []],
    ['masked, birth date shown', '身份证号330106198503****15', ['330106198503****15']],
    ['masked, one hidden', '身份证号33010619850312041*', ['33010619850312041*']],
    ['in a table', '姓名\t身份证号\n张三\t330106198503120415', ['330106198503120415']],
    ['inside a longer number', '流水号1330106198503120415', []],
  ],
  uscc: [
    ['个体工商户', '统一社会信用代码：92330106MA2H3K4L5K。', ['92330106MA2H3K4L5K']],
    ['organisation: public, below threshold', '统一社会信用代码91330100MA27XK5H2Q', []],
    ['check broken', '统一社会信用代码92330106MA2H3K4L5J', []],
    ['in a 索引号', '索引号：113300000024821798/2024-00123', []],
  ],
  mobile: [
    ['next to Chinese', '手机13812345678联系', ['13812345678']],
    ['+86 and grouped', '电话：+86 139-5800-1234。', ['+86 139-5800-1234']],
    ['unallocated range', '手机16012345678', []],
    ['masked, compliant', '手机138****1234', []],
    ['masked, two hidden', '手机1381234**78', ['1381234**78']],
    ['office phone label', '咨询电话：13812345678', []],
    ['in a table', '姓名\t手机\n张三\t15067134567', ['15067134567']],
    ['twelve digits', '编号138123456789', []],
  ],
  landline: [
    ['with area code', '联系电话：0571-85123456。', ['0571-85123456']],
    ['parenthesised area code', '电话（0571）85123456', ['（0571）85123456']],
    ['office label', '监督电话：0571-87012345', []],
    ['agency on the line', '请联系区民政局，电话0571-87012345', []],
    ['hotline 12345 / 95598', '拨打12345或95598', []],
    ['in a table', '姓名  联系电话\n李四  020-83456789', ['020-83456789']],
  ],
  bank_card: [
    ['UnionPay, Luhn, label', '银行卡号6222021202001234567。', ['6222021202001234567']],
    ['UnionPay, Luhn fails, label', '账号：6222021202001234568', ['6222021202001234568']],
    ['no 62, Luhn fails, no label', '数据4367420012345678905', []],
    ['an order number', '订单号6222021202001234567', []],
    ['grouped by four', '卡号 6222 0212 0200 1234 567', ['6222 0212 0200 1234 567']],
    ['masked', '卡号6222********4567', []],
    ['in a table', '户主\t银行卡号\n王五\t6217001234567890122', ['6217001234567890122']],
  ],
  passport: [
    ['with label', '护照号码：E12345678。', ['E12345678']],
    ['E + letter', '护照号EA1234567', ['EA1234567']],
    ['without label', '批次E12345678', []],
    ['in a table', '姓名\t护照号\n许六\tG12345678', ['G12345678']],
  ],
  travel_permit: [
    ['往来港澳通行证', '往来港澳通行证C23456789，', ['C23456789']],
    ['回乡证', '港澳居民来往内地通行证号码：H1234567801', ['H1234567801']],
    ['台胞证 needs its label', '台胞证号码12345678；编号87654321', ['12345678']],
    ['without label', '代码C23456789', []],
  ],
  vehicle_plate: [
    ['ordinary, next to Chinese', '车牌号为浙A12345的车辆', ['浙A12345']],
    ['new-energy', '驾驶浙AD12345', ['浙AD12345']],
    ['with a dot', '号牌浙A·3B5C7。', ['浙A·3B5C7']],
    ['letter I is invalid', '车牌浙AI2345', []],
    ['in a table', '序号\t号牌号码\n1\t苏E88Q66', ['苏E88Q66']],
  ],
  email: [
    ['between Chinese words', '联系邮箱zhang.san@example.com了解详情', ['zhang.san@example.com']],
    ['sentence end', '发送至abc@163.com。', ['abc@163.com']],
    ['official mailbox', '邮箱zwgk@xihu.gov.cn', []],
    ['masked', '邮箱z***@example.com', []],
    ['in a table', '姓名\t邮箱\n张三\tzs@qq.com', ['zs@qq.com']],
  ],
  address: [
    [
      'home address',
      '住址：杭州市西湖区文一路125号7幢3单元401室，',
      ['杭州市西湖区文一路125号7幢3单元401室'],
    ],
    ['street level only', '家庭住址：西湖区北山街道', []],
    ['village group', '家住西湖区三墩镇绕城村五组。', ['西湖区三墩镇绕城村五组']],
    ['agency office', '办公地址：杭州市西湖区古墩路701号', []],
    ['no personal label', '寄至杭州市西湖区文三路158号区司法局', []],
    ['document number', '文号：浙政办发〔2024〕18号', []],
    ['in a table', '姓名\t家庭住址\n张三\t西湖区留下街道东岳村12号', ['西湖区留下街道东岳村12号']],
  ],
  person_name: [
    ['after a label', '姓名：张三，身份证号', ['张三']],
    ['without colon, cut at a bracket', '户主朱永康（原身份证号码', ['朱永康']],
    ['compound surname', '申请人欧阳振华于2024年', ['欧阳振华']],
    ['stopped at a function word', '申请人王明于本月', ['王明']],
    ['not a surname', '申请人联系方式：', []],
    ['anonymised', '当事人：王某某', []],
    ['official with title', '联系人：张建国（局长）', []],
    ['contact of a public service', '联系人：王芳，咨询电话：0571-87011234', []],
    ['salutation of a reply', '\n孙伟：\n你申请公开的信息', ['孙伟']],
    ['in a table', '序号\t姓名\t性别\n1\t司马静\t女', ['司马静']],
  ],
};

describe.each(Object.entries(table))('the %s recogniser', (type, rows) => {
  it.each(rows)('%s: %s', (_, text, expected) => {
    expect(found(text, type as PiiType)).toEqual(expected);
  });
});

describe('screenText', () => {
  it('returns findings sorted by start with offsets into the text, kind pii and a suggestion', () => {
    const text = '手机13812345678，身份证号11010519491231002X';
    const findings = screenText(text, { now: NOW });
    expect(findings.map((f) => [f.type, text.slice(f.start, f.end)])).toEqual([
      ['mobile', '13812345678'],
      ['id_card', '11010519491231002X'],
    ]);
    expect(findings[1]).toMatchObject({
      kind: 'pii',
      score: 1,
      suggestion: expect.stringContaining('1101**********002X'),
    });
  });

  it('lets a lower threshold show what the default hides', () => {
    const text = '统一社会信用代码91330100MA27XK5H2Q';
    expect(screenText(text, { now: NOW })).toEqual([]);
    expect(screenText(text, { now: NOW, threshold: 0.1 })).toMatchObject([{ type: 'uscc', score: 0.2 }]);
  });
});

import { describe, expect, it } from 'vitest';
import { proposeMasked, unmaskedFindings } from './masking-proposal';

const known = { name: '张伟', phone: '13812345678', email: 'zhangwei@example.com' };
const now = new Date('2026-03-02T00:00:00Z');

describe('masking a letter for publication', () => {
  it.each([
    ['我是张伟，电话13812345678', '张伟', '138****5678'],
    ['请联系 zhangwei@example.com 回复', 'zhangwei@example.com', 'z***@example.com'],
    [
      '身份证号33010619850312001X，住址示范区文化路18号2单元301室',
      '33010619850312001X',
      '3301**********001X',
    ],
    ['我家住在示范市示范区文化路18号2单元301室，楼下噪音', '文化路18号2单元301室', '***'],
    ['邻居手机13700002222每晚扰民', '13700002222', '137****2222'],
  ])('%s', (text, gone, shown) => {
    const masked = proposeMasked(text, known, now);
    expect(masked).not.toContain(gone);
    expect(masked).toContain(shown);
    expect(unmaskedFindings(masked, now).filter((f) => f.type !== 'person_name')).toEqual([]);
  });

  it('leaves text without personal data alone', () => {
    const text = '建议在示范区中心公园增设无障碍通道。';
    expect(proposeMasked(text, known, now)).toBe(text);
  });
});

import { describe, expect, it } from 'vitest';
import { checkIndexTemplate, formatIndexNumber, indexPeriod } from './index-number';

const parts = { uscc: '11330100000000003X', agencyCode: 'jxj', seq: 96 };

describe('index numbers (索引号)', () => {
  it.each([
    ['{uscc}/{yyyy}-{seq:5}', '2024-12-31T15:59:59Z', '11330100000000003X/2024-00096', '2024'],
    ['{uscc}/{yyyy}-{seq:5}', '2024-12-31T16:00:00Z', '11330100000000003X/2025-00096', '2025'], // midnight in China
    ['{uscc}/{yyyymm}-{seq:5}', '2021-10-08T02:00:00Z', '11330100000000003X/202110-00096', '2021-10'],
    ['{code}-{yy}{mm}-{seq:3}', '2026-03-02T02:00:00Z', 'jxj-2603-096', '2026-03'],
    ['JXJ-{seq:7}', '2026-03-02T02:00:00Z', 'JXJ-0000096', 'all'],
  ])('%s at %s → %s (period %s)', (template, at, expected, period) => {
    expect(checkIndexTemplate(template)).toBeNull();
    expect(formatIndexNumber(template, { ...parts, at: new Date(at) })).toBe(expected);
    expect(indexPeriod(template, new Date(at))).toBe(period);
  });

  it('uses the agency code when there is no 统一社会信用代码', () => {
    expect(
      formatIndexNumber('{uscc}/{yyyy}-{seq:4}', {
        ...parts,
        uscc: null,
        at: new Date('2026-05-01T00:00:00Z'),
      }),
    ).toBe('JXJ/2026-0096');
  });

  it.each([
    ['{uscc}/{yyyy}', '须含且只含一个序号字段'],
    ['{seq:3}-{seq:3}', '须含且只含一个序号字段'],
    ['{uscc}/{year}-{seq:5}', '未知字段 {year}'],
    ['{uscc}/{yyyy}-{seq:0}', '序号位数'],
    ['{uscc/{yyyy}-{seq:5}', '花括号不成对'],
    ['', '长度'],
  ])('refuses %j naming the problem', (template, fragment) => {
    expect(checkIndexTemplate(template)).toContain(fragment);
  });
});

import { describe, expect, it } from 'vitest';
import { extractNumbers, parseChineseNumeral } from './narrative-numbers';

describe('Chinese numerals', () => {
  it.each([
    ['一百二十三', 123],
    ['两千零五', 2005],
    ['十二', 12],
    ['十', 10],
    ['二十', 20],
    ['一百零一', 101],
    ['三千四百', 3400],
    ['一万二千', 12_000],
    ['十二万三千四百五十六', 123_456],
    ['两亿', 200_000_000],
    ['零', 0],
    ['七', 7],
    ['二〇二三', 2023],
  ])('%s = %i', (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value);
  });

  it.each(['千', '万', '百万', '', 'abc', '一x'])('%s is not a number', (text) => {
    expect(parseChineseNumeral(text)).toBeNull();
  });
});

describe('numbers stated in a narrative', () => {
  it('finds Arabic, grouped, decimal, full-width and Chinese numbers with their unit', () => {
    const text =
      '全年收到申请1,234件，办结一百二十三件，行政复议12件，收费0.35万元，主动公开两千零五条，答复１２件，十二次。';
    expect(extractNumbers(text).map((n) => [n.value, n.unit])).toEqual([
      [1234, '件'],
      [123, '件'],
      [12, '件'],
      [3500, null],
      [2005, '条'],
      [12, '件'],
      [12, '次'],
    ]);
  });

  it('gives the text and offsets of each number as written', () => {
    const text = '共受理12件';
    const [n] = extractNumbers(text);
    expect(n).toMatchObject({ value: 12, text: '12', index: 3, end: 5, unit: '件' });
    expect(text.slice(n?.index, n?.end)).toBe('12');
  });

  it('does not read a Chinese comma as a thousands separator', () => {
    expect(extractNumbers('复议1，诉讼2件').map((n) => n.value)).toEqual([1, 2]);
  });

  it('reads words made of unit characters alone as no number', () => {
    expect(extractNumbers('千方百计，万无一失').map((n) => n.value)).toEqual([1]);
  });
});

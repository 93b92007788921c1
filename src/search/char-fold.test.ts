import { describe, expect, it } from 'vitest';
import { foldText } from './char-fold';

describe('foldText', () => {
  it.each([
    ['資源交易', '资源交易'],
    ['關於印發臺灣地區', '关于印发台湾地区'],
    ['ＧＢ／Ｔ　９７０４', 'gb/t 9704'],
    ['ISO 9001 Hello', 'iso 9001 hello'],
    ['ÉCOLE', 'école'],
    ['a\u0000b\tc\nd\u00a0e\u3000f', 'a b c d e f'],
    ['简体不变，标点“保留”。', '简体不变,标点“保留”。'],
    ['𠀀生僻', '𠀀生僻'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  it('keeps the length, so positions in folded text are positions in the original', () => {
    for (const s of ['資源交易ＧＢ', 'İstanbul', '\ud800x', 'a\u0000'])
      expect(foldText(s).length).toBe(s.length);
  });

  it('is context-free: a substring folds to a substring of the folded whole', () => {
    const whole = '乾燥的天氣裡，著作權與後來的發展';
    for (let i = 0; i < whole.length; i++)
      for (let j = i + 1; j <= whole.length; j++)
        expect(foldText(whole)).toContain(foldText(whole.slice(i, j)));
  });
});

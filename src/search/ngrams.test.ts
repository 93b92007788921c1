import { describe, expect, it } from 'vitest';
import { charLength, runsOf, shortGrams } from './ngrams';

describe('n-grams', () => {
  it.each([
    ['资源交易', ['资', '资源', '源', '源交', '交', '交易', '易']],
    ['税 收', ['税', '收']],
    ['gb/t', ['g', 'gb', 'b', 'b/', '/', '/t', 't']],
    ['𠀀a', ['𠀀', '𠀀a', 'a']],
    ['', []],
  ])('shortGrams(%j)', (text, grams) => {
    expect([...shortGrams(text)]).toEqual(grams);
  });

  it('splits runs at spaces and counts code points', () => {
    expect(runsOf(' ab  c ')).toEqual([['a', 'b'], ['c']]);
    expect(charLength('𠀀税')).toBe(2);
  });
});

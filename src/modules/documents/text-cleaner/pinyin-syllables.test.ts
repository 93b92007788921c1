import { describe, expect, it } from 'vitest';
import { PINYIN_SYLLABLES, parsePinyinSyllable } from './pinyin-syllables';

describe('PINYIN_SYLLABLES', () => {
  it('holds the ~410 syllables of the standard chart', () => {
    expect(PINYIN_SYLLABLES.size).toBeGreaterThanOrEqual(400);
    expect(PINYIN_SYLLABLES.size).toBeLessThanOrEqual(420);
  });

  it.each(['a', 'er', 'zhuang', 'shuang', 'chuang', 'nüe', 'lü', 'jiong', 'yong', 'de', 'le', 'men'])(
    'contains %s',
    (syllable) => {
      expect(PINYIN_SYLLABLES.has(syllable)).toBe(true);
    },
  );

  it.each(['jü', 'bong', 'fi', 'zhin', 'gi', 'pdf', 'ok', 'who'])('does not contain %s', (syllable) => {
    expect(PINYIN_SYLLABLES.has(syllable)).toBe(false);
  });
});

describe('parsePinyinSyllable', () => {
  it.each([
    ['qū', 'qu', true],
    ['jīng', 'jing', true],
    ['guān', 'guan', true],
    ['xué', 'xue', true],
    ['lǜ', 'lü', true],
    ['nüè', 'nüe', true],
    ['qu1', 'qu', true],
    ['lv4', 'lü', true],
    ['ma5', 'ma', true],
    ['ji\u0304ng', 'jing', true],
    ['de', 'de', false],
    ['an', 'an', false],
    ['men', 'men', false],
  ])('%s → %s (tone marked: %s)', (raw, syllable, toneMarked) => {
    expect(parsePinyinSyllable(raw)).toEqual({ syllable, toneMarked });
  });

  it.each(['pdf', 'ok', 'who', 'ng', 'qū1x', 'bōng', 'ab', ''])('rejects %j', (raw) => {
    expect(parsePinyinSyllable(raw)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { findPinyinAnnotations, hasPinyinArtefact, removePinyinAnnotations } from './pinyin-annotations';

const decide = (text: string) => hasPinyinArtefact(text, findPinyinAnnotations(text));

describe('findPinyinAnnotations', () => {
  it('finds legal syllables right after a Han character, with the bracket offset', () => {
    expect(findPinyinAnnotations('區(qū)經（jīng）的(de)，(fā) A(bā) 附件(pdf)')).toEqual([
      { index: 1, host: '區', toneMarked: true },
      { index: 6, host: '經', toneMarked: true },
      { index: 13, host: '的', toneMarked: false },
    ]);
  });

  it('handles hosts outside the BMP', () => {
    expect(findPinyinAnnotations('𠀀(qū)')).toEqual([{ index: 2, host: '𠀀', toneMarked: true }]);
  });
});

describe('hasPinyinArtefact', () => {
  it.each([
    ['one marked annotation on a traditional character', '發(fā)布', true],
    ['two marked annotations in a text with traditional characters', '工(gōng)作(zuò)開展', true],
    ['one marked annotation on a simplified character', '亳(bó)州開展', false],
    ['two marked annotations in a simplified text', '亳(bó)州涡(guō)阳', false],
    ['only unmarked annotations', '我們的(de)工作(an)', false],
    ['no annotations', '區經信局', false],
  ])('%s → %s', (_case, text, expected) => {
    expect(decide(text)).toBe(expected);
  });
});

describe('removePinyinAnnotations', () => {
  it('removes marked and unmarked annotations and counts them', () => {
    expect(removePinyinAnnotations('區(qū)經(jing1)的(de)，(fā)附件(pdf)')).toEqual({
      text: '區經的，(fā)附件(pdf)',
      removed: 3,
    });
  });

  it('removes stacked annotations that become adjacent', () => {
    expect(removePinyinAnnotations('區(qū)(qū)(qū)')).toEqual({ text: '區', removed: 3 });
  });
});

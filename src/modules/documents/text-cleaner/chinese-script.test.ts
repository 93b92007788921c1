import { describe, expect, it } from 'vitest';
import {
  countChangedCharacters,
  findTraditionalCharacters,
  isTraditionalCharacter,
  listChangedCharacters,
  toSimplified,
} from './chinese-script';

describe('toSimplified', () => {
  it.each([
    ['區經發開況們為與於', '区经发开况们为与于'],
    ['關於開展工作的通知', '关于开展工作的通知'],
    [
      '乾燥、乾淨、幹部、以後、雲端、裡面、麵條、頭髮、臺灣、颱風',
      '干燥、干净、干部、以后、云端、里面、面条、头发、台湾、台风',
    ],
    ['顯著、著名、乾隆、蒜薹、哪吒', '显著、著名、乾隆、蒜薹、哪吒'],
    // Variants the standard tables miss or only half-convert.
    ['薴麻、屋簷、衞生', '苎麻、屋檐、卫生'],
  ])('%s → %s', (input, expected) => {
    expect(toSimplified(input)).toBe(expected);
  });

  // Simplified sentences of the kind a government site publishes, rich in characters that are
  // both a simplified form and a traditional one (干/乾, 后/後, 于/於, 云, 里, 面, 发, 台, 著).
  it.each([
    '乾隆年间，干部们在乾县修建了水渠，后来成为皇后故里。',
    '乾清宫、乾安县、旋乾转坤、乾纲独断。',
    '于是各部门在云计算方面加强合作，人云亦云的问题得到解决。',
    '这里面的公里数、方面军和面条价格，均按发展规划执行。',
    '头发、发展、出台、台风、台湾地区的统计数据已发布。',
    '成效显著，著名专家编著的专著已出版，土著文化得到保护。',
    '怎么办、这么做、什么时候，要么改进，要么退出。',
    '多余的余额、范围、系统、关系、制度、只有一只、几个茶几。',
    '宿舍舍得、斗争北斗、松树放松、谷物山谷、蒜薹和哪吒。',
    '征求意见稿、征收补偿、钟表、表格、准予、复核、历史、日历。',
  ])('leaves simplified text unchanged: %s', (sentence) => {
    expect(toSimplified(sentence)).toBe(sentence);
  });

  it('is idempotent on every character it produces', () => {
    const notIdempotent: string[] = [];
    for (const [first, last] of [
      [0x3400, 0x9fff],
      [0x20000, 0x2ffff],
    ] as const) {
      for (let codePoint = first; codePoint <= last; codePoint++) {
        const once = toSimplified(String.fromCodePoint(codePoint));
        if (toSimplified(once) !== once) notIdempotent.push(once);
      }
    }
    expect(notIdempotent).toEqual([]);
  });

  it('is idempotent where OpenCC alone converts in two steps (薴 → 苧 → 苎)', () => {
    const once = toSimplified('薴苧痺睪簷敍枱粧糭衞衹');
    expect(toSimplified(once)).toBe(once);
  });
});

describe('isTraditionalCharacter', () => {
  it.each([
    ['區', true],
    ['於', true],
    ['徵', true],
    ['区', false],
    ['著', false],
    ['乾', false],
    ['薹', false],
    ['a', false],
  ])('%s → %s', (char, expected) => {
    expect(isTraditionalCharacter(char)).toBe(expected);
  });
});

describe('findTraditionalCharacters', () => {
  it('reports each traditional character with its UTF-16 index and simplified form', () => {
    expect(findTraditionalCharacters('关於開展')).toEqual([
      { index: 1, char: '於', simplified: '于' },
      { index: 2, char: '開', simplified: '开' },
    ]);
  });

  it('counts characters outside the BMP as two code units', () => {
    expect(findTraditionalCharacters('𠀀區')).toEqual([{ index: 2, char: '區', simplified: '区' }]);
  });

  it.each(['乾隆皇帝', '乾县', '蒜薹', '哪吒', '著名', '显著'])(
    'does not report the valid simplified %s',
    (text) => {
      expect(findTraditionalCharacters(text)).toEqual([]);
    },
  );
});

describe('listChangedCharacters', () => {
  it('falls back to one character at a time when the lengths differ', () => {
    expect(listChangedCharacters('區經', '区')).toEqual([
      { index: 0, char: '區', simplified: '区' },
      { index: 1, char: '經', simplified: '经' },
    ]);
  });
});

describe('countChangedCharacters', () => {
  it.each([
    ['區經', '区经', 2],
    ['𠀀區', '𠀀区', 1],
    ['区', '区', 0],
  ])('%s → %s changes %i', (source, converted, expected) => {
    expect(countChangedCharacters(source, converted)).toBe(expected);
  });
});

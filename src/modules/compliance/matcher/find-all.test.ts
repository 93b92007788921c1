import { describe, expect, it } from 'vitest';
import { compileDictionary } from './compile';
import { findAll } from './find-all';
import type { DictionaryEntry } from './matcher.types';

type Span = [id: string, start: number, end: number];

function spans(entries: DictionaryEntry[], text: string, allow?: DictionaryEntry[]): Span[] {
  const options = allow ? { allow: compileDictionary(allow) } : {};
  return findAll(compileDictionary(entries), text, options).map((m) => [m.id, m.start, m.end]);
}

const t = (id: string, term: string, options?: DictionaryEntry['options']): DictionaryEntry =>
  options ? { id, term, options } : { id, term };

describe('findAll reports every match, overlapping and nested', () => {
  const cases: { name: string; entries: DictionaryEntry[]; text: string; want: Span[] }[] = [
    {
      name: '他/他们/我们/们 overlap',
      entries: [t('ta', '他'), t('tamen', '他们'), t('women', '我们'), t('men', '们')],
      text: '他们我们',
      want: [
        ['ta', 0, 1],
        ['tamen', 0, 2],
        ['men', 1, 2],
        ['women', 2, 4],
        ['men', 3, 4],
      ],
    },
    {
      name: 'a term ending inside a longer one (mint-filter misses 人民)',
      entries: [t('prc', '中华人民共和国'), t('people', '人民')],
      text: '中华人民政府，中华人民共和国',
      want: [
        ['people', 2, 4],
        ['prc', 7, 14],
        ['people', 9, 11],
      ],
    },
    {
      name: 'suffix chain: every suffix that is a term',
      entries: [t('abcd', 'abcd'), t('bcd', 'bcd'), t('cd', 'cd'), t('d', 'd')],
      text: 'xabcd',
      want: [
        ['abcd', 1, 5],
        ['bcd', 2, 5],
        ['cd', 3, 5],
        ['d', 4, 5],
      ],
    },
    {
      name: 'self-overlapping occurrences',
      entries: [t('aa', 'aa')],
      text: 'aaaa',
      want: [
        ['aa', 0, 2],
        ['aa', 1, 3],
        ['aa', 2, 4],
      ],
    },
    {
      name: 'two ids for one term both reported',
      entries: [t('one', '秸杆'), t('two', '秸杆')],
      text: '秸杆',
      want: [
        ['one', 0, 2],
        ['two', 0, 2],
      ],
    },
    { name: 'no hit', entries: [t('x', '攻府')], text: '人民政府', want: [] },
  ];
  it.each(cases)('$name', ({ entries, text, want }) => expect(spans(entries, text)).toEqual(want));
});

describe('findAll matches across normalised characters, with original spans', () => {
  const cases: { name: string; term: string; text: string; want: [number, number] | null }[] = [
    { name: 'full-width letters and case', term: 'GB/T', text: '按ｇｂ／ｔ 9704', want: [1, 5] },
    { name: 'traditional characters', term: '国务院', text: '國務院辦公廳', want: [0, 3] },
    { name: 'traditional term, simplified text', term: '國務院', text: '国务院', want: [0, 3] },
    { name: 'zero-width space inside the term', term: '国务院', text: '国\u200b务\u200b院', want: [0, 5] },
    { name: 'BOM and soft hyphen inside', term: '政府', text: '人民政\ufeff\u00ad府', want: [2, 6] },
    { name: 'emoji before the hit (surrogate pair)', term: '政府', text: '😀😀政府', want: [4, 6] },
    { name: 'astral character in the term', term: '𠀀政', text: 'a𠀀政', want: [1, 4] },
    { name: 'ideographic space is a space', term: 'a b', text: 'A　B', want: [0, 3] },
    { name: 'noise is exact when not skipped', term: '政府', text: '政 府', want: null },
  ];
  it.each(cases)('$name', ({ term, text, want }) => {
    const found = spans([t('x', term)], text);
    expect(found).toEqual(want ? [['x', ...want]] : []);
    if (want) expect(text.slice(want[0], want[1]).length).toBe(want[1] - want[0]);
  });

  it('keeps the original text in the match', () => {
    const [match] = findAll(compileDictionary([t('x', '国务院')]), '😀國務\u200b院');
    expect(match?.text).toBe('國務\u200b院');
  });

  it('matches literally when normalisation is off', () => {
    const compiled = compileDictionary([t('x', '国务院'), t('y', 'ABC')], { normalise: false });
    expect(findAll(compiled, '國務院 abc ABC').map((m) => [m.id, m.start])).toEqual([['y', 8]]);
  });
});

describe('noise skipping and repeat folding', () => {
  const cases: { name: string; entry: DictionaryEntry; text: string; want: [number, number][] }[] = [
    { name: 'skip off: 政*府 does not match', entry: t('z', '政府'), text: '政*府', want: [] },
    { name: 'skip 1: 政*府', entry: t('z', '政府', { skipNoise: 1 }), text: '政*府', want: [[0, 3]] },
    { name: 'skip 1: 政 府', entry: t('z', '政府', { skipNoise: 1 }), text: '政 府', want: [[0, 3]] },
    {
      name: 'skip 1: two noise chars too many',
      entry: t('z', '政府', { skipNoise: 1 }),
      text: '政**府',
      want: [],
    },
    { name: 'skip 2: 政、★府', entry: t('z', '政府', { skipNoise: 2 }), text: '政、★府', want: [[0, 4]] },
    {
      name: 'skip 1: emoji counts once',
      entry: t('z', '政府', { skipNoise: 1 }),
      text: '政😀府',
      want: [[0, 4]],
    },
    {
      name: 'skip: zero-width is free',
      entry: t('z', '政府', { skipNoise: 1 }),
      text: '政\u200b*府',
      want: [[0, 4]],
    },
    { name: 'skip: bound per gap', entry: t('z', '共和国', { skipNoise: 1 }), text: '共*和**国', want: [] },
    {
      name: 'skip: doubled char kept',
      entry: t('z', '谢谢', { skipNoise: 1 }),
      text: '谢*谢',
      want: [[0, 3]],
    },
    {
      name: 'skip: plain occurrence',
      entry: t('z', '政府', { skipNoise: 3 }),
      text: '市政府',
      want: [[1, 3]],
    },
    { name: 'fold off: 政政府', entry: t('z', '政府'), text: '政政府府', want: [[1, 3]] },
    {
      name: 'fold: 政政府府',
      entry: t('z', '政府', { foldRepeats: true }),
      text: '政政府府',
      want: [[0, 4]],
    },
    {
      name: 'fold: 扶扶扶贫',
      entry: t('z', '扶贫', { foldRepeats: true }),
      text: '要扶扶扶贫',
      want: [[1, 5]],
    },
    {
      name: 'fold without skip: noise blocks',
      entry: t('z', '扶贫', { foldRepeats: true }),
      text: '扶 贫',
      want: [],
    },
    {
      name: 'fold and skip together',
      entry: t('z', '扶贫', { foldRepeats: true, skipNoise: 1 }),
      text: '扶扶*贫贫',
      want: [[0, 5]],
    },
  ];
  it.each(cases)('$name', ({ entry, text, want }) => {
    expect(spans([entry], text)).toEqual(want.map(([s, e]) => ['z', s, e]));
  });
});

describe('allow-lists suppress hits inside an allowed span', () => {
  const deny = [t('xz', '习主'), t('gf', '攻府')];
  const cases: { name: string; text: string; allow: string[]; want: Span[] }[] = [
    { name: 'hit inside 学习主要 dropped', text: '学习主要内容', allow: ['学习主要'], want: [] },
    {
      name: 'hit outside the allowed span kept',
      text: '学习主要，习主',
      allow: ['学习主要'],
      want: [['xz', 5, 7]],
    },
    { name: 'partial overlap is not containment', text: '学习主', allow: ['学习'], want: [['xz', 1, 3]] },
    { name: 'other terms unaffected', text: '学习主要攻府', allow: ['学习主要'], want: [['gf', 4, 6]] },
    { name: 'allowed span equal to the hit', text: '攻府', allow: ['攻府'], want: [] },
  ];
  it.each(cases)('$name', ({ text, allow, want }) => {
    expect(
      spans(
        deny,
        text,
        allow.map((term, i) => t(`a${i}`, term)),
      ),
    ).toEqual(want);
  });
});

describe('compileDictionary rejects bad entries', () => {
  it.each([
    { name: 'empty term', entry: t('x', '') },
    { name: 'term of zero-width characters only', entry: t('x', '\u200b\u200b') },
    { name: 'noise-only term with skipNoise', entry: t('x', '**', { skipNoise: 1 }) },
    { name: 'negative skipNoise', entry: t('x', '政府', { skipNoise: -1 }) },
    { name: 'fractional skipNoise', entry: t('x', '政府', { skipNoise: 1.5 }) },
    { name: 'empty id', entry: t('', '政府') },
  ])('$name', ({ entry }) => expect(() => compileDictionary([entry])).toThrow(/entries\[0\]/));
});

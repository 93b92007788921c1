import { describe, expect, it } from 'vitest';
import { orderCandidates, relevanceFromBm25, scoreText } from './ranking';

const now = Date.parse('2024-06-01T00:00:00Z');
const doc = (title: string, text: string, publishedAt = '2024-05-01T00:00:00Z') => ({
  title,
  text,
  publishedAt,
});

describe('ranking', () => {
  it('orders stage 1 by title, then relevance, then newest key', () => {
    const ordered = orderCandidates([
      { key: 1, inTitle: false, relevance: 0.9 },
      { key: 2, inTitle: true, relevance: 0 },
      { key: 3, inTitle: false, relevance: 0.9 },
      { key: 4, inTitle: false, relevance: 0.1 },
    ]);
    expect(ordered.map((c) => c.key)).toEqual([2, 3, 1, 4]);
  });

  it.each([
    [0, 0],
    [-1, 0.5],
    [-3, 0.75],
    [2, 0],
  ])('relevanceFromBm25(%d) = %d', (bm25, expected) => {
    expect(relevanceFromBm25(bm25)).toBeCloseTo(expected);
  });

  it.each([
    [
      'a title beats one deep mention',
      ['量子通信'],
      doc('量子通信试点', '正文'),
      doc('试点', `${'文'.repeat(3000)}量子通信`),
    ],
    ['more mentions beat one', ['税收'], doc('通知', '税收税收税收税收'), doc('通知', '税收')],
    [
      'a whole word beats a straddling match',
      ['自建'],
      doc('通知', '农村自建房整治'),
      doc('通知', '各部门各自建立台账'),
    ],
    ['newer beats older', ['税收'], doc('通知', '税收'), doc('通知', '税收', '2014-01-01T00:00:00Z')],
    ['all terms in the title beat one', ['税收', '优惠'], doc('税收优惠', ''), doc('税收', '优惠')],
  ])('%s', (_, terms, better, worse) => {
    expect(scoreText(better, terms, now)).toBeGreaterThan(scoreText(worse, terms, now));
  });
});

import { describe, expect, it } from 'vitest';
import { orderCandidates, scoreText } from './ranking';

const now = Date.parse('2024-06-01T00:00:00Z');
const doc = (title: string, text: string, publishedAt = '2024-05-01T00:00:00Z') => ({
  title,
  text,
  publishedAt,
});

describe('ranking', () => {
  it('orders stage 1 by title, then newest key', () => {
    const ordered = orderCandidates([
      { key: 1, inTitle: false },
      { key: 2, inTitle: true },
      { key: 3, inTitle: false },
      { key: 5, inTitle: true },
      { key: 4, inTitle: false },
    ]);
    expect(ordered.map((c) => c.key)).toEqual([5, 2, 4, 3, 1]);
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

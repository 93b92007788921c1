import { describe, expect, it } from 'vitest';
import { type MatchMemo, memoisedReader, withInsertion } from './match-memo';
import { termsFindText } from './query-match';
import type { IndexReader } from './search-pipeline';

describe('match sets', () => {
  it('puts an inserted key first, keeps each list to its limit, and the title list only for a title match', () => {
    const memo: MatchMemo = {
      count: 7,
      recent: { limit: 3, keys: [9, 8, 5] },
      title: { limit: 3, keys: [8] },
    };
    expect(withInsertion(memo, 12, false)).toEqual({
      count: 8,
      recent: { limit: 3, keys: [12, 9, 8] },
      title: { limit: 3, keys: [8] },
    });
    expect(withInsertion(memo, 12, true)?.title).toEqual({ limit: 3, keys: [12, 8] });
    expect(withInsertion({ count: 0 }, 1, true)).toEqual({ count: 1 });
  });

  it('refuses a key that is not above every key it holds', () => {
    const memo: MatchMemo = { count: 2, recent: { limit: 3, keys: [9, 4] }, title: { limit: 3, keys: [] } };
    expect(withInsertion(memo, 9, false)).toBeUndefined();
    expect(withInsertion(memo, 6, false)).toBeUndefined();
  });

  it('answers from the memo what it holds and fills in the rest, for the same limit only', async () => {
    const asked: string[] = [];
    const answer = async <T>(question: string, value: T) => {
      asked.push(question);
      return value;
    };
    const index: IndexReader = {
      count: () => answer('count', 4),
      recent: (limit) => answer(`recent ${limit}`, [4, 3, 2, 1].slice(0, limit)),
      titleMatches: (limit) => answer(`title ${limit}`, [3].slice(0, limit)),
      older: async () => [],
      load: async () => [],
    };
    const memo: MatchMemo = { count: 9, recent: { limit: 2, keys: [20, 19] } };
    const reader = memoisedReader(index, memo);
    expect(await reader.count()).toBe(9);
    expect(await reader.recent(2)).toEqual([20, 19]);
    expect(await reader.titleMatches(2)).toEqual([3]);
    expect(await reader.recent(3)).toEqual([4, 3, 2]);
    expect(asked).toEqual(['title 2', 'recent 3']);
    expect(memo.title).toEqual({ limit: 2, keys: [3] });
  });

  it('judges an inserted text as the indexes do, and leaves private-use characters undecided', () => {
    const doc = { key: 1, title: '关于资源交易的通知', text: '现将工作 安排通知如下' };
    expect(termsFindText(['资源交易'], doc)).toBe('yes, all in the title');
    expect(termsFindText(['资源交易', '安排'], doc)).toBe('yes');
    expect(termsFindText(['工作安排'], doc)).toBe('no'); // a space splits the runs
    expect(termsFindText(['知现'], doc)).toBe('no'); // nor does a term span title and text
    expect(termsFindText(['%'], { ...doc, text: '\u{F0025}' })).toBe('undecided');
  });
});

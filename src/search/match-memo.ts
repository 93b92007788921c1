import type { IndexReader } from './search-pipeline';

// One anonymous query's answers to the index questions that do not depend on the page — how many
// documents match, the newest matches, the newest title matches — kept between searches by the
// result cache (result-cache.ts). At 100,000 items those questions were most of a search that missed
// the cache (count alone 8–24 ms of 19–32 ms for 的, 工作, 政府 on the bench machine, issue 8), and
// a publication sent every common query back to them. A publication inserts a document with a key
// above every other, so each answer is patched exactly: one more, and the new key first. Edits and
// withdrawals, which can take a document out anywhere in the lists, drop the memo instead. The memo
// also keeps what the head's texts scored, so the result is rebuilt reading only the new document's
// text and the page's (bench/search/refill.ts).

export interface KeyList {
  /** The limit the list was asked with: it answers only that question again. */
  limit: number;
  keys: number[];
}

/** What ranking needs of a document besides the query's newest: its text's score, its date. */
export interface HeadScore {
  text: number;
  publishedMs: number;
}

export interface MatchMemo {
  count?: number;
  recent?: KeyList;
  title?: KeyList;
  /** The text scores of the last head ranked (search-pipeline.ts): a document's never changes. */
  scores?: ReadonlyMap<number, HeadScore>;
}

/** The reader answering from `memo` what it holds and filling in what it does not. */
export function memoisedReader(reader: IndexReader, memo: MatchMemo): IndexReader {
  const list = async (
    field: 'recent' | 'title',
    limit: number,
    ask: (limit: number) => Promise<number[]>,
  ): Promise<number[]> => {
    const known = memo[field];
    if (known?.limit === limit) return known.keys;
    const keys = await ask(limit);
    memo[field] = { limit, keys };
    return keys;
  };
  return {
    count: async () => {
      memo.count ??= await reader.count();
      return memo.count;
    },
    recent: (limit) => list('recent', limit, reader.recent),
    titleMatches: (limit) => list('title', limit, reader.titleMatches),
    older: reader.older,
    load: reader.load,
  };
}

function prepend(list: KeyList | undefined, key: number): KeyList | undefined {
  return list && { limit: list.limit, keys: [key, ...list.keys].slice(0, list.limit) };
}

/**
 * The memo once the document `key` — matching the query, and in the title too when `inTitle` — is
 * inserted; undefined when that cannot be told (a key not above those held).
 */
export function withInsertion(memo: MatchMemo, key: number, inTitle: boolean): MatchMemo | undefined {
  const newest = Math.max(memo.recent?.keys[0] ?? 0, memo.title?.keys[0] ?? 0);
  if (key <= newest) return undefined;
  return {
    ...(memo.count === undefined ? {} : { count: memo.count + 1 }),
    ...(memo.recent ? { recent: prepend(memo.recent, key) } : {}),
    ...(memo.title ? { title: inTitle ? prepend(memo.title, key) : memo.title } : {}),
    ...(memo.scores ? { scores: memo.scores } : {}),
  };
}

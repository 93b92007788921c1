import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../bench/search/corpus';
import { anonymousScope } from '../src/modules/catalog';
import {
  createSearchProvider,
  type SearchDocument,
  type SearchProvider,
  type SearchQuery,
} from '../src/search';
import type { MatchMemo } from '../src/search/match-memo';
import { searchWithCache } from '../src/search/result-cache';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// Each cached query keeps its match sets — the count, the newest matches, the newest title matches —
// and a publication the query finds patches them instead of sending the query back to the index
// (src/search/match-memo.ts). Held here to the index's own answers on both databases: after every
// publication, edit and withdrawal, each query answered through the cache equals the same query asked
// afresh, page by page, and a publication is seen to be patched in, not counted again.

const base = generateCorpus(120, { seed: 11, minLength: 80, maxLength: 400 });
const published = generateCorpus(12, { seed: 12, minLength: 80, maxLength: 400 }).map((d, i) => ({
  ...d,
  id: `published-${i}`,
}));

function doc(id: string, title: string, text: string, fields: Partial<SearchDocument> = {}): SearchDocument {
  return {
    ...(published[0] as SearchDocument),
    id,
    title,
    text,
    publishedAt: '2026-11-20T02:00:00.000Z',
    visibility: 'public',
    ...fields,
  };
}

const queries: Array<Omit<SearchQuery, 'page' | 'pageSize'>> = [
  { q: '的' },
  { q: '工作' },
  { q: '通知' },
  { q: '政府信息公开' },
  { q: '工作 的' },
  { q: '量子通信' },
  { q: '量子 通信试点' },
  { q: '工作', year: 2026 },
  { q: '的', genre: '通知' },
  { q: 'ＧＢ／Ｔ' },
].map((q) => ({ ...q, scope: anonymousScope }));

/** Every page of q at a page size that reaches past the (lowered) candidate lists. */
function pagesOf(q: Omit<SearchQuery, 'page' | 'pageSize'>): SearchQuery[] {
  return [1, 2, 3, 7].map((page) => ({ ...q, page, pageSize: 3 }));
}

describe.each(testDatabases())(
  'match sets patched for publications stay true to the index, on %s',
  (kind) => {
    let ctx: TestContext;
    let provider: SearchProvider;
    /** The sets each search was handed, as handed, by query text. */
    const handed = new Map<string, MatchMemo>();
    const cacheKey = {};

    const cached = (q: SearchQuery) =>
      searchWithCache(
        cacheKey,
        {
          ...provider,
          search: (query, memo) => {
            if (query.page === 1)
              handed.set(JSON.stringify([query.q, query.year, query.genre]), structuredClone(memo ?? {}));
            return provider.search(query, memo);
          },
        },
        q,
      );

    const memoOf = (q: Omit<SearchQuery, 'page' | 'pageSize'>) =>
      handed.get(JSON.stringify([q.q, (q as SearchQuery).year, (q as SearchQuery).genre]));

    /** Asks every query through the cache and afresh; they must agree. Returns the fresh totals. */
    async function expectCacheTrue(): Promise<Map<string, number>> {
      handed.clear();
      const totals = new Map<string, number>();
      for (const q of queries) {
        for (const page of pagesOf(q)) {
          const fresh = await provider.search(page);
          expect(await cached(page), `${JSON.stringify(q)} page ${page.page}`).toEqual(fresh);
          totals.set(JSON.stringify(q), fresh.total);
        }
      }
      return totals;
    }

    beforeAll(async () => {
      ctx = await createTestContext(kind);
      provider = createSearchProvider(ctx.db, { candidates: 5 });
      await provider.ensureSchema();
      await provider.upsert(base);
    });
    afterAll(async () => {
      await ctx.close();
    });

    it('patches the sets of every query a publication enters, and they equal the index after each', async () => {
      let before = await expectCacheTrue();
      const fresh = [
        doc('p-title', '关于量子通信试点工作的通知', '为推进试点，现将有关事项通知如下。'),
        doc('p-body', '试点安排', '量子通信试点工作的安排，ＧＢ／Ｔ 9704。', { genre: '通知' }),
        ...published.slice(1, 6),
        doc('p-internal', '量子通信对内通知', '对内的工作', { visibility: 'internal' }),
      ];
      let patched = 0;
      for (const item of fresh) {
        await provider.upsert([item]);
        const after = await expectCacheTrue();
        for (const q of queries) {
          const key = JSON.stringify(q);
          const grew = (after.get(key) ?? 0) - (before.get(key) ?? 0);
          const memo = memoOf(q);
          // A query the publication entered was answered from its patched sets: counted one up, not asked.
          if (grew === 1) {
            expect(memo?.count, `${item.id} ${key}`).toBe((before.get(key) as number) + 1);
            patched++;
          } else expect(grew).toBe(0);
        }
        before = after;
      }
      expect(patched).toBeGreaterThan(20);
    });

    it('drops the sets an edit or a withdrawal may touch, and answers afresh', async () => {
      const item = doc('p-edit', '关于量子通信的说明', '说明的工作。');
      await provider.upsert([item]);
      await expectCacheTrue();
      await provider.upsert([{ ...item, title: '关于其他事项的说明' }]);
      await expectCacheTrue();
      expect(memoOf({ q: '量子通信', scope: anonymousScope })).toEqual({});
      await provider.remove(['p-title', (published[2] as SearchDocument).id]);
      await expectCacheTrue();
      expect(memoOf({ q: '的', scope: anonymousScope })).toEqual({});
      // A query nothing changed keeps its sets through both: a page not asked before is built from them.
      await cached({ q: 'ＧＢ／Ｔ', scope: anonymousScope, page: 1, pageSize: 9 });
      expect(memoOf({ q: 'ＧＢ／Ｔ', scope: anonymousScope })?.count).toBeGreaterThan(0);
    });
  },
);

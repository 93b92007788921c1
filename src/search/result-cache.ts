import type { VisibilityScope } from '../modules/catalog';
import { type MatchMemo, withInsertion } from './match-memo';
import { anonymousQueryMayFind, type TestableVersion, termsFindText, testableVersion } from './query-match';
import { normaliseQuery } from './query-terms';
import type { SearchProvider, SearchQuery, SearchResult } from './search-provider';

// Results of anonymous searches, reused while no index write could change them. At 100,000 items a
// search cost 10–65 ms of CPU (BENCHMARKS.md "Search") and the commonest queries are asked again and
// again (bench/load, issue 8). Each search first reads the index's generation; when it has moved, the
// cache reads what the writes since changed (index-generation.ts) and drops each result whose query
// may find an old or a new version of a changed document (query-match.ts) — a result none of them can
// enter or leave is still the index's answer. A publication or a withdrawal through any instance thus
// shows on the next search, and a notice about 防汛 leaves the cached 营商环境 results alone.
// Beside the results, each query (whatever the page) keeps its match sets (match-memo.ts): a
// publication the query finds patches them, so the result it dropped is rebuilt from them without
// counting and listing the matches again.
// Signed-in staff, whose scopes vary, always search afresh.

const CAPACITY = 2000;
/** Match sets hold up to 1,000 keys each (8 MB at most here). */
const MEMO_CAPACITY = 1000;

interface Entry {
  query: SearchQuery;
  terms: string[];
  result: Promise<SearchResult>;
}

interface Memo {
  query: SearchQuery;
  terms: string[];
  /** True to the cache's generation. */
  sets: MatchMemo;
}

interface Cache {
  /** The generation every entry is true to (or was fetched after), and every memo true to. */
  generation: number;
  entries: Map<string, Entry>;
  memos: Map<string, Memo>;
  /** The catch-up in progress: one at a time, so none of them misses a change. */
  catchingUp?: Promise<void>;
}

const caches = new WeakMap<object, Cache>();

function isAnonymous(scope: VisibilityScope): boolean {
  return !scope.internal && Array.isArray(scope.agencyIds) && scope.agencyIds.length === 0;
}

function matchKeyOf(q: SearchQuery): string {
  return JSON.stringify([q.q, q.agencyIds, q.columnId, q.year, q.genre, q.subject, q.validity]);
}

function keyOf(q: SearchQuery): string {
  return JSON.stringify([matchKeyOf(q), q.page, q.pageSize]);
}

// What a changed version does to one query's cached answers: nothing, a patch (an inserted document
// the query finds, judged on its text), or a drop (whatever cannot be told).
function effectOn(query: SearchQuery, terms: string[], v: TestableVersion) {
  if (!anonymousQueryMayFind(query, v, terms)) return 'none';
  const inserted = v.doc.inserted;
  if (!inserted) return 'drop';
  const verdict = termsFindText(terms, inserted);
  if (verdict === 'no') return 'none';
  if (verdict === 'undecided') return 'drop';
  return { key: inserted.key, inTitle: verdict === 'yes, all in the title' };
}

function patchMemos(memos: Map<string, Memo>, v: TestableVersion) {
  for (const [key, memo] of memos) {
    const effect = effectOn(memo.query, memo.terms, v);
    if (effect === 'none') continue;
    const patched = effect === 'drop' ? undefined : withInsertion(memo.sets, effect.key, effect.inTitle);
    if (patched) memo.sets = patched;
    else memos.delete(key);
  }
}

// Drops what the writes after the cache's generation up to `to` may have changed. An entry added
// meanwhile was fetched after `to` was read, so it is only checked (or dropped) for nothing; a memo is
// only ever filled at the cache's generation (searchWithCache), so each change is applied to it once.
async function applyChanges(cache: Cache, provider: SearchProvider, to: number): Promise<void> {
  const changes = await provider.changesBetween(cache.generation, to);
  if (changes === 'all') {
    cache.entries.clear();
    cache.memos.clear();
  } else {
    const versions = changes.map(testableVersion);
    for (const [key, entry] of cache.entries) {
      if (versions.some((v) => effectOn(entry.query, entry.terms, v) !== 'none')) cache.entries.delete(key);
    }
    for (const v of versions) patchMemos(cache.memos, v);
  }
  cache.generation = Math.max(cache.generation, to);
}

async function catchUp(cache: Cache, provider: SearchProvider, to: number): Promise<void> {
  if (to < cache.generation) {
    // The database went back (a restore): nothing cached can be trusted.
    cache.entries.clear();
    cache.memos.clear();
    cache.generation = to;
    return;
  }
  while (cache.generation < to) {
    if (!cache.catchingUp) {
      cache.catchingUp = applyChanges(cache, provider, to).finally(() => {
        cache.catchingUp = undefined;
      });
    }
    await cache.catchingUp;
  }
}

// Asks the provider, with the query's match sets when it has them. What the search filled in is kept
// only if no index write committed while it ran and the cache is still at the generation it started
// from: then every answer in the sets is true to that one generation.
async function searchWithMemo(
  cache: Cache,
  provider: SearchProvider,
  q: SearchQuery,
  terms: string[],
  generation: number,
): Promise<SearchResult> {
  const key = matchKeyOf(q);
  const sets: MatchMemo = { ...cache.memos.get(key)?.sets };
  const result = await provider.search(q, sets);
  if ((await provider.generation()) === generation && cache.generation === generation) {
    if (!cache.memos.has(key) && cache.memos.size >= MEMO_CAPACITY) cache.memos.clear();
    cache.memos.set(key, { query: q, terms, sets });
  }
  return result;
}

/** The provider's answer to q, from the cache when no index write since could have changed it. */
export async function searchWithCache(
  cacheKey: object,
  provider: SearchProvider,
  q: SearchQuery,
): Promise<SearchResult> {
  if (!isAnonymous(q.scope)) return provider.search(q);
  const generation = await provider.generation();
  let cache = caches.get(cacheKey);
  if (!cache) {
    cache = { generation, entries: new Map(), memos: new Map() };
    caches.set(cacheKey, cache);
  }
  await catchUp(cache, provider, generation);
  const key = keyOf(q);
  const known = cache.entries.get(key);
  if (known) return known.result;
  if (cache.entries.size >= CAPACITY) cache.entries.clear(); // emptied rather than tracked
  const entries = cache.entries;
  const terms = normaliseQuery(q.q).terms;
  const result = searchWithMemo(cache, provider, q, terms, generation);
  const entry = { query: q, terms, result };
  entries.set(key, entry);
  result.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  return result;
}

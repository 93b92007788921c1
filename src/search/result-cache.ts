import type { VisibilityScope } from '../modules/catalog';
import { anonymousQueryMayFind, testableVersion } from './query-match';
import { normaliseQuery } from './query-terms';
import type { SearchProvider, SearchQuery, SearchResult } from './search-provider';

// Results of anonymous searches, reused while no index write could change them. At 100,000 items a
// search cost 10–65 ms of CPU (BENCHMARKS.md "Search") and the commonest queries are asked again and
// again (bench/load, issue 8). Each search first reads the index's generation; when it has moved, the
// cache reads what the writes since changed (index-generation.ts) and drops each result whose query
// may find an old or a new version of a changed document (query-match.ts) — a result none of them can
// enter or leave is still the index's answer. A publication or a withdrawal through any instance thus
// shows on the next search, and a notice about 防汛 leaves the cached 营商环境 results alone.
// Signed-in staff, whose scopes vary, always search afresh.

const CAPACITY = 2000;

interface Entry {
  query: SearchQuery;
  terms: string[];
  result: Promise<SearchResult>;
}

interface Cache {
  /** The generation every entry is true to (or was fetched after). */
  generation: number;
  entries: Map<string, Entry>;
  /** The catch-up in progress: one at a time, so none of them misses a change. */
  catchingUp?: Promise<void>;
}

const caches = new WeakMap<object, Cache>();

function isAnonymous(scope: VisibilityScope): boolean {
  return !scope.internal && Array.isArray(scope.agencyIds) && scope.agencyIds.length === 0;
}

function keyOf(q: SearchQuery): string {
  return JSON.stringify([
    q.q,
    q.agencyIds,
    q.columnId,
    q.year,
    q.genre,
    q.subject,
    q.validity,
    q.page,
    q.pageSize,
  ]);
}

// Drops what the writes after the cache's generation up to `to` may have changed. An entry added
// meanwhile was fetched after `to` was read, so it is only checked (or dropped) for nothing.
async function applyChanges(cache: Cache, provider: SearchProvider, to: number): Promise<void> {
  const changes = await provider.changesBetween(cache.generation, to);
  if (changes === 'all') cache.entries.clear();
  else {
    const versions = changes.map(testableVersion);
    for (const [key, entry] of cache.entries) {
      if (versions.some((v) => anonymousQueryMayFind(entry.query, v, entry.terms))) cache.entries.delete(key);
    }
  }
  cache.generation = Math.max(cache.generation, to);
}

async function catchUp(cache: Cache, provider: SearchProvider, to: number): Promise<void> {
  if (to < cache.generation) {
    // The database went back (a restore): nothing cached can be trusted.
    cache.entries.clear();
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
    cache = { generation, entries: new Map() };
    caches.set(cacheKey, cache);
  }
  await catchUp(cache, provider, generation);
  const key = keyOf(q);
  const known = cache.entries.get(key);
  if (known) return known.result;
  if (cache.entries.size >= CAPACITY) cache.entries.clear(); // emptied rather than tracked
  const entries = cache.entries;
  const result = provider.search(q);
  const entry = { query: q, terms: normaliseQuery(q.q).terms, result };
  entries.set(key, entry);
  result.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  return result;
}

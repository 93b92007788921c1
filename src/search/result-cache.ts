import type { VisibilityScope } from '../modules/catalog';
import type { SearchProvider, SearchQuery, SearchResult } from './search-provider';

// Results of anonymous searches, reused while the index is unchanged. At 100,000 items a search cost
// 10–65 ms of CPU (BENCHMARKS.md "Search") and the commonest queries are asked again and again
// (bench/load, issue 8). Each search first reads the provider's stamp, which changes with any write to
// the index through this process and with the index's generation, which every process bumps when it
// writes to the index (index-generation.ts), and only results fetched after reading a stamp are kept
// under it: a publication or a withdrawal shows in search at once, on every instance. Signed-in staff,
// whose scopes vary, always search afresh.

const CAPACITY = 2000;

interface Generation {
  stamp: string;
  results: Map<string, Promise<SearchResult>>;
}

const generations = new WeakMap<object, Generation>();
let writesHere = 0;

/** Called by the providers on every write to the index, before it commits. */
export function noteIndexWrite(): void {
  writesHere++;
}

/** How many index writes this process has begun: part of every provider's stamp. */
export function indexWritesHere(): number {
  return writesHere;
}

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

/** The provider's answer to q, from the cache when the index has not changed since it was fetched. */
export async function searchWithCache(
  cacheKey: object,
  provider: SearchProvider,
  q: SearchQuery,
): Promise<SearchResult> {
  if (!isAnonymous(q.scope)) return provider.search(q);
  const stamp = await provider.stamp();
  let generation = generations.get(cacheKey);
  if (generation?.stamp !== stamp) {
    generation = { stamp, results: new Map() };
    generations.set(cacheKey, generation);
  }
  const key = keyOf(q);
  const known = generation.results.get(key);
  if (known) return known;
  if (generation.results.size >= CAPACITY) generation.results.clear(); // emptied rather than tracked
  const results = generation.results;
  const fetched = provider.search(q);
  results.set(key, fetched);
  fetched.catch(() => results.delete(key));
  return fetched;
}

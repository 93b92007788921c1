import type { Kysely } from 'kysely';
import { dialectOf } from '../db/dialect';
import { createPostgresSearchProvider } from './postgres.provider';
import { searchWithCache } from './result-cache';
import type { PipelineOptions } from './search-pipeline';
import type { SearchProvider, SearchQuery, SearchResult } from './search-provider';
import { createSqliteFts5Provider } from './sqlite-fts5.provider';

export { normaliseQuery } from './query-terms';
export type { PipelineOptions } from './search-pipeline';
export type { SearchDocument, SearchHit, SearchProvider, SearchQuery, SearchResult } from './search-provider';

/** The search provider for the database the app runs on: FTS5 on SQLite, trigram + grams on PostgreSQL. */
// biome-ignore lint/suspicious/noExplicitAny: the index owns its tables, outside the app schema
export function createSearchProvider(db: Kysely<any>, options: PipelineOptions = {}): SearchProvider {
  return dialectOf(db) === 'postgres'
    ? createPostgresSearchProvider(db, options)
    : createSqliteFts5Provider(db, options);
}

/** Searches the app's index, reusing anonymous results while the index is unchanged (result-cache.ts). */
// biome-ignore lint/suspicious/noExplicitAny: the index owns its tables, outside the app schema
export function searchIndex(db: Kysely<any>, q: SearchQuery): Promise<SearchResult> {
  return searchWithCache(db, createSearchProvider(db), q);
}

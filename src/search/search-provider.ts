import type { VisibilityScope } from '../modules/catalog';
import type { IndexChange } from './index-generation';
import type { MatchMemo } from './match-memo';

// The one search interface (architecture.md "search"): SQLite FTS5 by default, PostgreSQL when the
// app runs on it; OpenSearch could be a third provider later without touching callers.

/** One published item as the index sees it; the caller removes items that stop being published. */
export interface SearchDocument {
  id: string;
  agencyId: string;
  columnId: string;
  title: string;
  /** Plain text, no HTML. */
  text: string;
  /** ISO-8601 UTC. */
  publishedAt: string;
  genre: string | null;
  subject: string | null;
  validity: string | null;
  visibility: 'public' | 'internal' | 'agency';
}

export interface SearchQuery {
  /** Raw user input: normalised and made safe by the provider. */
  q: string;
  /** Who is searching (visibility.ts): applied exactly like isVisible(). */
  scope: VisibilityScope;
  agencyIds?: string[];
  columnId?: string;
  /** Calendar year of publishedAt, UTC. */
  year?: number;
  genre?: string;
  subject?: string;
  validity?: string;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface SearchHit {
  id: string;
  title: string;
  /** HTML-escaped title with <mark> around the matches. */
  titleHtml: string;
  /** HTML-escaped excerpt of the text around the first match, with <mark> around matches. */
  snippetHtml: string;
  publishedAt: string;
  agencyId: string;
  columnId: string;
  /** Higher is better; comparable within one result only. */
  score: number;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  /** The normalised query actually run ('' when nothing searchable was left). */
  query: string;
}

export interface SearchProvider {
  /** Creates the provider's own tables and indexes; idempotent. */
  ensureSchema(): Promise<void>;
  /** Inserts or replaces documents by id. */
  upsert(docs: SearchDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  /** With a memo, answers what it holds from it and fills in the rest (match-memo.ts). */
  search(q: SearchQuery, memo?: MatchMemo): Promise<SearchResult>;
  /** The index's generation: it grows with every index write, through any process (index-generation.ts). */
  generation(): Promise<number>;
  /** The document versions the writes after generation `from` up to `to` touched, or 'all'. */
  changesBetween(from: number, to: number): Promise<IndexChange>;
}

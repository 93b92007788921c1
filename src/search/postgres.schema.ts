import { type Kysely, sql } from 'kysely';
import { generationTables } from './index-generation';

// The PostgreSQL index: one table with the text folded for search, pg_trgm GIN indexes for terms
// of 3+ characters (LIKE '%term%', rechecked, so exact) and a GIN index over each document's
// distinct 1- and 2-character grams for short terms, which trigrams cannot answer.

// biome-ignore lint/suspicious/noExplicitAny: the index owns its tables, outside the app schema
type AnyDb = Kysely<any>;

const statements = [
  ...generationTables,
  'CREATE EXTENSION IF NOT EXISTS pg_trgm',
  `CREATE TABLE IF NOT EXISTS search_docs (
    doc_key BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    agency_id TEXT NOT NULL,
    column_id TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    published_at TEXT NOT NULL,
    pub_year INTEGER,
    genre TEXT,
    subject TEXT,
    validity TEXT,
    visibility TEXT NOT NULL,
    norm_title TEXT NOT NULL,
    norm_body TEXT NOT NULL,
    grams TEXT[] NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS search_docs_grams ON search_docs USING gin (grams)',
  'CREATE INDEX IF NOT EXISTS search_docs_title_trgm ON search_docs USING gin (norm_title gin_trgm_ops)',
  'CREATE INDEX IF NOT EXISTS search_docs_body_trgm ON search_docs USING gin (norm_body gin_trgm_ops)',
];

/** Creates the PostgreSQL search table and indexes if they are missing. */
export async function ensurePostgresSearchSchema(db: AnyDb): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

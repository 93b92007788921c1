import { type Kysely, sql } from 'kysely';
import { generationTables } from './index-generation';

// The SQLite index: search_docs keeps what results show; two contentless FTS5 tables share its
// doc_key as rowid. Contentless (with contentless_delete, SQLite ≥ 3.43) because the text is
// already in search_docs: storing it twice would double the file for nothing.
//   search_trigrams — every trigram with positions: terms of 3+ characters are exact phrases.
//   search_grams    — each distinct 1- and 2-character gram once per document (detail=none, no
//                     positions): 1–2 character terms, about a tenth of the trigram index's size.
// Both carry the tag tokens (visibility, filters), so either answers a query on its own.

// biome-ignore lint/suspicious/noExplicitAny: the index owns its tables, outside the app schema
type AnyDb = Kysely<any>;

const statements = [
  ...generationTables,
  `CREATE TABLE IF NOT EXISTS search_docs (
    doc_key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    agency_id TEXT NOT NULL,
    column_id TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    published_at TEXT NOT NULL,
    genre TEXT,
    subject TEXT,
    validity TEXT,
    visibility TEXT NOT NULL
  )`,
  `CREATE VIRTUAL TABLE IF NOT EXISTS search_trigrams USING fts5(
    title, body, tags, tokenize = 'ascii', detail = full, content = '', contentless_delete = 1
  )`,
  `CREATE VIRTUAL TABLE IF NOT EXISTS search_grams USING fts5(
    grams, tokenize = 'ascii', detail = none, content = '', contentless_delete = 1
  )`,
];

/** Creates the SQLite search tables if they are missing. */
export async function ensureSqliteSearchSchema(db: AnyDb): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

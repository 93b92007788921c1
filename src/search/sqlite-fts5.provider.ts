import { type Kysely, sql } from 'kysely';
import { foldText } from './char-fold';
import { documentTags, filterClauses, TITLE_MARK } from './fts5-match';
import { encodeToken, trigramTokens } from './fts5-tokens';
import { changesBetween, indexGeneration, writeIndex } from './index-generation';
import type { MatchMemo } from './match-memo';
import { shortGrams } from './ngrams';
import { clampPaging } from './paging';
import { normaliseQuery } from './query-terms';
import { type PipelineOptions, runSearch } from './search-pipeline';
import type { SearchDocument, SearchProvider, SearchQuery, SearchResult } from './search-provider';
import { createFts5Reader } from './sqlite-fts5.reader';
import { ensureSqliteSearchSchema } from './sqlite-fts5.schema';

// biome-ignore lint/suspicious/noExplicitAny: the index owns its tables, outside the app schema
type AnyDb = Kysely<any>;

// The gram column: every distinct gram of title and body, then the title's again with a mark
// (for "all terms in the title"), then the tags.
function gramColumn(title: string, body: string, tags: string): string {
  const titleGrams = shortGrams(title);
  const all = new Set([...titleGrams, ...shortGrams(body)]);
  const tokens = [...all].map(encodeToken);
  for (const g of titleGrams) tokens.push(TITLE_MARK + encodeToken(g));
  tokens.push(tags);
  return tokens.join(' ');
}

async function deleteFromIndex(db: AnyDb, key: number): Promise<void> {
  await sql`DELETE FROM search_trigrams WHERE rowid = ${key}`.execute(db);
  await sql`DELETE FROM search_grams WHERE rowid = ${key}`.execute(db);
}

async function upsertOne(db: AnyDb, doc: SearchDocument): Promise<void> {
  const values = [
    doc.agencyId,
    doc.columnId,
    doc.title,
    doc.text,
    doc.publishedAt,
    doc.genre,
    doc.subject,
    doc.validity,
    doc.visibility,
  ];
  const existing = await sql<{ doc_key: number }>`
    SELECT doc_key FROM search_docs WHERE id = ${doc.id}`.execute(db);
  let key = existing.rows[0]?.doc_key;
  if (key !== undefined) {
    await deleteFromIndex(db, key);
    await sql`UPDATE search_docs SET (agency_id, column_id, title, body, published_at, genre, subject,
      validity, visibility) = (${sql.join(values)}) WHERE doc_key = ${key}`.execute(db);
  } else {
    const inserted = await sql<{ doc_key: number }>`INSERT INTO search_docs (id, agency_id, column_id,
      title, body, published_at, genre, subject, validity, visibility)
      VALUES (${doc.id}, ${sql.join(values)}) RETURNING doc_key`.execute(db);
    key = inserted.rows[0]?.doc_key as number;
  }
  const title = foldText(doc.title);
  const body = foldText(doc.text);
  const tags = documentTags(doc);
  await sql`INSERT INTO search_trigrams (rowid, title, body, tags)
    VALUES (${key}, ${trigramTokens(title)}, ${trigramTokens(body)}, ${tags})`.execute(db);
  await sql`INSERT INTO search_grams (rowid, grams) VALUES (${key}, ${gramColumn(title, body, tags)})`.execute(
    db,
  );
}

/** SQLite FTS5 search (the default provider). */
export function createSqliteFts5Provider(db: AnyDb, options: PipelineOptions = {}): SearchProvider {
  return {
    ensureSchema: () => ensureSqliteSearchSchema(db),
    upsert: (docs) =>
      writeIndex(db, { ids: docs.map((d) => d.id), written: docs }, async (trx) => {
        for (const doc of docs) await upsertOne(trx, doc);
      }),
    remove: (ids) =>
      writeIndex(db, { ids, written: [] }, async (trx) => {
        for (const id of ids) {
          const row = await sql<{
            doc_key: number;
          }>`DELETE FROM search_docs WHERE id = ${id} RETURNING doc_key`.execute(trx);
          const key = row.rows[0]?.doc_key;
          if (key !== undefined) await deleteFromIndex(trx, key);
        }
      }),
    search: async (q: SearchQuery, memo?: MatchMemo): Promise<SearchResult> => {
      const { terms, text } = normaliseQuery(q.q);
      if (terms.length === 0) return { hits: [], total: 0, query: text };
      const { page, pageSize } = clampPaging(q.page, q.pageSize);
      const index = createFts5Reader(db, terms, filterClauses(q));
      return { ...(await runSearch(index, terms, page, pageSize, options, memo)), query: text };
    },
    generation: () => indexGeneration(db),
    changesBetween: (from, to) => changesBetween(db, from, to),
  };
}

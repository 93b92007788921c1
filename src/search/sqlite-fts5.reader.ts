import { type Kysely, sql } from 'kysely';
import { gramExpression, trigramExpression } from './fts5-match';
import { charLength } from './ngrams';
import { relevanceFromBm25 } from './ranking';
import type { IndexReader, StoredDoc } from './search-pipeline';

// Answers the pipeline's questions from the FTS5 tables. A query whose terms are all 3+ characters
// runs on search_trigrams, one whose terms are all 1–2 characters on search_grams; a query with
// both kinds intersects the two key lists (the only case whose cost grows with the match count).

// biome-ignore lint/suspicious/noExplicitAny: the index owns its tables, outside the app schema
type AnyDb = Kysely<any>;
type Table = 'search_trigrams' | 'search_grams';

// bm25 column weights of search_trigrams (title, body, tags): tags only filter.
const BM25 = sql.raw('bm25(search_trigrams, 2.0, 1.0, 0.0)');

async function keysOf(db: AnyDb, table: Table, expr: string, limit: number, before?: number) {
  const t = sql.table(table);
  const below = before === undefined ? sql`` : sql`AND rowid < ${before}`;
  const result = await sql<{ key: number }>`SELECT rowid AS key FROM ${t} WHERE ${t} MATCH ${expr} ${below}
    ORDER BY rowid DESC LIMIT ${limit}`.execute(db);
  return result.rows.map((r) => r.key);
}

async function countOf(db: AnyDb, table: Table, expr: string): Promise<number> {
  const t = sql.table(table);
  const result = await sql<{ n: number }>`SELECT count(*) AS n FROM ${t} WHERE ${t} MATCH ${expr}`.execute(
    db,
  );
  return Number(result.rows[0]?.n ?? 0);
}

async function loadDocs(db: AnyDb, keys: number[]): Promise<StoredDoc[]> {
  if (keys.length === 0) return [];
  const result = await sql<StoredDoc>`SELECT doc_key AS "key", id, agency_id AS "agencyId",
    column_id AS "columnId", title, body AS "text", published_at AS "publishedAt"
    FROM search_docs WHERE doc_key IN (${sql.join(keys)})`.execute(db);
  return result.rows;
}

function singleTableReader(db: AnyDb, table: Table, all: string, title: string): IndexReader {
  return {
    count: () => countOf(db, table, all),
    recent: async (limit) => {
      if (table === 'search_grams')
        return (await keysOf(db, table, all, limit)).map((key) => ({ key, relevance: 0 }));
      const result = await sql<{ key: number; b: number }>`SELECT rowid AS key, ${BM25} AS b
        FROM search_trigrams WHERE search_trigrams MATCH ${all} ORDER BY rowid DESC LIMIT ${limit}`.execute(
        db,
      );
      return result.rows.map((r) => ({ key: r.key, relevance: relevanceFromBm25(r.b) }));
    },
    titleMatches: (limit) => keysOf(db, table, title, limit),
    older: (before, limit) => keysOf(db, table, all, limit, before),
    load: (keys) => loadDocs(db, keys),
  };
}

function intersect(newestFirst: number[], other: number[]): number[] {
  const set = new Set(other);
  return newestFirst.filter((k) => set.has(k));
}

function mixedReader(db: AnyDb, long: string[], short: string[], filters: string[]): IndexReader {
  const listOf = async (titleOnly: boolean) =>
    intersect(
      await keysOf(db, 'search_trigrams', trigramExpression(long, filters, titleOnly), -1),
      await keysOf(db, 'search_grams', gramExpression(short, filters, titleOnly), -1),
    );
  let all: Promise<number[]> | undefined;
  const matches = () => {
    all ??= listOf(false);
    return all;
  };
  return {
    count: async () => (await matches()).length,
    recent: async (limit) => (await matches()).slice(0, limit).map((key) => ({ key, relevance: 0 })),
    titleMatches: async (limit) => (await listOf(true)).slice(0, limit),
    older: async (before, limit) => (await matches()).filter((k) => k < before).slice(0, limit),
    load: (keys) => loadDocs(db, keys),
  };
}

/** The reader for one query's terms (already normalised) and filter clauses. */
export function createFts5Reader(db: AnyDb, terms: string[], filters: string[]): IndexReader {
  const long = terms.filter((t) => charLength(t) >= 3);
  const short = terms.filter((t) => charLength(t) < 3);
  if (short.length === 0)
    return singleTableReader(
      db,
      'search_trigrams',
      trigramExpression(long, filters, false),
      trigramExpression(long, filters, true),
    );
  if (long.length === 0)
    return singleTableReader(
      db,
      'search_grams',
      gramExpression(short, filters, false),
      gramExpression(short, filters, true),
    );
  return mixedReader(db, long, short, filters);
}

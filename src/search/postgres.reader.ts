import { type Kysely, type RawBuilder, sql } from 'kysely';
import { charLength } from './ngrams';
import type { IndexReader, StoredDoc } from './search-pipeline';
import type { SearchQuery } from './search-provider';

// Answers the pipeline's questions with plain SQL over search_docs; every value is a bound
// parameter, and LIKE wildcards inside terms are escaped, so a term is always a literal.

// biome-ignore lint/suspicious/noExplicitAny: the index owns its tables, outside the app schema
type AnyDb = Kysely<any>;
type Condition = RawBuilder<unknown>;

/** A LIKE pattern that finds the term literally anywhere (backslash is PostgreSQL's LIKE escape). */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Every term in the title or the body: the GIN indexes answer these. */
function termConditions(terms: string[]): Condition[] {
  const short = terms.filter((t) => charLength(t) < 3);
  const conditions: Condition[] = [];
  if (short.length) conditions.push(sql`grams @> ${short}::text[]`);
  for (const t of terms.filter((t) => charLength(t) >= 3)) {
    const p = containsPattern(t);
    conditions.push(sql`(norm_title LIKE ${p} OR norm_body LIKE ${p})`);
  }
  return conditions;
}

// Every term in the title, for rows that already match: read from the title alone, never from the
// gram array, whose detoasting cost 1.5 s for the 74,000 rows holding 的 (bench/search/postgres-passes.ts).
function titleConditions(terms: string[]): Condition[] {
  return terms.map((t) =>
    charLength(t) < 3 ? sql`strpos(norm_title, ${t}) > 0` : sql`norm_title LIKE ${containsPattern(t)}`,
  );
}

/** visibility.ts's isVisible() in SQL. */
function scopeCondition(scope: SearchQuery['scope']): Condition {
  const visible: Condition[] = [sql`visibility = 'public'`];
  if (scope.internal) visible.push(sql`visibility = 'internal'`);
  if (scope.agencyIds === 'all') visible.push(sql`visibility = 'agency'`);
  else if (scope.agencyIds.length)
    visible.push(sql`(visibility = 'agency' AND agency_id = ANY(${scope.agencyIds}::text[]))`);
  return sql`(${sql.join(visible, sql` OR `)})`;
}

/** The filter conditions of a query. */
export function filterConditions(q: Omit<SearchQuery, 'q' | 'page' | 'pageSize'>): Condition[] {
  const conditions = [scopeCondition(q.scope)];
  if (q.agencyIds?.length) conditions.push(sql`agency_id = ANY(${q.agencyIds}::text[])`);
  if (q.columnId !== undefined) conditions.push(sql`column_id = ${q.columnId}`);
  if (q.year !== undefined) conditions.push(sql`pub_year = ${Math.trunc(q.year)}`);
  if (q.genre !== undefined) conditions.push(sql`genre = ${q.genre}`);
  if (q.subject !== undefined) conditions.push(sql`subject = ${q.subject}`);
  if (q.validity !== undefined) conditions.push(sql`validity = ${q.validity}`);
  return conditions;
}

async function keysWhere(db: AnyDb, where: Condition[], limit: number): Promise<number[]> {
  const result = await sql<{ key: string }>`SELECT doc_key AS key FROM search_docs
    WHERE ${sql.join(where, sql` AND `)} ORDER BY doc_key DESC LIMIT ${limit}`.execute(db);
  return result.rows.map((r) => Number(r.key));
}

async function loadDocs(db: AnyDb, keys: number[]): Promise<StoredDoc[]> {
  if (keys.length === 0) return [];
  const result = await sql<StoredDoc & { key: string }>`SELECT doc_key AS "key", id, agency_id AS "agencyId",
    column_id AS "columnId", title, body AS "text", published_at AS "publishedAt"
    FROM search_docs WHERE doc_key = ANY(${keys.map(String)}::bigint[])`.execute(db);
  return result.rows.map((r) => ({ ...r, key: Number(r.key) }));
}

interface Matches {
  total: number;
  recent: number[];
  title: number[];
}

// The count, the newest matches and the newest title matches in one pass over the matching rows:
// each was its own bitmap scan, and each scan rechecks every candidate's folded body, which is most
// of a PostgreSQL search's time at 100,000 items (BENCHMARKS.md, Search).
async function matchesOf(db: AnyDb, all: Condition[], inTitle: Condition[], cap: number): Promise<Matches> {
  const r = await sql<{ n: string; recent: string[]; title: string[] }>`
    WITH m AS MATERIALIZED (
      SELECT doc_key, ${sql.join(inTitle, sql` AND `)} AS t FROM search_docs WHERE ${sql.join(all, sql` AND `)}
    )
    SELECT (SELECT count(*) FROM m) AS n,
      ARRAY(SELECT doc_key FROM m ORDER BY doc_key DESC LIMIT ${cap}) AS recent,
      ARRAY(SELECT doc_key FROM m WHERE t ORDER BY doc_key DESC LIMIT ${cap}) AS title`.execute(db);
  const row = r.rows[0];
  return {
    total: Number(row?.n ?? 0),
    recent: (row?.recent ?? []).map(Number),
    title: (row?.title ?? []).map(Number),
  };
}

/** The reader for one query's terms (already normalised) and filters; `cap` keys per list at most. */
export function createPostgresReader(
  db: AnyDb,
  terms: string[],
  filters: Condition[],
  cap: number,
): IndexReader {
  const all = [...termConditions(terms), ...filters];
  const inTitle = titleConditions(terms);
  let matches: Promise<Matches> | undefined;
  const once = () => {
    matches ??= matchesOf(db, all, inTitle, cap);
    return matches;
  };
  return {
    count: async () => (await once()).total,
    recent: async (limit) =>
      limit <= cap ? (await once()).recent.slice(0, limit) : keysWhere(db, all, limit),
    titleMatches: async (limit) =>
      limit <= cap ? (await once()).title.slice(0, limit) : keysWhere(db, [...all, ...inTitle], limit),
    older: (before, limit) => keysWhere(db, [...all, sql`doc_key < ${before}`], limit),
    load: (keys) => loadDocs(db, keys),
  };
}

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

function termConditions(terms: string[], titleOnly: boolean): Condition[] {
  const short = terms.filter((t) => charLength(t) < 3);
  const long = terms.filter((t) => charLength(t) >= 3);
  const conditions: Condition[] = [];
  if (short.length) conditions.push(sql`grams @> ${short}::text[]`);
  for (const t of long) {
    const p = containsPattern(t);
    conditions.push(
      titleOnly ? sql`norm_title LIKE ${p}` : sql`(norm_title LIKE ${p} OR norm_body LIKE ${p})`,
    );
  }
  if (titleOnly) for (const t of short) conditions.push(sql`strpos(norm_title, ${t}) > 0`);
  return conditions;
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

/** The reader for one query's terms (already normalised) and filters. */
export function createPostgresReader(db: AnyDb, terms: string[], filters: Condition[]): IndexReader {
  const all = [...termConditions(terms, false), ...filters];
  const title = [...termConditions(terms, false), ...termConditions(terms, true), ...filters];
  return {
    count: async () => {
      const r = await sql<{ n: string }>`SELECT count(*) AS n FROM search_docs
        WHERE ${sql.join(all, sql` AND `)}`.execute(db);
      return Number(r.rows[0]?.n ?? 0);
    },
    recent: (limit) => keysWhere(db, all, limit),
    titleMatches: (limit) => keysWhere(db, title, limit),
    older: (before, limit) => keysWhere(db, [...all, sql`doc_key < ${before}`], limit),
    load: (keys) => loadDocs(db, keys),
  };
}

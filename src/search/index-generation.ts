import { type Kysely, sql } from 'kysely';
import { foldText } from './char-fold';
import { buildGramFilter } from './gram-filter';
import type { SearchDocument } from './search-provider';

// The index's generation and its change log, read by the result cache (result-cache.ts). Every write
// to the index bumps one counter and records, under the new generation, each document version it
// touched — the version it replaced or removed and the version it wrote — so a process that sees the
// generation move reads what changed, from whichever process wrote it, and drops only the cached
// results those versions could appear in (query-match.ts). The log keeps no text, only a filter of each
// public version's grams, for an hour at most: the version a correction replaced may be the one that
// leaked an identity number (gram-filter.ts).
// SQLite's data_version and PostgreSQL's
// snapshot, used before issue 8, change with any commit anywhere (a counted view, a submitted
// application) and so emptied the cache for nothing; the first generation counter emptied all of it
// on each publication, and refilling the commonest queries cost ~0.8 s of the event loop at 100,000
// items (BENCHMARKS.md "Search at a paced 300 req/s").

// biome-ignore lint/suspicious/noExplicitAny: the index owns its tables, outside the app schema
type AnyDb = Kysely<any>;

/**
 * A document version as the log keeps it: what decides whether an anonymous query finds it, with the
 * title and text only as a filter of their grams (gram-filter.ts), never as text.
 */
export type LoggedVersion = Pick<
  SearchDocument,
  'agencyId' | 'columnId' | 'publishedAt' | 'genre' | 'subject' | 'validity' | 'visibility'
> & {
  grams: string;
  /** The key of a document this write inserted: nothing of it was in the index before. */
  insertedKey?: number;
};

/**
 * A logged version as read back: one the write inserted (a document the index did not hold) comes
 * with its key and the folded title and text it has in the index now, read at catch-up, never logged —
 * enough to patch the match sets kept per query (match-memo.ts) instead of dropping them.
 */
export type ChangedVersion = LoggedVersion & { inserted?: InsertedDoc };

export interface InsertedDoc {
  key: number;
  /** Folded (char-fold.ts), as the index matches it. */
  title: string;
  text: string;
}

/** What generations changed, in order: some versions, or 'all' when a write was too large to describe. */
export type IndexChange = ChangedVersion[] | 'all';

export const generationTables = [
  'CREATE TABLE IF NOT EXISTS search_generation (id INTEGER PRIMARY KEY, generation BIGINT NOT NULL)',
  `CREATE TABLE IF NOT EXISTS search_change_log (
    generation BIGINT PRIMARY KEY, docs TEXT NOT NULL, logged_at BIGINT NOT NULL
  )`,
];

/** Generations the log keeps: a process further behind than this empties its cache instead. */
export const LOG_GENERATIONS = 500;
/** And for how long: a process that has not searched for longer empties its cache instead. */
export const LOG_MS = 3_600_000;
/** A write of more versions than this (a rebuild, an import) is logged as 'all'. */
const MAX_LOGGED_VERSIONS = 100;

type DocVersion = Omit<SearchDocument, 'id'>;

// The versions these documents have in the index now (search_docs has the same columns on both).
async function storedVersions(db: AnyDb, ids: string[]): Promise<SearchDocument[]> {
  if (ids.length === 0) return [];
  const rows = await sql<SearchDocument>`SELECT id, agency_id AS "agencyId", column_id AS "columnId", title,
    body AS "text", published_at AS "publishedAt", genre, subject, validity, visibility
    FROM search_docs WHERE id IN (${sql.join(ids)})`.execute(db);
  return rows.rows;
}

/** A version as the log keeps it. */
export function loggedVersion(v: DocVersion): LoggedVersion {
  const { agencyId, columnId, publishedAt, genre, subject, validity, visibility } = v;
  const grams = buildGramFilter(foldText(v.title), foldText(v.text));
  return { agencyId, columnId, publishedAt, genre, subject, validity, visibility, grams };
}

/** The keys the index gave these documents. */
async function keysOf(db: AnyDb, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await sql<{ id: string; key: string | number }>`SELECT id, doc_key AS "key"
    FROM search_docs WHERE id IN (${sql.join(ids)})`.execute(db);
  return new Map(rows.rows.map((r) => [r.id, Number(r.key)]));
}

// Only public versions: the cache holds anonymous results, which no other version can enter or leave.
// Read before the writes (the versions they replace); finished after them (the keys of insertions).
async function describe(db: AnyDb, ids: string[], written: SearchDocument[]) {
  if (ids.length + written.length > MAX_LOGGED_VERSIONS) return async () => 'all';
  const stored = await storedVersions(db, ids);
  const replaced = stored.filter((v) => v.visibility === 'public').map(loggedVersion);
  return async () => {
    const held = new Set(stored.map((v) => v.id));
    // New to the index and written once by this write: an insertion, whose key the log names.
    const inserted = (id: string) => !held.has(id) && written.filter((w) => w.id === id).length === 1;
    const fresh = written.filter((v) => v.visibility === 'public');
    const keys = await keysOf(db, fresh.map((v) => v.id).filter(inserted));
    const versions = fresh.map((v) => {
      const insertedKey = keys.get(v.id);
      return insertedKey === undefined ? loggedVersion(v) : { ...loggedVersion(v), insertedKey };
    });
    return JSON.stringify([...replaced, ...versions]);
  };
}

/**
 * Runs `writes` to the index in a transaction (the caller's, if it is in one) that first marks the
 * index changed: the documents `ids` (their stored versions, replaced or removed) and the versions
 * `written`. The bump comes first because it takes the generation row's lock: writers to the index
 * take turns, each reads the versions it replaces as the previous writer left them, and the log
 * entry commits with the writes it describes.
 */
export async function writeIndex(
  db: AnyDb,
  change: { ids: string[]; written: SearchDocument[] },
  writes: (trx: AnyDb) => Promise<void>,
): Promise<void> {
  const run = async (trx: AnyDb) => {
    const bumped = await sql<{ g: string | number }>`INSERT INTO search_generation (id, generation)
      VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET generation = search_generation.generation + 1
      RETURNING generation AS g`.execute(trx);
    const generation = Number(bumped.rows[0]?.g);
    const now = Date.now();
    const description = await describe(trx, change.ids, change.written);
    await writes(trx);
    await sql`INSERT INTO search_change_log (generation, docs, logged_at)
      VALUES (${generation}, ${await description()}, ${now})`.execute(trx);
    await sql`DELETE FROM search_change_log
      WHERE generation <= ${generation - LOG_GENERATIONS} OR logged_at < ${now - LOG_MS}`.execute(trx);
  };
  if (db.isTransaction) await run(db);
  else await db.transaction().execute(run);
}

/**
 * Marks the whole index changed with no record of how: after a restore replaced the database under
 * running processes (src/app/backup.ts). The generation moves past both `liveBefore`, the live
 * database's before the restore, and the restored one by more than the log keeps, so every process
 * that cached results from either database asks afresh.
 */
export async function forgetIndexHistory(db: AnyDb, liveBefore: number): Promise<void> {
  for (const statement of generationTables) await sql.raw(statement).execute(db); // an older backup
  const next = Math.max(await indexGeneration(db), liveBefore) + LOG_GENERATIONS + 1;
  await sql`INSERT INTO search_generation (id, generation) VALUES (1, ${next})
    ON CONFLICT (id) DO UPDATE SET generation = ${next}`.execute(db);
}

/** The index's generation, or 0 where there is no index yet (a database never served). */
export async function indexGenerationIfAny(db: AnyDb): Promise<number> {
  try {
    return await indexGeneration(db);
  } catch {
    return 0;
  }
}

/** The index's generation as committed now (0 before the first write). */
export async function indexGeneration(db: AnyDb): Promise<number> {
  const row = await sql<{
    g: string | number;
  }>`SELECT generation AS g FROM search_generation WHERE id = 1`.execute(db);
  return Number(row.rows[0]?.g ?? 0);
}

// The folded title and text an inserted document has in the index now. Absent when a later write
// removed it; then the version is left without `inserted`, and whoever reads it drops what it may touch.
async function insertedDocs(db: AnyDb, keys: number[]): Promise<Map<number, InsertedDoc>> {
  if (keys.length === 0) return new Map();
  const rows = await sql<{ key: string | number; title: string; body: string }>`SELECT doc_key AS "key",
    title, body FROM search_docs WHERE doc_key IN (${sql.join(keys)})`.execute(db);
  return new Map(
    rows.rows.map((r) => {
      const key = Number(r.key);
      return [key, { key, title: foldText(r.title), text: foldText(r.body) }];
    }),
  );
}

/** What generations after `from` up to `to` changed, or 'all' when the log no longer holds each. */
export async function changesBetween(db: AnyDb, from: number, to: number): Promise<IndexChange> {
  if (to - from > LOG_GENERATIONS) return 'all'; // pruned already: no need to read what is left
  const rows = await sql<{ docs: string }>`SELECT docs FROM search_change_log
    WHERE generation > ${from} AND generation <= ${to} ORDER BY generation`.execute(db);
  if (rows.rows.length !== to - from) return 'all';
  const versions: LoggedVersion[] = [];
  for (const { docs } of rows.rows) {
    if (docs === 'all') return 'all';
    versions.push(...(JSON.parse(docs) as LoggedVersion[]));
  }
  const keys = versions.flatMap((v) => (v.insertedKey === undefined ? [] : [v.insertedKey]));
  const inserted = await insertedDocs(db, keys);
  return versions.map((v) => {
    const doc = v.insertedKey === undefined ? undefined : inserted.get(v.insertedKey);
    return doc ? { ...v, inserted: doc } : v;
  });
}

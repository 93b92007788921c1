import { type Kysely, sql } from 'kysely';
import { indexWritesHere } from './result-cache';

// The index's generation: one counter both providers bump with every write to the index, read as the
// result cache's stamp (result-cache.ts). SQLite's data_version and PostgreSQL's snapshot, used before
// issue 8, change with any commit anywhere — a counted view, a submitted application, the worker's
// reminders — and so emptied the cache for nothing; the generation changes only when the index does,
// whichever process wrote it, so a publication through any instance still shows on the next search.

// biome-ignore lint/suspicious/noExplicitAny: the index owns its tables, outside the app schema
type AnyDb = Kysely<any>;

export const generationTable =
  'CREATE TABLE IF NOT EXISTS search_generation (id INTEGER PRIMARY KEY, generation BIGINT NOT NULL)';

/**
 * Marks the index changed. Call it in the writing transaction, or after the writes have committed:
 * a search that reads the new generation must see them (a search between the writes and the bump
 * only caches fresher results under the old generation, which the bump then retires).
 */
export async function bumpGeneration(db: AnyDb): Promise<void> {
  await sql`INSERT INTO search_generation (id, generation) VALUES (1, 1)
    ON CONFLICT (id) DO UPDATE SET generation = search_generation.generation + 1`.execute(db);
}

/** The stamp of the index as it is now: its generation, and this process's writes not yet committed. */
export async function indexStamp(db: AnyDb): Promise<string> {
  const here = indexWritesHere();
  const row = await sql<{
    g: string | number;
  }>`SELECT generation AS g FROM search_generation WHERE id = 1`.execute(db);
  return `${here}:${row.rows[0]?.g ?? 0}`;
}

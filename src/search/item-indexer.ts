import type { Kysely } from 'kysely';
import type { DB, Item } from '../db/schema';
import { plainText } from '../modules/documents/sanitize';
import { createSearchProvider } from './index';
import type { SearchDocument } from './search-provider';

// Keeps the search index in step with publication: an item enters the index when it is published,
// changes when its validity changes, and leaves when it is withdrawn — in the same transaction as the
// change, so search never shows what the portal would not.

async function documentOf(db: Kysely<DB>, item: Item): Promise<SearchDocument> {
  const body = plainText(item.body_html);
  const normative = await db
    .selectFrom('normative_documents')
    .select('status')
    .where('item_id', '=', item.id)
    .executeTakeFirst();
  return {
    id: item.id,
    agencyId: item.agency_id,
    columnId: item.column_id,
    title: item.title,
    // The summary usually repeats the opening of the body; indexing it twice would show it twice in snippets.
    text: [item.doc_number, body.includes(item.summary) ? '' : item.summary, body].filter(Boolean).join(' '),
    publishedAt: item.published_at ?? item.updated_at,
    genre: item.genre,
    subject: item.subject_id,
    validity: normative?.status ?? null,
    visibility: item.visibility,
  };
}

/** Brings one item's index entry in line with its state: indexed while published, absent otherwise. */
export async function syncSearchIndex(db: Kysely<DB>, itemId: string): Promise<void> {
  const provider = createSearchProvider(db);
  const item = await db.selectFrom('items').selectAll().where('id', '=', itemId).executeTakeFirst();
  if (item?.status === 'published') await provider.upsert([await documentOf(db, item)]);
  else await provider.remove([itemId]);
}

/**
 * Rebuilds the whole index from the items (after an import or a restore): entries of items no longer
 * published are removed, published items are (re)indexed oldest first, so "newest indexed" follows
 * "newest published". Returns how many items are indexed.
 */
export async function rebuildSearchIndex(db: Kysely<DB>): Promise<number> {
  const provider = createSearchProvider(db);
  await provider.ensureSchema();
  const gone = await db.selectFrom('items').select('id').where('status', '!=', 'published').execute();
  for (let i = 0; i < gone.length; i += 500) await provider.remove(gone.slice(i, i + 500).map((r) => r.id));
  const published = await db
    .selectFrom('items')
    .select('id')
    .where('status', '=', 'published')
    .orderBy('published_at')
    .orderBy('id')
    .execute();
  for (let i = 0; i < published.length; i += 200) {
    const ids = published.slice(i, i + 200).map((r) => r.id);
    const rows = await db.selectFrom('items').selectAll().where('id', 'in', ids).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const docs: SearchDocument[] = [];
    for (const id of ids) {
      const item = byId.get(id);
      if (item) docs.push(await documentOf(db, item));
    }
    await provider.upsert(docs);
  }
  return published.length;
}

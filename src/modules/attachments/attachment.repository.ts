import type { Kysely } from 'kysely';
import type { Attachment, DB, Item } from '../../db/schema';

// The attachments table as the services read and write it; deleted rows stay as the record of what was there.

/** The live attachments of an item, oldest first. */
export function listAttachments(db: Kysely<DB>, itemId: string): Promise<Attachment[]> {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('item_id', '=', itemId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export type AttachmentWithItem = Attachment & { item: Pick<Item, 'status' | 'visibility' | 'agency_id'> };

/** A live attachment with what the visibility rule needs of its item. */
export async function findAttachment(db: Kysely<DB>, id: string): Promise<AttachmentWithItem | undefined> {
  const row = await db
    .selectFrom('attachments')
    .innerJoin('items', 'items.id', 'attachments.item_id')
    .selectAll('attachments')
    .select(['items.status', 'items.visibility', 'items.agency_id'])
    .where('attachments.id', '=', id)
    .where('attachments.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { status, visibility, agency_id, ...attachment } = row;
  return { ...attachment, item: { status, visibility, agency_id } };
}

/**
 * Re-checks inside the caller's transaction that the item is still a draft, and takes its row lock
 * (PostgreSQL; SQLite's writer lock already serialises), so a concurrent submit waits for this change.
 */
export async function touchDraft(trx: Kysely<DB>, itemId: string, now: string): Promise<boolean> {
  const result = await trx
    .updateTable('items')
    .set({ updated_at: now })
    .where('id', '=', itemId)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

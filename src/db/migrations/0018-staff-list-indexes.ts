import type { Kysely } from 'kysely';

// Frozen once shipped. The back office's lists read an agency's items newest first: 信息发布 the latest
// 200 by last change (listStaffItems) and the Art. 26 timeliness check the latest 500 published
// (latePublications). With only (agency_id, status) to go by, both read every item of the agency and
// sorted it — some 2,000 rows a page at 10,000 items, with the body read past on each — and the review
// queue page answered 48 times a second (BENCHMARKS.md, load). These indexes hand the rows over in order.
// The second serves the review queue itself (pendingReviewsFor: in_review, oldest change first), which
// SQLite would otherwise read through the first, item by item, to spare itself a sort. The third also
// carries what the timeliness check and the list of policies without an interpretation filter on, so
// both pass over the index alone and read only the items they keep: an item's row holds its body before
// these columns. The two with status start with the columns of items_agency, which they replace.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('items_agency_updated')
    .on('items')
    .columns(['agency_id', 'updated_at'])
    .execute();
  await db.schema
    .createIndex('items_agency_status_updated')
    .on('items')
    .columns(['agency_id', 'status', 'updated_at'])
    .execute();
  await db.schema
    .createIndex('items_agency_status_published')
    .on('items')
    .columns([
      'agency_id',
      'status',
      'published_at',
      'disclosure',
      'genre',
      'is_policy',
      'written_on',
      'created_at',
      'id',
    ])
    .execute();
  await db.schema.dropIndex('items_agency').execute();
}

import type { Kysely } from 'kysely';

// Frozen once shipped. The back office's lists read an agency's items newest first: 信息管理 a page of
// 50 by last change (listStaffItems) and the Art. 26 timeliness check the latest 500 published
// (latePublications). With only (agency_id, status) to go by, both read every item of the agency and
// sorted it — some 2,000 rows a page at 10,000 items, with the body read past on each — and the review
// queue page answered 48 times a second (BENCHMARKS.md, load). These indexes hand the rows over in order.
// The second serves the review queue itself (pendingReviewsFor: in_review, oldest change first), which
// SQLite would otherwise read through the first, item by item, to spare itself a sort. The third also
// carries what the timeliness check and the list of policies without an interpretation filter on, so
// both pass over the index alone and read only the items they keep: an item's row holds its body before
// these columns. The two with status start with the columns of items_agency, which they replace.
// The portal's column pages likewise count a column's public items and list them newest first: with
// the visibility in an index, the count reads the index alone and the page reads only its own rows
// (a column page cost 1 ms of server CPU at 10,000 items, against 0.3 ms on the demo content).

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
  await db.schema
    .createIndex('items_column_public')
    .on('items')
    .columns(['column_id', 'status', 'visibility', 'published_at', 'id'])
    .execute();
  await db.schema.dropIndex('items_agency').execute();
}

import type { Kysely } from 'kysely';

// Frozen once shipped. Corrections: a published item is corrected by publishing a new version of it;
// earlier versions are kept for the version history on its page.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('items')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('items')
    .addColumn('correction_of', 'text', (c) => c.references('items.id'))
    .execute();
  await db.schema.alterTable('items').addColumn('correction_reason', 'text').execute();
  await db.schema
    .createTable('item_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull()) // when this version went public
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull()) // why the next version replaced it
    .addUniqueConstraint('item_versions_item_version', ['item_id', 'version'])
    .execute();
}

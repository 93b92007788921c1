import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Frozen once shipped. The 规范性文件 registry with its status history, and 政策解读 linked to policies.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('items').addColumn('registration_number', 'text').execute(); // 登记号, set at drafting
  await db.schema.alterTable('items').addColumn('effective_from', 'text').execute(); // 施行日期 YYYY-MM-DD

  await db.schema
    .createTable('normative_documents')
    .addColumn('item_id', 'text', (c) => c.primaryKey().references('items.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('registration_number', 'text', (c) => c.notNull().unique())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('trial', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(sql.raw("status IN ('in_force', 'expired', 'repealed', 'amended', 'partly_expired')")),
    )
    .addColumn('status_date', 'text', (c) => c.notNull())
    .addColumn('status_instrument', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('successor_item_id', 'text', (c) => c.references('items.id'))
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('normative_agency_status')
    .on('normative_documents')
    .columns(['agency_id', 'status'])
    .execute();
  await db.schema
    .createIndex('normative_valid_until')
    .on('normative_documents')
    .columns(['status', 'valid_until'])
    .execute();

  await db.schema
    .createTable('normative_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('normative_documents.item_id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('effective_on', 'text', (c) => c.notNull())
    .addColumn('instrument', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('normative_events_item').on('normative_events').column('item_id').execute();

  await db.schema
    .createTable('interpretations')
    .addColumn('item_id', 'text', (c) => c.primaryKey().references('items.id'))
    .addColumn('policy_item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('form', 'text', (c) =>
      c.notNull().check(sql.raw("form IN ('text', 'qa', 'graphic', 'video', 'interview', 'press')")),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('interpretations_policy')
    .on('interpretations')
    .column('policy_item_id')
    .execute();
}

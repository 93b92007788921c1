import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Frozen once shipped. The mail outbox (architecture.md "mail"): a mail is written in the transaction that
// decides to send it and delivered later by the worker, retried with backoff. The dedupe key makes a
// reminder or notice go out at most once however often the job that enqueues it runs. Staff get an
// e-mail address for those reminders.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().check(sql.raw("status IN ('pending', 'sent', 'failed')")))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.alterTable('users').addColumn('email', 'text').execute();
}

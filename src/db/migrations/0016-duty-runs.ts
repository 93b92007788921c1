import type { Kysely } from 'kysely';

// Frozen once shipped. One row per scheduled duty per time slot: when several server instances share
// one database (issue 8), the first to insert the slot's row runs the duty and the others skip it, so
// the nightly inspection, reminders and lapses run exactly once however many instances schedule them.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('duty_runs')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slot', 'text', (c) => c.notNull()) // ISO start of the slot: floor(now / interval)
    .addColumn('instance', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('outcome', 'text') // 'ok' | 'failed'
    .addColumn('message', 'text')
    .addPrimaryKeyConstraint('duty_runs_pk', ['name', 'slot'])
    .execute();
  await db.schema.createIndex('duty_runs_started').on('duty_runs').column('started_at').execute();
}

import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Frozen once shipped. 部门信箱 letters (portal-standards.md §8): the letter with the writer's data sealed,
// its event history, and the per-type reply deadlines as data (defaults 咨询 5, others 15 working days).

const STATUSES = "'held','set_aside','received','accepted','review','approved','answered','invalid','merged'";
const TYPES = "'consult','suggest','complain','help','other'";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mailbox_letters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('first_agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('tracking_number', 'text', (c) => c.notNull().unique())
    .addColumn('query_code_hash', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(sql.raw(`type IN (${TYPES})`)))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('writer_name_sealed', 'text', (c) => c.notNull())
    .addColumn('writer_name_masked', 'text', (c) => c.notNull())
    .addColumn('phone_sealed', 'text', (c) => c.notNull())
    .addColumn('phone_masked', 'text', (c) => c.notNull())
    .addColumn('email_sealed', 'text')
    .addColumn('email_masked', 'text', (c) => c.notNull())
    .addColumn('consent', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql.raw(`status IN (${STATUSES})`)))
    .addColumn('held_reason', 'text')
    .addColumn('submitted_ip', 'text')
    .addColumn('received_on', 'text')
    .addColumn('deadline_days', 'integer')
    .addColumn('due_on', 'text')
    .addColumn('assigned_to', 'text', (c) => c.references('users.id'))
    .addColumn('primary_id', 'text', (c) => c.references('mailbox_letters.id'))
    .addColumn('reply_draft', 'text')
    .addColumn('drafted_by', 'text', (c) => c.references('users.id'))
    .addColumn('reply', 'text')
    .addColumn('answered_on', 'text')
    .addColumn('answered_agency_id', 'text', (c) => c.references('agencies.id'))
    .addColumn('invalid_reason', 'text')
    .addColumn('escalated_at', 'text')
    .addColumn('red_line_alarm_at', 'text')
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_subject', 'text')
    .addColumn('published_content', 'text')
    .addColumn('published_reply', 'text')
    .addColumn('published_at', 'text')
    .addColumn('rating', 'text', (c) => c.check(sql.raw("rating IN ('satisfied','basic','dissatisfied')")))
    .addColumn('rated_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('mailbox_letters_agency_status_due')
    .on('mailbox_letters')
    .columns(['agency_id', 'status', 'due_on'])
    .execute();
  await db.schema
    .createIndex('mailbox_letters_ip_created')
    .on('mailbox_letters')
    .columns(['submitted_ip', 'created_at'])
    .execute();
  await db.schema
    .createIndex('mailbox_letters_published')
    .on('mailbox_letters')
    .columns(['published', 'answered_on'])
    .execute();
  await db.schema
    .createTable('mailbox_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('letter_id', 'text', (c) => c.notNull().references('mailbox_letters.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('mailbox_events_letter')
    .on('mailbox_events')
    .columns(['letter_id', 'at'])
    .execute();
  await db.schema
    .createTable('mailbox_deadlines')
    .addColumn('type', 'text', (c) => c.primaryKey().check(sql.raw(`type IN (${TYPES})`)))
    .addColumn('working_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  const at = '2026-01-01T00:00:00.000Z';
  const defaults: [string, number][] = [
    ['consult', 5],
    ['suggest', 15],
    ['complain', 15],
    ['help', 15],
    ['other', 15],
  ];
  await db
    .insertInto('mailbox_deadlines')
    .values(defaults.map(([type, days]) => ({ type, working_days: days, updated_at: at, updated_by: null })))
    .execute();
}

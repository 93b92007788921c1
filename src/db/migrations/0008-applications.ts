import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Frozen once shipped. 依申请公开 cases (条例 Art. 27–42): the case, its event history (the truth from
// which due dates are derived), the letters issued, reconsiderations and lawsuits, and the agencies'
// own letter templates. Applicants' identity numbers and contact details are stored sealed, with a
// masked form for display and an HMAC key to recognise the same applicant without decrypting.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('tracking_number', 'text', (c) => c.notNull().unique())
    .addColumn('query_code_hash', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) =>
      c.notNull().check(sql.raw("channel IN ('online', 'in_person', 'registered_post', 'letter', 'fax')")),
    )
    .addColumn('applicant_type', 'text', (c) =>
      c
        .notNull()
        .check(
          sql.raw(
            "applicant_type IN ('natural', 'commercial', 'research', 'publicWelfare', 'legalService', 'other')",
          ),
        ),
    )
    .addColumn('applicant_name', 'text', (c) => c.notNull()) // person or organisation name
    .addColumn('contact_person', 'text')
    .addColumn('id_type', 'text', (c) => c.notNull()) // 身份证, 护照… or 统一社会信用代码
    .addColumn('id_number_sealed', 'text')
    .addColumn('id_number_masked', 'text', (c) => c.notNull())
    .addColumn('phone_sealed', 'text')
    .addColumn('phone_masked', 'text', (c) => c.notNull())
    .addColumn('email_sealed', 'text')
    .addColumn('email_masked', 'text', (c) => c.notNull())
    .addColumn('address_sealed', 'text')
    .addColumn('address_masked', 'text', (c) => c.notNull())
    .addColumn('applicant_key', 'text', (c) => c.notNull()) // HMAC of the identity number
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('delivery_form', 'text', (c) => c.notNull())
    .addColumn('delivery_channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql.raw(
            "status IN ('held', 'received', 'correction', 'processing', 'paused', 'decided', 'closed', 'rejected_spam')",
          ),
        ),
    )
    .addColumn('held_reason', 'text')
    .addColumn('submitted_ip', 'text')
    .addColumn('received_on', 'text') // 收到申请之日 (Art. 31), YYYY-MM-DD
    .addColumn('assigned_to', 'text', (c) => c.references('users.id'))
    .addColumn('due_on', 'text') // derived from the events; kept only to sort the queue
    .addColumn('outcome', 'text')
    .addColumn('outcome_note', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('purged_at', 'text') // personal fields deleted at the end of the retention period
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0)) // bumped by every step: one wins a race
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('applications_agency_status_due')
    .on('applications')
    .columns(['agency_id', 'status', 'due_on'])
    .execute();
  await db.schema
    .createIndex('applications_applicant')
    .on('applications')
    .columns(['applicant_key', 'received_on'])
    .execute();
  await db.schema
    .createIndex('applications_ip_created')
    .on('applications')
    .columns(['submitted_ip', 'created_at'])
    .execute();

  await db.schema
    .createTable('application_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull()) // the legal date of the event, YYYY-MM-DD
    .addColumn('at', 'text', (c) => c.notNull()) // when it was recorded
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('application_events_case')
    .on('application_events')
    .columns(['application_id', 'at'])
    .execute();

  await db.schema
    .createTable('application_letters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull().unique()) // per agency and year
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull()) // JSON: the letter as issued, fixed
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('public', 'integer', (c) => c.notNull()) // the applicant may download it
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('application_letters_case')
    .on('application_letters')
    .column('application_id')
    .execute();

  await db.schema
    .createTable('application_appeals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(sql.raw("kind IN ('reconsideration', 'litigationDirect', 'litigationAfterReconsideration')")),
    )
    .addColumn('filed_on', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) =>
      c.notNull().check(sql.raw("result IN ('upheld', 'corrected', 'other', 'pending')")),
    )
    .addColumn('concluded_on', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('letter_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id')) // the code holds the defaults
    .addColumn('key', 'text', (c) => c.notNull()) // letter kind, or `reply:<outcome>`
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull()) // paragraphs with {{placeholders}}
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('letter_templates_agency_key', ['agency_id', 'key'])
    .execute();
}

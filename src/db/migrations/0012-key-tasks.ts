import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Frozen once shipped. The key-task list (重点工作清单) as a district receives it from the province, its
// decomposition into tasks per agency with evidence and acceptance, the roster of dedicated disclosure
// staff (专职工作人员) with their training, the minutes of the information officers' regular meetings
// (信息员例会), and the monthly gap-check reports (查漏补缺).

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('key_task_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('text_key', 'text', (c) => c.notNull()) // the normalised task text: re-imports match on it
    .addColumn('seq', 'text', (c) => c.notNull()) // 序号 as written (1, 一、3 …)
    .addColumn('category', 'text', (c) => c.notNull()) // the section heading the row sits under, or ''
    .addColumn('title', 'text', (c) => c.notNull()) // 工作任务 / 重点工作
    .addColumn('requirement', 'text', (c) => c.notNull()) // 具体要求
    .addColumn('lead_units', 'text', (c) => c.notNull()) // 责任单位 as written
    .addColumn('deadline_text', 'text', (c) => c.notNull()) // 完成时限 as written
    .addColumn('deadline_on', 'text') // YYYY-MM-DD; null: 持续推进 (ongoing)
    .addColumn('source_name', 'text', (c) => c.notNull())
    .addColumn('source_row', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('key_task_items_year_key')
    .on('key_task_items')
    .columns(['year', 'text_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('key_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('key_task_items.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('owner_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('owner_name', 'text', (c) => c.notNull())
    .addColumn('deadline_on', 'text') // null: ongoing, never late
    .addColumn('evidence_required', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql.raw("state IN ('open', 'submitted', 'returned', 'accepted')")),
    )
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('progress_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('submitted_by', 'text', (c) => c.references('users.id'))
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_by', 'text', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('key_tasks_item').on('key_tasks').column('item_id').execute();
  await db.schema.createIndex('key_tasks_agency').on('key_tasks').columns(['agency_id', 'state']).execute();

  await db.schema
    .createTable('key_task_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('key_tasks.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql.raw("kind IN ('item', 'file')")))
    .addColumn('item_id', 'text', (c) => c.references('items.id')) // a published item of the agency
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text') // files: sanitised name, never a path
    .addColumn('stored_name', 'text')
    .addColumn('media_type', 'text')
    .addColumn('size', 'integer')
    .addColumn('sha256', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('key_task_evidence_task').on('key_task_evidence').column('task_id').execute();

  await db.schema
    .createTable('key_task_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('key_tasks.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('key_task_events_task')
    .on('key_task_events')
    .columns(['task_id', 'at'])
    .execute();

  await db.schema
    .createTable('disclosure_staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('full_time', 'integer', (c) => c.notNull().check(sql.raw('full_time IN (0, 1)')))
    .addColumn('since', 'text', (c) => c.notNull()) // YYYY-MM-DD
    .addColumn('left_on', 'text') // null while in post
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('disclosure_staff_agency').on('disclosure_staff').column('agency_id').execute();

  await db.schema
    .createTable('staff_trainings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('disclosure_staff.id'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('organizer', 'text', (c) => c.notNull())
    .addColumn('hours', 'double precision', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_trainings_staff').on('staff_trainings').column('staff_id').execute();

  await db.schema
    .createTable('officer_meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('attendees', 'text', (c) => c.notNull())
    .addColumn('topics', 'text', (c) => c.notNull())
    .addColumn('decisions', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text')
    .addColumn('stored_name', 'text')
    .addColumn('media_type', 'text')
    .addColumn('size', 'integer')
    .addColumn('sha256', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('officer_meetings_agency')
    .on('officer_meetings')
    .columns(['agency_id', 'held_on'])
    .execute();

  await db.schema
    .createTable('gap_check_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('period', 'text', (c) => c.notNull()) // YYYY-MM
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql.raw(`"trigger" IN ('scheduled', 'manual')`)))
    .addColumn('generated_at', 'text', (c) => c.notNull())
    .addColumn('generated_by', 'text', (c) => c.references('users.id'))
    .addColumn('as_of', 'text', (c) => c.notNull()) // the China day the report looks from
    .addColumn('problem_count', 'integer', (c) => c.notNull())
    .addColumn('sections', 'text', (c) => c.notNull()) // JSON GapSection[]
    .addColumn('recipients', 'text', (c) => c.notNull()) // JSON string[]: where it was mailed
    .execute();
  // The monthly run is once per agency per month; a race between two instances fails on this index.
  await db.schema
    .createIndex('gap_check_reports_monthly')
    .on('gap_check_reports')
    .columns(['agency_id', 'period'])
    .unique()
    .where(sql.ref('trigger'), '=', 'scheduled')
    .execute();
  await db.schema
    .createIndex('gap_check_reports_agency')
    .on('gap_check_reports')
    .columns(['agency_id', 'generated_at'])
    .execute();
}

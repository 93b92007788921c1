import { type Kysely, sql } from 'kysely';

// Frozen once shipped. The working-day calendar as data (条例 Art. 33 counts working days): chinese-days
// supplies the State Council notices; these tables hold the administrators' overrides in front of it,
// each change a numbered version (who, when, on what notice, which days), so open cases' due dates can
// be recomputed and the history shows why they moved.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calendar_versions')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull()) // the notice, e.g. 国办发明电〔2025〕7号
    .addColumn('changes', 'text', (c) => c.notNull()) // JSON: [{day, isWorkday, note, before}]
    .execute();

  await db.schema
    .createTable('calendar_days')
    .addColumn('day', 'text', (c) => c.primaryKey()) // YYYY-MM-DD
    .addColumn('is_workday', 'integer', (c) => c.notNull().check(sql.raw('is_workday IN (0, 1)')))
    .addColumn('note', 'text', (c) => c.notNull()) // '春节', '调休上班', …
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().references('calendar_versions.version'))
    .execute();
  await db.schema.createIndex('calendar_days_version').on('calendar_days').column('version').execute();
}

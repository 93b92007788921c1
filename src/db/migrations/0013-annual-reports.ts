import type { Kysely } from 'kysely';

// Frozen once shipped. The annual report (条例 Art. 49–50, format 国办公开办函〔2021〕30号):
// - report_figures: the table 2 figures that come from other systems (行政许可, 行政处罚, 行政强制 decisions,
//   行政事业性收费 in 万元, and 规章 counts where an agency makes rules), entered or imported per agency and
//   year with their source; the value is a decimal kept as text so the fee keeps its decimals exactly;
// - annual_reports: one stored report per agency and year (the JSON interchange format as text), with
//   its status and, once published, the disclosure item it is published as.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_figures')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull()) // licensing | penalty | enforcement | feesTenThousandYuan | rules.*
    .addColumn('value', 'text', (c) => c.notNull()) // decimal as text, e.g. "12.3456"
    .addColumn('source', 'text', (c) => c.notNull()) // the system or document the figure comes from
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_figures_pk', ['agency_id', 'year', 'key'])
    .execute();

  await db.schema
    .createTable('annual_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // draft | in_review | approved | published
    .addColumn('data', 'text', (c) => c.notNull()) // JSON: the interchange format (README)
    .addColumn('item_id', 'text', (c) => c.references('items.id')) // the published 年报 item; null before
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('annual_reports_agency_year', ['agency_id', 'year'])
    .execute();
}

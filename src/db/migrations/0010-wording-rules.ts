import { type Kysely, sql } from 'kysely';

// Frozen once shipped. The 错敏词 dictionaries as data (issue 5, compliance.md §4–§5.2): rules of five
// types with severity, explanation, basis, source and validity dates; an allow-list of phrases that
// override hits by span; and a version per change, so the compiled dictionary is cached by version.
// The starter set is not inserted here (migrations stay frozen and never import app code): the
// compliance module seeds it as version 1 on first use.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('wording_rule_versions')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('wording_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) =>
      c
        .notNull()
        .check(sql.raw("type IN ('sensitive', 'wrong_right', 'official_name', 'outdated', 'context')")),
    )
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('suggestion', 'text') // null: no replacement to offer
    .addColumn('severity', 'text', (c) => c.notNull().check(sql.raw("severity IN ('veto', 'ordinary')")))
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull()) // legal or editorial basis
    .addColumn('source', 'text', (c) => c.notNull()) // where the case or list was reported
    .addColumn('tags', 'text', (c) => c.notNull()) // JSON string[]
    .addColumn('valid_from', 'text') // YYYY-MM-DD, inclusive; null = always
    .addColumn('valid_to', 'text') // YYYY-MM-DD, inclusive; null = open-ended
    .addColumn('context', 'text') // JSON {before?: string[], after?: string[], window?: number}
    .addColumn('options', 'text', (c) => c.notNull()) // JSON {skipNoise?, foldRepeats?}
    .addColumn('enabled', 'integer', (c) => c.notNull().check(sql.raw('enabled IN (0, 1)')))
    .addColumn('version', 'integer', (c) => c.notNull()) // the dictionary version of the last change
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('wording_rules_type').on('wording_rules').columns(['type', 'term']).execute();

  await db.schema
    .createTable('wording_allow')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('phrase', 'text', (c) => c.notNull().unique())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

import type { Kysely } from 'kysely';

// Frozen once shipped. One row per piece of work that must not run twice at once across instances
// (src/jobs/cluster-lease.ts; first, a whole-site inspection): inserted by the process that takes it,
// renewed while it works, deleted when it ends, and taken over when no longer renewed.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cluster_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('instance', 'text', (c) => c.notNull())
    .addColumn('renewed_at', 'text', (c) => c.notNull())
    .execute();
}

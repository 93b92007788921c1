import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Database } from './client';
import * as m0001 from './migrations/0001-foundation';
import * as m0002 from './migrations/0002-publishing';
import * as m0003 from './migrations/0003-normative-interpretations';
import * as m0004 from './migrations/0004-attachments';
import * as m0005 from './migrations/0005-versions';
import * as m0006 from './migrations/0006-outbox';
import * as m0007 from './migrations/0007-calendar';
import * as m0008 from './migrations/0008-applications';
import * as m0009 from './migrations/0009-inspections';
import * as m0010 from './migrations/0010-wording-rules';
import * as m0011 from './migrations/0011-mailbox';
import * as m0012 from './migrations/0012-key-tasks';
import * as m0013 from './migrations/0013-annual-reports';
import * as m0016 from './migrations/0016-duty-runs';
import * as m0017 from './migrations/0017-cluster-leases';
import * as m0018 from './migrations/0018-list-indexes';

// Static list: migrations are bundled with the code, never discovered from the file system at run time.
const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-publishing': m0002,
  '0003-normative-interpretations': m0003,
  '0004-attachments': m0004,
  '0005-versions': m0005,
  '0006-outbox': m0006,
  '0007-calendar': m0007,
  '0008-applications': m0008,
  '0009-inspections': m0009,
  '0010-wording-rules': m0010,
  '0011-mailbox': m0011,
  '0012-key-tasks': m0012,
  '0013-annual-reports': m0013,
  '0016-duty-runs': m0016,
  '0017-cluster-leases': m0017,
  '0018-list-indexes': m0018,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema to the latest version; returns the names of migrations applied now. */
export async function migrateToLatest(db: Database): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'schema_migrations' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

import { type Kysely, PostgresAdapter, sql } from 'kysely';

// The ONLY place where SQLite and PostgreSQL differ (architecture.md, "Portable SQL").

export type DialectName = 'sqlite' | 'postgres';

// biome-ignore lint/suspicious/noExplicitAny: works on any schema, migrations included
type AnyDb = Kysely<any>;

/** Which engine a Kysely instance talks to. */
export function dialectOf(db: AnyDb): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Makes a table append-only: UPDATE and DELETE through any connection abort (security.md T15). */
export async function makeAppendOnly(db: AnyDb, table: string): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql
      .raw(
        `CREATE OR REPLACE FUNCTION ${table}_append_only() RETURNS trigger AS $$
         BEGIN RAISE EXCEPTION '${table} is append-only'; END; $$ LANGUAGE plpgsql`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_change BEFORE UPDATE OR DELETE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`,
      )
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
         FOR EACH STATEMENT EXECUTE FUNCTION ${table}_append_only()`)
      .execute(db);
    return;
  }
  for (const op of ['UPDATE', 'DELETE']) {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table}
         BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
      )
      .execute(db);
  }
}

/** Serialises appends to a hash chain inside the caller's transaction (SQLite transactions already are). */
export async function lockForChainAppend(trx: AnyDb, table: string): Promise<void> {
  if (dialectOf(trx) === 'postgres') {
    await sql.raw(`LOCK TABLE ${table} IN SHARE ROW EXCLUSIVE MODE`).execute(trx);
  }
}

/** Runs `fn` with the append-only triggers of `table` lifted — for tests that simulate tampering only. */
export async function bypassAppendOnly(db: AnyDb, table: string, fn: () => Promise<void>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql.raw(`ALTER TABLE ${table} DISABLE TRIGGER USER`).execute(db);
    try {
      await fn();
    } finally {
      await sql.raw(`ALTER TABLE ${table} ENABLE TRIGGER USER`).execute(db);
    }
    return;
  }
  const triggers = await sql<{ name: string; sql: string }>`
    SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ${table}`.execute(db);
  for (const t of triggers.rows) await sql.raw(`DROP TRIGGER ${t.name}`).execute(db);
  try {
    await fn();
  } finally {
    for (const t of triggers.rows) await sql.raw(t.sql).execute(db);
  }
}

/**
 * The settings that decide whether an acknowledged write survives a crash (security.md T4, T18):
 * PostgreSQL's fsync and synchronous_commit, or SQLite's synchronous level on this connection.
 */
export async function durabilitySettings(
  db: AnyDb,
): Promise<
  { engine: 'postgres'; fsync: string; synchronousCommit: string } | { engine: 'sqlite'; synchronous: number }
> {
  if (dialectOf(db) === 'postgres') {
    const show = async (name: string) =>
      String((await sql.raw<Record<string, string>>(`SHOW ${name}`).execute(db)).rows[0]?.[name]);
    return {
      engine: 'postgres',
      fsync: await show('fsync'),
      synchronousCommit: await show('synchronous_commit'),
    };
  }
  const row = (await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(db)).rows[0];
  return { engine: 'sqlite', synchronous: Number(row?.synchronous) };
}

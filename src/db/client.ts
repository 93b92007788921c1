import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema';

export type Database = Kysely<DB>;

export interface DatabaseTarget {
  /** postgres:// URL, or undefined for embedded SQLite */
  url?: string | undefined;
  /** SQLite file path, or ':memory:' */
  sqlitePath?: string;
}

/** Where the embedded database lives inside a data folder. */
export function sqlitePathIn(dataDir: string): string {
  return path.join(dataDir, 'gongkai.sqlite');
}

/** Opens a raw better-sqlite3 handle with the durability settings of architecture.md. */
export function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const handle = new SQLite(file);
  // An acknowledged write is on disk (security.md §4.1): WAL with synchronous=FULL.
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = FULL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('secure_delete = ON'); // 等保 8.1.4.10: freed pages are zeroed
  handle.pragma('busy_timeout = 5000');
  return withStatementCache(handle);
}

const STATEMENT_CACHE_SIZE = 2000;

/**
 * Keeps prepared statements by their SQL text. Kysely prepares every query anew, and preparing cost
 * more than running the queries of an item page (bench/load); SQLite re-prepares a cached statement
 * itself after a schema change. A statement still being iterated is busy, so it is never handed out.
 * Transactions begin IMMEDIATE (see below).
 */
function withStatementCache(handle: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = handle.prepare.bind(handle);
  handle.prepare = ((text: string) => {
    // Kysely opens transactions with a deferred BEGIN; a transaction that reads and then writes fails
    // at once with SQLITE_BUSY when another process (the CLI beside the server) wrote in between,
    // without waiting for busy_timeout. BEGIN IMMEDIATE takes the write lock first, waiting its turn.
    const source = text === 'begin' ? 'begin immediate' : text;
    const cached = cache.get(source);
    if (cached && !cached.busy) return cached;
    const statement = prepare(source);
    if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear(); // generated SQL varies little; start afresh
    cache.set(source, statement);
    return statement;
  }) as typeof handle.prepare;
  return handle;
}

/** Opens the database named by the target: PostgreSQL when a URL is given, SQLite otherwise. */
export function openDatabase(target: DatabaseTarget): Database {
  if (target.url) {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    // A dropped connection must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  }
  const file = target.sqlitePath ?? ':memory:';
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: openSqlite(file) }) });
}

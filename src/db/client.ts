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

/** Connections in each process's PostgreSQL pool; the admission gate derives its cap from it. */
export const POSTGRES_POOL_SIZE = 10;

/** Opens the database named by the target: PostgreSQL when a URL is given, SQLite otherwise. */
export function openDatabase(target: DatabaseTarget): Database {
  if (target.url) {
    // Waiting for a connection (PostgreSQL unreachable, or every connection busy) ends after 5 s
    // with an error answered 503, instead of holding the request until the socket times out.
    const pool = new pg.Pool({
      connectionString: target.url,
      max: POSTGRES_POOL_SIZE,
      connectionTimeoutMillis: 5_000,
    });
    // A dropped connection must not crash the process (an unhandled 'error' event): the pool drops
    // an idle one itself; one checked out (inside a transaction, between its queries) fails its next
    // query and is dropped when released. The next request connects afresh (PostgreSQL restart, issue 8).
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  }
  const file = target.sqlitePath ?? ':memory:';
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: openSqlite(file) }) });
}

/** SQLSTATEs of a PostgreSQL that is down, restarting, in recovery or out of connections. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
/** What the pg driver throws without a code when a connection is cut, lost or cannot be had in time. */
const LOST_CONNECTION =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed)/;

/**
 * Whether an error means the database cannot be reached right now (PostgreSQL stopped, restarting or
 * its connection lost), not that the request or the code is wrong: answered 503 with Retry-After.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_STATES.has(code) || code.startsWith('08'))) return true;
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
    if (LOST_CONNECTION.test(e.message)) return true;
    if (e instanceof AggregateError && e.errors.some(isDatabaseUnavailable)) return true;
  }
  return false;
}

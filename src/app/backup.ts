import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import type { Config } from '../config/config';
import { openSqlite, sqlitePathIn } from '../db/client';

const run = promisify(execFile);

// `gongkai backup FILE` / `gongkai restore FILE` (等保 8.1.4.9 a). SQLite uses the online backup API, so
// the server keeps running; PostgreSQL uses pg_dump / pg_restore in the custom format.

/** Writes a consistent copy of the live database to `file`. */
export async function backupDatabase(config: Config, file: string): Promise<void> {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (config.databaseUrl) {
    await run('pg_dump', ['--format=custom', '--no-owner', '--file', file, config.databaseUrl]);
    return;
  }
  const source = openSqlite(sqlitePathIn(config.dataDir));
  try {
    await source.backup(file);
  } finally {
    source.close();
  }
  assertSqliteIntact(file);
}

/** Replaces the live database's contents with the backup in `file`, after checking the backup. */
export async function restoreDatabase(config: Config, file: string): Promise<void> {
  if (!existsSync(file)) throw new Error(`备份文件不存在：${file}`);
  if (config.databaseUrl) {
    await run('pg_restore', [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--single-transaction',
      '--dbname',
      config.databaseUrl,
      file,
    ]);
    return;
  }
  assertSqliteIntact(file);
  const backup = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    // The backup API copies page by page under SQLite's locks into the live file, WAL included.
    await backup.backup(sqlitePathIn(config.dataDir));
  } finally {
    backup.close();
  }
}

function assertSqliteIntact(file: string): void {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`备份文件损坏：${String(result)}`);
  } catch (error) {
    throw new Error(`不是有效的备份文件：${file}（${(error as Error).message}）`);
  } finally {
    db.close();
  }
}

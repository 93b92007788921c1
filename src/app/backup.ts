import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { constants, existsSync, mkdirSync } from 'node:fs';
import { copyFile, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import type { Config } from '../config/config';
import type { Context } from '../core/context';
import { type Database, openDatabase, openSqlite, sqlitePathIn } from '../db/client';
import { storageRoot, verifyAttachment } from '../modules/attachments';
import { taskFilePath, taskFilesRoot } from '../modules/tasks';
import { forgetIndexHistory, indexGenerationIfAny } from '../search/index-generation';

const run = promisify(execFile);

// `gongkai backup FILE` / `gongkai restore FILE` (等保 8.1.4.9 a). A backup is two things side by side:
//   FILE               the database — SQLite's online backup API (the server keeps running), or pg_dump's
//                      custom format for PostgreSQL;
//   FILE.attachments/  a copy of <dataDir>/attachments/, same shard folders and stored names;
//   FILE.key-task-files/  a copy of <dataDir>/key-task-files/ (重点工作 evidence and meeting minutes).
// The database is copied first: an attachment's file is fsynced before its row commits, so every row in
// the copy already has its file on disk when the files are copied. On restore the files are staged
// beside the live folder, the database is restored, the staged folder replaces the live one, and every
// file is checked against its row's SHA-256.

export interface BackupSummary {
  attachmentFiles: number;
  taskFiles: number;
}

export interface RestoreSummary {
  /** null: the backup predates attachment backups, so the live files were kept as they are */
  attachmentFiles: number | null;
  /** null: the backup predates key-task file backups, so the live files were kept as they are */
  taskFiles: number | null;
}

export interface AttachmentProblem {
  kind: 'attachment' | 'task-file';
  storedName: string;
  originalName: string;
  problem: 'missing' | 'mismatch';
}

/** Where the attachment files of the backup in `file` are kept. */
export function attachmentsBackupDir(file: string): string {
  return `${path.resolve(file)}.attachments`;
}

/** Where the key-task files of the backup in `file` are kept. */
export function taskFilesBackupDir(file: string): string {
  return `${path.resolve(file)}.key-task-files`;
}

/** The file folders a backup carries: the live folder and its copy beside the backup file. */
function fileFolders(config: Config, file: string) {
  return [
    { live: storageRoot(config), copy: attachmentsBackupDir(file) },
    { live: taskFilesRoot({ config }), copy: taskFilesBackupDir(file) },
  ] as const;
}

/** Writes a consistent copy of the live database to `file` and of the stored files beside it. */
export async function createBackup(config: Config, file: string): Promise<BackupSummary> {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  await backupDatabase(config, file);
  const counts: number[] = [];
  for (const { live, copy } of fileFolders(config, file)) {
    counts.push(await copyStoredFiles(live, `${copy}.partial`));
    await replaceDirectory(`${copy}.partial`, copy);
  }
  return { attachmentFiles: counts[0] ?? 0, taskFiles: counts[1] ?? 0 };
}

/** Replaces the live database and stored files with the backup in `file`, after checking it. */
export async function restoreBackup(config: Config, file: string): Promise<RestoreSummary> {
  if (!existsSync(file)) throw new Error(`备份文件不存在：${file}`);
  const folders = fileFolders(config, file);
  const counts: (number | null)[] = [];
  for (const { live, copy } of folders)
    counts.push(existsSync(copy) ? await copyStoredFiles(copy, `${live}.restoring`) : null);
  const liveGeneration = await withDatabase(config, indexGenerationIfAny);
  await restoreDatabase(config, file);
  // Servers still running hold search results of the replaced database: make them all ask afresh.
  await withDatabase(config, (db) => forgetIndexHistory(db, liveGeneration));
  for (const [i, { live }] of folders.entries())
    if (counts[i] !== null) await replaceDirectory(`${live}.restoring`, live);
  return { attachmentFiles: counts[0] ?? null, taskFiles: counts[1] ?? null };
}

/**
 * Every stored file in use whose file is missing or differs from its row's SHA-256, after a restore:
 * attachments, then 重点工作 evidence files and meeting minutes.
 */
export async function verifyRestoredAttachments(ctx: Context): Promise<AttachmentProblem[]> {
  const rows = await ctx.db
    .selectFrom('attachments')
    .select(['id', 'stored_name', 'original_name'])
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .execute();
  const problems: AttachmentProblem[] = [];
  for (const row of rows) {
    const check = await verifyAttachment(ctx, row.id);
    if (check.ok) continue;
    problems.push({
      kind: 'attachment',
      storedName: row.stored_name,
      originalName: row.original_name,
      problem: check.actual === null ? 'missing' : 'mismatch',
    });
  }
  const taskFiles = [
    ...(await ctx.db
      .selectFrom('key_task_evidence')
      .select(['stored_name', 'original_name', 'sha256'])
      .where('deleted_at', 'is', null)
      .execute()),
    ...(await ctx.db
      .selectFrom('officer_meetings')
      .select(['stored_name', 'original_name', 'sha256'])
      .execute()),
  ];
  for (const row of taskFiles) {
    if (!row.stored_name || !row.sha256) continue;
    const actual = await sha256OfFile(taskFilePath(ctx, row.stored_name));
    if (actual === row.sha256) continue;
    problems.push({
      kind: 'task-file',
      storedName: row.stored_name,
      originalName: row.original_name ?? row.stored_name,
      problem: actual === null ? 'missing' : 'mismatch',
    });
  }
  return problems;
}

async function sha256OfFile(file: string): Promise<string | null> {
  try {
    return createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  } catch {
    return null;
  }
}

/** One line per problem, for the operator. */
export function describeAttachmentProblem(p: AttachmentProblem): string {
  const what = p.problem === 'missing' ? '文件缺失' : '内容与数据库记录的 SHA-256 不符';
  return `${p.kind === 'attachment' ? '附件' : '重点工作文件'} ${p.originalName}（${p.storedName}）：${what}`;
}

async function backupDatabase(config: Config, file: string): Promise<void> {
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

async function withDatabase<T>(config: Config, work: (db: Database) => Promise<T>): Promise<T> {
  const db = openDatabase({ url: config.databaseUrl, sqlitePath: sqlitePathIn(config.dataDir) });
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

async function restoreDatabase(config: Config, file: string): Promise<void> {
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

// Copies a stored-file folder into a fresh `to`, each file fsynced: its plain files and those of its
// shard folders (attachments are sharded, key-task files are not). Temp files (dot-names) and anything
// that is not a plain file or folder (a planted symlink) are left out.
async function copyStoredFiles(from: string, to: string): Promise<number> {
  await rm(to, { recursive: true, force: true });
  await mkdir(to, { recursive: true, mode: 0o700 });
  if (!existsSync(from)) return 0;
  let copied = 0;
  const copyPlainFiles = async (dir: string) => {
    for (const entry of await readdir(path.join(from, dir), { withFileTypes: true })) {
      if (!entry.isFile() || entry.name.startsWith('.')) continue;
      const target = path.join(to, dir, entry.name);
      await copyFile(path.join(from, dir, entry.name), target, constants.COPYFILE_EXCL);
      await syncFile(target);
      copied++;
    }
  };
  await copyPlainFiles('');
  for (const shard of await readdir(from, { withFileTypes: true })) {
    if (!shard.isDirectory() || shard.name.startsWith('.')) continue;
    await mkdir(path.join(to, shard.name), { mode: 0o700 });
    await copyPlainFiles(shard.name);
  }
  return copied;
}

async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// Puts a fully written folder in place of `target`; the old one is moved aside first and removed last.
async function replaceDirectory(staged: string, target: string): Promise<void> {
  const old = `${target}.replaced-${process.pid}-${Date.now()}`;
  if (existsSync(target)) await rename(target, old);
  await rename(staged, target);
  await rm(old, { recursive: true, force: true });
}

import { execFile } from 'node:child_process';
import { constants, existsSync, mkdirSync } from 'node:fs';
import { copyFile, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import type { Config } from '../config/config';
import type { Context } from '../core/context';
import { openSqlite, sqlitePathIn } from '../db/client';
import { storageRoot, verifyAttachment } from '../modules/attachments';

const run = promisify(execFile);

// `gongkai backup FILE` / `gongkai restore FILE` (等保 8.1.4.9 a). A backup is two things side by side:
//   FILE               the database — SQLite's online backup API (the server keeps running), or pg_dump's
//                      custom format for PostgreSQL;
//   FILE.attachments/  a copy of <dataDir>/attachments/, same shard folders and stored names.
// The database is copied first: an attachment's file is fsynced before its row commits, so every row in
// the copy already has its file on disk when the files are copied. On restore the files are staged
// beside the live folder, the database is restored, the staged folder replaces the live one, and every
// file is checked against its row's SHA-256.

export interface BackupSummary {
  attachmentFiles: number;
}

export interface RestoreSummary {
  /** null: the backup predates attachment backups, so the live files were kept as they are */
  attachmentFiles: number | null;
}

export interface AttachmentProblem {
  storedName: string;
  originalName: string;
  problem: 'missing' | 'mismatch';
}

/** Where the attachment files of the backup in `file` are kept. */
export function attachmentsBackupDir(file: string): string {
  return `${path.resolve(file)}.attachments`;
}

/** Writes a consistent copy of the live database to `file` and of the attachment files beside it. */
export async function createBackup(config: Config, file: string): Promise<BackupSummary> {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  await backupDatabase(config, file);
  const target = attachmentsBackupDir(file);
  const staged = `${target}.partial`;
  const attachmentFiles = await copyAttachmentFiles(storageRoot(config), staged);
  await replaceDirectory(staged, target);
  return { attachmentFiles };
}

/** Replaces the live database and attachment files with the backup in `file`, after checking it. */
export async function restoreBackup(config: Config, file: string): Promise<RestoreSummary> {
  if (!existsSync(file)) throw new Error(`备份文件不存在：${file}`);
  const source = attachmentsBackupDir(file);
  const root = storageRoot(config);
  const staged = `${root}.restoring`;
  const attachmentFiles = existsSync(source) ? await copyAttachmentFiles(source, staged) : null;
  await restoreDatabase(config, file);
  if (attachmentFiles !== null) await replaceDirectory(staged, root);
  return { attachmentFiles };
}

/** Every attachment in use whose file is missing or differs from its row's SHA-256, after a restore. */
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
      storedName: row.stored_name,
      originalName: row.original_name,
      problem: check.actual === null ? 'missing' : 'mismatch',
    });
  }
  return problems;
}

/** One line per problem, for the operator. */
export function describeAttachmentProblem(p: AttachmentProblem): string {
  const what = p.problem === 'missing' ? '文件缺失' : '内容与数据库记录的 SHA-256 不符';
  return `附件 ${p.originalName}（${p.storedName}）：${what}`;
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

// Copies the shard folders of an attachment tree into a fresh `to`, each file fsynced; temp files
// (dot-names) and anything that is not a plain file or folder (a planted symlink) are left out.
async function copyAttachmentFiles(from: string, to: string): Promise<number> {
  await rm(to, { recursive: true, force: true });
  await mkdir(to, { recursive: true, mode: 0o700 });
  if (!existsSync(from)) return 0;
  let copied = 0;
  for (const shard of await readdir(from, { withFileTypes: true })) {
    if (!shard.isDirectory() || shard.name.startsWith('.')) continue;
    await mkdir(path.join(to, shard.name), { mode: 0o700 });
    for (const entry of await readdir(path.join(from, shard.name), { withFileTypes: true })) {
      if (!entry.isFile() || entry.name.startsWith('.')) continue;
      const target = path.join(to, shard.name, entry.name);
      await copyFile(path.join(from, shard.name, entry.name), target, constants.COPYFILE_EXCL);
      await syncFile(target);
      copied++;
    }
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

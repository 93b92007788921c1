import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Attachment, Item } from '../../db/schema';
import type { Principal } from '../accounts';
import { type Actor, auditedTransaction } from '../audit';
import { touchDraft } from './attachment.repository';
import type { AttachmentType } from './content-type';
import { extensionOf, fileNameProblem, sanitizeFileName } from './file-name';
import { inspectContent } from './inspect';
import { refuseIfInfected } from './scanner';
import { placeFile, removeFiles, storageRoot, storedPath, writeTempFile } from './storage';

// Uploading and deleting attachments of a draft (product issue "attachments"; security.md T7). A
// submission is all or nothing: every file is received, checked and placed on disk, fsynced, and only
// then are the rows inserted, in one audited transaction; any refusal or failure deletes every file.

/** One file as the web layer hands it over: the name the client sent and the bytes as they arrive. */
export interface IncomingFile {
  name: string;
  content: AsyncIterable<Buffer>;
}

interface StagedFile {
  id: string;
  name: string;
  type: AttachmentType;
  size: number;
  sha256: string;
  tempPath: string;
  finalPath: string;
}

/** Who may add or remove attachments: an editor of the item's agency, and only while it is a draft. */
export function canManageAttachments(p: Principal, item: Pick<Item, 'status' | 'agency_id'>): boolean {
  return (
    item.status === 'draft' && p.grants.some((g) => g.role === 'editor' && g.agencyId === item.agency_id)
  );
}

function requireManager(p: Principal, item: Pick<Item, 'status' | 'agency_id'>): void {
  if (item.status !== 'draft') throw new AppError('conflict', '只有草稿可以添加或删除附件');
  if (!canManageAttachments(p, item)) throw new AppError('forbidden', '只有本单位的信息员可以管理附件');
}

const named = (name: string, error: unknown): unknown =>
  error instanceof AppError
    ? new AppError(error.code, `文件“${name}”：${error.message}`, { fields: { files: error.message } })
    : error;

/** Stores the files of one submission on a draft; all are kept or none is. */
export async function uploadAttachments(
  ctx: Context,
  principal: Principal,
  actor: Actor,
  item: Item,
  files: AsyncIterable<IncomingFile>,
): Promise<Attachment[]> {
  requireManager(principal, item);
  const limits = ctx.config.attachments;
  const staged: StagedFile[] = [];
  let received = 0;
  const countBytes = (bytes: number) => {
    received += bytes;
    if (received > limits.maxSubmissionBytes)
      throw new AppError('payload_too_large', `一次提交的附件合计不超过 ${mb(limits.maxSubmissionBytes)}`);
  };
  try {
    for await (const file of files) {
      if (staged.length >= limits.maxFiles)
        throw new AppError('payload_too_large', `一次最多上传 ${limits.maxFiles} 个文件`);
      staged.push(await stageFile(ctx, actor, item, file, countBytes));
    }
    if (staged.length === 0)
      throw new AppError('validation', '请选择要上传的文件', { fields: { files: '请选择要上传的文件' } });
    for (const file of staged) await placeFile(file.tempPath, file.finalPath);
    return await insertAttachments(ctx, principal, actor, item, staged);
  } catch (error) {
    await removeFiles(staged.flatMap((f) => [f.tempPath, f.finalPath]));
    throw error;
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;

// Receive one file into a temp file, then decide what it is and scan it; a refused file is deleted here.
async function stageFile(
  ctx: Context,
  actor: Actor,
  item: Item,
  file: IncomingFile,
  countBytes: (bytes: number) => void,
): Promise<StagedFile> {
  const name = sanitizeFileName(file.name);
  const problem = fileNameProblem(file.name);
  if (problem) throw new AppError('validation', `文件“${name}”：${problem}`, { fields: { files: problem } });
  const id = newId();
  const root = storageRoot(ctx.config);
  const maxFile = ctx.config.attachments.maxFileBytes;
  let fileBytes = 0;
  const written = await writeTempFile(root, id, file.content, (bytes) => {
    countBytes(bytes);
    fileBytes += bytes;
    if (fileBytes > maxFile) throw new AppError('payload_too_large', `单个文件不超过 ${mb(maxFile)}`);
  }).catch((error: unknown) => Promise.reject(named(name, error)));
  try {
    const type = await inspectContent(written.tempPath, written.size, extensionOf(name));
    await refuseIfInfected(
      ctx,
      written.tempPath,
      { name, sha256: written.sha256 },
      { actor, objectType: 'item', objectId: item.id, agencyId: item.agency_id },
    );
    const finalPath = storedPath(root, `${id}.${type.ext}`);
    return {
      id,
      name,
      type,
      size: written.size,
      sha256: written.sha256,
      tempPath: written.tempPath,
      finalPath,
    };
  } catch (error) {
    await removeFiles([written.tempPath]);
    throw named(name, error);
  }
}

async function insertAttachments(
  ctx: Context,
  principal: Principal,
  actor: Actor,
  item: Item,
  staged: StagedFile[],
): Promise<Attachment[]> {
  const now = ctx.clock.now().toISOString();
  const rows: Attachment[] = staged.map((f) => ({
    id: f.id,
    item_id: item.id,
    original_name: f.name,
    stored_name: `${f.id}.${f.type.ext}`,
    media_type: f.type.mediaType,
    size: f.size,
    sha256: f.sha256,
    created_by: principal.userId,
    created_at: now,
    deleted_at: null,
  }));
  return auditedTransaction(ctx, actor, async (trx) => {
    if (!(await touchDraft(trx, item.id, now)))
      throw new AppError('conflict', '该信息已被报审，不能再添加附件');
    await trx.insertInto('attachments').values(rows).execute();
    return {
      result: rows,
      audit: rows.map((r) => ({
        action: 'attachment.uploaded',
        objectType: 'attachment',
        objectId: r.id,
        agencyId: item.agency_id,
        details: {
          itemId: item.id,
          name: r.original_name,
          mediaType: r.media_type,
          size: r.size,
          sha256: r.sha256,
        },
      })),
    };
  });
}

/** Deletes an attachment of a draft: the row stays as the record (deleted_at), the bytes are removed. */
export async function deleteAttachment(
  ctx: Context,
  principal: Principal,
  actor: Actor,
  item: Item,
  attachmentId: string,
): Promise<void> {
  requireManager(principal, item);
  const now = ctx.clock.now().toISOString();
  const row = await auditedTransaction(ctx, actor, async (trx) => {
    if (!(await touchDraft(trx, item.id, now)))
      throw new AppError('conflict', '该信息已被报审，不能再删除附件');
    const deleted = await trx
      .updateTable('attachments')
      .set({ deleted_at: now })
      .where('id', '=', attachmentId)
      .where('item_id', '=', item.id)
      .where('deleted_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!deleted) throw new AppError('not_found', '附件不存在');
    return {
      result: deleted,
      audit: {
        action: 'attachment.deleted',
        objectType: 'attachment',
        objectId: deleted.id,
        agencyId: item.agency_id,
        details: { itemId: item.id, name: deleted.original_name, sha256: deleted.sha256 },
      },
    };
  });
  // After the commit: a crash here leaves an orphan file, never a row pointing at nothing.
  await removeFiles([storedPath(storageRoot(ctx.config), row.stored_name)]);
}

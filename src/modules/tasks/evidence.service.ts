import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import { parseInput } from '../../core/validation';
import type { KeyTask, KeyTaskEvidence } from '../../db/schema-tasks';
import type { Principal } from '../accounts';
import { type Actor, auditedTransaction } from '../audit';
import { addTaskEvent, getKeyTask } from './task.service';
import { mayWorkOnTask } from './task-access';
import { readTaskFile, removeTaskFile, storeTaskFile } from './task-files';
import { linkEvidenceSchema } from './task-input';

// Evidence of a key task (佐证材料): links to the agency's own published items, and uploaded files. Only
// the owning agency adds or removes it, and only while the task is not waiting for or past acceptance.

/** Refuses a caller who may not change the task's evidence now (403), or a task closed to it (409). */
export function requireEvidenceEditable(p: Principal, task: KeyTask): void {
  if (!mayWorkOnTask(p, task)) throw new AppError('forbidden', '只有责任单位可以管理佐证材料');
  if (task.state === 'submitted') throw new AppError('conflict', '任务待验收期间不能修改佐证材料');
  if (task.state === 'accepted') throw new AppError('conflict', '任务已验收，不能修改佐证材料');
}

async function insertEvidence(ctx: Context, p: Principal, actor: Actor, task: KeyTask, row: KeyTaskEvidence) {
  return auditedTransaction(ctx, actor, async (trx) => {
    await trx.insertInto('key_task_evidence').values(row).execute();
    const label = row.kind === 'file' ? `上传文件“${row.original_name}”` : `关联已发布信息：${row.note}`;
    await addTaskEvent(trx, p, task.id, 'evidence_added', label, row.created_at);
    return {
      result: row,
      audit: {
        action: 'key_task.evidence_added',
        objectType: 'key_task',
        objectId: task.id,
        agencyId: task.agency_id,
        details: { kind: row.kind, itemId: row.item_id, name: row.original_name, sha256: row.sha256 },
      },
    };
  });
}

const blank = { original_name: null, stored_name: null, media_type: null, size: null, sha256: null };

/** Links one of the agency's published items as evidence. */
export async function linkEvidenceItem(
  ctx: Context,
  p: Principal,
  actor: Actor,
  task: KeyTask,
  raw: unknown,
) {
  requireEvidenceEditable(p, task);
  const input = parseInput(linkEvidenceSchema, raw);
  const item = await ctx.db
    .selectFrom('items')
    .select(['id', 'title'])
    .where('id', '=', input.itemId)
    .where('agency_id', '=', task.agency_id)
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (!item)
    throw new AppError('validation', '只能关联本单位已发布的信息', {
      fields: { itemId: '只能关联本单位已发布的信息' },
    });
  return insertEvidence(ctx, p, actor, task, {
    id: newId(),
    task_id: task.id,
    kind: 'item',
    item_id: item.id,
    note: input.note || item.title,
    ...blank,
    created_by: p.userId,
    created_at: ctx.clock.now().toISOString(),
    deleted_at: null,
  });
}

/** Stores an uploaded file as evidence; the file is removed again if the row does not commit. */
export async function addEvidenceFile(
  ctx: Context,
  p: Principal,
  actor: Actor,
  task: KeyTask,
  file: { name: string; bytes: Buffer } | null,
) {
  requireEvidenceEditable(p, task); // before the form: it says nothing to someone who may not use it
  if (!file)
    throw new AppError('validation', '请选择要上传的文件', { fields: { file: '请选择要上传的文件' } });
  const stored = await storeTaskFile(ctx, file, {
    actor,
    objectType: 'key_task',
    objectId: task.id,
    agencyId: task.agency_id,
  });
  try {
    return await insertEvidence(ctx, p, actor, task, {
      id: newId(),
      task_id: task.id,
      kind: 'file',
      item_id: null,
      note: stored.original_name,
      ...stored,
      created_by: p.userId,
      created_at: ctx.clock.now().toISOString(),
      deleted_at: null,
    });
  } catch (error) {
    await removeTaskFile(ctx, stored.stored_name);
    throw error;
  }
}

/** Removes a piece of evidence (the row stays as the record, marked deleted). */
export async function removeEvidence(
  ctx: Context,
  p: Principal,
  actor: Actor,
  task: KeyTask,
  evidenceId: string,
) {
  requireEvidenceEditable(p, task);
  const at = ctx.clock.now().toISOString();
  await auditedTransaction(ctx, actor, async (trx) => {
    const row = await trx
      .updateTable('key_task_evidence')
      .set({ deleted_at: at })
      .where('id', '=', evidenceId)
      .where('task_id', '=', task.id)
      .where('deleted_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', '佐证材料不存在');
    await addTaskEvent(trx, p, task.id, 'evidence_removed', `删除佐证材料：${row.note}`, at);
    return {
      result: row,
      audit: {
        action: 'key_task.evidence_removed',
        objectType: 'key_task',
        objectId: task.id,
        agencyId: task.agency_id,
        details: { evidenceId, name: row.note },
      },
    };
  });
}

/** The live evidence of a task, oldest first. */
export function evidenceOf(ctx: Context, taskId: string) {
  return ctx.db
    .selectFrom('key_task_evidence')
    .leftJoin('items', 'items.id', 'key_task_evidence.item_id')
    .selectAll('key_task_evidence')
    .select(['items.title as item_title'])
    .where('task_id', '=', taskId)
    .where('deleted_at', 'is', null)
    .orderBy('key_task_evidence.created_at')
    .execute();
}

/** The bytes of an evidence file the principal may see, checked against its hash. */
export async function openEvidenceFile(ctx: Context, p: Principal, taskId: string, evidenceId: string) {
  const task = await getKeyTask(ctx, p, taskId);
  const row = await ctx.db
    .selectFrom('key_task_evidence')
    .selectAll()
    .where('id', '=', evidenceId)
    .where('task_id', '=', task.id)
    .where('kind', '=', 'file')
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row?.stored_name || !row.sha256) throw new AppError('not_found', '文件不存在');
  const body = await readTaskFile(ctx, { stored_name: row.stored_name, sha256: row.sha256 });
  return { body, name: row.original_name ?? 'file', type: row.media_type ?? 'application/octet-stream' };
}

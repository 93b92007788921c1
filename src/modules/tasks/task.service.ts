import type { Kysely } from 'kysely';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import { parseInput } from '../../core/validation';
import type { DB } from '../../db/schema';
import type { KeyTask } from '../../db/schema-tasks';
import type { Principal } from '../accounts';
import { type Actor, auditedTransaction } from '../audit';
import { mayManageKeyTasks, mayReviewTask, maySeeAgency, mayWorkOnTask } from './task-access';
import { decomposeSchema, progressSchema, returnSchema } from './task-input';

// Decomposing list items into tasks and moving a task through its review: progress reports, submission
// for acceptance (only with evidence attached), acceptance or return with a reason. Each step is an
// event on the task (shown on its page) and an audit record, in one transaction.

/** A task the principal may see; another agency's task is "not found" (no existence leak). */
export async function getKeyTask(ctx: Context, p: Principal, id: string): Promise<KeyTask> {
  const task = await ctx.db.selectFrom('key_tasks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!task || !maySeeAgency(p, task.agency_id)) throw new AppError('not_found', '任务不存在');
  return task;
}

/** Counts a task's live evidence (deleted files do not count). */
export async function evidenceCount(db: Kysely<DB>, taskId: string): Promise<number> {
  const r = await db
    .selectFrom('key_task_evidence')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('task_id', '=', taskId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Appends one event to a task's history inside the caller's transaction. */
export async function addTaskEvent(
  trx: Kysely<DB>,
  p: Pick<Principal, 'userId' | 'displayName'> | null,
  taskId: string,
  action: string,
  note: string,
  at: string,
): Promise<void> {
  await trx
    .insertInto('key_task_events')
    .values({
      id: newId(),
      task_id: taskId,
      action,
      actor_id: p?.userId ?? null,
      actor_name: p?.displayName ?? '系统',
      note,
      at,
    })
    .execute();
}

async function resolveOwner(db: Kysely<DB>, agencyId: string, userId: string | null, name: string) {
  if (!userId) {
    if (!name)
      throw new AppError('validation', '请选择或填写责任人', { fields: { ownerName: '请选择或填写责任人' } });
    return { owner_user_id: null, owner_name: name };
  }
  const user = await db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.display_name'])
    .where('users.id', '=', userId)
    .where('user_roles.agency_id', '=', agencyId)
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
  if (!user)
    throw new AppError('validation', '责任人不是该责任单位的在岗用户', {
      fields: { ownerUserId: '责任人不是该责任单位的在岗用户' },
    });
  return { owner_user_id: user.id, owner_name: user.display_name };
}

/** Decomposes a list item into one task for an agency (区政府办 only). */
export async function decomposeItem(
  ctx: Context,
  p: Principal,
  actor: Actor,
  itemId: string,
  raw: unknown,
): Promise<KeyTask> {
  if (!mayManageKeyTasks(p)) throw new AppError('forbidden', '只有区政府办监管可以分解任务');
  const input = parseInput(decomposeSchema, raw);
  const item = await ctx.db
    .selectFrom('key_task_items')
    .selectAll()
    .where('id', '=', itemId)
    .executeTakeFirst();
  if (!item) throw new AppError('not_found', '清单事项不存在');
  const agency = await ctx.db
    .selectFrom('agencies')
    .select(['id', 'name'])
    .where('id', '=', input.agencyId)
    .where('enabled', '=', 1)
    .executeTakeFirst();
  if (!agency) throw new AppError('validation', '责任单位不存在', { fields: { agencyId: '请选择责任单位' } });
  const owner = await resolveOwner(ctx.db, agency.id, input.ownerUserId, input.ownerName);
  const at = ctx.clock.now().toISOString();
  const task: KeyTask = {
    id: newId(),
    item_id: item.id,
    agency_id: agency.id,
    ...owner,
    deadline_on: input.deadline ?? item.deadline_on,
    evidence_required: input.evidenceRequired,
    state: 'open',
    progress: 0,
    progress_note: '',
    submitted_by: null,
    submitted_at: null,
    reviewed_by: null,
    reviewed_at: null,
    return_reason: null,
    created_by: p.userId,
    created_at: at,
    updated_at: at,
  };
  return auditedTransaction(ctx, actor, async (trx) => {
    await trx.insertInto('key_tasks').values(task).execute();
    await addTaskEvent(trx, p, task.id, 'decomposed', `分解至${agency.name}，责任人${task.owner_name}`, at);
    return {
      result: task,
      audit: {
        action: 'key_task.decomposed',
        objectType: 'key_task',
        objectId: task.id,
        agencyId: agency.id,
        details: { itemId: item.id, owner: task.owner_name, deadline: task.deadline_on },
      },
    };
  });
}

type Change = { set: Partial<KeyTask>; action: string; note: string; from?: KeyTask['state'][] };

// One state change: checked against the state read in the same transaction, so two reviewers cannot
// both act on one submission.
async function changeTask(ctx: Context, p: Principal, actor: Actor, task: KeyTask, change: Change) {
  const at = ctx.clock.now().toISOString();
  return auditedTransaction(ctx, actor, async (trx) => {
    let q = trx
      .updateTable('key_tasks')
      .set({ ...change.set, updated_at: at })
      .where('id', '=', task.id);
    if (change.from) q = q.where('state', 'in', change.from);
    const updated = await q.returningAll().executeTakeFirst();
    if (!updated) throw new AppError('conflict', '任务状态已变化，请刷新后重试');
    await addTaskEvent(trx, p, task.id, change.action, change.note, at);
    return {
      result: updated,
      audit: {
        action: `key_task.${change.action}`,
        objectType: 'key_task',
        objectId: task.id,
        agencyId: task.agency_id,
        details: { note: change.note.slice(0, 200) },
      },
    };
  });
}

/** Records progress (0–100 %) and a note by the owning agency. */
export async function reportProgress(ctx: Context, p: Principal, actor: Actor, task: KeyTask, raw: unknown) {
  if (!mayWorkOnTask(p, task)) throw new AppError('forbidden', '只有责任单位可以填报进展');
  if (task.state === 'accepted') throw new AppError('conflict', '任务已验收，不能再填报进展');
  const input = parseInput(progressSchema, raw);
  return changeTask(ctx, p, actor, task, {
    set: { progress: input.progress, progress_note: input.note },
    action: 'progress',
    note: `进度 ${input.progress}%：${input.note}`,
    from: ['open', 'returned', 'submitted'],
  });
}

/** Submits a task for acceptance; refused without evidence (a task is done only with evidence). */
export async function submitTask(ctx: Context, p: Principal, actor: Actor, task: KeyTask) {
  if (!mayWorkOnTask(p, task)) throw new AppError('forbidden', '只有责任单位可以提交验收');
  if ((await evidenceCount(ctx.db, task.id)) === 0)
    throw new AppError('validation', '请先上传或关联佐证材料，再提交验收', {
      fields: { evidence: '尚无佐证材料' },
    });
  return changeTask(ctx, p, actor, task, {
    set: { state: 'submitted', submitted_by: p.userId, submitted_at: ctx.clock.now().toISOString() },
    action: 'submitted',
    note: '提交验收',
    from: ['open', 'returned'],
  });
}

/** Accepts a submitted task: it is done. Never by the person who submitted it. */
export async function acceptTask(ctx: Context, p: Principal, actor: Actor, task: KeyTask) {
  if (!mayReviewTask(p, task))
    throw new AppError('forbidden', '验收应由区政府办监管或本单位审核人员进行，且不能由提交人本人验收');
  if ((await evidenceCount(ctx.db, task.id)) === 0)
    throw new AppError('conflict', '该任务没有佐证材料，不能验收');
  return changeTask(ctx, p, actor, task, {
    set: {
      state: 'accepted',
      progress: 100,
      reviewed_by: p.userId,
      reviewed_at: ctx.clock.now().toISOString(),
    },
    action: 'accepted',
    note: '验收通过',
    from: ['submitted'],
  });
}

/** Returns a submitted task with the reason the agency must address. */
export async function returnTask(ctx: Context, p: Principal, actor: Actor, task: KeyTask, raw: unknown) {
  if (!mayReviewTask(p, task))
    throw new AppError('forbidden', '退回应由区政府办监管或本单位审核人员进行，且不能由提交人本人退回');
  const { reason } = parseInput(returnSchema, raw);
  return changeTask(ctx, p, actor, task, {
    set: {
      state: 'returned',
      return_reason: reason,
      reviewed_by: p.userId,
      reviewed_at: ctx.clock.now().toISOString(),
    },
    action: 'returned',
    note: `退回：${reason}`,
    from: ['submitted'],
  });
}

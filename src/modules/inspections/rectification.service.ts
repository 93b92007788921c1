import { z } from 'zod';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import type { RectificationTask, TaskStatus } from '../../db/schema-inspections';
import { type Principal, seesAllAgencies, visibleAgencyIds } from '../accounts';
import { type Actor, auditedTransaction } from '../audit';
import { loadInspectionRules } from './rules';
import { type ScanOptions, scanObject } from './site-scan';

// Rectification tasks (整改) in the back office: the district supervisor sees every agency's, an agency's
// staff their own. A task closes when a rescan of its object no longer finds the problem, or when a
// reviewer (初审/复审/终审 of the owning agency, or the supervisor) accepts an exception with a reason.

const reviewerRoles = new Set(['reviewer1', 'reviewer2', 'reviewer3', 'supervisor']);

/** Whether a principal may see (and rescan) a task of this agency; ownerless tasks: the supervisor only. */
export function mayViewTask(p: Principal, task: Pick<RectificationTask, 'agency_id'>): boolean {
  const agencies = visibleAgencyIds(p);
  if (agencies === 'all') return true;
  return task.agency_id !== null && agencies.includes(task.agency_id);
}

/** Whether a principal may accept an exception on a task: a reviewer of its agency, or the supervisor. */
export function mayExceptTask(p: Principal, task: Pick<RectificationTask, 'agency_id'>): boolean {
  if (seesAllAgencies(p)) return true;
  return p.grants.some((g) => g.agencyId === task.agency_id && reviewerRoles.has(g.role));
}

/** A task the principal may see, or 404 (the same answer for someone else's task as for none). */
export async function getTask(ctx: Context, p: Principal, id: string): Promise<RectificationTask> {
  const task = await ctx.db
    .selectFrom('rectification_tasks')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!task || !mayViewTask(p, task)) throw new AppError('not_found', '整改任务不存在');
  return task;
}

export interface TaskFilter {
  status?: TaskStatus | undefined;
  kind?: string | undefined;
  agencyId?: string | undefined;
}

/** Tasks the principal may see, open ones first, then by deadline. */
export async function listTasks(ctx: Context, p: Principal, filter: TaskFilter, limit = 500) {
  let q = ctx.db
    .selectFrom('rectification_tasks')
    .leftJoin('agencies', 'agencies.id', 'rectification_tasks.agency_id')
    .selectAll('rectification_tasks')
    .select('agencies.name as agency_name');
  const agencies = visibleAgencyIds(p);
  if (agencies !== 'all') {
    if (agencies.length === 0) return [];
    q = q.where('rectification_tasks.agency_id', 'in', agencies);
  }
  if (filter.status) q = q.where('rectification_tasks.status', '=', filter.status);
  if (filter.kind) q = q.where('rectification_tasks.kind', '=', filter.kind);
  if (filter.agencyId) q = q.where('rectification_tasks.agency_id', '=', filter.agencyId);
  const rows = await q
    .orderBy('rectification_tasks.deadline')
    .orderBy('rectification_tasks.id')
    .limit(limit)
    .execute();
  const statusRank = { open: 0, excepted: 1, closed: 2 } as const;
  const severityRank = { veto: 0, deduct: 1, warn: 2 } as const;
  return rows.sort(
    (a, b) =>
      statusRank[a.status] - statusRank[b.status] || severityRank[a.severity] - severityRank[b.severity],
  );
}

export interface RescanResult {
  closed: boolean;
  task: RectificationTask;
  stillFound: string | null; // the message of the problem still found
}

/** Re-checks only the task's object; closes the task (audited) when the problem is gone. */
export async function rescanTask(
  ctx: Context,
  p: Principal,
  actor: Actor,
  taskId: string,
  options: ScanOptions = {},
): Promise<RescanResult> {
  const task = await getTask(ctx, p, taskId);
  if (task.status !== 'open') throw new AppError('conflict', '该整改任务已办结');
  const rules = await loadInspectionRules(ctx.db);
  const findings = await scanObject(ctx, rules, task.object_type, task.object_id, options);
  const still = findings.find((f) => f.fingerprint === task.fingerprint && f.severity !== 'warn');
  const at = ctx.clock.now().toISOString();
  return auditedTransaction<RescanResult>(ctx, actor, async (trx) => {
    if (still)
      return {
        result: { closed: false, task, stillFound: still.message },
        audit: {
          action: 'rectification.rescanned',
          objectType: 'rectification_task',
          objectId: task.id,
          agencyId: task.agency_id,
          outcome: 'failure',
          details: { fingerprint: task.fingerprint, message: still.message },
        },
      };
    const closed = await trx
      .updateTable('rectification_tasks')
      .set({ status: 'closed', closed_at: at, closed_by: actor.userId })
      .where('id', '=', task.id)
      .where('status', '=', 'open')
      .returningAll()
      .executeTakeFirst();
    if (!closed) throw new AppError('conflict', '该整改任务已办结');
    return {
      result: { closed: true, task: closed, stillFound: null },
      audit: {
        action: 'rectification.closed',
        objectType: 'rectification_task',
        objectId: task.id,
        agencyId: task.agency_id,
        details: { fingerprint: task.fingerprint, by: 'rescan' },
      },
    };
  });
}

const exceptionSchema = z.object({
  reason: z
    .string({ message: '请填写例外理由' })
    .trim()
    .min(4, '例外理由至少 4 个字')
    .max(500, '例外理由不超过 500 字'),
});

/** Closes a task as an accepted exception (not a problem, by a reviewer's decision), with the reason. */
export async function acceptException(
  ctx: Context,
  p: Principal,
  actor: Actor,
  taskId: string,
  input: unknown,
): Promise<RectificationTask> {
  const task = await getTask(ctx, p, taskId);
  if (!mayExceptTask(p, task)) throw new AppError('forbidden', '只有审核人员或区政府办监管可以认定例外');
  if (task.status !== 'open') throw new AppError('conflict', '该整改任务已办结');
  const { reason } = parseInput(exceptionSchema, input);
  const at = ctx.clock.now().toISOString();
  return auditedTransaction(ctx, actor, async (trx) => {
    const row = await trx
      .updateTable('rectification_tasks')
      .set({ status: 'excepted', closed_at: at, closed_by: actor.userId, exception_reason: reason })
      .where('id', '=', task.id)
      .where('status', '=', 'open')
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('conflict', '该整改任务已办结');
    return {
      result: row,
      audit: {
        action: 'rectification.excepted',
        objectType: 'rectification_task',
        objectId: task.id,
        agencyId: task.agency_id,
        details: { fingerprint: task.fingerprint, reason },
      },
    };
  });
}

import type { Kysely } from 'kysely';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import type { DB } from '../../db/schema';
import type { KeyTask } from '../../db/schema-tasks';
import { type Principal, visibleAgencyIds } from '../accounts';
import { isLate, type TaskStatus, taskStatusOf } from './task-status';

// Reading the key-task list and its tasks: the items of a year with their task counts, the tasks an
// agency (or the supervisor) sees with their derived status, and the progress figures of the
// supervisor's view.

export interface TaskRow {
  task: KeyTask;
  itemTitle: string;
  itemSeq: string;
  agencyName: string;
  evidence: number;
  status: TaskStatus;
}

function tasksQuery(db: Kysely<DB>) {
  return db
    .selectFrom('key_tasks')
    .innerJoin('key_task_items', 'key_task_items.id', 'key_tasks.item_id')
    .innerJoin('agencies', 'agencies.id', 'key_tasks.agency_id')
    .selectAll('key_tasks')
    .select((eb) => [
      'key_task_items.title as item_title',
      'key_task_items.seq as item_seq',
      'agencies.name as agency_name',
      eb
        .selectFrom('key_task_evidence')
        .select((e) => e.fn.countAll().as('n'))
        .whereRef('key_task_evidence.task_id', '=', 'key_tasks.id')
        .where('key_task_evidence.deleted_at', 'is', null)
        .as('evidence'),
    ]);
}

type Raw = KeyTask & { item_title: string; item_seq: string; agency_name: string; evidence: unknown };

const toRow = (r: Raw, today: string): TaskRow => {
  const { item_title, item_seq, agency_name, evidence, ...task } = r;
  const n = Number(evidence ?? 0);
  return {
    task,
    itemTitle: item_title,
    itemSeq: item_seq,
    agencyName: agency_name,
    evidence: n,
    status: taskStatusOf(task, n, today),
  };
};

/** The tasks of a year in the given agencies ('all' for every agency), soonest deadline first. */
export async function taskRows(
  db: Kysely<DB>,
  scope: { agencyIds: string[] | 'all'; year?: number; itemId?: string },
  today: string,
): Promise<TaskRow[]> {
  if (scope.agencyIds !== 'all' && scope.agencyIds.length === 0) return [];
  let q = tasksQuery(db);
  if (scope.agencyIds !== 'all') q = q.where('key_tasks.agency_id', 'in', scope.agencyIds);
  if (scope.year !== undefined) q = q.where('key_task_items.year', '=', scope.year);
  if (scope.itemId) q = q.where('key_tasks.item_id', '=', scope.itemId);
  const rows = await q.orderBy('key_tasks.deadline_on').orderBy('key_tasks.created_at').limit(2000).execute();
  return rows.map((r) => toRow(r as Raw, today));
}

/** The tasks a member of staff sees, optionally of one agency and one derived status. */
export async function tasksFor(
  ctx: Context,
  p: Principal,
  filter: { year: number; agencyId?: string | undefined; status?: TaskStatus | undefined },
): Promise<TaskRow[]> {
  const visible = visibleAgencyIds(p);
  let agencyIds = visible;
  if (filter.agencyId) {
    if (visible !== 'all' && !visible.includes(filter.agencyId))
      throw new AppError('not_found', '单位不存在');
    agencyIds = [filter.agencyId];
  }
  const rows = await taskRows(ctx.db, { agencyIds, year: filter.year }, chinaDay(ctx.clock.now()));
  return filter.status ? rows.filter((r) => r.status === filter.status) : rows;
}

export interface KeyTaskProgress {
  total: number;
  done: number;
  inProgress: number;
  late: number;
  withoutEvidence: number;
}

/**
 * Key-task progress for the supervisor's view: done = accepted; late = not accepted and past its
 * deadline; inProgress = the rest (so done + inProgress + late = total); withoutEvidence = not accepted
 * and nothing attached yet. `today` defaults to the current China day.
 */
export async function keyTaskProgress(
  db: Kysely<DB>,
  scope: { agencyIds: string[] | 'all'; year: number },
  today: string = chinaDay(new Date()),
): Promise<KeyTaskProgress> {
  const rows = await taskRows(db, scope, today);
  const open = rows.filter((r) => r.task.state !== 'accepted');
  const late = open.filter((r) => isLate(r.task, today)).length;
  return {
    total: rows.length,
    done: rows.length - open.length,
    inProgress: open.length - late,
    late,
    withoutEvidence: open.filter((r) => r.evidence === 0).length,
  };
}

/** The list items of a year with how many tasks each has been decomposed into. */
export async function listItems(db: Kysely<DB>, year: number) {
  const rows = await db
    .selectFrom('key_task_items')
    .selectAll()
    .select((eb) =>
      eb
        .selectFrom('key_tasks')
        .select((e) => e.fn.countAll().as('n'))
        .whereRef('key_tasks.item_id', '=', 'key_task_items.id')
        .as('task_count'),
    )
    .where('year', '=', year)
    .orderBy('source_row')
    .execute();
  return rows.map((r) => ({ ...r, task_count: Number(r.task_count ?? 0) }));
}

/** The years that have a list, newest first. */
export async function listYears(db: Kysely<DB>): Promise<number[]> {
  const rows = await db
    .selectFrom('key_task_items')
    .select('year')
    .distinct()
    .orderBy('year', 'desc')
    .execute();
  return rows.map((r) => Number(r.year));
}

/** One list item (every business user may read the list itself; tasks stay per agency). */
export async function getListItem(db: Kysely<DB>, id: string) {
  const item = await db.selectFrom('key_task_items').selectAll().where('id', '=', id).executeTakeFirst();
  if (!item) throw new AppError('not_found', '清单事项不存在');
  return item;
}

/** A task's history, oldest first. */
export function taskEvents(db: Kysely<DB>, taskId: string) {
  return db
    .selectFrom('key_task_events')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** Enabled agencies and their active users, for the decomposition form. */
export async function ownerChoices(db: Kysely<DB>) {
  const agencies = await db
    .selectFrom('agencies')
    .select(['id', 'name'])
    .where('enabled', '=', 1)
    .orderBy('code')
    .execute();
  const users = await db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .innerJoin('agencies', 'agencies.id', 'user_roles.agency_id')
    .select(['users.id', 'users.display_name', 'user_roles.agency_id', 'agencies.name as agency_name'])
    .where('users.disabled', '=', 0)
    .distinct()
    .orderBy('agencies.name')
    .orderBy('users.display_name')
    .execute();
  return { agencies, users };
}

/** The agency's published items, newest first, to link as evidence. */
export function publishedItemsOf(db: Kysely<DB>, agencyId: string) {
  return db
    .selectFrom('items')
    .select(['id', 'title', 'published_at'])
    .where('agency_id', '=', agencyId)
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .limit(100)
    .execute();
}

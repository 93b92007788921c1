import type { Kysely } from 'kysely';
import { chinaDay } from '../../core/clock';
import { newId } from '../../core/ids';
import type { DB } from '../../db/schema';
import type { RectificationTask } from '../../db/schema-inspections';
import { addWorkingDays, type Calendar } from '../calendar';
import type { ScopedFinding } from './finding';
import type { Thresholds } from './rules';

// Findings → rectification tasks (整改), inside the inspection's transaction. A problem has at most one
// open task (its fingerprint; a partial unique index backs this up): found again, it joins that task;
// found for the first time, it opens one with a deadline in working days. An accepted exception sticks:
// the same problem found again joins the excepted task instead of reopening. After a full scan, every
// open task whose problem was not found is closed with the inspection's id. Warnings open no task.

export interface TaskSyncResult {
  opened: number;
  joined: number;
  closed: number;
  taskOf: Map<string, string>; // fingerprint → task id
}

/** The tasks a new finding could join: open ones, and the latest excepted one per fingerprint. */
export async function joinableTasks(db: Kysely<DB>): Promise<Map<string, RectificationTask>> {
  const rows = await db
    .selectFrom('rectification_tasks')
    .selectAll()
    .where('status', 'in', ['open', 'excepted'])
    .orderBy('opened_at')
    .execute();
  const byFingerprint = new Map<string, RectificationTask>();
  for (const r of rows) {
    const held = byFingerprint.get(r.fingerprint);
    if (held?.status !== 'open') byFingerprint.set(r.fingerprint, r); // open wins, else the latest
  }
  return byFingerprint;
}

/** The deadline of a new task: working days by severity, counted from the China day it opens. */
export function taskDeadline(now: Date, severity: string, t: Thresholds, calendar: Calendar): string {
  const days = severity === 'veto' ? t.rectifyDaysVeto : t.rectifyDaysDeduct;
  return addWorkingDays(chinaDay(now), days, calendar.isWorkday);
}

/** Opens or joins a task for each finding (warnings excepted) and closes open tasks no longer found. */
export async function syncTasks(
  trx: Kysely<DB>,
  inspectionId: string,
  findings: readonly ScopedFinding[],
  now: Date,
  deadlineOf: (severity: string) => string,
): Promise<TaskSyncResult> {
  const at = now.toISOString();
  const existing = await joinableTasks(trx);
  const result: TaskSyncResult = { opened: 0, joined: 0, closed: 0, taskOf: new Map() };
  for (const f of findings) {
    if (f.severity === 'warn' || result.taskOf.has(f.fingerprint)) continue;
    const task = existing.get(f.fingerprint);
    if (task) {
      await trx
        .updateTable('rectification_tasks')
        .set((eb) => ({
          last_seen_inspection_id: inspectionId,
          last_seen_at: at,
          times_seen: eb('times_seen', '+', 1),
          message: f.message,
          severity: f.severity,
          indicator: f.indicator,
        }))
        .where('id', '=', task.id)
        .execute();
      result.joined++;
      result.taskOf.set(f.fingerprint, task.id);
      continue;
    }
    const id = newId();
    await trx
      .insertInto('rectification_tasks')
      .values({
        id,
        agency_id: f.agencyId,
        kind: f.kind,
        indicator: f.indicator,
        severity: f.severity,
        fingerprint: f.fingerprint,
        object_type: f.objectType,
        object_id: f.objectId,
        message: f.message,
        opened_at: at,
        opened_inspection_id: inspectionId,
        deadline: deadlineOf(f.severity),
        status: 'open',
        closed_at: null,
        closed_by: null,
        closed_inspection_id: null,
        exception_reason: null,
        last_seen_inspection_id: inspectionId,
        last_seen_at: at,
      })
      .execute();
    result.opened++;
    result.taskOf.set(f.fingerprint, id);
  }
  const closed = await trx
    .updateTable('rectification_tasks')
    .set({ status: 'closed', closed_at: at, closed_inspection_id: inspectionId })
    .where('status', '=', 'open')
    .where('last_seen_inspection_id', '<>', inspectionId)
    .executeTakeFirst();
  result.closed = Number(closed.numUpdatedRows);
  return result;
}

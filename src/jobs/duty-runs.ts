import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

// Exactly-once scheduling across instances (issue 8): time is cut into slots of a duty's interval,
// counted from midnight China time so daily duties run just after 00:00 in Beijing; the instance that
// inserts a slot's row first runs the duty, the others see the row and skip. A crashed run stays
// recorded as started without an outcome; the next slot runs as usual.

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const KEEP_DAYS = 30;

/** This process's name in duty_runs: host, pid and a random suffix (pids repeat across restarts). */
export const instanceName = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** The ISO start of the slot of length everyMs that holds now, slots aligned to China midnight. */
export function slotOf(now: Date, everyMs: number): string {
  const shifted = now.getTime() + CHINA_OFFSET_MS;
  return new Date(shifted - (shifted % everyMs) - CHINA_OFFSET_MS).toISOString();
}

/** Claims the slot for this instance; false when another instance (or an earlier tick) has it. */
export async function claimDutyRun(
  db: Kysely<DB>,
  run: { name: string; slot: string; instance: string },
  now: Date,
): Promise<boolean> {
  const result = await db
    .insertInto('duty_runs')
    .values({ ...run, started_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['name', 'slot']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Records how a claimed run ended, and forgets runs older than a month. */
export async function finishDutyRun(
  db: Kysely<DB>,
  run: { name: string; slot: string },
  outcome: 'ok' | 'failed',
  message: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('duty_runs')
    .set({ finished_at: now.toISOString(), outcome, message: message.slice(0, 1000) })
    .where('name', '=', run.name)
    .where('slot', '=', run.slot)
    .execute();
  const cutoff = new Date(now.getTime() - KEEP_DAYS * 86_400_000).toISOString();
  await db.deleteFrom('duty_runs').where('started_at', '<', cutoff).execute();
}

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { instanceName } from './duty-runs';

// Work that must not run twice at once across instances sharing one database (issue 8): a lease is a
// row of duty_runs in the slot 'lease', inserted by whoever takes it and deleted when the work ends.
// The holder renews it every HEARTBEAT_MS; a lease not renewed for STALE_MS belongs to a process that
// died, and the next taker clears it. Real time, not the app clock: it measures processes, not dates.

const SLOT = 'lease';
const HEARTBEAT_MS = 10_000;
const STALE_MS = 60_000;

async function takeLease(db: Kysely<DB>, name: string): Promise<boolean> {
  const staleBefore = new Date(Date.now() - STALE_MS).toISOString();
  await db
    .deleteFrom('duty_runs')
    .where('name', '=', name)
    .where('slot', '=', SLOT)
    .where('started_at', '<', staleBefore)
    .execute();
  const result = await db
    .insertInto('duty_runs')
    .values({ name, slot: SLOT, instance: instanceName, started_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(['name', 'slot']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Runs work holding the lease `name`; `{ ran: false }` without running it when another holds it. */
export async function withClusterLease<T>(
  db: Kysely<DB>,
  name: string,
  work: () => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false }> {
  if (!(await takeLease(db, name))) return { ran: false };
  const mine = () =>
    db
      .updateTable('duty_runs')
      .where('name', '=', name)
      .where('slot', '=', SLOT)
      .where('instance', '=', instanceName);
  const heartbeat = setInterval(() => {
    mine()
      .set({ started_at: new Date().toISOString() })
      .execute()
      .catch(() => {}); // a missed beat is retried at the next; STALE_MS allows several
  }, HEARTBEAT_MS);
  heartbeat.unref();
  try {
    return { ran: true, value: await work() };
  } finally {
    clearInterval(heartbeat);
    await db
      .deleteFrom('duty_runs')
      .where('name', '=', name)
      .where('slot', '=', SLOT)
      .where('instance', '=', instanceName)
      .execute();
  }
}

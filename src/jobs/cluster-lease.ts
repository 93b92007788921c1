import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { instanceName } from './duty-runs';

// Work that must not run twice at once across instances sharing one database (issue 8): a lease is a
// row of cluster_leases, inserted by whoever takes it and deleted when the work ends. The holder renews
// it every 10 s; a lease not renewed for 60 s belongs to a process that died, and the next taker clears
// it. Real time, not the app clock: it measures processes, not dates.

export interface LeaseTiming {
  heartbeatMs: number;
  staleMs: number;
}

const DEFAULT_TIMING: LeaseTiming = { heartbeatMs: 10_000, staleMs: 60_000 };

/** The lease `name` as held by this process. */
const heldHere = (name: string) => (eb: ExpressionBuilder<DB, 'cluster_leases'>) =>
  eb.and([eb('name', '=', name), eb('instance', '=', instanceName)]);

async function takeLease(db: Kysely<DB>, name: string, staleMs: number): Promise<boolean> {
  const staleBefore = new Date(Date.now() - staleMs).toISOString();
  await db
    .deleteFrom('cluster_leases')
    .where('name', '=', name)
    .where('renewed_at', '<', staleBefore)
    .execute();
  const result = await db
    .insertInto('cluster_leases')
    .values({ name, instance: instanceName, renewed_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Runs work holding the lease `name`; `{ ran: false }` without running it when another holds it. */
export async function withClusterLease<T>(
  db: Kysely<DB>,
  name: string,
  work: () => Promise<T>,
  timing: LeaseTiming = DEFAULT_TIMING,
): Promise<{ ran: true; value: T } | { ran: false }> {
  if (!(await takeLease(db, name, timing.staleMs))) return { ran: false };
  const heartbeat = setInterval(() => {
    db.updateTable('cluster_leases')
      .set({ renewed_at: new Date().toISOString() })
      .where(heldHere(name))
      .execute()
      .catch(() => {}); // a missed beat is retried at the next; staleMs allows several
  }, timing.heartbeatMs);
  heartbeat.unref();
  try {
    return { ran: true, value: await work() };
  } finally {
    clearInterval(heartbeat);
    await db.deleteFrom('cluster_leases').where(heldHere(name)).execute();
  }
}

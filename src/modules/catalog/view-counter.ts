import type { Kysely } from 'kysely';
import type { Context } from '../../core/context';
import type { DB } from '../../db/schema';

// 浏览次数 are counted in memory and written once a second, one UPDATE per item viewed. A view is not
// an acknowledged write, and an UPDATE with an fsync per page view held item pages to the disk's
// fsync rate (146 req/s under bench/load, issue 8). A crash loses at most the last second's counts;
// several instances each add their own increments, so none is counted twice.

// Crawlers and monitoring probes do not count as readers (浏览次数 counts people).
const BOT_PATTERN = /bot|crawl|spider|slurp|curl|wget|python-requests|httpclient|headless|monitor|scan/i;

const pendingByDb = new WeakMap<Kysely<DB>, Map<string, number>>();

function pendingOf(db: Kysely<DB>): Map<string, number> {
  let pending = pendingByDb.get(db);
  if (!pending) {
    pending = new Map();
    pendingByDb.set(db, pending);
  }
  return pending;
}

/** Counts one human view of an item; true when it counted (not a crawler). */
export function countView(ctx: Context, itemId: string, userAgent: string | undefined): boolean {
  if (!userAgent || BOT_PATTERN.test(userAgent)) return false;
  const pending = pendingOf(ctx.db);
  pending.set(itemId, (pending.get(itemId) ?? 0) + 1);
  return true;
}

/** Views counted in this process and not yet written: the page adds them to the stored figure. */
export function unsavedViews(ctx: Context, itemId: string): number {
  return pendingOf(ctx.db).get(itemId) ?? 0;
}

/** Writes the counted views in one transaction; views counted meanwhile wait for the next flush. */
export async function saveViewCounts(ctx: Context): Promise<number> {
  const pending = pendingOf(ctx.db);
  if (pending.size === 0) return 0;
  const batch = [...pending];
  pending.clear();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      for (const [id, n] of batch) {
        await trx
          .updateTable('items')
          .set((eb) => ({ view_count: eb('view_count', '+', n) }))
          .where('id', '=', id)
          .execute();
      }
    });
  } catch (error) {
    for (const [id, n] of batch) pending.set(id, (pending.get(id) ?? 0) + n); // kept for the next try
    throw error;
  }
  return batch.length;
}

import type { Kysely } from 'kysely';
import type { DB } from './schema';

/**
 * The next number of an agency's sequence for a period (索引号 per year or month, letters and tracking
 * numbers per year), inside the caller's transaction: the row update serialises concurrent callers,
 * and a rolled-back transaction gives its number back, so numbers are gapless and never reused.
 */
export async function nextSequence(trx: Kysely<DB>, agencyId: string, period: string): Promise<number> {
  await trx
    .insertInto('index_sequences')
    .values({ agency_id: agencyId, period, last_seq: 0 })
    .onConflict((oc) => oc.columns(['agency_id', 'period']).doNothing())
    .execute();
  const row = await trx
    .updateTable('index_sequences')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('agency_id', '=', agencyId)
    .where('period', '=', period)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return Number(row.last_seq);
}

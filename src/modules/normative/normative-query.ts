import type { Kysely } from 'kysely';
import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import type { DB } from '../../db/schema';
import { reminderFrom } from './normative-lifecycle';

// Read-only views of the 规范性文件 registry: the reminder list, an item's registry entry with its
// neighbours, the annual-report figures and successor candidates.

/** Documents of these agencies in their last six months of validity: the reminder list. */
export async function expiringNormatives(ctx: Context, agencyIds: string[] | 'all') {
  const today = chinaDay(ctx.clock.now());
  let q = ctx.db
    .selectFrom('normative_documents')
    .innerJoin('items', 'items.id', 'normative_documents.item_id')
    .select([
      'items.id',
      'items.title',
      'normative_documents.valid_until',
      'normative_documents.agency_id',
      'normative_documents.registration_number',
    ])
    .where('normative_documents.status', 'in', ['in_force', 'partly_expired'])
    .where('normative_documents.valid_until', '>=', today);
  if (agencyIds !== 'all') {
    if (agencyIds.length === 0) return [];
    q = q.where('normative_documents.agency_id', 'in', agencyIds);
  }
  const rows = await q.orderBy('normative_documents.valid_until').execute();
  return rows.filter((r) => reminderFrom(r.valid_until) <= today);
}

/** The registry entry of an item with its predecessor (the document it amended), if any. */
export async function normativeOf(db: Kysely<DB>, itemId: string) {
  const entry = await db
    .selectFrom('normative_documents')
    .selectAll()
    .where('item_id', '=', itemId)
    .executeTakeFirst();
  if (!entry) return null;
  const predecessor = await db
    .selectFrom('normative_documents')
    .innerJoin('items', 'items.id', 'normative_documents.item_id')
    .select(['items.id', 'items.title'])
    .where('normative_documents.successor_item_id', '=', itemId)
    .executeTakeFirst();
  const successor = entry.successor_item_id
    ? await db
        .selectFrom('items')
        .select(['id', 'title'])
        .where('id', '=', entry.successor_item_id)
        .executeTakeFirst()
    : undefined;
  return { entry, predecessor: predecessor ?? null, successor: successor ?? null };
}

/** Table 2 figures (年报 表二 第（一）项) for one agency and year, from the registry. */
export async function normativeYearStats(ctx: Context, agencyId: string, year: number) {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const entries = await ctx.db
    .selectFrom('normative_documents')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .execute();
  const events = await ctx.db
    .selectFrom('normative_events')
    .innerJoin('normative_documents', 'normative_documents.item_id', 'normative_events.item_id')
    .select(['normative_events.item_id', 'normative_events.status', 'normative_events.effective_on'])
    .where('normative_documents.agency_id', '=', agencyId)
    .execute();
  const endedBy = (itemId: string) =>
    events.filter(
      (e) =>
        e.item_id === itemId &&
        e.status !== 'in_force' &&
        e.status !== 'partly_expired' &&
        e.effective_on <= end,
    );
  return {
    issued: entries.filter((e) => e.effective_from >= start && e.effective_from <= end).length,
    repealed: events.filter(
      (e) => e.status === 'repealed' && e.effective_on >= start && e.effective_on <= end,
    ).length,
    inForce: entries.filter((e) => e.effective_from <= end && endedBy(e.item_id).length === 0).length,
  } satisfies { issued: number; repealed: number; inForce: number };
}

/** The agency's other registered documents: what an amended document may name as its successor. */
export function successorCandidates(db: Kysely<DB>, item: { id: string; agency_id: string }) {
  return db
    .selectFrom('normative_documents')
    .innerJoin('items', 'items.id', 'normative_documents.item_id')
    .select(['items.id', 'items.title'])
    .where('normative_documents.agency_id', '=', item.agency_id)
    .where('items.id', '!=', item.id)
    .execute();
}

import type { Kysely } from 'kysely';
import type { Context } from '../../core/context';
import type { DB, Item } from '../../db/schema';

// Records of other modules that follow an item's review and publication (the annual report follows its
// 年报 item): each listener runs inside the transaction that moves the item, so the two never disagree
// and nothing has to catch up when someone merely reads a page.

export type ItemStatusListener = (
  trx: Kysely<DB>,
  ctx: Context,
  item: Pick<Item, 'id' | 'agency_id'>,
  status: Item['status'],
) => Promise<void>;

const listeners = new Map<string, ItemStatusListener>();

/** Adds (or replaces, by name) a listener told of every item status change. */
export function onItemStatusChange(name: string, listener: ItemStatusListener): void {
  listeners.set(name, listener);
}

/** Tells every listener, inside the caller's transaction, that the item now has this status. */
export async function notifyItemStatus(
  trx: Kysely<DB>,
  ctx: Context,
  item: Pick<Item, 'id' | 'agency_id'>,
  status: Item['status'],
): Promise<void> {
  for (const listener of listeners.values()) await listener(trx, ctx, item, status);
}

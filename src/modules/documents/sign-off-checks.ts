import type { Context } from '../../core/context';
import type { Item } from '../../db/schema';

// Checks other modules add to the 终审 sign-off (条例 Art. 17 "先审查、后公开"): an item that carries a record
// of theirs (the annual report's 年报 item, say) is signed only when that record still passes their rules.
// A check throws an AppError with the reason; it returns normally for items that are not its own.

export type SignOffCheck = (ctx: Context, item: Item) => Promise<void>;

const checks = new Map<string, SignOffCheck>();

/** Adds (or replaces, by name) a check run before an item is signed off at the last step. */
export function registerSignOffCheck(name: string, check: SignOffCheck): void {
  checks.set(name, check);
}

/** Runs every registered check on the item about to be signed; the first refusal throws. */
export async function runSignOffChecks(ctx: Context, item: Item): Promise<void> {
  for (const check of checks.values()) await check(ctx, item);
}

import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import type { ColumnTable, Item } from '../../db/schema';
import { type Principal, visibleAgencyIds } from '../accounts';
import { isVisible, visibilityScopeOf } from './visibility';
import { publicItems } from './visibility-query';

// Columns (栏目) and items as the portal and the back office read them; visibility is decided in
// visibility.ts alone.

export const PAGE_SIZE = 20;

/** The columns of one agency, in display order. */
export function listColumns(ctx: Context, agencyId: string): Promise<ColumnTable[]> {
  return ctx.db.selectFrom('columns').selectAll().where('agency_id', '=', agencyId).orderBy('sort').execute();
}

/** One column by its agency and slug, or 404. */
export async function getColumn(ctx: Context, agencyId: string, slug: string): Promise<ColumnTable> {
  const row = await ctx.db
    .selectFrom('columns')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', '栏目不存在');
  return row;
}

/** One column by id (an item's column always exists: a foreign key). */
export async function getColumnById(ctx: Context, id: string): Promise<ColumnTable> {
  return ctx.db.selectFrom('columns').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

const listing = ['id', 'title', 'published_at', 'agency_id', 'column_id', 'source'] as const;

/** A page of a column's public items, newest first, and whether more pages follow. */
export async function listPublicItems(ctx: Context, columnId: string, page: number) {
  const rows = await publicItems(ctx.db)
    .select(listing)
    .where('column_id', '=', columnId)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  const total = await publicItems(ctx.db)
    .select((eb) => eb.fn.countAll().as('n'))
    .where('column_id', '=', columnId)
    .executeTakeFirstOrThrow();
  return {
    rows: rows.slice(0, PAGE_SIZE),
    total: Number(total.n),
    pages: Math.max(1, Math.ceil(Number(total.n) / PAGE_SIZE)),
  };
}

/** The newest public items across the district, or of one agency. */
export function latestPublicItems(ctx: Context, limit: number, agencyId?: string) {
  let q = publicItems(ctx.db).select(listing);
  if (agencyId) q = q.where('agency_id', '=', agencyId);
  return q.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/**
 * The few columns that decide whether a cached item page may be served and which copy: a page read
 * (bench/load) paid more for `select *` with the body than for the rest of the request.
 */
export function readItemStamp(ctx: Context, id: string) {
  return ctx.db
    .selectFrom('items')
    .select(['id', 'agency_id', 'status', 'visibility', 'version', 'updated_at', 'view_count'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * What an item page may show, from one read: the item if the viewer may read it, or — for an item that
 * was public and has been withdrawn — its withdrawal notice (title, time, reason). Anything else is 404,
 * the same answer whether the item is missing or not the viewer's.
 */
export async function readItemForPage(
  ctx: Context,
  id: string,
  viewer: Principal | null,
): Promise<{ kind: 'readable' | 'withdrawn'; item: Item }> {
  const item = await ctx.db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst();
  if (item && isVisible(visibilityScopeOf(viewer), item)) return { kind: 'readable', item };
  if (item?.status === 'withdrawn' && item.visibility === 'public') return { kind: 'withdrawn', item };
  throw new AppError('not_found', '信息不存在或已撤下');
}

/** Which rows of a list, newest first: `limit` of them after skipping `offset`. */
export interface ListWindow {
  limit: number;
  offset: number;
}

/** Back office: the items of the agencies the principal works for (all for the supervisor), latest change first. */
export async function listStaffItems(ctx: Context, viewer: Principal, window: ListWindow) {
  const agencies = visibleAgencyIds(viewer);
  if (agencies !== 'all' && agencies.length === 0) return [];
  let q = ctx.db
    .selectFrom('items')
    .innerJoin('columns', 'columns.id', 'items.column_id')
    .select([
      'items.id',
      'items.title',
      'items.status',
      'items.visibility',
      'items.published_at',
      'items.agency_id',
      'items.view_count',
      'columns.name as column_name',
    ]);
  if (agencies !== 'all') q = q.where('items.agency_id', 'in', agencies);
  return q
    .orderBy('items.updated_at', 'desc')
    .orderBy('items.id', 'desc') // a stable order across pages when two changed in the same millisecond
    .limit(window.limit)
    .offset(window.offset)
    .execute();
}

/** Back office: how many items the principal's agencies hold, and how many of them are drafts. */
export async function countStaffItems(
  ctx: Context,
  viewer: Principal,
): Promise<{ total: number; drafts: number }> {
  const agencies = visibleAgencyIds(viewer);
  if (agencies !== 'all' && agencies.length === 0) return { total: 0, drafts: 0 };
  let q = ctx.db
    .selectFrom('items')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('total'),
      eb.fn
        .sum<number | string | null>(eb.case().when('status', '=', 'draft').then(1).else(0).end())
        .as('drafts'),
    ]);
  if (agencies !== 'all') q = q.where('agency_id', 'in', agencies);
  const row = await q.executeTakeFirstOrThrow();
  return { total: Number(row.total), drafts: Number(row.drafts ?? 0) };
}

/** Back office: one item of an agency the principal works for; any other agency's item answers 404. */
export async function getStaffItem(ctx: Context, viewer: Principal, id: string): Promise<Item> {
  const agencies = visibleAgencyIds(viewer);
  const item = await ctx.db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst();
  if (!item || (agencies !== 'all' && !agencies.includes(item.agency_id)))
    throw new AppError('not_found', '信息不存在');
  return item;
}

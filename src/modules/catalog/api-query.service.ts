import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import type { ColumnTable } from '../../db/schema';
import { getAgencyByCode } from '../accounts';
import { getColumn, listColumns } from './catalog.service';
import { chinaYearBounds, publicItems } from './visibility-query';

// The read-only JSON API's queries: filters and paging over public items only (publicItems), and the
// public record of one item — named columns only, so internal fields cannot leak by a later schema change.

export interface PublicItemFilter {
  agency?: string; // agency code
  column?: string; // column slug within the agency
  year?: number; // publication year, China time
  genre?: string;
  subject?: string; // subject id; a top-level subject matches its children too
  page: number;
  pageSize: number;
}

function joinedPublicItems(ctx: Context) {
  return publicItems(ctx.db)
    .innerJoin('agencies', 'agencies.id', 'items.agency_id')
    .innerJoin('columns', 'columns.id', 'items.column_id');
}

async function filteredItems(ctx: Context, f: PublicItemFilter) {
  let q = joinedPublicItems(ctx);
  if (f.agency) {
    const agency = await getAgencyByCode(ctx, f.agency);
    q = q.where('items.agency_id', '=', agency.id);
    if (f.column) q = q.where('items.column_id', '=', (await getColumn(ctx, agency.id, f.column)).id);
  }
  if (f.year !== undefined) {
    const { from, to } = chinaYearBounds(f.year);
    q = q.where('items.published_at', '>=', from).where('items.published_at', '<', to);
  }
  if (f.genre) q = q.where('items.genre', '=', f.genre);
  const subject = f.subject;
  if (subject) {
    q = q.where((eb) =>
      eb.or([
        eb('items.subject_id', '=', subject),
        eb('items.subject_id', 'in', eb.selectFrom('subjects').select('id').where('parent_id', '=', subject)),
      ]),
    );
  }
  return q;
}

const listed = [
  'items.id',
  'items.title',
  'items.published_at',
  'items.source',
  'items.summary',
  'items.index_number',
  'items.doc_number',
  'items.genre',
  'items.subject_id',
  'agencies.code as agency_code',
  'columns.slug as column_slug',
] as const;

/** One page of public items matching the filter, newest first, and how many match in all. */
export async function findPublicItems(ctx: Context, f: PublicItemFilter) {
  const q = await filteredItems(ctx, f);
  const [rows, count] = await Promise.all([
    q
      .select(listed)
      .orderBy('items.published_at', 'desc')
      .orderBy('items.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export type PublicItemRow = Awaited<ReturnType<typeof findPublicItems>>['rows'][number];

/** The public record of one item, or 404 — the same answer for missing, unpublished and non-public. */
export async function getPublicItemRecord(ctx: Context, id: string) {
  const row = await joinedPublicItems(ctx)
    .select([
      ...listed,
      'items.keywords',
      'items.body_html',
      'items.issuer',
      'items.written_on',
      'items.disclosure',
      'agencies.name as agency_name',
      'columns.name as column_name',
    ])
    .where('items.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', '信息不存在或已撤下');
  return row;
}

export type PublicItemRecord = Awaited<ReturnType<typeof getPublicItemRecord>>;

/** The columns of an enabled agency, in display order; 404 for an unknown or disabled agency. */
export async function listAgencyColumns(ctx: Context, agencyCode: string) {
  const agency = await getAgencyByCode(ctx, agencyCode);
  const columns: ColumnTable[] = await listColumns(ctx, agency.id);
  return { agency, columns };
}

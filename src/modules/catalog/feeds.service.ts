import type { Context } from '../../core/context';
import { getAgencyByCode, listAgencies } from '../accounts';
import type { ColumnFeed } from './atom-feed';
import { getColumn } from './catalog.service';
import { SITEMAP_MAX_URLS, type SitemapUrl } from './sitemap';
import { chinaDate, publicItems } from './visibility-query';

// What the anonymous machine-readable channels show: a column's Atom feed and the sitemap. Both read
// items through publicItems only, so drafts, withdrawn, internal and agency-only items never appear.

export const FEED_SIZE = 20;

/** The newest public items of a column, for its Atom feed; 404 for an unknown agency or column. */
export async function columnFeed(ctx: Context, agencyCode: string, slug: string): Promise<ColumnFeed> {
  const agency = await getAgencyByCode(ctx, agencyCode);
  const column = await getColumn(ctx, agency.id, slug);
  const entries = await publicItems(ctx.db)
    .where('items.column_id', '=', column.id)
    .select(['id', 'title', 'summary', 'source', 'published_at', 'updated_at'])
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(FEED_SIZE)
    .execute();
  return { agency, column, entries };
}

const pathPart = encodeURIComponent;

/** Home, enabled agencies and their columns: the pages every sitemap starts with. */
async function structuralUrls(ctx: Context): Promise<SitemapUrl[]> {
  const agencies = await listAgencies(ctx, { enabledOnly: true });
  const columns = await ctx.db
    .selectFrom('columns')
    .innerJoin('agencies', 'agencies.id', 'columns.agency_id')
    .select(['agencies.code', 'columns.slug'])
    .where('agencies.enabled', '=', 1)
    .orderBy('agencies.code')
    .orderBy('columns.sort')
    .orderBy('columns.slug')
    .execute();
  return [
    { path: '/' },
    ...agencies.map((a) => ({ path: `/agencies/${pathPart(a.code)}` })),
    ...columns.map((c) => ({ path: `/agencies/${pathPart(c.code)}/columns/${pathPart(c.slug)}` })),
  ];
}

async function countPublicItems(ctx: Context): Promise<number> {
  const row = await publicItems(ctx.db)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// Oldest first, so a new publication lands on the last file and earlier files stay as crawled.
async function itemUrls(ctx: Context, offset: number, limit: number): Promise<SitemapUrl[]> {
  if (limit <= 0) return [];
  const rows = await publicItems(ctx.db)
    .select(['id', 'published_at'])
    .orderBy('published_at')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({
    path: `/items/${pathPart(r.id)}`,
    ...(r.published_at ? { lastmod: chinaDate(r.published_at) } : {}),
  }));
}

export type Sitemap = { kind: 'urlset'; urls: SitemapUrl[] } | { kind: 'index'; files: number };

/** The sitemap: one URL set, or — past `perFile` URLs — an index of numbered files. */
export async function buildSitemap(ctx: Context, perFile = SITEMAP_MAX_URLS): Promise<Sitemap> {
  const fixed = await structuralUrls(ctx);
  const files = Math.ceil((fixed.length + (await countPublicItems(ctx))) / perFile);
  if (files > 1) return { kind: 'index', files };
  return { kind: 'urlset', urls: [...fixed, ...(await itemUrls(ctx, 0, perFile - fixed.length))] };
}

/** File `page` (from 1) of the sitemap, or null past the last file. */
export async function sitemapFile(
  ctx: Context,
  page: number,
  perFile = SITEMAP_MAX_URLS,
): Promise<SitemapUrl[] | null> {
  const fixed = await structuralUrls(ctx);
  const files = Math.max(1, Math.ceil((fixed.length + (await countPublicItems(ctx))) / perFile));
  if (page > files) return null;
  const start = (page - 1) * perFile;
  const fixedPart = fixed.slice(start, start + perFile);
  const items = await itemUrls(ctx, Math.max(0, start - fixed.length), perFile - fixedPart.length);
  return [...fixedPart, ...items];
}

import type { z } from 'zod';
import type { Agency, ColumnTable } from '../../../db/schema';
import type { PublicItemRecord, PublicItemRow } from '../../../modules/catalog';
import { disclosureLabels } from '../../../modules/documents';
import type {
  agencyListSchema,
  columnListSchema,
  ItemDetail,
  ItemSummary,
  itemListSchema,
} from './api.schemas';

// Rows → API shapes: camelCase, relative URLs, and only the fields api.schemas.ts lists.

/** The enabled agencies. */
export function presentAgencies(rows: Agency[]): z.infer<typeof agencyListSchema> {
  return {
    agencies: rows.map((a) => ({ code: a.code, name: a.name, shortName: a.short_name, kind: a.kind })),
  };
}

/** The columns of one agency. */
export function presentColumns(agency: Agency, columns: ColumnTable[]): z.infer<typeof columnListSchema> {
  return {
    agency: agency.code,
    columns: columns.map((c) => ({ slug: c.slug, name: c.name, description: c.description })),
  };
}

/** One item as listed. */
export function presentItemSummary(r: PublicItemRow): ItemSummary {
  return {
    id: r.id,
    title: r.title,
    url: `/items/${encodeURIComponent(r.id)}`,
    publishedAt: r.published_at,
    source: r.source,
    agency: r.agency_code,
    column: r.column_slug,
    indexNumber: r.index_number,
    docNumber: r.doc_number,
    genre: r.genre,
    subject: r.subject_id,
    summary: r.summary,
  };
}

/** A page of items with its position. */
export function presentItemList(
  list: { rows: PublicItemRow[]; total: number },
  paging: { page: number; pageSize: number },
): z.infer<typeof itemListSchema> {
  return {
    items: list.rows.map(presentItemSummary),
    page: paging.page,
    pageSize: paging.pageSize,
    total: list.total,
  };
}

/** The full public record of an item; `subjectLabel` is "一级\二级". */
export function presentItemDetail(r: PublicItemRecord, subjectLabel: string): ItemDetail {
  return {
    ...presentItemSummary(r),
    agencyName: r.agency_name,
    columnName: r.column_name,
    keywords: r.keywords,
    issuer: r.issuer,
    writtenOn: r.written_on,
    subjectLabel,
    disclosure: r.disclosure ? disclosureLabels[r.disclosure] : '',
    bodyHtml: r.body_html,
  };
}

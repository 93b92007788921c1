import type { Context } from '../../core/context';
import { publicItems } from '../catalog';
import { chinaMonthOf } from './period';
import type { OversightScope } from './scope';

// 信息发布: public items published in the period, by column and by month in China time. Columns of
// different departments with one name (工作动态, 通知公告 …) are counted together across departments.

export interface PublishedByColumn {
  months: string[];
  rows: { column: string; counts: number[]; total: number }[];
  monthTotals: number[];
  total: number;
}

/** Counts public, currently published items whose publication time falls in the period. */
export async function publishedByColumnMonth(
  ctx: Context,
  scope: OversightScope,
): Promise<PublishedByColumn> {
  const { period, agencyIds } = scope;
  if (agencyIds !== 'all' && agencyIds.length === 0) return tallyPublished(period.months, []);
  let q = publicItems(ctx.db)
    .innerJoin('columns', 'columns.id', 'items.column_id')
    .select(['columns.name as column', 'items.published_at'])
    .where('items.published_at', '>=', period.fromIso)
    .where('items.published_at', '<', period.toIso);
  if (agencyIds !== 'all') q = q.where('items.agency_id', 'in', agencyIds);
  const rows = await q.execute();
  return tallyPublished(
    period.months,
    rows.map((r) => ({ column: r.column, month: chinaMonthOf(r.published_at ?? '') })),
  );
}

/** Pivots (column, month) pairs into a column × month table, busiest column first. */
export function tallyPublished(
  months: string[],
  pairs: { column: string; month: string }[],
): PublishedByColumn {
  const byColumn = new Map<string, number[]>();
  for (const p of pairs) {
    const i = months.indexOf(p.month);
    if (i < 0) continue;
    const counts = byColumn.get(p.column) ?? months.map(() => 0);
    counts[i] = (counts[i] ?? 0) + 1;
    byColumn.set(p.column, counts);
  }
  const rows = [...byColumn.entries()]
    .map(([column, counts]) => ({ column, counts, total: counts.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || a.column.localeCompare(b.column, 'zh-CN'));
  const monthTotals = months.map((_, i) => rows.reduce((sum, r) => sum + (r.counts[i] ?? 0), 0));
  return { months, rows, monthTotals, total: monthTotals.reduce((a, b) => a + b, 0) };
}

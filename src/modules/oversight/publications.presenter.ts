import type { MetricSection } from './metric-table';
import { monthLabel } from './period';
import type { PublishedByColumn } from './publications';

// 信息发布 as a column × month table and a stacked bar chart of months; the chart keeps the busiest
// columns and folds the rest into 其他栏目 so its legend stays readable (the table keeps every column).

const CHART_COLUMNS = 8;

/** The publishing section: every column in the table, the busiest ones in the chart. */
export function presentPublications(p: PublishedByColumn): MetricSection {
  const months = p.months.map(monthLabel);
  // one year: 1月…12月 on the axis; across years the full label (the table always has it)
  const oneYear = new Set(p.months.map((m) => m.slice(0, 4))).size === 1;
  const axis = oneYear ? p.months.map((m) => `${Number(m.slice(5, 7))}月`) : months;
  const top = p.rows.slice(0, CHART_COLUMNS);
  const rest = p.rows.slice(CHART_COLUMNS);
  const series = top.map((r) => ({ name: r.column, values: r.counts }));
  if (rest.length)
    series.push({
      name: '其他栏目',
      values: p.months.map((_, i) => rest.reduce((s, r) => s + (r.counts[i] ?? 0), 0)),
    });
  return {
    id: 'publications',
    title: '信息发布（按栏目、按月）',
    sheetName: '信息发布',
    definition:
      '统计期间内发布、目前仍对外公开的信息条数，按发布时间（北京时间）所在月份；各部门同名栏目合并计数。',
    note: p.total ? null : '本期没有发布信息。',
    table: {
      columns: ['栏目', ...months, '合计'],
      rows: p.rows.map((r) => [r.column, ...r.counts, r.total]),
      total: p.rows.length ? ['合计', ...p.monthTotals, p.total] : null,
    },
    chart: p.total
      ? { title: '每月发布信息（条）', categories: axis, series, stacked: true, horizontal: false }
      : null,
  };
}

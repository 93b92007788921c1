// The shape every metric takes for display and export: a table (the figures) and a chart spec (the same
// figures drawn). The page, the chart and the Excel sheet all read these, so they cannot disagree.

export type Cell = string | number | null | { percent: number | null };

export interface MetricTable {
  columns: string[];
  rows: Cell[][];
  total: Cell[] | null;
}

// How a series reads: done is green, late is red, waiting is amber, the rest take the palette in turn.
export type SeriesTone = 'good' | 'bad' | 'warn' | 'muted';

export interface ChartSeries {
  name: string;
  values: number[];
  tone?: SeriesTone | undefined;
}

export interface ChartSpec {
  title: string;
  categories: string[];
  series: ChartSeries[];
  stacked: boolean;
  horizontal: boolean; // categories down the side: long department names stay readable
}

export interface MetricSection {
  id: string;
  title: string;
  sheetName: string; // ≤ 31 characters, no []:*?/\ (Excel's rule)
  definition: string;
  note: string | null;
  table: MetricTable;
  chart: ChartSpec | null;
}

export interface Column<T> {
  header: string;
  cell: (row: T) => Cell;
}

/** A per-department table with a 合计 row, from column definitions. */
export function agencyTable<T extends { name: string }>(
  rows: readonly T[],
  columns: Column<T>[],
  total: T | null,
) {
  return {
    columns: ['单位', ...columns.map((c) => c.header)],
    rows: rows.map((r) => [r.name, ...columns.map((c) => c.cell(r))]),
    total: total && rows.length > 1 ? ['合计', ...columns.map((c) => c.cell(total))] : null,
  };
}

/** The 合计 row: numeric fields summed, rates recomputed by `finish`; null when there are no rows. */
export function totalRow<T extends { id: string; name: string }, K extends keyof T>(
  rows: readonly T[],
  keys: readonly K[],
  finish: (sums: Record<K, number>) => Partial<T>,
): T | null {
  const first = rows[0];
  if (!first) return null;
  const sums = {} as Record<K, number>;
  for (const k of keys) sums[k] = rows.reduce<number>((n, r) => n + Number(r[k] ?? 0), 0);
  return { ...first, ...sums, id: '', name: '合计', ...finish(sums) } as T;
}

/** A horizontal bar chart of departments; departments with nothing to draw are left out, null if none. */
export function agencyChart<T extends { name: string }>(
  title: string,
  rows: readonly T[],
  series: { name: string; value: (row: T) => number; tone?: SeriesTone }[],
  stacked = false,
): ChartSpec | null {
  const shown = rows.filter((r) => series.some((s) => s.value(r) > 0));
  if (shown.length === 0) return null;
  return {
    title,
    categories: shown.map((r) => r.name),
    series: series.map((s) => ({ name: s.name, values: shown.map(s.value), tone: s.tone })),
    stacked,
    horizontal: true,
  };
}

/** The text of a cell as the page prints it. */
export function cellText(cell: Cell): string {
  if (cell === null) return '—';
  if (typeof cell === 'object') return cell.percent === null ? '—' : `${cell.percent}%`;
  return String(cell);
}

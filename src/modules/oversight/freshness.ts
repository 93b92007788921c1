import type { Context } from '../../core/context';
import { type AgencyName, type OversightScope, perAgency, percent } from './scope';

// 栏目更新 (国办秘函〔2019〕19号「栏目不更新」「空白栏目」; portal-standards.md §5.2, §5.6): the verdict of the
// latest whole-site inspection finished by the end of the period. The inspection applies the freshness
// rules (each column's update cycle, the national limits, the warning margin); this view reads its
// findings rather than judging the columns a second time by other rules.

export const FRESHNESS_DEFINITION =
  '取统计期间截止前最近一次全站检查的结论：考核栏目指设定了更新周期的栏目；超期未更新、临近超期（预警）、' +
  '空白栏目按检查规则认定；按期更新率 = 未超期且非空白的考核栏目 ÷ 考核栏目。';

export interface FreshnessRow extends AgencyName {
  columns: number; // columns held to an update cycle
  stale: number;
  warned: number;
  blank: number; // blank columns, of any kind
  failing: number; // columns held to a cycle that are stale or blank
  rate: number | null;
}

export interface FreshnessResult {
  inspectedAt: string | null; // finished_at of the inspection used; null when none in time
  rows: FreshnessRow[];
}

const blank = () => ({ columns: 0, stale: 0, warned: 0, blank: 0, failing: 0, rate: null });

/** Column freshness per agency as the latest inspection up to the period's end found it. */
export async function columnFreshness(
  ctx: Context,
  scope: OversightScope,
  agencies: readonly AgencyName[],
): Promise<FreshnessResult> {
  const inspection = await ctx.db
    .selectFrom('inspections')
    .select(['id', 'finished_at'])
    .where('finished_at', 'is not', null)
    .where('finished_at', '<', scope.period.toIso)
    .orderBy('finished_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!inspection || agencies.length === 0) return { inspectedAt: inspection?.finished_at ?? null, rows: [] };
  const ids = agencies.map((a) => a.id);
  const [columns, findings] = await Promise.all([
    ctx.db
      .selectFrom('columns')
      .select(['id', 'agency_id', 'update_days'])
      .where('agency_id', 'in', ids)
      .execute(),
    ctx.db
      .selectFrom('inspection_findings')
      .select(['kind', 'severity', 'object_id'])
      .where('inspection_id', '=', inspection.id)
      .where('object_type', '=', 'column')
      .where('kind', 'in', ['freshness', 'blank_column'])
      .where('agency_id', 'in', ids)
      .execute(),
  ]);
  const rows = perAgency<Omit<FreshnessRow, keyof AgencyName>>(agencies, blank);
  const agencyOf = new Map(columns.map((c) => [c.id, c.agency_id]));
  const cycled = new Set(columns.filter((c) => c.update_days !== null).map((c) => c.id));
  const failing = new Set<string>();
  for (const c of cycled) {
    const r = rows.get(agencyOf.get(c) ?? '');
    if (r) r.columns++;
  }
  for (const f of findings) {
    const r = rows.get(agencyOf.get(f.object_id) ?? '');
    if (!r) continue;
    if (f.kind === 'blank_column') r.blank++;
    else if (f.severity === 'warn') r.warned++;
    else r.stale++;
    if (cycled.has(f.object_id) && f.severity !== 'warn' && !failing.has(f.object_id)) {
      failing.add(f.object_id);
      r.failing++;
    }
  }
  return {
    inspectedAt: inspection.finished_at,
    rows: [...rows.values()].map((r) => ({ ...r, rate: percent(r.columns - r.failing, r.columns) })),
  };
}

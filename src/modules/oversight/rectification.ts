import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { rectificationRate, rectificationStats } from '../inspections';
import { type AgencyName, type OversightScope, perAgency } from './scope';

// 整改 (国办秘函〔2019〕19号; portal-standards.md §5): rectification tasks the inspections opened in the
// period, summed over the indicator groups of rectificationStats, with its 整改率 rule:
// closed ÷ (opened − excepted), 100% when nothing is left to rectify. Open tasks are open findings.

export const RECTIFICATION_DEFINITION =
  '统计期间内全站检查发现并下发的整改任务；整改率 = 已整改 ÷（下发 − 认定例外），无需整改时为 100%；' +
  '未整改即仍未关闭的问题，逾期指已过整改期限。';

export interface RectificationRow extends AgencyName {
  opened: number;
  closed: number;
  excepted: number;
  open: number;
  overdue: number; // open past their deadline, as of now
  rate: number; // whole percent
}

const blank = () => ({ opened: 0, closed: 0, excepted: 0, open: 0, overdue: 0, rate: 100 });

/** Rectification tasks opened in the period, per agency (tasks with no owning agency are left out). */
export async function rectificationProgress(
  ctx: Context,
  scope: OversightScope,
  agencies: readonly AgencyName[],
): Promise<RectificationRow[]> {
  if (agencies.length === 0) return [];
  const query = { agencyIds: agencies.map((a) => a.id), from: scope.period.fromIso, to: scope.period.toIso };
  const rows = perAgency<Omit<RectificationRow, keyof AgencyName>>(agencies, blank);
  for (const s of await rectificationStats(ctx, query)) {
    const r = s.agencyId ? rows.get(s.agencyId) : undefined;
    if (!r) continue;
    for (const g of s.groups) {
      r.opened += g.opened;
      r.closed += g.closed;
      r.excepted += g.excepted;
      r.open += g.open;
    }
  }
  const overdue = await ctx.db
    .selectFrom('rectification_tasks')
    .select((eb) => ['agency_id', eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'open')
    .where('deadline', '<', chinaDay(ctx.clock.now())) // as task-view.ts: overdue after the deadline day
    .where('opened_at', '>=', query.from)
    .where('opened_at', '<', query.to)
    .where('agency_id', 'in', query.agencyIds)
    .groupBy('agency_id')
    .execute();
  for (const o of overdue) {
    const r = o.agency_id ? rows.get(o.agency_id) : undefined;
    if (r) r.overdue = Number(o.n);
  }
  return [...rows.values()].map((r) => ({ ...r, rate: rectificationRate(r) }));
}

import type { Context } from '../../core/context';
import { groupOfKind, rectificationGroups } from './indicators';

// 整改率 per agency and period: tasks opened in the period, and of those how many were closed by a scan
// or rescan (整改), excepted (认定例外: not a problem, so out of the rate), or still open.
// 整改率 = closed ÷ (opened − excepted), 100% when nothing is left to rectify.

export interface GroupStats {
  group: string;
  label: string;
  opened: number;
  closed: number;
  excepted: number;
  open: number;
  rate: number; // whole percent
}

export interface AgencyStats {
  agencyId: string | null;
  agencyName: string;
  groups: GroupStats[];
  sentence: string;
}

/** Whole-percent 整改率. */
export function rectificationRate(g: Pick<GroupStats, 'opened' | 'closed' | 'excepted'>): number {
  const due = g.opened - g.excepted;
  return due <= 0 ? 100 : Math.round((g.closed / due) * 100);
}

/** "栏目整改 4 次，整改率 100%；错敏词整改 8 次，整改率 100%" — each group with tasks, in group order. */
export function rectificationSentence(groups: readonly GroupStats[]): string {
  const parts = groups
    .filter((g) => g.opened - g.excepted > 0)
    .map((g) => `${g.label}整改 ${g.opened - g.excepted} 次，整改率 ${g.rate}%`);
  return parts.length ? parts.join('；') : '本期无整改任务';
}

/** Tallies tasks (kind, status) into groups in the order of indicators.ts. */
export function tallyGroups(tasks: readonly { kind: string; status: string }[]): GroupStats[] {
  const byGroup = new Map<string, GroupStats>();
  for (const t of tasks) {
    const { group, label } = groupOfKind(t.kind);
    const g = byGroup.get(group) ?? { group, label, opened: 0, closed: 0, excepted: 0, open: 0, rate: 100 };
    g.opened++;
    if (t.status === 'closed') g.closed++;
    else if (t.status === 'excepted') g.excepted++;
    else g.open++;
    byGroup.set(group, g);
  }
  const order = (group: string) => {
    const i = rectificationGroups.findIndex((g) => g.group === group);
    return i < 0 ? 99 : i;
  };
  return [...byGroup.values()]
    .map((g) => ({ ...g, rate: rectificationRate(g) }))
    .sort((a, b) => order(a.group) - order(b.group));
}

export interface StatsQuery {
  agencyIds: string[] | 'all';
  from: string; // ISO instant, inclusive
  to: string; // ISO instant, exclusive
}

/** Statistics per agency for tasks opened in [from, to), agencies by name. */
export async function rectificationStats(ctx: Context, q: StatsQuery): Promise<AgencyStats[]> {
  if (q.agencyIds !== 'all' && q.agencyIds.length === 0) return [];
  let query = ctx.db
    .selectFrom('rectification_tasks')
    .leftJoin('agencies', 'agencies.id', 'rectification_tasks.agency_id')
    .select([
      'rectification_tasks.agency_id',
      'agencies.name',
      'rectification_tasks.kind',
      'rectification_tasks.status',
    ])
    .where('rectification_tasks.opened_at', '>=', q.from)
    .where('rectification_tasks.opened_at', '<', q.to);
  if (q.agencyIds !== 'all') query = query.where('rectification_tasks.agency_id', 'in', q.agencyIds);
  const rows = await query.execute();
  const byAgency = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = r.agency_id ?? '';
    byAgency.set(key, [...(byAgency.get(key) ?? []), r]);
  }
  return [...byAgency.entries()]
    .map(([agencyId, tasks]) => {
      const groups = tallyGroups(tasks);
      return {
        agencyId: agencyId || null,
        agencyName: tasks[0]?.name ?? '（未确定责任单位）',
        groups,
        sentence: rectificationSentence(groups),
      };
    })
    .sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'zh-CN'));
}

import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { keyTaskProgress } from '../tasks';
import { type AgencyName, type OversightScope, percent } from './scope';

// 重点工作清单 progress (product.md: 区政府办 decomposes the provincial key-task list): the tasks module's
// keyTaskProgress per department for the list of the period's year — a list is yearly, so a custom
// range that crosses a year end uses the year its last day falls in.

export const KEY_TASK_DEFINITION =
  '统计期间所在年度的重点工作清单（跨年的自定义期间取截止日期所在年度）分解到各单位的任务；已完成指已验收，' +
  '逾期指未验收且已过完成时限，无佐证指未验收且尚未上传佐证材料。';

export interface KeyTaskRow extends AgencyName {
  total: number;
  done: number;
  inProgress: number;
  late: number;
  withoutEvidence: number;
  rate: number | null; // done ÷ total
}

/** The year of the key-task list a period is measured against. */
export function keyTaskYear(scope: OversightScope): number {
  return Number(scope.period.toDay.slice(0, 4));
}

/** Key-task progress per department, and the whole scope's as the 合计 row. */
export async function keyTaskOverview(
  ctx: Context,
  scope: OversightScope,
  agencies: readonly AgencyName[],
): Promise<{ year: number; rows: KeyTaskRow[]; total: KeyTaskRow | null }> {
  const year = keyTaskYear(scope);
  if (agencies.length === 0) return { year, rows: [], total: null };
  const today = chinaDay(ctx.clock.now());
  const rowOf = async (agency: AgencyName, agencyIds: string[]): Promise<KeyTaskRow> => {
    const p = await keyTaskProgress(ctx.db, { agencyIds, year }, today);
    return { ...agency, ...p, rate: percent(p.done, p.total) };
  };
  const rows: KeyTaskRow[] = [];
  for (const a of agencies) rows.push(await rowOf(a, [a.id]));
  return {
    year,
    rows,
    total: await rowOf(
      { id: '', name: '合计' },
      agencies.map((a) => a.id),
    ),
  };
}

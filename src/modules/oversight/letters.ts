import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { letterStats } from '../mailbox';
import { type AgencyName, type OversightScope, percent } from './scope';

// 部门信箱 (portal-standards.md §8.2: publish received and answered counts, 答复率, average handling time
// and satisfaction): the mailbox module's letterStats per department and for the whole scope. The
// whole-scope figure is its own call, so its average handling time is over letters, not departments.

export const LETTER_DEFINITION =
  '收到来信按受理日期计入统计期间；按期答复指期间内答复且不晚于答复期限；逾期未答复指截至期间末仍未答复且已过答复期限的有效来信；' +
  '平均办理时长为受理至答复的工作日数；满意度为期间内答复来信的评价（portal-standards.md §8.2）。';

export interface LetterRow extends AgencyName {
  received: number;
  answered: number;
  answeredOnTime: number;
  late: number;
  overdueOpen: number;
  averageWorkingDays: number | null;
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
  rate: number | null; // answered on time ÷ answered
}

async function rowOf(
  ctx: Context,
  agency: AgencyName,
  agencyIds: string[],
  scope: OversightScope,
): Promise<LetterRow> {
  // letterStats judges "overdue" at the period's end: a period still running ends today, so a letter
  // not yet due is not counted overdue because the period's last day lies in the future.
  const today = chinaDay(ctx.clock.now());
  const to = [scope.period.toDay, today].sort()[0] ?? today; // the earlier day (ISO text sorts by date)
  const s = await letterStats(ctx.db, { agencyIds, from: scope.period.fromDay, to });
  return {
    ...agency,
    ...s,
    late: s.answered - s.answeredOnTime,
    rate: percent(s.answeredOnTime, s.answered),
  };
}

/** Letter handling per department, and the whole scope's figures as the 合计 row. */
export async function letterTimeliness(
  ctx: Context,
  scope: OversightScope,
  agencies: readonly AgencyName[],
): Promise<{ rows: LetterRow[]; total: LetterRow | null }> {
  if (agencies.length === 0) return { rows: [], total: null };
  const rows: LetterRow[] = [];
  for (const a of agencies) rows.push(await rowOf(ctx, a, [a.id], scope));
  const total = await rowOf(
    ctx,
    { id: '', name: '合计' },
    agencies.map((a) => a.id),
    scope,
  );
  return { rows, total };
}

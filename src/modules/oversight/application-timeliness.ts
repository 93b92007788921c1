import type { Context } from '../../core/context';
import { onTimeRates } from '../applications';
import { type AgencyName, type OversightScope, perAgency, percent } from './scope';

// 依申请公开 timeliness (条例 Art. 33: answer within 20 working days, one extension): applications received
// in the period, and decisions made in it — on time when made on or before the due date, the rule of
// the applications module's onTimeRates. Open and overdue cases are a count as of today, from onTimeRates.

export const APPLICATION_DEFINITION =
  '收到申请按登记受理日期计入统计期间（不含待甄别和被认定为非申请的）；按期答复指期间内作出答复且不晚于答复期限；' +
  '未办结、逾期未办结为截至今日的件数（条例第三十三条）。';

export interface ApplicationRow extends AgencyName {
  received: number;
  answered: number;
  onTime: number;
  late: number;
  openNow: number;
  overdueNow: number;
  rate: number | null;
}

const blank = () => ({ received: 0, answered: 0, onTime: 0, late: 0, openNow: 0, overdueNow: 0, rate: null });

/** Received, answered on time / late in the period, and open / overdue today, per agency. */
export async function applicationTimeliness(
  ctx: Context,
  scope: OversightScope,
  agencies: readonly AgencyName[],
): Promise<ApplicationRow[]> {
  if (agencies.length === 0) return [];
  const { fromDay, toDay } = scope.period;
  const cases = await ctx.db
    .selectFrom('applications')
    .select(['agency_id', 'received_on', 'decided_on', 'due_on'])
    .where('status', 'not in', ['held', 'rejected_spam'])
    .where(
      'agency_id',
      'in',
      agencies.map((a) => a.id),
    )
    .where((eb) =>
      eb.or([
        eb.and([eb('received_on', '>=', fromDay), eb('received_on', '<=', toDay)]),
        eb.and([eb('decided_on', '>=', fromDay), eb('decided_on', '<=', toDay)]),
      ]),
    )
    .execute();
  const rows = perAgency<Omit<ApplicationRow, keyof AgencyName>>(agencies, blank);
  for (const c of cases) {
    const r = rows.get(c.agency_id);
    if (!r) continue;
    if (c.received_on && c.received_on >= fromDay && c.received_on <= toDay) r.received++;
    if (c.decided_on && c.decided_on >= fromDay && c.decided_on <= toDay) {
      r.answered++;
      if (!c.due_on || c.decided_on <= c.due_on) r.onTime++;
      else r.late++;
    }
  }
  for (const rate of await onTimeRates(ctx)) {
    const r = rows.get(rate.agencyId);
    if (!r) continue;
    r.openNow = rate.open;
    r.overdueNow = rate.overdue;
  }
  return [...rows.values()].map((r) => ({ ...r, rate: percent(r.onTime, r.answered) }));
}

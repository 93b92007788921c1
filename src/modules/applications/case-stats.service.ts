import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { OPEN_STATUSES } from './case-workflow';

// The district supervisor's view of every agency's applications: answered on time, late, and open
// cases already past their due date (条例 Art. 33 is the measure).

export interface OnTimeRate {
  agencyId: string;
  agencyName: string;
  decided: number;
  onTime: number;
  rate: number | null; // null when nothing was decided yet
  open: number;
  overdue: number;
}

/** Per agency: decisions on or before the due date, and open cases past it. */
export async function onTimeRates(ctx: Context): Promise<OnTimeRate[]> {
  const today = chinaDay(ctx.clock.now());
  const rows = await ctx.db
    .selectFrom('applications')
    .innerJoin('agencies', 'agencies.id', 'applications.agency_id')
    .select([
      'applications.agency_id as agencyId',
      'agencies.name as agencyName',
      'applications.status',
      'applications.decided_on',
      'applications.due_on',
    ])
    .where('applications.status', 'not in', ['held', 'rejected_spam'])
    .execute();
  const byAgency = new Map<string, OnTimeRate>();
  for (const r of rows) {
    const s = byAgency.get(r.agencyId) ?? {
      agencyId: r.agencyId,
      agencyName: r.agencyName,
      decided: 0,
      onTime: 0,
      rate: null,
      open: 0,
      overdue: 0,
    };
    if (r.decided_on) {
      s.decided++;
      if (!r.due_on || r.decided_on <= r.due_on) s.onTime++;
    } else if (OPEN_STATUSES.includes(r.status)) {
      s.open++;
      if (r.due_on && r.due_on < today) s.overdue++;
    }
    byAgency.set(r.agencyId, s);
  }
  return [...byAgency.values()]
    .map((s) => ({ ...s, rate: s.decided ? s.onTime / s.decided : null }))
    .sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'zh'));
}

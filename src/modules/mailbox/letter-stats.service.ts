import type { Kysely } from 'kysely';
import type { Context } from '../../core/context';
import type { DB } from '../../db/schema';
import { workingDaysLeft } from '../applications';
import { loadCalendar, workingDaysAfter } from '../calendar';
import { OPEN_STATUSES } from './letter-clock';

// The interaction indicators (portal-standards.md §8.2: "Always publish the aggregates: received and
// answered counts, 答复率, average handling time and satisfaction"; 烟台 monthly 回复率 per department).
// Periods are China days, both ends included.

export interface LetterStats {
  received: number; // received in the period (held-and-set-aside submissions are not letters)
  answered: number; // answered in the period
  answeredOnTime: number; // of those, answered on or before the due day
  overdueOpen: number; // valid letters received by the end of the period, unanswered then, past due then
  averageWorkingDays: number | null; // receipt to answer, over the letters answered in the period
  satisfied: number; // ratings of the letters answered in the period
  basicallySatisfied: number;
  dissatisfied: number;
}

export interface StatsQuery {
  agencyIds: string[] | 'all';
  from: string;
  to: string;
}

/** The indicators of a period for some agencies (the agency handling each letter) or all. */
export async function letterStats(db: Kysely<DB>, q: StatsQuery): Promise<LetterStats> {
  const empty: LetterStats = {
    received: 0,
    answered: 0,
    answeredOnTime: 0,
    overdueOpen: 0,
    averageWorkingDays: null,
    satisfied: 0,
    basicallySatisfied: 0,
    dissatisfied: 0,
  };
  if (q.agencyIds !== 'all' && q.agencyIds.length === 0) return empty;
  let base = db
    .selectFrom('mailbox_letters')
    .select(['status', 'received_on', 'due_on', 'answered_on', 'rating'])
    .where('received_on', 'is not', null)
    .where('received_on', '<=', q.to);
  if (q.agencyIds !== 'all') base = base.where('agency_id', 'in', q.agencyIds);
  const rows = await base.execute();
  const calendar = await loadCalendar(db);
  const stats = { ...empty };
  let days = 0;
  for (const r of rows) {
    const received = r.received_on as string;
    if (received >= q.from) stats.received++;
    const answeredIn = r.answered_on !== null && r.answered_on >= q.from && r.answered_on <= q.to;
    if (answeredIn) {
      stats.answered++;
      if (r.due_on && (r.answered_on as string) <= r.due_on) stats.answeredOnTime++;
      days += workingDaysAfter(received, r.answered_on as string, calendar.isWorkday);
      if (r.rating === 'satisfied') stats.satisfied++;
      if (r.rating === 'basic') stats.basicallySatisfied++;
      if (r.rating === 'dissatisfied') stats.dissatisfied++;
    }
    const validOpenThen =
      !['invalid', 'merged', 'set_aside'].includes(r.status) &&
      (r.answered_on === null || r.answered_on > q.to);
    if (validOpenThen && r.due_on && r.due_on < q.to) stats.overdueOpen++;
  }
  stats.averageWorkingDays = stats.answered ? Math.round((days / stats.answered) * 10) / 10 : null;
  return stats;
}

export interface NearDeadline {
  id: string;
  trackingNumber: string;
  subject: string;
  dueOn: string;
  overdue: boolean;
}

/** Open valid letters of an agency due within `withinWorkingDays` working days of `today`, or overdue. */
export async function lettersNearDeadline(
  ctx: Pick<Context, 'db'>,
  agencyId: string,
  today: string,
  withinWorkingDays: number,
): Promise<NearDeadline[]> {
  const rows = await ctx.db
    .selectFrom('mailbox_letters')
    .select(['id', 'tracking_number', 'subject', 'due_on'])
    .where('agency_id', '=', agencyId)
    .where('status', 'in', [...OPEN_STATUSES])
    .where('due_on', 'is not', null)
    .orderBy('due_on')
    .execute();
  const calendar = await loadCalendar(ctx.db);
  return rows
    .filter((r) => workingDaysLeft(today, r.due_on as string, calendar) <= withinWorkingDays)
    .map((r) => ({
      id: r.id,
      trackingNumber: r.tracking_number,
      subject: r.subject,
      dueOn: r.due_on as string,
      overdue: (r.due_on as string) < today,
    }));
}

export interface MonthRow {
  month: string; // YYYY-MM
  agencyId: string;
  agencyName: string;
  stats: LetterStats;
}

function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** The public monthly table: one row per agency with letters, for each of the given months. */
export async function monthlyStats(db: Kysely<DB>, months: string[], agencyId?: string): Promise<MonthRow[]> {
  let q = db.selectFrom('agencies').select(['id', 'name']).where('enabled', '=', 1).orderBy('code');
  if (agencyId) q = q.where('id', '=', agencyId);
  const agencies = await q.execute();
  const out: MonthRow[] = [];
  for (const month of months) {
    for (const a of agencies) {
      const stats = await letterStats(db, { agencyIds: [a.id], from: `${month}-01`, to: monthEnd(month) });
      if (stats.received || stats.answered || stats.overdueOpen)
        out.push({ month, agencyId: a.id, agencyName: a.name, stats });
    }
  }
  return out;
}

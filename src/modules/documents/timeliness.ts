import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { addWorkingDays, type IsWorkday, loadCalendar, workingDaysAfter } from '../calendar';

// 条例 Art. 26: proactive information is published within 20 working days of being formed or changed.
// "Formed" is the 成文日期 when there is one, else the day the draft was created.

export const ART26_WORKING_DAYS = 20;

export interface Timeliness {
  formedOn: string;
  deadline: string;
  publishedOn: string;
  workingDays: number;
  late: boolean;
}

/** How long a published item took, in working days, against the Art. 26 limit; null if unpublished. */
export function publicationTimeliness(
  item: { written_on: string | null; created_at: string; published_at: string | null },
  isWorkday: IsWorkday,
): Timeliness | null {
  if (!item.published_at) return null;
  const formedOn = item.written_on ?? chinaDay(new Date(item.created_at));
  const publishedOn = chinaDay(new Date(item.published_at));
  const deadline = addWorkingDays(formedOn, ART26_WORKING_DAYS, isWorkday);
  return {
    formedOn,
    deadline,
    publishedOn,
    workingDays: workingDaysAfter(formedOn, publishedOn, isWorkday),
    late: publishedOn > deadline,
  };
}

/** The agencies' recently published items that went out later than Art. 26 allows (newest 500 checked). */
export async function latePublications(ctx: Context, agencyIds: string[] | 'all') {
  if (agencyIds !== 'all' && agencyIds.length === 0) return [];
  let q = ctx.db
    .selectFrom('items')
    .select(['id', 'title', 'written_on', 'created_at', 'published_at'])
    .where('status', '=', 'published')
    .where('disclosure', '=', 'proactive');
  if (agencyIds !== 'all') q = q.where('agency_id', 'in', agencyIds);
  const rows = await q.orderBy('published_at', 'desc').limit(500).execute();
  const { isWorkday } = await loadCalendar(ctx.db);
  return rows
    .map((r) => ({ ...r, timeliness: publicationTimeliness(r, isWorkday) }))
    .filter((r) => r.timeliness?.late);
}

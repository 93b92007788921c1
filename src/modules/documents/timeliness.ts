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

type Dated = { written_on: string | null; created_at: string; published_at: string | null };

const formedOnOf = (item: Dated) => item.written_on ?? chinaDay(new Date(item.created_at));

/** How long a published item took, in working days, against the Art. 26 limit; null if unpublished. */
export function publicationTimeliness(item: Dated, isWorkday: IsWorkday): Timeliness | null {
  if (!item.published_at) return null;
  const formedOn = formedOnOf(item);
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
  // The dates alone first (an index holds them: migration 0018), the titles of the late ones after.
  let q = ctx.db
    .selectFrom('items')
    .select(['id', 'written_on', 'created_at', 'published_at'])
    .where('status', '=', 'published')
    .where('disclosure', '=', 'proactive');
  if (agencyIds !== 'all') q = q.where('agency_id', 'in', agencyIds);
  const rows = await q.orderBy('published_at', 'desc').limit(500).execute();
  const { isWorkday } = await loadCalendar(ctx.db);
  const late = rows
    .filter(mayBeLate)
    .map((r) => ({ ...r, timeliness: publicationTimeliness(r, isWorkday) }))
    .filter((r) => r.timeliness?.late);
  if (late.length === 0) return [];
  const titles = new Map(
    (
      await ctx.db
        .selectFrom('items')
        .select(['id', 'title'])
        .where(
          'id',
          'in',
          late.map((r) => r.id),
        )
        .execute()
    ).map((r) => [r.id, r.title]),
  );
  return late.map((r) => ({ ...r, title: titles.get(r.id) ?? '' }));
}

const MS_PER_DAY = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

// 20 working days take at least 20 calendar days, so an item out within 20 days of being formed is on
// time without walking the calendar day by day — most items are, and the walk was most of the cost of
// the 信息管理 page (BENCHMARKS.md, load: the review queue). Published on a China day after formedOn + 20
// means: at or after the start (China time) of formedOn + 21. Two Date.parse a row, no date strings.
function mayBeLate(item: Dated): boolean {
  if (!item.published_at) return false;
  const formed = Date.parse(formedOnOf(item)); // UTC midnight of the China day
  const published = Date.parse(item.published_at) + CHINA_OFFSET_MS;
  return !(published < formed + (ART26_WORKING_DAYS + 1) * MS_PER_DAY); // NaN takes the full check
}

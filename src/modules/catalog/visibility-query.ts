import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { anonymousScope, type VisibilityScope } from './visibility';

// visibility.ts as SQL: the same rule, applied by the database, so lists never load what they may not show.
// Anonymous channels (feeds, sitemap, JSON API) start from publicItems and nothing else.

/** The visibility rule of visibility.ts as a WHERE condition on `items`. */
export function visibleTo(scope: VisibilityScope) {
  return (eb: ExpressionBuilder<DB, 'items'>) => {
    const allowed = [eb('items.visibility', '=', 'public')];
    if (scope.internal) allowed.push(eb('items.visibility', '=', 'internal'));
    if (scope.agencyIds === 'all') allowed.push(eb('items.visibility', '=', 'agency'));
    else if (scope.agencyIds.length > 0)
      allowed.push(
        eb.and([eb('items.visibility', '=', 'agency'), eb('items.agency_id', 'in', scope.agencyIds)]),
      );
    return eb.and([eb('items.status', '=', 'published'), eb.or(allowed)]);
  };
}

/** Items anyone may read — published and public — as a query to refine with joins, filters and order. */
export function publicItems(db: Kysely<DB>) {
  return db.selectFrom('items').where(visibleTo(anonymousScope));
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The UTC bounds [from, to) of a calendar year in China time (UTC+8), as stored ISO text. */
export function chinaYearBounds(year: number): { from: string; to: string } {
  return {
    from: new Date(Date.UTC(year, 0, 1) - CHINA_OFFSET_MS).toISOString(),
    to: new Date(Date.UTC(year + 1, 0, 1) - CHINA_OFFSET_MS).toISOString(),
  };
}

/** YYYY-MM-DD in China time: the date a reader sees printed on the portal. */
export function chinaDate(iso: string): string {
  return new Date(new Date(iso).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

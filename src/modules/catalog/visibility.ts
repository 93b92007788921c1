import { type Principal, visibleAgencyIds } from '../accounts';

// THE visibility rule (product.md §10, issue "Visibility"): every route that shows content — pages,
// attachments, search, API, feeds, sitemap, exports — asks this module and nothing else.
//   public   (对外公开) — everyone;
//   internal (对内公开) — any signed-in staff member of the district (second factor passed);
//   agency   (本部门)   — staff of the owning agency, and the district supervisor.
// Only published items are ever shown outside the back office.

export type Visibility = 'public' | 'internal' | 'agency';

/** What a viewer may see, as data a query (SQL or search index) can apply. */
export interface VisibilityScope {
  internal: boolean;
  agencyIds: string[] | 'all';
}

export const anonymousScope: VisibilityScope = { internal: false, agencyIds: [] };

/** The scope of a viewer: anonymous citizens see public items only. */
export function visibilityScopeOf(viewer: Principal | null): VisibilityScope {
  if (!viewer?.mfaPassed) return anonymousScope;
  return { internal: true, agencyIds: visibleAgencyIds(viewer) };
}

/** Whether an item is visible within a scope. */
export function isVisible(
  scope: VisibilityScope,
  item: { status: string; visibility: Visibility; agency_id: string },
): boolean {
  if (item.status !== 'published') return false;
  if (item.visibility === 'public') return true;
  if (item.visibility === 'internal') return scope.internal;
  return scope.agencyIds === 'all' || scope.agencyIds.includes(item.agency_id);
}

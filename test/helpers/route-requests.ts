import type { InjectOptions } from 'fastify';
import { multipart } from './attachment-fixtures';

// Turning a route of app.routeTable ("POST /admin/items/:id") into a real request: its parameters
// filled with the ids of existing records, and a harmless body (only the CSRF token, or a multipart form
// holding only the token for the upload routes). Shared by the authorisation matrix and the route fuzzer.

/** A route as app.routeTable lists it, keyed "METHOD url". */
export type RouteKey = `${'GET' | 'POST'} ${string}`;

/** The records a route's parameters can name; every value is a real id, code or key in the database. */
export interface RouteIds {
  agencyId: string;
  agencyCode: string;
  columnSlug: string;
  /** A published public item (portal, API, key-task item pages use their own). */
  publishedItemId: string;
  /** A draft item (back-office item screens). */
  draftItemId: string;
  /** An attachment of the draft item. */
  attachmentId: string;
  /** An attachment of the published item (the portal download). */
  publicAttachmentId: string;
  applicationId: string;
  applicationLetterId: string;
  applicationAction: string;
  mailboxLetterId: string;
  /** A letter shown on the portal (answered and published). */
  publicLetterId: string;
  mailboxAction: string;
  userId: string;
  subjectId: string;
  letterTemplateKey: string;
  inspectionRuleId: string;
  thresholdKey: string;
  inspectionId: string;
  rectificationId: string;
  wordingRuleId: string;
  allowEntryId: string;
  keyTaskItemId: string;
  keyTaskId: string;
  evidenceId: string;
  meetingId: string;
  staffId: string;
  gapCheckId: string;
  reportId: string;
}

// Which record a parameter names, by the route's URL up to the parameter (longest prefix wins).
const paramSources: [prefix: string, param: string, source: keyof RouteIds | ((ids: RouteIds) => string)][] =
  [
    ['/static/', '*', () => 'favicon.svg'],
    ['/sitemap-', 'page', () => '1'],
    ['/agencies/', 'code', 'agencyCode'],
    ['/agencies/:code/columns/', 'slug', 'columnSlug'],
    ['/items/', 'id', 'publishedItemId'],
    ['/apply/', 'agencyCode', 'agencyCode'],
    ['/mailbox/letters/', 'id', 'publicLetterId'],
    ['/mailbox/', 'code', 'agencyCode'],
    ['/attachments/', 'id', 'publicAttachmentId'],
    ['/api/v1/agencies/', 'code', 'agencyCode'],
    ['/api/v1/items/', 'id', 'publishedItemId'],
    ['/admin/items/', 'id', 'draftItemId'],
    ['/admin/items/:id/attachments/', 'attachmentId', 'attachmentId'],
    ['/admin/applications/', 'id', 'applicationId'],
    ['/admin/applications/:id/', 'action', 'applicationAction'],
    ['/admin/applications/:id/letters/', 'letterId', 'applicationLetterId'],
    ['/admin/mailbox/', 'id', 'mailboxLetterId'],
    ['/admin/mailbox/:id/', 'action', 'mailboxAction'],
    ['/admin/agencies/', 'id', 'agencyId'],
    ['/admin/users/', 'id', 'userId'],
    ['/admin/roles/', 'id', 'userId'],
    ['/admin/subjects/', 'id', 'subjectId'],
    ['/admin/letter-templates/', 'agencyId', 'agencyId'],
    ['/admin/letter-templates/:agencyId/', 'key', 'letterTemplateKey'],
    ['/admin/inspections/rules/', 'id', 'inspectionRuleId'],
    ['/admin/inspections/thresholds/', 'key', 'thresholdKey'],
    ['/admin/inspections/', 'id', 'inspectionId'],
    ['/admin/rectifications/', 'id', 'rectificationId'],
    ['/admin/wording-rules/', 'id', 'wordingRuleId'],
    ['/admin/wording-rules/allow/', 'id', 'allowEntryId'],
    ['/admin/key-tasks/items/', 'id', 'keyTaskItemId'],
    ['/admin/key-tasks/tasks/', 'id', 'keyTaskId'],
    ['/admin/key-tasks/tasks/:id/evidence/', 'evidenceId', 'evidenceId'],
    ['/admin/staff/meetings/', 'id', 'meetingId'],
    ['/admin/staff/', 'id', 'staffId'],
    ['/admin/gap-checks/', 'id', 'gapCheckId'],
    ['/admin/reports/', 'id', 'reportId'],
  ];

// A path parameter: ":name", ":name(regex)" or the wildcard "*".
const paramPattern = /:([A-Za-z]+)(\([^)]*\))?|\*/g;

/** The record each parameter of a route URL names (a RouteIds key, or null for a fixed value). */
export function routeParamSources(url: string): (keyof RouteIds | null)[] {
  return [...url.matchAll(paramPattern)].map((m) => {
    const entry = sourceOf(url, m[1] ?? '*', m.index);
    return typeof entry === 'function' ? null : entry;
  });
}

function sourceOf(url: string, param: string, offset: number) {
  const before = url.slice(0, offset);
  const entry = paramSources.find(([prefix, p]) => p === param && before === prefix);
  if (!entry) throw new Error(`no record mapped for "${param}" in ${url}`);
  return entry[2];
}

/** The route URL with every parameter replaced by the id of a real record. */
export function fillRoute(url: string, ids: RouteIds): string {
  return url.replace(paramPattern, (_whole, name: string | undefined, _regex, offset: number) => {
    const param = name ?? '*';
    const source = sourceOf(url, param, offset);
    const value = typeof source === 'function' ? source(ids) : ids[source];
    return param === '*' ? value : encodeURIComponent(value);
  });
}

/** Routes whose form is multipart: the CSRF token travels as the first part (task-upload.ts). */
export const multipartRoutes: ReadonlySet<string> = new Set([
  'POST /admin/items/:id/attachments',
  'POST /admin/key-tasks/import',
  'POST /admin/key-tasks/tasks/:id/evidence',
  'POST /admin/staff/meetings',
]);

// Routes that need a field before they look at anything else: the agency (and year) the form is about.
const formFields: Record<string, (ids: RouteIds) => Record<string, string>> = {
  'POST /admin/reports': (ids) => ({ agencyId: ids.agencyId }),
  'POST /admin/reports/import': (ids) => ({ agencyId: ids.agencyId }),
  'POST /admin/work-summary': (ids) => ({ agencyId: ids.agencyId, year: '2025' }),
  'POST /admin/gap-checks/run': (ids) => ({ agencyId: ids.agencyId }),
};

/** The fields a route's harmless request carries besides the CSRF token. */
export function harmlessFields(
  route: { method: string; url: string },
  ids: RouteIds,
): Record<string, string> {
  return formFields[`${route.method} ${route.url}`]?.(ids) ?? {};
}

/**
 * The request for a route with a harmless body: a GET as is; a POST carrying only the CSRF token (and
 * `fields`), urlencoded or as a multipart form with no file, so an allowed request fails validation
 * rather than changing much.
 */
export function buildRouteRequest(
  route: { method: string; url: string },
  ids: RouteIds,
  csrf: string,
  fields: Record<string, string> = harmlessFields(route, ids),
): InjectOptions {
  const url = fillRoute(route.url, ids);
  if (route.method === 'GET') return { method: 'GET', url };
  if (multipartRoutes.has(`${route.method} ${route.url}`)) {
    const body = multipart([
      { field: '_csrf', value: csrf },
      ...Object.entries(fields).map(([field, value]) => ({ field, value })),
    ]);
    return {
      method: 'POST',
      url,
      headers: { 'content-type': body.contentType },
      payload: body.payload,
    };
  }
  return {
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
  };
}

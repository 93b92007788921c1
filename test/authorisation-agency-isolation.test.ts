import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusinessRole } from '../src/modules/accounts';
import { routeAccess } from './fixtures/route-access';
import { type AuthorisationWorld, LOGOUT, openAuthorisationWorld } from './helpers/authorisation-world';
import { CANARY_A, changedTables, databaseDigest } from './helpers/route-records';
import {
  buildRouteRequest,
  harmlessFields,
  type RouteIds,
  routeParamSources,
} from './helpers/route-requests';
import { testDatabases } from './helpers/test-context';

// Agency isolation (security.md T12) over the authorisation table (test/fixtures/route-access.ts): agency
// B's staff, sent to every back-office route that names one of agency A's records, get 404 (or the 403
// their role gets anyway) and never agency A's canary; the lists, search and API do not show it either;
// and nothing changes. The whole matrix is authorisation-matrix.test.ts.

// Records that belong to agency A (a parameter naming one of these makes the route an object route).
const agencyOwned = new Set<keyof RouteIds>([
  'draftItemId',
  'attachmentId',
  'applicationId',
  'applicationLetterId',
  'mailboxLetterId',
  'agencyId',
  'rectificationId',
  'keyTaskId',
  'evidenceId',
  'meetingId',
  'staffId',
  'gapCheckId',
  'reportId',
]);
const agencyForms = new Set([
  'POST /admin/reports',
  'POST /admin/reports/import',
  'POST /admin/work-summary',
  'POST /admin/gap-checks/run',
]);

describe.each(testDatabases())('agency isolation over the authorisation matrix on %s', (kind) => {
  let world: AuthorisationWorld;
  beforeAll(async () => {
    world = await openAuthorisationWorld(kind);
  });
  afterAll(async () => {
    await world?.close();
  });

  it('answers agency B’s staff 404 for every record of agency A, never showing its canary (T12)', async () => {
    const { ctx, records, clients, signIn, send } = world;
    const b = records.agencyB;
    const outsiders = {
      editor: await signIn({ grants: [{ agencyId: b, role: 'editor' }] }),
      reviewer2: await signIn({ grants: [{ agencyId: b, role: 'reviewer2' }] }),
    };
    const objectRoutes = Object.keys(routeAccess).filter((key) => {
      const url = key.split(' ')[1] ?? '';
      if (!url.startsWith('/admin/') || key === LOGOUT) return false;
      return agencyForms.has(key) || routeParamSources(url).some((s) => s !== null && agencyOwned.has(s));
    });
    expect(objectRoutes.length).toBeGreaterThan(50);
    const before = await databaseDigest(ctx);
    const problems: string[] = [];
    for (const [role, { client, token }] of Object.entries(outsiders) as [
      BusinessRole,
      typeof outsiders.editor,
    ][]) {
      for (const key of objectRoutes) {
        const [method = '', url = ''] = key.split(' ');
        const fields = harmlessFields({ method, url }, records.ids);
        const res = await client.request(buildRouteRequest({ method, url }, records.ids, token, fields));
        // A route the same role is refused in its own agency may answer 403 before it looks at the id;
        // a form naming agency A in a field is refused as input (400) without saying whether A exists.
        const expected = agencyForms.has(key)
          ? [400, 403, 404]
          : routeAccess[key]?.[role] === 'deny'
            ? [403, 404]
            : [404];
        if (!expected.includes(res.statusCode)) problems.push(`${role} ${key}: ${res.statusCode}`);
        if (res.body.includes(CANARY_A)) problems.push(`${role} ${key}: canary in the body`);
      }
      const lists = [
        '/admin',
        '/admin/items',
        '/admin/applications',
        `/admin/applications?agency=${records.agencyA}`,
        '/admin/mailbox',
        '/admin/key-tasks',
        '/admin/key-tasks/tasks',
        '/admin/staff',
        '/admin/staff/meetings',
        '/admin/gap-checks',
        `/admin/gap-checks?agencyId=${records.agencyA}`,
        '/admin/rectifications',
        '/admin/reports',
        `/admin/work-summary?agencyId=${records.agencyA}`,
        // The query is shown back on the page: search for a part of the canary, so only a hit has all of it.
        `/search?q=${CANARY_A.slice(0, 8)}`,
        `/api/v1/search?q=${CANARY_A.slice(0, 8)}`,
        '/api/v1/items',
      ];
      for (const url of lists) {
        const res = await client.get(url);
        if (res.statusCode >= 500) problems.push(`${role} GET ${url}: ${res.statusCode}`);
        if (res.body.includes(CANARY_A)) problems.push(`${role} GET ${url}: lists agency A's canary`);
      }
    }
    // Agency A's draft and its attachment do not exist on the portal or the API, for anyone.
    for (const client of [clients.anonymous, outsiders.editor.client]) {
      for (const url of [
        `/items/${records.ids.draftItemId}`,
        `/api/v1/items/${records.ids.draftItemId}`,
        `/attachments/${records.ids.attachmentId}`,
      ]) {
        const res = await client.get(url);
        if (res.statusCode !== 404) problems.push(`GET ${url}: ${res.statusCode}`);
        if (res.body.includes(CANARY_A)) problems.push(`GET ${url}: canary in the body`);
      }
    }
    expect(problems).toEqual([]);
    expect(changedTables(before, await databaseDigest(ctx))).toEqual([]);
    // The same pages show the canary to agency A's own editor: the check above can see a leak.
    for (const key of [
      'GET /admin/items/:id',
      'GET /admin/mailbox/:id',
      'GET /admin/key-tasks/tasks/:id',
      'GET /admin/staff/meetings',
    ]) {
      expect((await send('editor', key)).body, key).toContain(CANARY_A);
    }
  });
});

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusinessRole } from '../src/modules/accounts';
import { buildServer } from '../src/web/http/server';
import { type Outcome, type Role, roles, routeAccess } from './fixtures/route-access';
import { makeUser, TEST_PASSWORD } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import {
  CANARY_A,
  changedTables,
  databaseDigest,
  type RouteRecords,
  seedRouteRecords,
} from './helpers/route-records';
import {
  buildRouteRequest,
  harmlessFields,
  type RouteIds,
  routeParamSources,
} from './helpers/route-requests';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// The authorisation table (test/fixtures/route-access.ts) walked request by request: every route × every
// caller, with agency A's real records in the parameters; a refused request changes no row of any table
// (refusals are not audited, so the audit log is compared too). Then agency isolation (T12) and 三权分立
// (T13). The three-level review through every route that can move an item is authorisation-review.test.ts.

const LOGOUT = 'POST /admin/logout';
const isLoginPage = (location: unknown) => /^\/admin\/(login|2fa)(\/|\?|$)/.test(String(location ?? ''));

/** Why a response does not match the outcome the table states; null when it does. */
function mismatch(outcome: Outcome, res: LightMyRequestResponse): string | null {
  const status = res.statusCode;
  const toLogin = status === 303 && isLoginPage(res.headers.location);
  if (status >= 500) return `${status} (server error)`;
  const ok: Record<Outcome, boolean> = {
    allow: ![401, 403, 404].includes(status) && !toLogin,
    deny: status === 403 || status === 404,
    login: toLogin,
    refused: [400, 403, 409].includes(status),
    unauthenticated: status === 401,
  };
  return ok[outcome] ? null : `${status}${res.headers.location ? ` → ${res.headers.location}` : ''}`;
}

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

// Forms whose input is checked before the record is looked up: a valid body, so the lookup is reached.
const validForms: Record<string, Record<string, string>> = {
  'POST /admin/rectifications/:id/exception': { reason: '非本单位栏目的问题' },
};

describe.each(testDatabases())('the authorisation matrix on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let records: RouteRecords;
  const clients = {} as Record<Role, HttpClient>;
  const tokens = {} as Record<Role, string>;
  const userIds = {} as Record<Role, string>;
  let ip = 10;

  const tokenOf = async (client: HttpClient) =>
    /name="_csrf" value="([^"]+)"/.exec((await client.get('/admin/login')).body)?.[1] ?? '';

  /** A client signed in as a new account with the grants or administrator role given. */
  async function signIn(options: Parameters<typeof makeUser>[1], passwordOnly = false) {
    const user = await makeUser(ctx, options);
    const client = new HttpClient(app, `10.7.0.${ip++}`);
    const res = passwordOnly
      ? await client.postForm('/admin/login', { username: user.username, password: TEST_PASSWORD })
      : await client.login(ctx, user.username);
    expect(res.statusCode, `sign-in of ${user.username}`).toBe(303);
    return { user, client, token: await tokenOf(client) };
  }

  beforeAll(async () => {
    // Load shedding is off: a slow page on a busy 2-core runner must not turn into a 503 here.
    ctx = await createTestContext(kind);
    ctx.clock.set('2026-04-20T02:00:00.000Z');
    records = await seedRouteRecords(ctx);
    app = await buildServer(ctx);
    const a = records.agencyA;
    const grants: Partial<Record<Role, Parameters<typeof makeUser>[1]>> = {
      passwordOnly: { grants: [{ agencyId: a, role: 'editor' }] },
      editor: { grants: [{ agencyId: a, role: 'editor' }] },
      reviewer1: { grants: [{ agencyId: a, role: 'reviewer1' }] },
      reviewer2: { grants: [{ agencyId: a, role: 'reviewer2' }] },
      reviewer3: { grants: [{ agencyId: a, role: 'reviewer3' }] },
      supervisor: { grants: [{ agencyId: records.district, role: 'supervisor' }] },
      system: { adminRole: 'system' },
      security: { adminRole: 'security' },
      audit: { adminRole: 'audit' },
    };
    clients.anonymous = new HttpClient(app, '10.7.0.9');
    tokens.anonymous = await tokenOf(clients.anonymous);
    for (const [role, options] of Object.entries(grants) as [Role, Parameters<typeof makeUser>[1]][]) {
      const signed = await signIn(options, role === 'passwordOnly');
      clients[role] = signed.client;
      tokens[role] = signed.token;
      userIds[role] = signed.user.id;
    }
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  const send = (role: Role, key: string, fields?: Record<string, string>) => {
    const [method = '', url = ''] = key.split(' ');
    return clients[role].request(buildRouteRequest({ method, url }, records.ids, tokens[role], fields));
  };

  it('has one entry for every route of the router and none for a route that does not exist', () => {
    const routed = app.routeTable.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
    expect(Object.keys(routeAccess).sort()).toEqual([...new Set(routed)].sort());
    for (const access of Object.values(routeAccess))
      expect(Object.keys(access).sort()).toEqual([...roles].sort());
  });

  it('answers agency B’s staff 404 for every record of agency A, never showing its canary (T12)', async () => {
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
        const fields = { ...harmlessFields({ method, url }, records.ids), ...(validForms[key] ?? {}) };
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

  it('keeps the three administrators apart in the table itself (T13)', () => {
    const keys = Object.keys(routeAccess);
    const access = (key: string, role: Role) => routeAccess[key]?.[role];
    const personalData = [
      'GET /admin/applications/:id',
      'POST /admin/applications/:id/unmask',
      'GET /admin/mailbox/:id',
      'POST /admin/mailbox/:id/unmask',
      'GET /admin/applications/:id/letters/:letterId',
    ];
    const auditLog = keys.filter((k) => k.includes('/admin/audit'));
    const roleAssignment = keys.filter((k) => k.includes('/admin/roles'));
    const accounts = keys.filter((k) => k.includes('/admin/users'));
    for (const key of [...personalData, ...auditLog, ...roleAssignment])
      expect(access(key, 'system'), key).toBe('deny');
    for (const key of [...personalData, ...auditLog, ...accounts])
      expect(access(key, 'security'), key).toBe('deny');
    // The audit administrator writes nothing but its own sign-in steps and the chain check it runs.
    const ownSteps = new Set([
      'POST /admin/login',
      'POST /admin/2fa',
      'POST /admin/2fa/enroll',
      'POST /admin/password',
    ]);
    const auditWrites = keys.filter(
      (k) => k.startsWith('POST /admin') && k !== LOGOUT && !ownSteps.has(k) && access(k, 'audit') !== 'deny',
    );
    expect(auditWrites).toEqual(['POST /admin/audit/verify']);
    // No administrator reaches a screen of the business roles.
    const shared = new Set([
      'GET /admin/login',
      'POST /admin/login',
      'GET /admin/2fa',
      'POST /admin/2fa',
      'GET /admin/2fa/enroll',
      'POST /admin/2fa/enroll',
      'GET /admin/password',
      'POST /admin/password',
      LOGOUT,
    ]);
    const business = keys.filter(
      (k) => k.includes(' /admin/') && !shared.has(k) && access(k, 'editor') !== 'deny',
    );
    expect(business.length).toBeGreaterThan(60);
    for (const key of business) {
      for (const admin of ['system', 'security', 'audit'] as const) {
        expect(access(key, admin), `${admin} ${key}`).toBe('deny');
      }
    }
  });

  it('keeps the system administrator from taking over the security or audit administrator (T13)', async () => {
    const before = await databaseDigest(ctx);
    for (const target of ['security', 'audit'] as const) {
      for (const key of ['POST /admin/users/:id/reset-password', 'POST /admin/users/:id/reset-2fa']) {
        const [method = '', url = ''] = key.split(' ');
        const ids = { ...records.ids, userId: userIds[target] };
        const res = await clients.system.request(buildRouteRequest({ method, url }, ids, tokens.system));
        expect(res.statusCode, `${key} of the ${target} administrator`).toBe(403);
        expect(res.body).toContain('gongkai admin create');
      }
    }
    expect(changedTables(before, await databaseDigest(ctx))).toEqual([]);
  });

  describe('every route × every caller, as the table states', () => {
    const matrixRoutes = Object.keys(routeAccess).filter((k) => k !== LOGOUT);
    const callers = (key: string, which: (o: Outcome) => boolean) =>
      roles.filter((r) => which(routeAccess[key]?.[r] ?? 'allow'));

    /** Makes the requests, returning the answers that do not match the table. */
    async function walk(keys: string[], which: (o: Outcome) => boolean): Promise<string[]> {
      const problems: string[] = [];
      for (const key of keys) {
        for (const role of callers(key, which)) {
          const outcome = routeAccess[key]?.[role] ?? 'allow';
          const why = mismatch(outcome, await send(role, key));
          if (why) problems.push(`${key} as ${role}: expected ${outcome}, got ${why}`);
        }
      }
      return problems;
    }

    // Every refused request first, against the seeded records as they are, between two digests of the
    // whole database (one pair for all of them: a change is then traced to its route).
    it('refuses every caller the table refuses, changing no row of any table', async () => {
      const refused = (o: Outcome) => o === 'deny' || o === 'login' || o === 'refused';
      const before = await databaseDigest(ctx);
      const problems = await walk(matrixRoutes, refused);
      const changed = changedTables(before, await databaseDigest(ctx));
      if (changed.length > 0) {
        for (const key of matrixRoutes) {
          const start = await databaseDigest(ctx);
          await walk([key], refused);
          const culprit = changedTables(start, await databaseDigest(ctx));
          if (culprit.length) problems.push(`${key}: refused requests changed ${culprit.join(', ')}`);
        }
      }
      expect(problems).toEqual([]);
      expect(changed).toEqual([]);
    });

    it('records a sign-in without valid credentials as a failed attempt only', async () => {
      const before = await databaseDigest(ctx);
      expect(await walk(matrixRoutes, (o) => o === 'unauthenticated')).toEqual([]);
      const changed = changedTables(before, await databaseDigest(ctx));
      expect(changed.filter((t) => t !== 'audit_log' && t !== 'login_failures')).toEqual([]);
    });

    it('lets every caller the table allows reach the page or the form', async () => {
      expect(await walk(matrixRoutes, (o) => o === 'allow')).toEqual([]);
    });

    it('signs every caller out on POST /admin/logout', async () => {
      for (const role of roles) {
        const out = await send(role, LOGOUT);
        expect(out.statusCode, role).toBe(303);
        expect(out.headers.location, role).toBe('/admin/login');
        const after = await clients[role].get('/admin');
        expect([after.statusCode, after.headers.location], role).toEqual([303, '/admin/login']);
      }
    });
  });
});

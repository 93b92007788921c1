import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Role, routeAccess } from './fixtures/route-access';
import { type AuthorisationWorld, LOGOUT, openAuthorisationWorld } from './helpers/authorisation-world';
import { changedTables, databaseDigest } from './helpers/route-records';
import { buildRouteRequest } from './helpers/route-requests';
import { testDatabases } from './helpers/test-context';

// 三权分立 (security.md T13) in the authorisation table (test/fixtures/route-access.ts) and in the app:
// the system, security and audit administrators reach neither each other's screens nor personal data
// nor any screen of the business roles, and the system administrator cannot take over the other two.
// The whole matrix is authorisation-matrix.test.ts.

describe.each(testDatabases())('the separation of the three administrators on %s', (kind) => {
  let world: AuthorisationWorld;
  beforeAll(async () => {
    world = await openAuthorisationWorld(kind);
  });
  afterAll(async () => {
    await world?.close();
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
    const { ctx, records, clients, tokens, userIds } = world;
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
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Outcome, roles, routeAccess } from './fixtures/route-access';
import {
  type AuthorisationWorld,
  LOGOUT,
  mismatch,
  openAuthorisationWorld,
} from './helpers/authorisation-world';
import { changedTables, databaseDigest } from './helpers/route-records';
import { testDatabases } from './helpers/test-context';

// The authorisation table (test/fixtures/route-access.ts) walked request by request: every route × every
// caller, with agency A's real records in the parameters; a refused request changes no row of any table
// (refusals are not audited, so the audit log is compared too). Agency isolation (T12) is
// authorisation-agency-isolation.test.ts, 三权分立 (T13) authorisation-separation-of-duties.test.ts, and
// the three-level review through every route that can move an item authorisation-review.test.ts.

describe.each(testDatabases())('the authorisation matrix on %s', (kind) => {
  let world: AuthorisationWorld;
  beforeAll(async () => {
    world = await openAuthorisationWorld(kind);
  });
  afterAll(async () => {
    await world?.close();
  });

  it('has one entry for every route of the router and none for a route that does not exist', () => {
    const routed = world.app.routeTable.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
    expect(Object.keys(routeAccess).sort()).toEqual([...new Set(routed)].sort());
    for (const access of Object.values(routeAccess))
      expect(Object.keys(access).sort()).toEqual([...roles].sort());
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
          const why = mismatch(outcome, await world.send(role, key));
          if (why) problems.push(`${key} as ${role}: expected ${outcome}, got ${why}`);
        }
      }
      return problems;
    }

    // Every refused request first, against the seeded records as they are, between two digests of the
    // whole database (one pair for all of them: a change is then traced to its route).
    it('refuses every caller the table refuses, changing no row of any table', async () => {
      const refused = (o: Outcome) => o === 'deny' || o === 'login' || o === 'refused';
      const before = await databaseDigest(world.ctx);
      const problems = await walk(matrixRoutes, refused);
      const changed = changedTables(before, await databaseDigest(world.ctx));
      if (changed.length > 0) {
        for (const key of matrixRoutes) {
          const start = await databaseDigest(world.ctx);
          await walk([key], refused);
          const culprit = changedTables(start, await databaseDigest(world.ctx));
          if (culprit.length) problems.push(`${key}: refused requests changed ${culprit.join(', ')}`);
        }
      }
      expect(problems).toEqual([]);
      expect(changed).toEqual([]);
    });

    it('records a sign-in without valid credentials as a failed attempt only', async () => {
      const before = await databaseDigest(world.ctx);
      expect(await walk(matrixRoutes, (o) => o === 'unauthenticated')).toEqual([]);
      const changed = changedTables(before, await databaseDigest(world.ctx));
      expect(changed.filter((t) => t !== 'audit_log' && t !== 'login_failures')).toEqual([]);
    });

    it('lets every caller the table allows reach the page or the form', async () => {
      expect(await walk(matrixRoutes, (o) => o === 'allow')).toEqual([]);
    });

    it('signs every caller out on POST /admin/logout', async () => {
      for (const role of roles) {
        const out = await world.send(role, LOGOUT);
        expect(out.statusCode, role).toBe(303);
        expect(out.headers.location, role).toBe('/admin/login');
        const after = await world.clients[role].get('/admin');
        expect([after.statusCode, after.headers.location], role).toEqual([303, '/admin/login']);
      }
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeAccess } from './fixtures/route-access';
import { routeFuzz } from './fixtures/route-fuzz';
import { openTestApp, type TestApp } from './helpers/test-context';

// The route inventory of issue 8 (security.md T6 and T11: "a route missing from the table fails"): every
// route the router holds has an entry in the fuzz table and in the authorisation table, and neither
// table names a route that no longer exists. A new route therefore cannot land untested for bad input
// or for who may use it. The router is the same on both databases, so this runs once.

describe('the route inventory', () => {
  let test: TestApp;
  let routes: string[];
  beforeAll(async () => {
    test = await openTestApp('sqlite');
    await test.app.ready();
    routes = [
      ...new Set(test.app.routeTable.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`)),
    ].sort();
  });
  afterAll(() => test.close());

  it('finds the routes of every part of the platform', () => {
    for (const prefix of [
      'GET /items/',
      'POST /apply/',
      'POST /mailbox/',
      'GET /admin/',
      'POST /admin/',
      'GET /api/v1/',
    ])
      expect(
        routes.some((r) => r.startsWith(prefix)),
        prefix,
      ).toBe(true);
    expect(routes.length).toBeGreaterThan(150);
  });

  it.each([
    ['fuzz', () => Object.keys(routeFuzz)],
    ['authorisation', () => Object.keys(routeAccess)],
  ])('has an entry for every route, and only for routes, in the %s table', (_name, keysOf) => {
    const keys = keysOf().sort();
    expect(
      routes.filter((r) => !keys.includes(r)),
      'routes missing from the table',
    ).toEqual([]);
    expect(
      keys.filter((k) => !routes.includes(k)),
      'table entries naming no route',
    ).toEqual([]);
  });
});

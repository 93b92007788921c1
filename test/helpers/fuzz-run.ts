import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FuzzGroup, fuzzGroupKeys } from './fuzz-groups';
import { strayFiles } from './fuzz-payloads';
import { fuzzRoute } from './fuzz-route';
import { openWorld, type World } from './fuzz-world';
import { type DbKind, testDatabases } from './test-context';

// A run of the route fuzzing over one group of routes (test/fuzz-*.test.ts, security.md T6; the groups
// are in fuzz-groups.ts): the world a test file fuzzes its group in, and the checks of the run as a
// whole. The server's memory under fuzzing is measured on a real server process (fuzz-server-rss).
//
// Run time: 1,300–1,800 requests per group and database; 60–95 s per file on SQLite and PostgreSQL
// together, with the 2-core machine shared. Most of it is rendering pages.

export interface FuzzRun {
  readonly world: World;
  /** Fuzzes one route (fuzz-route.ts). */
  fuzz(key: string): Promise<void>;
  /** No file outside the data folder; at least 15 requests per route were made and timed. */
  expectTidy(kind: DbKind, routeCount: number): void;
}

/** Opens the fuzz world for the describe block it is called in, and closes it after. */
export function useFuzzRun(kind: DbKind): FuzzRun {
  let world: World | undefined;
  beforeAll(async () => {
    world = await openWorld(kind);
  }, 120_000);
  afterAll(async () => {
    await world?.app.close();
    await world?.ctx.close();
    world = undefined;
  });
  const opened = () => {
    if (!world) throw new Error('the fuzz world is not open');
    return world;
  };
  return {
    get world() {
      return opened();
    },
    async fuzz(key) {
      await fuzzRoute(opened(), key);
    },
    expectTidy(kind, routeCount) {
      const world = opened();
      expect(strayFiles(world.ctx.dataDir)).toEqual([]);
      const sorted = [...world.timings].sort((a, b) => a - b);
      const at = (q: number) => Math.round(sorted[Math.floor(q * (sorted.length - 1))] ?? 0);
      console.log(
        `${kind}: ${sorted.length} requests, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`,
      );
      expect(sorted.length).toBeGreaterThan(routeCount * 15);
    },
  };
}

/**
 * The suite of one group, on each test database. Each route of the group gets the payloads, fast-check
 * cases and malformed requests of fuzz-route.ts in its own field and parameter names
 * (test/fixtures/route-fuzz.ts). Every answer: < 500, a refusal within 2 s, no stack trace, SQL, file
 * path or version; a malformed body gets 400/413/415; a refused request leaves the tables the route
 * writes unchanged; Object.prototype stays clean; no file appears outside the data folder. The four
 * groups (fuzz-groups.ts) cover the whole fuzz table between them.
 */
export function describeFuzzGroup(group: FuzzGroup, title: string): void {
  const routeKeys = fuzzGroupKeys(group);
  describe.each(testDatabases())(`${title} under fuzzing, on %s`, (kind) => {
    const run = useFuzzRun(kind);
    it.each(routeKeys)('%s', (key) => run.fuzz(key), 120_000);
    it('left no file outside the data folder, and answered each request within 2 s', () => {
      run.expectTidy(kind, routeKeys.length);
    });
  });
}

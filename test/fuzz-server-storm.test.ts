import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeFuzz } from './fixtures/route-fuzz';
import { type DemoServer, startDemoServer } from './helpers/demo-server';
import { type HttpFuzzWorld, openHttpFuzzWorld } from './helpers/fuzz-http-world';
import { runStorm, stormRequests } from './helpers/fuzz-storm';

// security.md T6 on a real server process, with requests in flight together: the route fuzzing of
// test/fuzz-*.test.ts runs the app inside the vitest process (app.inject), one request at a time; here
// `gongkai serve` runs on its own (demo content) and takes a fuzz storm over real HTTP — every route of the
// fuzz table with its payloads, fast-check cases and oversize or malformed bodies, and the heaviest
// legitimate GETs repeated — 8 requests in flight. No answer may be a 5xx, and the server stays healthy.
// (This found two races: the 错敏词 matcher cache's shared temporary file, and whole-site inspections
// started together.) The server's memory under the same storm is a benchmark: bench/memory/server-rss.ts.
//
// SQLite only: what the fuzzing can grow — request bodies, rendering, exports, text extraction — is the
// same server code on either database; PostgreSQL runs in a process of its own, and SQLite's page cache
// in the server is a few MB. The server trusts the loopback as its proxy (GONGKAI_TRUST_PROXY) so that
// each request comes from its own address (X-Forwarded-For), as in the in-process fuzzing.

const IN_FLIGHT = 8;
const HEAVY_ROUNDS = 4;

/** The messages of the errors the server logged (its JSON log lines at level error or above). */
function loggedErrors(log: string): string {
  const messages = log
    .split('\n')
    .filter((line) => /"level":(?:5|6)0/.test(line))
    .map((line) => /"message":"([^"]{0,300})/.exec(line)?.[1] ?? line.slice(0, 300));
  return [...new Set(messages)].slice(0, 5).join('\n');
}

describe('a real server process under a fuzz storm of every route, 8 requests in flight', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gk-fuzz-storm-'));
  let server: DemoServer;
  let world: HttpFuzzWorld;

  beforeAll(async () => {
    server = await startDemoServer({ dataDir, env: { GONGKAI_TRUST_PROXY: '127.0.0.1' } });
    world = await openHttpFuzzWorld(server, dataDir);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers nothing with 5xx and stays healthy', async () => {
    const storm = await runStorm(server.baseUrl, stormRequests(world, HEAVY_ROUNDS), IN_FLIGHT);
    const statuses = [...storm.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
    console.log(
      `${storm.requests} requests (${storm.cutOff} oversize bodies cut off by the server), statuses ${statuses.join(' ')}`,
    );
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
    expect(storm.serverErrors, loggedErrors(server.log())).toEqual([]);
    expect(storm.unanswered).toEqual([]);
    expect(storm.requests).toBeGreaterThan(Object.keys(routeFuzz).length * 15);
  }, 300_000);
});

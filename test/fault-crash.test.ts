import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sqlitePathIn } from '../src/db/client';
import { burstDamage, burstServerEnv, noDamage, startBurst } from './helpers/burst-writers';
import { runGongkai } from './helpers/cli';
import { type DemoServer, startDemoServer } from './helpers/demo-server';

// Crash consistency (security.md T3, issue 8): twenty writers submit applications to a real server
// process on SQLite; at a random moment 0.2–2 s in it is killed with SIGKILL, as a power cut would;
// it is restarted on the same data folder. Five rounds. Every acknowledged submission must be there
// unchanged, every stored one whole (its case history written with it), the database must pass
// its integrity and foreign-key checks, and the audit chain must verify.

const WRITERS = 20;
const ROUNDS = 5;
describe('crash consistency: SIGKILL during a burst of submissions (security.md T3)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gk-crash-'));
  let server: DemoServer | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged write and leaves nothing half-written across five kills', async () => {
    const acknowledged = new Map<string, string>();
    for (let round = 1; round <= ROUNDS; round++) {
      server = await startDemoServer({ dataDir, env: burstServerEnv });
      const burst = startBurst(server.baseUrl, round, WRITERS, acknowledged);
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 1800));
      await server.kill();
      await burst.done;
    }
    server = await startDemoServer({ dataDir, env: burstServerEnv }); // recovery after the last kill
    await server.stop();
    server = undefined;
    console.info(`T3: ${ROUNDS} kills, ${acknowledged.size} acknowledged submissions`);
    expect(acknowledged.size).toBeGreaterThan(ROUNDS); // the burst really wrote between kills

    expect(burstDamage(sqlitePathIn(dataDir), acknowledged)).toEqual(noDamage);
    const verified = await runGongkai(['audit', 'verify'], dataDir);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
  }, 240_000);
});

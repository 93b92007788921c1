import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { sqlitePathIn } from '../src/db/client';
import { burstServerEnv, startBurst } from './helpers/burst-writers';
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

    const db = new Database(sqlitePathIn(dataDir), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const stored = new Map(
        (
          db
            .prepare(
              "SELECT tracking_number, description FROM applications WHERE description LIKE '%故障测试%'",
            )
            .all() as { tracking_number: string; description: string }[]
        ).map((r) => [r.tracking_number, r.description]),
      );
      const lost = [...acknowledged].filter(([t, d]) => stored.get(t) !== d);
      expect(lost).toEqual([]);
      // Whole or absent: every stored submission has its history — submitted, then held or received
      // with a due date — written in the same transaction as the row.
      const halfWritten = db
        .prepare(
          `SELECT a.tracking_number FROM applications a
           WHERE a.description LIKE '%故障测试%' AND (NOT EXISTS (SELECT 1 FROM application_events e
                             WHERE e.application_id = a.id AND e.kind = 'submitted')
              OR (a.held_reason IS NULL AND (a.due_on IS NULL OR NOT EXISTS (
                   SELECT 1 FROM application_events e WHERE e.application_id = a.id AND e.kind = 'received'))))`,
        )
        .all();
      expect(halfWritten).toEqual([]);
    } finally {
      db.close();
    }
    const verified = await runGongkai(['audit', 'verify'], dataDir);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
  }, 240_000);
});

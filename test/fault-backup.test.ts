import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sqlitePathIn } from '../src/db/client';
import { burstDamage, burstServerEnv, noDamage, startBurst } from './helpers/burst-writers';
import { runGongkai } from './helpers/cli';
import { type DemoServer, startDemoServer } from './helpers/demo-server';

// Backup during writes (security.md T5, issue 8): while twenty writers submit applications to a real
// server, `gongkai backup` runs; restored into an empty data folder, the backup holds every submission
// acknowledged before the backup began, nothing half-written, passes the integrity and foreign-key
// checks, every attachment matches its hash (restore checks them) and the audit chain verifies.

describe('backup during writes (security.md T5)', () => {
  const live = mkdtempSync(path.join(tmpdir(), 'gk-backup-live-'));
  const restored = mkdtempSync(path.join(tmpdir(), 'gk-backup-restored-'));
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'gk-backup-file-')), 'during-writes.sqlite');
  let server: DemoServer | undefined;
  afterAll(async () => {
    await server?.stop();
    for (const dir of [live, restored, path.dirname(file)]) rmSync(dir, { recursive: true, force: true });
  });

  it('restores everything acknowledged before the backup began, whole and verifiable', async () => {
    server = await startDemoServer({ dataDir: live, env: burstServerEnv });
    const burst = startBurst(server.baseUrl, 1, 20);
    await new Promise((r) => setTimeout(r, 1000));
    const before = new Map(burst.acknowledged); // acknowledged before the backup began
    const backup = await runGongkai(['backup', file], live);
    await new Promise((r) => setTimeout(r, 500)); // writes go on after it, too
    await burst.stop();
    await server.stop();
    server = undefined;
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(before.size).toBeGreaterThan(0);
    expect(burst.acknowledged.size).toBeGreaterThan(before.size); // the backup ran amid the burst

    copyFileSync(path.join(live, 'keys.json'), path.join(restored, 'keys.json')); // keys are kept apart
    const restore = await runGongkai(['restore', file], restored);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0); // exit 1 would name a missing or altered attachment

    expect(burstDamage(sqlitePathIn(restored), before)).toEqual(noDamage);
    const verified = await runGongkai(['audit', 'verify'], restored);
    expect(verified.code).toBe(0);
  }, 180_000);
});

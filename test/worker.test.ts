import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duties } from '../src/app/duties';
import { sqlitePathIn } from '../src/db/client';
import { type DemoServer, startDemoServer, startWorker, type WorkerProcess } from './helpers/demo-server';

// `gongkai worker` runs the scheduled duties without a web server, and `serve` with GONGKAI_DUTIES=0
// leaves them to it (README "Deployment"). On the embedded SQLite: two processes on one data folder.

describe('the duty worker beside a web instance that leaves the duties to it', () => {
  let server: DemoServer;
  let worker: WorkerProcess | undefined;
  let dataDir: string;
  const claims = () => {
    const db = new Database(sqlitePathIn(dataDir), { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT name, instance FROM duty_runs').all() as { name: string; instance: string }[];
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'gk-worker-test-'));
    server = await startDemoServer({ dataDir, env: { GONGKAI_DUTIES: '0' } });
  }, 60_000);
  afterAll(async () => {
    await worker?.stop();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs no duty in the web instance, and every duty in the worker', async () => {
    await new Promise((r) => setTimeout(r, 1500)); // the server's start-up ticks would have claimed by now
    expect(claims()).toEqual([]);
    worker = await startWorker({ GONGKAI_DATA_DIR: dataDir });
    for (let i = 0; i < 200 && new Set(claims().map((c) => c.name)).size < duties.length; i++)
      await new Promise((r) => setTimeout(r, 100));
    const runs = claims();
    expect(runs.map((r) => r.name).sort()).toEqual(duties.map((d) => d.name).sort());
    for (const run of runs) expect(run.instance, run.name).toContain(`:${worker.pid}:`);
  }, 60_000);
});

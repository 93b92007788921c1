import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { type Config, loadConfig } from '../../src/config/config';
import { ManualClock } from '../../src/core/clock';
import type { Context } from '../../src/core/context';
import { openDatabase, sqlitePathIn } from '../../src/db/client';
import { migrateToLatest } from '../../src/db/migrate';
import { createSearchProvider } from '../../src/search';
import { buildServer } from '../../src/web/http/server';

// Integration tests run on SQLite always and on PostgreSQL when TEST_DATABASE_URL is set; every test
// file (every context) gets its own fresh database, so tests never share mutable data.

export type DbKind = 'sqlite' | 'postgres';

/** The databases this run covers. */
export function testDatabases(): DbKind[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestContext extends Context {
  clock: ManualClock;
  dataDir: string;
  close(): Promise<void>;
}

/** A fresh, empty PostgreSQL database beside TEST_DATABASE_URL's, with a function that drops it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL ?? '';
  const name = `gk_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A migrated database, a config pointing at it, fixed keys and a manual clock. */
export async function createTestContext(
  kind: DbKind,
  env: Record<string, string> = {},
): Promise<TestContext> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gongkai-test-'));
  const pgDb = kind === 'postgres' ? await createPostgresDatabase() : undefined;
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    GONGKAI_DATA_DIR: dataDir,
    GONGKAI_DEMO: '0',
    // No load shedding in tests: on a busy CI machine a slow page would turn the next requests into
    // 503s. Shedding is measured in bench/load (issue 8), where the overload is made on purpose.
    GONGKAI_SHED_EVENT_LOOP_DELAY_MS: '0',
    ...(pgDb ? { DATABASE_URL: pgDb.url } : {}),
    ...env,
  });
  const db = openDatabase({ url: config.databaseUrl, sqlitePath: sqlitePathIn(dataDir) });
  await migrateToLatest(db);
  await createSearchProvider(db).ensureSchema();
  return {
    db,
    config,
    clock: new ManualClock(),
    keys: { audit: 'test-audit-key-0123456789abcdef0123', secret: 'test-secret-key-0123456789abcdef012' },
    dataDir,
    close: async () => {
      await db.destroy();
      await pgDb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestApp {
  ctx: TestContext;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** A fresh database and the real HTTP server over it; `prepare` runs before the server is built. */
export async function openTestApp(
  kind: DbKind,
  prepare?: (ctx: TestContext) => Promise<void>,
): Promise<TestApp> {
  const ctx = await createTestContext(kind);
  await prepare?.(ctx);
  const app = await buildServer(ctx);
  return {
    ctx,
    app,
    close: async () => {
      await app.close();
      await ctx.close();
    },
  };
}

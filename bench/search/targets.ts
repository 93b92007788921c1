import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../src/db/client';
import { foldText } from '../../src/search/char-fold';

// The databases a benchmark runs on: a fresh SQLite file with the app's durability settings, and,
// when a PostgreSQL URL is given, a scratch database created and dropped around the run.

// biome-ignore lint/suspicious/noExplicitAny: the bench talks to the search tables only
type AnyDb = Kysely<any>;

export interface BenchTarget {
  name: 'sqlite' | 'postgres';
  db: AnyDb;
  /** Bytes on disk after the index is built. */
  size(): Promise<number>;
  /** A brute-force count of public items containing all terms: the floor an index must beat. */
  scan(terms: string[]): Promise<number>;
  close(): Promise<void>;
}

/** A fresh SQLite database in a temporary folder. */
export function sqliteTarget(): BenchTarget {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-bench-'));
  const file = path.join(dir, 'bench.sqlite');
  const db = openDatabase({ sqlitePath: file });
  return {
    name: 'sqlite',
    db,
    size: async () => {
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
      const wal = `${file}-wal`;
      return statSync(file).size + (statSync(wal, { throwIfNoEntry: false })?.size ?? 0);
    },
    scan: async (terms) => {
      const where = sql.join(
        terms.map((t) => sql`(instr(title, ${t}) > 0 OR instr(body, ${t}) > 0)`),
        sql` AND `,
      );
      const r = await sql<{ n: number }>`SELECT count(*) AS n FROM search_docs
        WHERE ${where} AND visibility = 'public'`.execute(db);
      return Number(r.rows[0]?.n);
    },
    close: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A scratch PostgreSQL database next to the one the URL names. */
export async function postgresTarget(baseUrl: string): Promise<BenchTarget> {
  const name = `gk_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const db = openDatabase({ url: url.toString() });
  return {
    name: 'postgres',
    db,
    size: async () => {
      await sql`VACUUM ANALYZE search_docs`.execute(db);
      const r = await sql<{ n: string }>`SELECT pg_database_size(current_database()) AS n`.execute(db);
      return Number(r.rows[0]?.n);
    },
    scan: async (terms) => {
      const folded = terms.map(foldText);
      const where = sql.join(
        folded.map((t) => sql`(strpos(norm_title, ${t}) > 0 OR strpos(norm_body, ${t}) > 0)`),
        sql` AND `,
      );
      const r = await sql<{ n: string }>`SELECT count(*) AS n FROM search_docs
        WHERE ${where} AND visibility = 'public'`.execute(db);
      return Number(r.rows[0]?.n);
    },
    close: async () => {
      await db.destroy();
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

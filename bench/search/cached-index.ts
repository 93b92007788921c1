import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { openDatabase } from '../../src/db/client';
import { createSearchProvider, type SearchDocument } from '../../src/search';
import { log } from '../lib/figure';
import { generateCorpus } from './corpus';

// A search index of N generated items, built once with the app's own provider (`upsert`, the app's
// SQLite settings) and kept in the bench data folder, so later runs measure queries without paying the
// build again (100,000 items take 5–15 minutes here; 1,000,000 over an hour). The file name carries a
// fingerprint of the search code and the corpus generator: when either changes, the index is rebuilt,
// so a reused index is always what the current code would build. The build's own figures (time, items/s,
// size) are kept beside it and reported as measured then.

// biome-ignore lint/suspicious/noExplicitAny: the index owns its tables, outside the app schema
type AnyDb = Kysely<any>;

const ROOT = path.join(import.meta.dirname, '../..');
const CHUNK = 10_000; // items generated and indexed at a time: 1M items never sit in memory at once
const BATCH = 1000; // items per transaction, as bench/search/run.ts

export interface BuildRecord {
  docs: number;
  seconds: number;
  itemsPerSecond: number;
  megabytes: number;
  characters: number;
  builtAt: string;
  loadAverage: string;
}

export interface CachedIndex {
  db: AnyDb;
  file: string;
  build: BuildRecord;
  reused: boolean;
  close(): Promise<void>;
}

/** The default data folder: bench/.data (ignored by git), or GONGKAI_BENCH_DATA. */
export const benchDataDir = () => process.env.GONGKAI_BENCH_DATA ?? path.join(ROOT, 'bench/.data');

// The cache key: what the current code writes. 30 probe items of the corpus are indexed with the app's
// provider into a scratch file, and the schema, the stored rows and the FTS5 shadow tables are hashed; a
// change to the tokenisation, the schema, the write path or the corpus changes the key and rebuilds the
// index, while changes to the query side (ranking, caching) keep it.
export async function writeFingerprint(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-bench-probe-'));
  const db = openDatabase({ sqlitePath: path.join(dir, 'probe.sqlite') });
  try {
    const search = createSearchProvider(db);
    await search.ensureSchema();
    await search.upsert(corpusChunk(0, 30));
    const hash = createHash('sha256');
    const tables = await sql<{ name: string; sql: string | null }>`
      SELECT name, sql FROM sqlite_master WHERE name LIKE 'search%' ORDER BY name`.execute(db);
    for (const t of tables.rows) {
      hash.update(`${t.name}\n${t.sql ?? ''}\n`);
      if (t.sql?.startsWith('CREATE TABLE')) {
        const rows = await sql.raw(`SELECT * FROM "${t.name}" ORDER BY 1`).execute(db);
        for (const row of rows.rows as Record<string, unknown>[])
          for (const v of Object.values(row))
            hash.update(v instanceof Uint8Array ? v : String(v)).update('\x00');
      }
    }
    return hash.digest('hex').slice(0, 12);
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Chunk `chunk` of the corpus: items chunk × 10,000 + 1… (each chunk has its own seed). */
export function corpusChunk(chunk: number, size = CHUNK): SearchDocument[] {
  return generateCorpus(size, { seed: 20240601 + chunk }).map((d, i) => ({
    ...d,
    id: `doc-${String(chunk * CHUNK + i + 1).padStart(7, '0')}`,
  }));
}

const sizeOf = (file: string) =>
  ['', '-wal', '-shm'].reduce(
    (n, s) => n + (statSync(`${file}${s}`, { throwIfNoEntry: false })?.size ?? 0),
    0,
  );

async function build(file: string, docs: number): Promise<BuildRecord> {
  for (const s of ['', '-wal', '-shm']) rmSync(`${file}${s}`, { force: true });
  const db = openDatabase({ sqlitePath: file });
  const search = createSearchProvider(db);
  await search.ensureSchema();
  const start = performance.now();
  let characters = 0;
  for (let chunk = 0; chunk * CHUNK < docs; chunk++) {
    const items = corpusChunk(chunk, Math.min(CHUNK, docs - chunk * CHUNK));
    characters += items.reduce((n, d) => n + d.title.length + d.text.length, 0);
    for (let i = 0; i < items.length; i += BATCH) await search.upsert(items.slice(i, i + BATCH));
    const done = chunk * CHUNK + items.length;
    const rate = done / ((performance.now() - start) / 1000);
    log(`  search index: ${done} of ${docs} items (${rate.toFixed(0)} items/s)`);
  }
  const seconds = (performance.now() - start) / 1000;
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  await db.destroy();
  return {
    docs,
    seconds,
    itemsPerSecond: docs / seconds,
    megabytes: sizeOf(file) / 1e6,
    characters,
    builtAt: new Date().toISOString(),
    loadAverage: loadavg()
      .map((n) => n.toFixed(1))
      .join(' / '),
  };
}

/** Opens the cached index of `docs` items, building it first when missing or when `rebuild` is set. */
export async function openCachedIndex(
  docs: number,
  options: { rebuild?: boolean } = {},
): Promise<CachedIndex> {
  const dir = benchDataDir();
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `search-${docs}-${await writeFingerprint()}.sqlite`);
  const meta = `${file}.json`;
  const reused = !options.rebuild && existsSync(file) && existsSync(meta);
  if (!reused) {
    log(`search: building the ${docs}-item index in ${file}`);
    const building = `${file}.building`;
    const record = await build(building, docs);
    renameSync(building, file);
    writeFileSync(meta, `${JSON.stringify(record, null, 2)}\n`);
  }
  const db = openDatabase({ sqlitePath: file });
  return {
    db,
    file,
    build: JSON.parse(readFileSync(meta, 'utf8')) as BuildRecord,
    reused,
    close: () => db.destroy(),
  };
}

import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../src/db/client';
import { anonymousScope } from '../../src/modules/catalog';
import { createSearchProvider, normaliseQuery } from '../../src/search';
import { containsPattern, filterConditions } from '../../src/search/postgres.reader';
import { CANDIDATES } from '../../src/search/search-pipeline';
import { numberArg } from '../lib/args';
import { generateCorpus } from './corpus';
import { fmt, percentile, timeRounds } from './measure';
import { benchQueries } from './queries';

// PostgreSQL search at 100,000 items: the search as shipped, which finds the count, the newest matches
// and the newest title matches in one pass over the matching rows (postgres.reader.ts), side by side
// with the three statements it replaced, each its own bitmap scan with its own recheck of the bodies.
// Same index, same run, queries alternating. Not a test:
//   npx tsx bench/search/postgres-passes.ts [--docs 100000] [--rounds 5]
// The index is built once into the database gk_bench_search_<docs> beside TEST_DATABASE_URL's (or
// DATABASE_URL's, default postgres://postgres@127.0.0.1:5432/test) and kept for later runs.

// biome-ignore lint/suspicious/noExplicitAny: the bench talks to the search tables only
type AnyDb = Kysely<any>;

const DOCS = numberArg('docs', 100_000);
const ROUNDS = numberArg('rounds', 5);
const base =
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const name = `gk_bench_search_${DOCS}`;

async function ensureDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function ensureIndex(db: AnyDb): Promise<void> {
  const search = createSearchProvider(db);
  await search.ensureSchema();
  const have = await sql<{ n: string }>`SELECT count(*) AS n FROM search_docs`.execute(db);
  if (Number(have.rows[0]?.n) === DOCS) return;
  await sql`TRUNCATE search_docs`.execute(db);
  const corpus = generateCorpus(DOCS);
  const start = performance.now();
  for (let i = 0; i < corpus.length; i += 1000) {
    await search.upsert(corpus.slice(i, i + 1000));
    if ((i / 1000) % 10 === 9) process.stderr.write(`  indexed ${i + 1000}\n`);
  }
  await sql`VACUUM ANALYZE search_docs`.execute(db);
  process.stderr.write(`indexed in ${((performance.now() - start) / 1000).toFixed(0)} s\n`);
}

// The three statements of the reader before the one-pass change, as it ran them.
async function threeScans(db: AnyDb, q: string): Promise<void> {
  const { terms } = normaliseQuery(q);
  const short = terms.filter((t) => Array.from(t).length < 3);
  const long = terms.filter((t) => Array.from(t).length >= 3);
  const all = [
    ...(short.length ? [sql`grams @> ${short}::text[]`] : []),
    ...long.map((t) => sql`(norm_title LIKE ${containsPattern(t)} OR norm_body LIKE ${containsPattern(t)})`),
    ...filterConditions({ scope: anonymousScope }),
  ];
  const title = [
    ...all,
    ...long.map((t) => sql`norm_title LIKE ${containsPattern(t)}`),
    ...short.map((t) => sql`strpos(norm_title, ${t}) > 0`),
  ];
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL enable_seqscan = off`.execute(trx);
    await sql`SET LOCAL enable_indexscan = off`.execute(trx);
    await sql`SELECT count(*) FROM search_docs WHERE ${sql.join(all, sql` AND `)}`.execute(trx);
    for (const where of [all, title])
      await sql`SELECT doc_key FROM search_docs WHERE ${sql.join(where, sql` AND `)}
        ORDER BY doc_key DESC LIMIT ${CANDIDATES}`.execute(trx);
  });
}

const db = openDatabase({ url: await ensureDatabase() });
try {
  await ensureIndex(db);
  const search = createSearchProvider(db);
  const rows: string[] = [];
  const shipped: number[] = [];
  const before: number[] = [];
  for (const { q, kind } of benchQueries) {
    const query = { q, scope: anonymousScope, page: 1, pageSize: 20 };
    await search.search(query);
    await threeScans(db, q); // warm both
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      a.push(...(await timeRounds(1, () => search.search(query))));
      b.push(...(await timeRounds(1, () => threeScans(db, q))));
    }
    shipped.push(...a);
    before.push(...b);
    rows.push(
      `| ${q} | ${kind} | ${fmt(percentile(a, 50))} | ${fmt(percentile(b, 50))} | ${fmt(percentile(b, 50) / percentile(a, 50), 1)}× |`,
    );
  }
  console.log(`PostgreSQL, ${DOCS} items, ${ROUNDS} rounds per query, alternating\n`);
  console.log(
    '| query | kind | whole search, one pass (ms, p50) | the three scans it replaced (ms, p50) | ratio |',
  );
  console.log('| --- | --- | ---: | ---: | ---: |');
  for (const r of rows) console.log(r);
  console.log(
    `\nall queries: whole search p50 ${fmt(percentile(shipped, 50))} ms, p99 ${fmt(percentile(shipped, 99))} ms; the three scans alone p50 ${fmt(percentile(before, 50))} ms, p99 ${fmt(percentile(before, 99))} ms`,
  );
} finally {
  await db.destroy();
}

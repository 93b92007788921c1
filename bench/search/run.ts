import { cpus } from 'node:os';
import { anonymousScope } from '../../src/modules/catalog';
import { createSearchProvider, normaliseQuery, type SearchProvider } from '../../src/search';
import { generateCorpus } from './corpus';
import { fmt, percentile, timeRounds } from './measure';
import { benchQueries } from './queries';
import { type BenchTarget, postgresTarget, sqliteTarget } from './targets';

// Search benchmark (not a test): npx tsx bench/search/run.ts [--docs 100000] [--rounds 30]
// Indexes a generated corpus into a fresh SQLite file (and a scratch PostgreSQL database when
// DATABASE_URL or TEST_DATABASE_URL is set), then times the fixed query set against the index and
// against a brute-force scan of the same rows. Prints Markdown for BENCHMARKS.md.

function argOf(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const DOCS = argOf('docs', 100_000);
const ROUNDS = argOf('rounds', 30);
const SCAN_ROUNDS = argOf('scan-rounds', 3);
const BATCH = 1000;

async function indexCorpus(search: SearchProvider, docs: ReturnType<typeof generateCorpus>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < docs.length; i += BATCH) {
    await search.upsert(docs.slice(i, i + BATCH));
    if ((i / BATCH) % 10 === 9) process.stderr.write(`  indexed ${i + BATCH}\n`);
  }
  return (performance.now() - start) / 1000;
}

async function runQueries(target: BenchTarget, search: SearchProvider) {
  const rows: string[] = [];
  const all: number[] = [];
  const allScan: number[] = [];
  for (const { q, kind } of benchQueries) {
    const query = { q, scope: anonymousScope, page: 1, pageSize: 20 };
    const first = await search.search(query); // warm-up, and the total
    const times = await timeRounds(ROUNDS, () => search.search(query));
    const terms = normaliseQuery(q).terms;
    const scans = await timeRounds(SCAN_ROUNDS, () => target.scan(terms));
    all.push(...times);
    allScan.push(...scans);
    const p50 = percentile(times, 50);
    rows.push(
      `| ${q} | ${kind} | ${first.total} | ${fmt(p50)} | ${fmt(percentile(times, 99))} | ` +
        `${fmt(percentile(scans, 50), 0)} | ${fmt(percentile(scans, 50) / p50, 0)}× |`,
    );
  }
  return { rows, all, allScan };
}

async function benchTarget(target: BenchTarget, docs: ReturnType<typeof generateCorpus>): Promise<string> {
  const search = createSearchProvider(target.db);
  await search.ensureSchema();
  process.stderr.write(`${target.name}: indexing ${docs.length} items\n`);
  const seconds = await indexCorpus(search, docs);
  const bytes = await target.size();
  process.stderr.write(`${target.name}: querying\n`);
  const { rows, all, allScan } = await runQueries(target, search);
  const mean = all.reduce((a, b) => a + b, 0) / all.length;
  return [
    `### ${target.name}`,
    '',
    `- index: ${docs.length} items in ${fmt(seconds)} s (${fmt(docs.length / seconds, 0)} items/s)`,
    `- size on disk: ${fmt(bytes / 1e6, 0)} MB`,
    `- all queries (${all.length} timed, anonymous scope, page 1 of 20): p50 ${fmt(percentile(all, 50))} ms, ` +
      `p99 ${fmt(percentile(all, 99))} ms, mean ${fmt(mean)} ms → ~${fmt(1000 / mean, 0)} req/s on one core`,
    `- brute-force scan (count only, ${allScan.length} timed): p50 ${fmt(percentile(allScan, 50), 0)} ms, ` +
      `p99 ${fmt(percentile(allScan, 99), 0)} ms`,
    '',
    '| query | kind | total | p50 ms | p99 ms | scan p50 ms | scan / index |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const started = new Date().toISOString();
  const docs = generateCorpus(DOCS);
  const chars = docs.reduce((n, d) => n + d.title.length + d.text.length, 0);
  const sections = [
    `Run ${started}; ${DOCS} items, ${fmt(chars / 1e6)} M characters; ${ROUNDS} rounds per query; ` +
      `${cpus().length} × ${cpus()[0]?.model ?? '?'}; Node ${process.version}`,
    '',
  ];
  const pgUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const targets: Array<() => Promise<BenchTarget>> = [async () => sqliteTarget()];
  if (pgUrl?.startsWith('postgres')) targets.push(() => postgresTarget(pgUrl));
  for (const open of targets) {
    const target = await open();
    try {
      sections.push(await benchTarget(target, docs));
    } finally {
      await target.close();
    }
  }
  process.stdout.write(`${sections.join('\n')}\n`);
}

await main();

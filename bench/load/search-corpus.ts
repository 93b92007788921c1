import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, sqlitePathIn } from '../../src/db/client';
import { createSearchProvider } from '../../src/search';
import { generateCorpus } from '../search/corpus';
import { seedDemoFolder } from './demo-folder';

// The data folder the search scenarios run on: the demo district plus 100,000 generated items in the
// search index (bench/search/corpus.ts, the same seeded corpus as the Search section). Indexing takes
// minutes, so the folder is built once and reused: GONGKAI_BENCH_CACHE names it, default under /tmp.
// The items exist in the index only (search reads nothing else); links on the result page lead to 404.

const VERSION = 'v2'; // bump when the corpus or the index format changes
const BATCH = 1000;

/** The cached folder for `docs` items, built first if missing. */
export async function searchDataDir(docs: number): Promise<string> {
  const root = process.env.GONGKAI_BENCH_CACHE ?? path.join(tmpdir(), 'gongkai-bench-cache');
  const dir = path.join(root, `search-${docs}-${VERSION}`);
  const marker = path.join(dir, 'complete');
  if (existsSync(marker)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.stderr.write(`building ${dir} (once; indexing ${docs} items takes minutes)\n`);
  await seedDemoFolder(dir);
  const db = openDatabase({ sqlitePath: sqlitePathIn(dir) });
  try {
    const agencyIds = (await db.selectFrom('agencies').select('id').execute()).map((r) => r.id);
    const columnIds = (await db.selectFrom('columns').select('id').execute()).map((r) => r.id);
    const corpus = generateCorpus(docs, { agencyIds, columnIds });
    const search = createSearchProvider(db);
    const start = performance.now();
    for (let i = 0; i < corpus.length; i += BATCH) {
      await search.upsert(corpus.slice(i, i + BATCH));
      if ((i / BATCH) % 10 === 9) process.stderr.write(`  indexed ${i + BATCH}\n`);
    }
    process.stderr.write(`indexed in ${((performance.now() - start) / 1000).toFixed(0)} s\n`);
  } finally {
    await db.destroy();
  }
  writeFileSync(marker, new Date().toISOString());
  return dir;
}

// `tsx bench/load/search-corpus.ts [docs]` builds the folder ahead of a run.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await searchDataDir(Number(process.argv[2] ?? 100_000)));
}

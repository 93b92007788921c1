import { openDatabase, sqlitePathIn } from '../../src/db/client';
import { createSearchProvider, type SearchDocument } from '../../src/search';
import { generateCorpus } from '../search/corpus';

// Another instance publishing into the search index of a bench data folder: a generated document like
// the corpus's every N ms, through the provider, until SIGTERM; then it removes what it published (the
// cached corpus stays 100,000 items) and exits. It runs as a process of its own, as another instance
// would: in the bench's process its work (the first publication builds the folding table, ~100 ms) stalled
// the client that times the requests, and the stall was counted as the server's latency.
// `tsx bench/load/publisher.ts <data folder> <every ms>`; prints "ready" once it is about to publish.

const [dataDir, everyMs] = [process.argv[2] as string, Number(process.argv[3])];
const db = openDatabase({ sqlitePath: sqlitePathIn(dataDir) });
const search = createSearchProvider(db);
const docs = generateCorpus(1000, { seed: 99 });
const published: string[] = [];
let n = 0;
let writing = Promise.resolve();
const timer = setInterval(() => {
  const doc = docs[n++ % docs.length] as SearchDocument;
  const fresh = { ...doc, id: `bench-published-${Date.now()}-${n}`, publishedAt: new Date().toISOString() };
  published.push(fresh.id);
  writing = writing.then(() => search.upsert([fresh]));
}, everyMs);
process.once('SIGTERM', async () => {
  clearInterval(timer);
  await writing;
  await search.remove(published);
  await db.destroy();
  process.stdout.write(`published ${published.length}\n`);
  process.exit(0);
});
process.stdout.write('ready\n');

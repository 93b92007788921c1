import { cpus } from 'node:os';
import { openDatabase, sqlitePathIn } from '../../src/db/client';
import { anonymousScope } from '../../src/modules/catalog';
import { createSearchProvider } from '../../src/search';
import type { MatchMemo } from '../../src/search/match-memo';
import { numberArg } from '../lib/args';
import { loadAverage } from '../lib/machine';
import { searchDataDir } from '../load/search-corpus';
import { fmt, percentile } from './measure';
import { benchQueries } from './queries';

// What a cached query costs to answer again after a publication it enters: afresh (count, list and
// rank the matches — what a dropped result cost before issue 8's match sets) against from its patched
// match sets (src/search/match-memo.ts: the new document's text read and scored, the page's read for
// its snippets, the rest of the head ranked on the scores kept), side by side, alternating, on the
// 100,000-item folder of bench:load (bench/load/search-corpus.ts).
// npx tsx bench/search/refill.ts [--rounds 20]

const rounds = numberArg('rounds', 20);

/** The sets as a publication leaves them: the newest document's text not yet scored. */
function asPatched(sets: MatchMemo): MatchMemo {
  const newest = sets.recent?.keys[0];
  const scores = new Map(sets.scores);
  if (newest !== undefined) scores.delete(newest);
  return { ...sets, scores };
}
const db = openDatabase({ sqlitePath: sqlitePathIn(await searchDataDir(100_000)) });
const search = createSearchProvider(db);
const rows: string[] = [];
let afreshTotal = 0;
let fromSetsTotal = 0;
try {
  for (const { q } of benchQueries) {
    const query = { q, scope: anonymousScope, page: 1, pageSize: 10 };
    const sets: MatchMemo = {};
    const { total } = await search.search(query, sets); // fills the sets; warms the pages read
    const afresh: number[] = [];
    const fromSets: number[] = [];
    for (let i = 0; i < rounds; i++) {
      let start = performance.now();
      await search.search(query);
      afresh.push(performance.now() - start);
      start = performance.now();
      await search.search(query, asPatched(sets));
      fromSets.push(performance.now() - start);
    }
    const [a, s] = [percentile(afresh, 50), percentile(fromSets, 50)];
    afreshTotal += a;
    fromSetsTotal += s;
    rows.push(`| ${q} | ${total} | ${fmt(a)} | ${fmt(s)} | ${fmt(a / s)} |`);
  }
} finally {
  await db.destroy();
}
const cpu = cpus()[0]?.model.trim() ?? 'unknown';
process.stdout.write(
  `${new Date().toISOString()}; ${cpus().length} × ${cpu}; Node ${process.version}; load average ${loadAverage()}; ${rounds} rounds, p50 ms\n\n` +
    '| query | matches | afresh | from the patched match sets | ratio |\n| --- | ---: | ---: | ---: | ---: |\n' +
    `${rows.join('\n')}\n| all ${benchQueries.length} | | ${fmt(afreshTotal)} | ${fmt(fromSetsTotal)} | ${fmt(afreshTotal / fromSetsTotal)} |\n`,
);

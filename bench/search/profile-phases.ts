import { filterClauses } from '../../src/search/fts5-match';
import { normaliseQuery } from '../../src/search/query-terms';
import { runSearch } from '../../src/search/search-pipeline';
import { createFts5Reader } from '../../src/search/sqlite-fts5.reader';
import { numberArg } from '../lib/args';
import { openCachedIndex } from './cached-index';
import { percentile } from './measure';
import { benchQueries } from './queries';

// Where an uncached query's time goes, per index question (count, recent, title matches, load),
// on the cached index: npx tsx bench/search/profile-phases.ts --docs 100000

const index = await openCachedIndex(numberArg('docs', 100_000), {});
const rounds = numberArg('rounds', 10);
const anonymous = { scope: { internal: false, agencyIds: [] as string[] } };
const rows: string[] = [];
for (const { q } of benchQueries) {
  const { terms } = normaliseQuery(q);
  const times: Record<string, number[]> = { count: [], recent: [], title: [], load40: [], total: [] };
  for (let i = 0; i <= rounds; i++) {
    const reader = createFts5Reader(index.db, terms, filterClauses(anonymous));
    const t0 = performance.now();
    await reader.count();
    const t1 = performance.now();
    const recent = await reader.recent(500);
    const t2 = performance.now();
    await reader.titleMatches(500);
    const t3 = performance.now();
    await reader.load(recent.slice(0, 40));
    const t4 = performance.now();
    await runSearch(createFts5Reader(index.db, terms, filterClauses(anonymous)), terms, 1, 20);
    const t5 = performance.now();
    if (i === 0) continue; // warm-up
    times.count?.push(t1 - t0);
    times.recent?.push(t2 - t1);
    times.title?.push(t3 - t2);
    times.load40?.push(t4 - t3);
    times.total?.push(t5 - t4);
  }
  const cell = (k: string) =>
    `${percentile(times[k] ?? [], 50).toFixed(1)}/${percentile(times[k] ?? [], 99).toFixed(1)}`;
  rows.push(`| ${q} | ${['count', 'recent', 'title', 'load40', 'total'].map(cell).join(' | ')} |`);
}
process.stdout.write(
  `| query | count | recent(500) | title(500) | load 40 | whole search |\n| --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`,
);
await index.close();

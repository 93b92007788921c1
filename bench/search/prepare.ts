import { numberArg } from '../lib/args';
import { openCachedIndex } from './cached-index';

// Builds (or confirms) the cached search index of `npm run bench`, e.g. overnight before a 1M run:
// npx tsx bench/search/prepare.ts --docs 1000000 [--rebuild]

const index = await openCachedIndex(numberArg('docs', 100_000), {
  rebuild: process.argv.includes('--rebuild'),
});
process.stdout.write(`${index.file}\n${JSON.stringify(index.build, null, 2)}\n`);
await index.close();

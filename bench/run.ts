import path from 'node:path';
import { flagArg, listArg, numberArg } from './lib/args';
import { type Figure, log } from './lib/figure';
import { cpuCheck, describeMachine, loadAverage } from './lib/machine';
import { type RunRecord, recordInBenchmarks, renderRun } from './lib/record';

// `npm run bench` — every benchmark of the core, one after another, then one table (machine, command,
// figures, targets) printed and written to BENCHMARKS.md ("All benchmarks": the latest run, and the
// earlier ones in the trend list). Benchmarks are never timed tests.
//
//   npm run bench                       # full sizes (search and inspection at 100,000 items)
//   npm run bench -- --quick            # smaller sizes, ~15 minutes on 2 cores
//   npm run bench -- --search-1m        # also search at 1,000,000 items (first build > 1 hour, then cached)
//   npm run bench -- --only matcher,privacy   or   --skip inspection     # a subset
//   npm run bench -- --no-write         # print only, leave BENCHMARKS.md alone
//   sizes: --search-docs N --inspection-items N --cases N --mb N --files N --rounds N
//
// The search index is built once per size and kept in bench/.data (see bench/search/cached-index.ts).

const quick = flagArg('quick');
const size = (name: string, full: number, small: number) => numberArg(name, quick ? small : full);
const sizes = {
  searchDocs: size('search-docs', 100_000, 10_000),
  rounds: size('rounds', 10, 5),
  mb: size('mb', 20, 5),
  files: size('files', 200, 30),
  inspectionItems: size('inspection-items', 100_000, 10_000),
  cases: size('cases', 10_000, 10_000),
};

interface Bench {
  name: string;
  run: () => Promise<Figure[]>;
  /** Why it does not run unless asked, when it is opt-in. */
  optIn?: string;
}

const benches: Bench[] = [
  {
    name: 'matcher',
    run: async () =>
      (await import('./matcher/summary')).benchMatcherSummary({ mb: sizes.mb, terms: 50_000, rounds: 3 }),
  },
  {
    name: 'privacy',
    run: async () => (await import('./privacy/run')).benchPrivacy({ mb: sizes.mb, rounds: 3 }),
  },
  { name: 'import', run: async () => (await import('./import/run')).benchImport({ files: sizes.files }) },
  {
    name: 'reports',
    run: async () => (await import('./reports/run')).benchReports({ cases: sizes.cases, rounds: 5 }),
  },
  {
    name: 'inspection',
    run: async () => (await import('./inspection/run')).benchInspection({ items: sizes.inspectionItems }),
  },
  // Search last: a cached index being built by bench/search/prepare.ts meanwhile is waited for, not rebuilt.
  {
    name: 'search',
    run: async () =>
      (await import('./search/summary')).benchSearch({ docs: sizes.searchDocs, rounds: sizes.rounds }),
  },
  {
    name: 'search-1m',
    optIn:
      'search at 1,000,000 items (`--search-1m`; the index takes over an hour to build the first time, ~13 GB)',
    run: async () =>
      (await import('./search/summary')).benchSearch({ docs: 1_000_000, rounds: sizes.rounds }),
  },
];

function chosen(b: Bench): boolean {
  const only = listArg('only');
  const skip = listArg('skip') ?? [];
  if (skip.includes(b.name)) return false;
  if (only) return only.includes(b.name);
  return b.optIn ? flagArg(b.name) : true;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const pgUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const machine = await describeMachine(pgUrl);
  const figures: Figure[] = [];
  const failures: string[] = [];
  const notMeasured = benches.filter((b) => !chosen(b)).map((b) => b.optIn ?? b.name);
  notMeasured.push(
    'search on PostgreSQL (`bench/search/run.ts` with TEST_DATABASE_URL; see the Search section)',
  );
  for (const b of benches.filter(chosen)) {
    log(`== ${b.name} (load ${loadAverage()})`);
    try {
      figures.push(...(await b.run()));
    } catch (error) {
      log(`${b.name} failed: ${(error as Error).stack}`);
      failures.push(`${b.name}: ${(error as Error).message}`);
    }
  }
  const run: RunRecord = {
    command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(
      ' ',
    ),
    startedAt,
    minutes: (Date.now() - startedAt.getTime()) / 60_000,
    machine,
    loadAtEnd: loadAverage(),
    cpuCheckAtEnd: cpuCheck(),
    figures,
    notMeasured,
    failures,
  };
  process.stdout.write(`${renderRun(run)}\n`);
  if (!flagArg('no-write')) {
    const file = path.join(import.meta.dirname, '../BENCHMARKS.md');
    recordInBenchmarks(file, run);
    log(`written to ${file}`);
  }
}

await main();

import { cpus } from 'node:os';
import {
  compileDictionary,
  countAll,
  type DictionaryEntry,
  deserialiseCompiled,
  findAll,
  serialiseCompiled,
} from '../../src/modules/compliance/matcher';
import { fmt } from '../search/measure';
import {
  type Contender,
  charCodeAtPass,
  indexOfLoop,
  mintFilter,
  modernAhoCorasick,
  ours,
} from './contenders';
import { generateDictionary, generateText } from './workload';

// Matcher benchmark (not a test): npm run bench:matcher [-- --mb 20 --terms 50000]
// One run, one corpus, one dictionary for every implementation. Prints Markdown for BENCHMARKS.md.

function argOf(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const MB = argOf('mb', 20);
const TERMS = argOf('terms', 50_000);
const PAGES = 100; // the shared check slice: 100 pages of 2,000 characters
const log = (line: string) => process.stderr.write(`${line}\n`);

function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
}

function medianMs(rounds: number, fn: () => unknown): number {
  const times = Array.from({ length: rounds }, () => timed(fn)[1]).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const mbps = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);

function pagesOf(text: string): string[] {
  return Array.from({ length: PAGES }, (_, i) => text.slice(i * 2000, (i + 1) * 2000));
}

function scanPages(scan: (text: string) => string[], pages: string[]): string[] {
  return pages.flatMap((page, p) => scan(page).map((k) => `${p}:${k}`));
}

// Hits in a but not in b, as a multiset difference.
function missing(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const k of b) counts.set(k, (counts.get(k) ?? 0) + 1);
  let lost = 0;
  for (const k of a) {
    const left = counts.get(k) ?? 0;
    if (left > 0) counts.set(k, left - 1);
    else lost++;
  }
  return lost;
}

const withoutOffset = (keys: string[]) => keys.map((k) => k.replace(/^(\d+):(.*)@-?\d+$/, '$1:$2'));

function checkAgainstReference(contenders: Contender[], entries: DictionaryEntry[], pages: string[]) {
  const [reference, refMs] = timed(() => scanPages(indexOfLoop.build(entries), pages));
  const rows = [`| indexOf loop (the reference) | ${reference.length} | – | – |`];
  for (const contender of contenders) {
    const got = scanPages(contender.build(entries), pages);
    const offsets = !contender.name.startsWith('mint');
    const [want, have] = offsets ? [reference, got] : [withoutOffset(reference), withoutOffset(got)];
    rows.push(`| ${contender.name} | ${got.length} | ${missing(want, have)} | ${missing(have, want)} |`);
  }
  return { rows, reference: reference.length, refMs };
}

function lenientMix(entries: DictionaryEntry[]): DictionaryEntry[] {
  return entries.map((e, i) =>
    i % 10 === 1
      ? { ...e, options: { skipNoise: 2 } }
      : i % 20 === 3
        ? { ...e, options: { foldRepeats: true } }
        : e,
  );
}

function main(): void {
  log(`generating ${MB} MB corpus and ${TERMS} terms`);
  const text = generateText(MB * 1e6);
  const bytes = Buffer.byteLength(text);
  const entries = generateDictionary(TERMS);
  const pages = pagesOf(text);
  const out: string[] = [];
  const [, firstCompile] = timed(() => compileDictionary(entries));
  const [compiled, compileMs] = timed(() => compileDictionary(entries));
  const [plain, compilePlainMs] = timed(() => compileDictionary(entries, { normalise: false }));
  const blob = serialiseCompiled(compiled);
  const loadMs = medianMs(5, () => deserialiseCompiled(blob));
  const [, modernBuild] = timed(() => modernAhoCorasick.build(entries));
  const [, mintBuild] = timed(() => mintFilter.build(entries));
  log('checking hits against the indexOf reference');
  const check = checkAgainstReference(
    [ours(false), ours(true), modernAhoCorasick, mintFilter],
    entries,
    pages,
  );

  log('timing');
  const floorMs = medianMs(5, () => charCodeAtPass(text));
  const hits = findAll(compiled, text).length;
  const onMs = medianMs(3, () => findAll(compiled, text));
  const offMs = medianMs(3, () => findAll(plain, text));
  const countMs = medianMs(3, () => countAll(compiled, text));
  const mintScan = mintFilter.build(entries);
  const mintMs = timed(() => mintScan(text))[1];
  const modernSlice = text.slice(0, 500_000);
  const modernScan = modernAhoCorasick.build(entries);
  const modernMs = timed(() => modernScan(modernSlice))[1];
  const modernBytes = Buffer.byteLength(modernSlice);
  const checkBytes = Buffer.byteLength(pages.join(''));
  const lenient = compileDictionary(lenientMix(entries));
  const lenientMs = medianMs(3, () => findAll(lenient, text));

  const on = mbps(bytes, onMs);
  const fastestLibrary = Math.max(mbps(bytes, mintMs), mbps(modernBytes, modernMs));
  const row = (name: string, value: number, how: string) =>
    `| ${name} | ${fmt(value)} | ${fmt(on / value)}× | ${how} |`;
  out.push(
    `Run ${new Date().toISOString()}; ${cpus().length} × ${cpus()[0]?.model.trim()}; Node ${process.version}`,
    `Corpus ${fmt(bytes / 1e6)} MB UTF-8 (${text.length} UTF-16 units), ${TERMS} terms, ${hits} hits (normalisation on).`,
    '',
    '| implementation | MB/s | ours (on) ÷ it | how measured |',
    '| --- | ---: | ---: | --- |',
    row('charCodeAt pass (floor)', mbps(bytes, floorMs), 'full corpus, median of 5'),
    row('ours, normalisation on (findAll)', on, 'full corpus, median of 3'),
    row(
      'ours, normalisation on (countAll, no match objects)',
      mbps(bytes, countMs),
      'full corpus, median of 3',
    ),
    row('ours, normalisation off (findAll)', mbps(bytes, offMs), 'full corpus, median of 3'),
    row(
      'ours, 10% skipNoise + 5% foldRepeats terms',
      mbps(bytes, lenientMs),
      'full corpus, three scans, median of 3',
    ),
    row('mint-filter', mbps(bytes, mintMs), 'full corpus, once'),
    row(
      modernAhoCorasick.name,
      mbps(modernBytes, modernMs),
      `first ${fmt(modernBytes / 1e6)} MB, once, extrapolated`,
    ),
    row(
      'indexOf loop (every term)',
      mbps(checkBytes, check.refMs),
      `${PAGES} pages (${fmt(checkBytes / 1e6, 2)} MB), once, extrapolated`,
    ),
    '',
    `Ours (normalisation on) ÷ fastest library: ${fmt(on / fastestLibrary)}×.`,
    '',
    `Compile ${TERMS} terms: ours ${fmt(compileMs, 0)} ms (first call ${fmt(firstCompile, 0)} ms, with the ` +
      `normalisation table), normalisation off ${fmt(compilePlainMs, 0)} ms; load from cache bytes ` +
      `(${fmt(blob.length / 1e6)} MB) ${fmt(loadMs, 1)} ms; modern-ahocorasick/fast ${fmt(modernBuild, 0)} ms; ` +
      `mint-filter ${fmt(mintBuild, 0)} ms.`,
    '',
    `Hits on the shared check slice (${PAGES} pages of 2,000 characters, same dictionary):`,
    '',
    '| implementation | hits | missed vs reference | extra vs reference |',
    '| --- | ---: | ---: | ---: |',
    ...check.rows,
    '',
    'Linearity (ours, normalisation on, one string each):',
    '',
    '| page | MB/s |',
    '| ---: | ---: |',
  );
  for (const size of [50_000, 500_000, 5_000_000]) {
    const page = text.slice(0, Math.round((size / bytes) * text.length));
    out.push(
      `| ${fmt(Buffer.byteLength(page) / 1e6, 2)} MB | ${fmt(
        mbps(
          Buffer.byteLength(page),
          medianMs(5, () => findAll(compiled, page)),
        ),
      )} |`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

main();

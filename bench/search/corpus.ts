import type { SearchDocument } from '../../src/search/search-provider';
import {
  agencies,
  connectors,
  docKinds,
  genericPhrases,
  places,
  titleTemplates,
  topicPhrases,
  topics,
} from './vocabulary';

// Deterministic generator of government disclosure items: the same seed gives the same corpus on
// every machine, so benchmark figures and test fixtures are reproducible.

/** A small, fast seeded PRNG (mulberry32); Math.random cannot be seeded. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CorpusOptions {
  seed?: number;
  agencyIds?: string[];
  columnIds?: string[];
  /** Bodies are between these lengths, in characters. */
  minLength?: number;
  maxLength?: number;
}

const genres = ['通知', '公告', '意见', '报告', '批复', '办法', null];
const subjects = ['财政', '教育', '卫生', '城乡建设', '环境保护', '社会保障', null];
const validities = ['有效', '失效', '废止', null];
const visibilities = [
  'public',
  'public',
  'public',
  'public',
  'public',
  'public',
  'internal',
  'agency',
] as const;

const TEN_YEARS_MS = 10 * 365.25 * 24 * 3600 * 1000;
const START_MS = Date.UTC(2015, 0, 1);

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)] as T;
}

function makeTitle(rnd: () => number, year: number): string {
  return pick(rnd, titleTemplates)
    .replace('{place}', pick(rnd, places))
    .replace('{topic}', pick(rnd, topics))
    .replace('{kind}', pick(rnd, docKinds))
    .replace('{agency}', pick(rnd, agencies))
    .replace('{year}', String(year));
}

// Numbers, dates and document numbers make most trigrams rare, as in real disclosure texts.
function numericFragment(rnd: () => number, year: number): string {
  const n = 1 + Math.floor(rnd() * 999);
  switch (Math.floor(rnd() * 5)) {
    case 0:
      return `截至${year}年${1 + Math.floor(rnd() * 12)}月底，累计完成${n}项`;
    case 1:
      return `涉及资金${(rnd() * 10000).toFixed(2)}万元`;
    case 2:
      return `${pick(rnd, places).slice(0, 2)}政办发〔${year}〕${n}号`;
    case 3:
      return `${year}年${1 + Math.floor(rnd() * 12)}月${1 + Math.floor(rnd() * 28)}日`;
    default:
      return `同比增长${(rnd() * 30).toFixed(1)}%`;
  }
}

function makeSentence(rnd: () => number, pool: readonly string[], year: number): string {
  const r = rnd();
  if (r < 0.55) return pick(rnd, pool);
  if (r < 0.82) return pick(rnd, genericPhrases);
  if (r < 0.86) return `${pick(rnd, places)}${pick(rnd, agencies)}`;
  return numericFragment(rnd, year);
}

function makeBody(rnd: () => number, length: number, year: number): string {
  const pool = pick(rnd, topicPhrases);
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    const piece = makeSentence(rnd, pool, year);
    const joint = pick(rnd, connectors);
    parts.push(piece, joint);
    size += piece.length + joint.length;
    if (rnd() < 0.08) {
      parts.push('\n');
      size += 1;
    }
  }
  return parts.join('').slice(0, length);
}

/** `count` realistic items, ids `doc-000001`…, dates spread over ten years from 2015. */
export function generateCorpus(count: number, options: CorpusOptions = {}): SearchDocument[] {
  const rnd = seededRandom(options.seed ?? 20240601);
  const agencyIds = options.agencyIds ?? ['agency-a', 'agency-b', 'agency-c', 'agency-d'];
  const columnIds = options.columnIds ?? ['col-notice', 'col-policy', 'col-report', 'col-budget'];
  const min = options.minLength ?? 500;
  const max = options.maxLength ?? 3000;
  const docs: SearchDocument[] = [];
  for (let i = 0; i < count; i++) {
    const published = new Date(START_MS + Math.floor(rnd() * TEN_YEARS_MS));
    docs.push({
      id: `doc-${String(i + 1).padStart(6, '0')}`,
      agencyId: pick(rnd, agencyIds),
      columnId: pick(rnd, columnIds),
      title: makeTitle(rnd, published.getUTCFullYear()),
      text: makeBody(rnd, min + Math.floor(rnd() * (max - min + 1)), published.getUTCFullYear()),
      publishedAt: published.toISOString(),
      genre: pick(rnd, genres),
      subject: pick(rnd, subjects),
      validity: pick(rnd, validities),
      visibility: pick(rnd, visibilities),
    });
  }
  return docs;
}

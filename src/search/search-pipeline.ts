import { buildSnippet, highlightTitle } from './highlight';
import { type HeadScore, type MatchMemo, memoisedReader } from './match-memo';
import { type Candidate, orderCandidates, RERANK_DEPTH, recencyScore, textScore } from './ranking';
import type { SearchHit } from './search-provider';

// The search algorithm both providers share; a provider only answers the index questions below.
// Work per request is bounded: at most CANDIDATES keys per question, RERANK_DEPTH texts read,
// except deep pages past the candidates, which walk older matches in index order.

export const CANDIDATES = 500;

// On SQLite every index question runs synchronously inside a chain of promises, so a search that
// misses the result cache held the event loop for its whole 10–20 ms at 100,000 items, and the
// refills after a publication ran back to back ahead of every waiting request, cached ones included
// (bench/load, issue 8). The pipeline lets the loop turn between its stages.
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface PipelineOptions {
  /** Keys fetched per index question (tests lower it to exercise deep pages). */
  candidates?: number;
}

export interface StoredDoc {
  key: number;
  id: string;
  agencyId: string;
  columnId: string;
  title: string;
  text: string;
  publishedAt: string;
}

/** What a provider can answer about one query's matches. Keys grow with indexing order. */
export interface IndexReader {
  count(): Promise<number>;
  /** The newest matches, newest first. */
  recent(limit: number): Promise<number[]>;
  /** The newest matches with every term in the title. */
  titleMatches(limit: number): Promise<number[]>;
  /** Matches older than `beforeKey`, newest first. */
  older(beforeKey: number, limit: number): Promise<number[]>;
  load(keys: number[]): Promise<StoredDoc[]>;
}

interface Ranked {
  key: number;
  score: number;
}

async function candidatesOf(reader: IndexReader, cap: number) {
  const recent = await reader.recent(cap);
  const titleKeys = new Set(await reader.titleMatches(cap));
  const byKey = new Map<number, Candidate>();
  for (const key of recent) byKey.set(key, { key, inTitle: titleKeys.has(key) });
  for (const key of titleKeys) if (!byKey.has(key)) byKey.set(key, { key, inTitle: true });
  const complete = recent.length < cap;
  return {
    ordered: orderCandidates([...byKey.values()]),
    oldestRecent: complete ? undefined : recent.at(-1),
  };
}

// The head read and scored on its text; what the text scores is taken from the memo where it has it,
// and the memo keeps the head's for the next time (a publication moves the head by one document).
async function rerankHead(
  reader: IndexReader,
  ordered: Ranked[],
  terms: string[],
  docs: Map<number, StoredDoc>,
  memo: MatchMemo | undefined,
) {
  const head = ordered.slice(0, RERANK_DEPTH);
  const known = memo?.scores;
  const scores = new Map<number, HeadScore>();
  for (const c of head) {
    const score = known?.get(c.key);
    if (score) scores.set(c.key, score);
  }
  for (const d of await reader.load(head.filter((c) => !scores.has(c.key)).map((c) => c.key))) {
    docs.set(d.key, d);
    scores.set(d.key, { text: textScore(d, terms), publishedMs: Date.parse(d.publishedAt) });
  }
  if (memo) memo.scores = scores;
  const newest = Math.max(...[...scores.values()].map((s) => s.publishedMs || 0));
  const rescored = head.map((c) => {
    const s = scores.get(c.key);
    return { key: c.key, score: s ? s.text + recencyScore(s.publishedMs, newest) : 0 };
  });
  rescored.sort((a, b) => b.score - a.score || b.key - a.key);
  return [...rescored, ...ordered.slice(RERANK_DEPTH)];
}

// Scores shown to callers never rise down the list, whichever stage produced them.
function monotone(list: Ranked[]): Ranked[] {
  let ceiling = Number.POSITIVE_INFINITY;
  return list.map((c) => {
    ceiling = Math.min(ceiling, c.score);
    return { key: c.key, score: ceiling };
  });
}

// Matches older than the candidate window, after it in the result, newest first.
async function olderKeys(reader: IndexReader, beforeKey: number, skip: Set<number>, need: number) {
  let skipped = 0;
  for (const key of skip) if (key < beforeKey) skipped++;
  const keys = await reader.older(beforeKey, need + skipped);
  return keys.filter((k) => !skip.has(k));
}

function toHit(doc: StoredDoc, terms: string[], score: number): SearchHit {
  return {
    id: doc.id,
    title: doc.title,
    titleHtml: highlightTitle(doc.title, terms),
    snippetHtml: buildSnippet(doc.text, terms),
    publishedAt: doc.publishedAt,
    agencyId: doc.agencyId,
    columnId: doc.columnId,
    score: Math.round(score * 1000) / 1000,
  };
}

/**
 * One page of ranked hits and the exact total for the terms the index reader was built from; with a
 * memo, what it holds is not asked again and what is asked is kept in it (match-memo.ts).
 */
export async function runSearch(
  index: IndexReader,
  terms: string[],
  page: number,
  pageSize: number,
  options: PipelineOptions = {},
  memo?: MatchMemo,
): Promise<{ hits: SearchHit[]; total: number }> {
  const reader = memo ? memoisedReader(index, memo) : index;
  const total = await reader.count();
  const offset = (page - 1) * pageSize;
  if (total === 0 || offset >= total) return { hits: [], total };
  await nextTurn();
  const { ordered, oldestRecent } = await candidatesOf(reader, options.candidates ?? CANDIDATES);
  await nextTurn();
  const docs = new Map<number, StoredDoc>();
  const ranked = monotone(
    offset < RERANK_DEPTH ? await rerankHead(reader, ordered, terms, docs, memo) : ordered,
  );
  let window: Ranked[] = ranked.slice(offset, offset + pageSize);
  if (window.length < pageSize && oldestRecent !== undefined) {
    const skip = new Set(ordered.map((c) => c.key));
    const need = offset + pageSize - ranked.length;
    const floor = ranked.at(-1)?.score ?? 0;
    const older = await olderKeys(reader, oldestRecent, skip, need);
    window = window.concat(
      older.slice(Math.max(0, offset - ranked.length)).map((key) => ({ key, score: floor })),
    );
  }
  const missing = window.filter((c) => !docs.has(c.key)).map((c) => c.key);
  for (const d of await reader.load(missing)) docs.set(d.key, d);
  const hits: SearchHit[] = [];
  for (const c of window.slice(0, pageSize)) {
    const doc = docs.get(c.key);
    if (doc) hits.push(toHit(doc, terms, c.score));
  }
  return { hits, total };
}

import { foldText } from './char-fold';
import { boundaryAlignment } from './segmenter';

// Two-stage ranking. Stage 1 orders every candidate the index returned from index facts only: all
// terms in the title, then newest. Stage 2 reads the top RERANK_DEPTH documents and scores them on
// their text: title share, term frequency, word alignment (jieba), recency. The work per request is
// bounded whatever the number of matches.
// Stage 1 used FTS5's bm25() until issue 8 measured it: bm25 counts every row holding each phrase of
// the query (the visibility tag included) before it scores one, 15–40 ms per query at 100,000 items,
// more than the rest of the search; stage 2 judges term frequency on the text itself.

export const RERANK_DEPTH = 40;
/** Stage 2 reads this much of a text: enough to judge it, bounded for 50-page reports. */
export const RERANK_CHARS = 4000;

const WEIGHTS = {
  // A title that names the subject beats any amount of body text: people search for documents.
  titleAll: 6,
  titleShare: 6,
  frequency: 2,
  alignment: 1.5,
  recency: 0.5,
} as const;

export interface Candidate {
  key: number;
  /** All terms occur in the title. */
  inTitle: boolean;
}

/** Stage 1: best first; ties go to the newer key. */
export function orderCandidates(candidates: Candidate[]): Array<Candidate & { score: number }> {
  return candidates
    .map((c) => ({ ...c, score: c.inTitle ? WEIGHTS.titleAll : 0 }))
    .sort((a, b) => b.score - a.score || b.key - a.key);
}

export interface TextFacts {
  title: string;
  text: string;
  publishedAt: string;
}

function countOf(folded: string, term: string): number {
  let n = 0;
  for (let at = folded.indexOf(term); at >= 0 && n < 50; at = folded.indexOf(term, at + term.length)) n++;
  return n;
}

function alignmentOf(folded: string, term: string): number {
  const at = folded.indexOf(term);
  return at < 0 ? 0 : boundaryAlignment(folded, at, at + term.length);
}

/**
 * Stage 2 without recency: what a document's own text scores for these terms. It never changes while
 * the document does not, so a query's match sets keep it for their head (match-memo.ts).
 */
export function textScore(doc: Pick<TextFacts, 'title' | 'text'>, terms: string[]): number {
  const title = foldText(doc.title);
  const text = foldText(doc.text.slice(0, RERANK_CHARS));
  let inTitle = 0;
  let frequency = 0;
  let alignment = 0;
  for (const term of terms) {
    if (title.includes(term)) inTitle++;
    frequency += Math.log1p(countOf(text, term)) / Math.log1p(50);
    alignment += Math.max(alignmentOf(title, term), alignmentOf(text, term));
  }
  const n = terms.length || 1;
  return (
    (inTitle === terms.length ? WEIGHTS.titleAll : 0) +
    (WEIGHTS.titleShare * inTitle) / n +
    (WEIGHTS.frequency * frequency) / n +
    (WEIGHTS.alignment * alignment) / n
  );
}

/** Stage 2's recency: `newestMs` anchors it within one result. */
export function recencyScore(publishedMs: number, newestMs: number): number {
  const ageYears = Math.max(0, newestMs - publishedMs) / (365.25 * 864e5);
  return WEIGHTS.recency / (1 + (Number.isFinite(ageYears) ? ageYears : 10));
}

/** Stage 2: a document's score from its own text; `newestMs` anchors recency within one result. */
export function scoreText(doc: TextFacts, terms: string[], newestMs: number): number {
  return textScore(doc, terms) + recencyScore(Date.parse(doc.publishedAt), newestMs);
}

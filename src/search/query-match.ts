import { gramFilterTester } from './gram-filter';
import type { ChangedVersion, InsertedDoc } from './index-generation';
import { normaliseQuery } from './query-terms';
import type { SearchQuery } from './search-provider';

// Whether an anonymous query may find a logged document version (index-generation.ts), decided in
// JavaScript as both indexes decide it: the document public, each filter equal, and every term a
// literal substring of the folded title or text (the FTS5 trigram phrases and grams, and PostgreSQL's
// LIKE and gram array, answer just that — query-terms.ts). The log keeps the text only as a filter of
// its grams, so a term is tested by its grams: "no" is certain, "yes" is right but for the filter's
// false positives and for grams that occur apart. The result cache keeps a result through an index
// write no query of it may find (result-cache.ts): a wrong "yes" costs a refill, a wrong "no" would
// show a stale result — tests hold this to the indexes' own answers.

/** A logged version read once, to test against many queries. */
export interface TestableVersion {
  doc: ChangedVersion;
  year: number;
  holds: (term: string) => boolean;
}

export function testableVersion(doc: ChangedVersion): TestableVersion {
  return { doc, year: new Date(doc.publishedAt).getUTCFullYear(), holds: gramFilterTester(doc.grams) };
}

function filtersAdmit(q: SearchQuery, v: TestableVersion): boolean {
  const d = v.doc;
  if (d.visibility !== 'public') return false;
  if (q.agencyIds?.length && !q.agencyIds.includes(d.agencyId)) return false;
  if (q.columnId !== undefined && q.columnId !== d.columnId) return false;
  if (q.year !== undefined && Math.trunc(q.year) !== v.year) return false;
  if (q.genre !== undefined && q.genre !== d.genre) return false;
  if (q.subject !== undefined && q.subject !== d.subject) return false;
  return q.validity === undefined || q.validity === d.validity;
}

/** False when the anonymous query q cannot find the version (terms already normalised, when given). */
export function anonymousQueryMayFind(
  q: SearchQuery,
  v: TestableVersion,
  terms = normaliseQuery(q.q).terms,
): boolean {
  if (terms.length === 0 || !filtersAdmit(q, v)) return false;
  return terms.every(v.holds);
}

// A supplementary private-use character is how the FTS5 index stores an ASCII symbol (fts5-tokens.ts),
// so there one can stand for the other, on PostgreSQL not: a text or term holding one is not judged.
const PRIVATE_USE_PLANES = /[\u{F0000}-\u{10FFFF}]/u;

export type TextVerdict = 'no' | 'yes' | 'yes, all in the title' | 'undecided';

/**
 * Whether both indexes find an inserted document for these (normalised) terms, read on its text: each
 * term a substring of the folded title or of the folded text (query-terms.ts; a term holds no space, so
 * it never spans a run the indexes split at), and whether every term is in the title as well.
 */
export function termsFindText(terms: string[], doc: InsertedDoc): TextVerdict {
  if (terms.length === 0) return 'no';
  if ([doc.title, doc.text, ...terms].some((t) => PRIVATE_USE_PLANES.test(t))) return 'undecided';
  if (!terms.every((t) => doc.title.includes(t) || doc.text.includes(t))) return 'no';
  return terms.every((t) => doc.title.includes(t)) ? 'yes, all in the title' : 'yes';
}

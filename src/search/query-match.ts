import { gramFilterTester } from './gram-filter';
import type { LoggedVersion } from './index-generation';
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
  doc: LoggedVersion;
  year: number;
  holds: (term: string) => boolean;
}

export function testableVersion(doc: LoggedVersion): TestableVersion {
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

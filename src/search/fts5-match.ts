import type { VisibilityScope } from '../modules/catalog';
import { encodeToken, trigramPhrase } from './fts5-tokens';
import type { SearchDocument, SearchQuery } from './search-provider';

// FTS5 MATCH expressions. Filters and visibility are tokens in the index (tags), so one MATCH
// answers a whole query — counting included — without visiting a row per match. A tag is a fixed
// four-letter kind and a hex or literal value: it cannot collide with an n-gram (at most three
// characters) or with another kind.

/** Marks a 1–2 character gram as coming from the title. */
export const TITLE_MARK = '\u{F0000}';

function hex(value: string): string {
  return Buffer.from(value, 'utf8').toString('hex');
}

const tag = {
  visibility: (v: string) => `zvis${v}`,
  owner: (agencyId: string) => `zown${hex(agencyId)}`,
  agency: (agencyId: string) => `zagy${hex(agencyId)}`,
  column: (columnId: string) => `zcol${hex(columnId)}`,
  year: (year: number) => `zyea${Math.trunc(year)}`,
  genre: (v: string) => `zgen${hex(v)}`,
  subject: (v: string) => `zsub${hex(v)}`,
  validity: (v: string) => `zval${hex(v)}`,
};

/** The tag tokens a document is indexed with. */
export function documentTags(doc: SearchDocument): string {
  const tags = [tag.visibility(doc.visibility), tag.agency(doc.agencyId), tag.column(doc.columnId)];
  if (doc.visibility === 'agency') tags.push(tag.owner(doc.agencyId));
  const year = new Date(doc.publishedAt).getUTCFullYear();
  if (Number.isFinite(year)) tags.push(tag.year(year));
  if (doc.genre) tags.push(tag.genre(doc.genre));
  if (doc.subject) tags.push(tag.subject(doc.subject));
  if (doc.validity) tags.push(tag.validity(doc.validity));
  return tags.join(' ');
}

/** visibility.ts's isVisible() as tags: public; internal iff scope.internal; agency iff the owner is in scope. */
export function scopeClause(scope: VisibilityScope): string {
  const tags = [tag.visibility('public')];
  if (scope.internal) tags.push(tag.visibility('internal'));
  if (scope.agencyIds === 'all') tags.push(tag.visibility('agency'));
  else for (const id of scope.agencyIds) tags.push(tag.owner(id));
  return `(${tags.join(' OR ')})`;
}

/** The filter clauses of a query (each already parenthesised where needed). */
export function filterClauses(q: Omit<SearchQuery, 'q' | 'page' | 'pageSize'>): string[] {
  const clauses = [scopeClause(q.scope)];
  if (q.agencyIds?.length) clauses.push(`(${q.agencyIds.map(tag.agency).join(' OR ')})`);
  if (q.columnId !== undefined) clauses.push(tag.column(q.columnId));
  if (q.year !== undefined) clauses.push(tag.year(q.year));
  if (q.genre !== undefined) clauses.push(tag.genre(q.genre));
  if (q.subject !== undefined) clauses.push(tag.subject(q.subject));
  if (q.validity !== undefined) clauses.push(tag.validity(q.validity));
  return clauses;
}

/** For the trigram table: every term (3+ characters) as a phrase, in the title or anywhere. */
export function trigramExpression(terms: string[], filters: string[], titleOnly: boolean): string {
  const columns = titleOnly ? 'title' : '{title body}';
  const parts = terms.map((t) => `${columns} : "${trigramPhrase(t)}"`);
  for (const f of filters) parts.push(`tags : ${f}`);
  return parts.join(' AND ');
}

/** For the gram table: every term (1–2 characters) as one token, title-marked if titleOnly. */
export function gramExpression(terms: string[], filters: string[], titleOnly: boolean): string {
  const parts = terms.map((t) => `"${titleOnly ? TITLE_MARK : ''}${encodeToken(t)}"`);
  return [...parts, ...filters].join(' AND ');
}

import { XML_DECLARATION, xmlElement, xmlEscape } from './xml';

// An Atom 1.0 document (RFC 4287) for one column. Ids never depend on the request: entry and feed ids are
// the record's UUID (urn:uuid, RFC 4122) or, for any other id, a tag URI (RFC 4151) on the configured
// site domain, so a feed read through another host name keeps the same ids.

export interface FeedEntry {
  id: string;
  title: string;
  summary: string;
  source: string;
  published_at: string | null;
  updated_at: string;
}

export interface ColumnFeed {
  agency: { code: string; name: string };
  column: { id: string; slug: string; name: string; description: string; created_at: string };
  entries: FeedEntry[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A permanent Atom id for a record id. */
export function atomId(id: string, siteDomain: string, kind: 'item' | 'column'): string {
  if (UUID.test(id)) return `urn:uuid:${id.toLowerCase()}`;
  return `tag:${siteDomain},2024:${kind}:${encodeURIComponent(id)}`;
}

// RFC 3339 in UTC (toISOString is a valid RFC 3339 date-time).
const rfc3339 = (iso: string) => new Date(iso).toISOString();

function entryUpdated(entry: FeedEntry): string {
  const published = Date.parse(entry.published_at ?? entry.updated_at);
  return new Date(Math.max(published, Date.parse(entry.updated_at))).toISOString();
}

function link(rel: string, type: string, href: string): string {
  return `<link rel="${rel}" type="${type}" href="${xmlEscape(href)}"/>`;
}

function renderEntry(entry: FeedEntry, base: string, siteDomain: string, fallbackAuthor: string): string {
  return [
    '<entry>',
    xmlElement('id', atomId(entry.id, siteDomain, 'item')),
    xmlElement('title', entry.title),
    link('alternate', 'text/html', `${base}/items/${encodeURIComponent(entry.id)}`),
    xmlElement('published', rfc3339(entry.published_at ?? entry.updated_at)),
    xmlElement('updated', entryUpdated(entry)),
    `<author>${xmlElement('name', entry.source.trim() || fallbackAuthor)}</author>`,
    entry.summary.trim() ? `<summary type="text">${xmlEscape(entry.summary)}</summary>` : '',
    '</entry>',
  ]
    .filter(Boolean)
    .join('');
}

/** The Atom document of a column; `base` is the scheme and host links are built on. */
export function renderAtomFeed(feed: ColumnFeed, base: string, siteDomain: string): string {
  const { agency, column } = feed;
  const columnUrl = `${base}/agencies/${encodeURIComponent(agency.code)}/columns/${encodeURIComponent(column.slug)}`;
  const updated = feed.entries.map(entryUpdated).sort().at(-1) ?? rfc3339(column.created_at);
  const head = [
    xmlElement('id', atomId(column.id, siteDomain, 'column')),
    xmlElement('title', `${column.name} - ${agency.name}`),
    column.description.trim() ? xmlElement('subtitle', column.description) : '',
    xmlElement('updated', updated),
    link('self', 'application/atom+xml', `${columnUrl}/feed.xml`),
    link('alternate', 'text/html', columnUrl),
    `<author>${xmlElement('name', agency.name)}</author>`,
  ];
  const entries = feed.entries.map((e) => renderEntry(e, base, siteDomain, agency.name));
  return [
    XML_DECLARATION,
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    ...head.filter(Boolean),
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

import { XML_DECLARATION, xmlElement } from './xml';

// The sitemap protocol (sitemaps.org 0.9): at most 50,000 URLs per file; past that an index of files.

export const SITEMAP_MAX_URLS = 50_000;
const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

export interface SitemapUrl {
  path: string; // absolute path on this site, already URL-encoded
  lastmod?: string; // W3C date, YYYY-MM-DD
}

/** A <urlset> of site paths made absolute on `base`. */
export function renderUrlSet(urls: SitemapUrl[], base: string): string {
  const body = urls.map(
    (u) =>
      `<url>${xmlElement('loc', base + u.path)}${u.lastmod ? xmlElement('lastmod', u.lastmod) : ''}</url>`,
  );
  return [XML_DECLARATION, `<urlset xmlns="${NS}">`, ...body, '</urlset>', ''].join('\n');
}

/** A <sitemapindex> pointing at /sitemap-1.xml … /sitemap-N.xml. */
export function renderSitemapIndex(files: number, base: string): string {
  const body = Array.from(
    { length: files },
    (_, i) => `<sitemap>${xmlElement('loc', `${base}/sitemap-${i + 1}.xml`)}</sitemap>`,
  );
  return [XML_DECLARATION, `<sitemapindex xmlns="${NS}">`, ...body, '</sitemapindex>', ''].join('\n');
}

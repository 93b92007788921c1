// Rendered public item pages, kept for a few seconds. Rendering an item page cost about 1 ms of CPU,
// five times the rest of the request (bench/load, issue 8). The key holds the item's version, status
// and last change, so a correction or a withdrawal shows at once on every instance (each reads the
// row before using its copy). Any change accepted by this instance empties the cache (forgetPages), so
// what the key does not cover — a linked interpretation published, a normative document repealed, a
// column renamed — shows at once here and within TTL_MS on other instances. The view count is filled
// in per request. The page is kept as UTF-8 bytes: sent as a string, each answer had its length counted
// and its ~10,000 characters encoded again (9 % of the server's CPU under the item-page load; a bare
// route sending bytes does neither).

const TTL_MS = 10_000;
const MAX_PAGES = 2000;

/** A number no item reaches, rendered where the view count goes and replaced per request. */
export const VIEW_COUNT_MARK = 987_654_321_987;
const MARK_TEXT = String(VIEW_COUNT_MARK);

interface CachedPage {
  /** The page's bytes cut at every view-count mark, so filling it in is one concatenation. */
  parts: Buffer[];
  expires: number;
}

const pages = new Map<string, CachedPage>();

/** The cached page for key, cut at its view-count marks, if still fresh at now; undefined otherwise. */
export function cachedPage(key: string, now: number): Buffer[] | undefined {
  const hit = pages.get(key);
  if (!hit) return undefined;
  if (hit.expires > now) return hit.parts;
  pages.delete(key);
  return undefined;
}

/** A rendered page as UTF-8 bytes, cut at every view-count mark. */
export function cutAtViewCount(html: string): Buffer[] {
  return html.split(MARK_TEXT).map((part) => Buffer.from(part));
}

/** Keeps a rendered page, cut at its marks; a full cache is emptied rather than tracked entry by entry. */
export function keepPage(key: string, parts: Buffer[], now: number): void {
  if (pages.size >= MAX_PAGES) pages.clear();
  pages.set(key, { parts, expires: now + TTL_MS });
}

/** The page's bytes (fresh or cached, cut at its marks) with its view count filled in. */
export function withViewCount(parts: Buffer[], views: number): Buffer {
  const count = Buffer.from(String(views));
  return Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [count, part])));
}

/** Empties the cache: called after every accepted change on this instance. */
export function forgetPages(): void {
  pages.clear();
}

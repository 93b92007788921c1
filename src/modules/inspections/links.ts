import { fingerprintOf, type InspectionFinding } from './finding';

// Links in item bodies, resolved against the portal's own routes (portal.routes.tsx, attachment.routes.ts):
// /items/:id must exist and be public; /agencies/:code and /agencies/:code/columns/:slug must exist;
// /attachments/:id must exist with its file on disk and the right SHA-256. Pure: the lookups are passed in.
// External links are only checked when a checker is configured (the I/O lives in the scan).

export interface ExtractedLink {
  href: string;
  tag: 'a' | 'img';
}

const LINK_ATTR = /<(a|img)\b[^>]*?\s(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

const decodeEntities = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** Every a/href and img/src of an HTML body, once each, in order. */
export function extractLinks(html: string): ExtractedLink[] {
  const seen = new Set<string>();
  const links: ExtractedLink[] = [];
  for (const m of html.matchAll(LINK_ATTR)) {
    const tag = (m[1] ?? '').toLowerCase() === 'img' ? 'img' : 'a';
    const attr = (m[2] ?? '').toLowerCase();
    if ((tag === 'a') !== (attr === 'href')) continue;
    const href = decodeEntities((m[3] ?? m[4] ?? m[5] ?? '').trim());
    if (!href || seen.has(href)) continue;
    seen.add(href);
    links.push({ href, tag });
  }
  return links;
}

export type LinkTarget =
  | { kind: 'item'; id: string }
  | { kind: 'agency'; code: string }
  | { kind: 'column'; code: string; slug: string }
  | { kind: 'attachment'; id: string }
  | { kind: 'page' } // a fixed portal page (home, search, apply, static files, feeds)
  | { kind: 'unknown'; path: string } // on this site, but no route serves it
  | { kind: 'external'; url: string }
  | { kind: 'ignored' }; // fragment, mailto:, tel:

const FIXED_PAGES = [/^\/$/, /^\/search$/, /^\/prefs$/, /^\/apply(\/[^/]+)?$/, /^\/apply\/track$/];
const FIXED_PREFIXES = ['/static/', '/sitemap', '/api/v1/'];

/** What a link points at; `siteHosts` are this portal's host names (links to them are internal). */
export function classifyLink(href: string, siteHosts: readonly string[], fromPath = '/items/x'): LinkTarget {
  if (/^(#|mailto:|tel:)/i.test(href)) return { kind: 'ignored' };
  let url: URL;
  try {
    url = new URL(href, `http://internal.invalid${fromPath}`);
  } catch {
    return { kind: 'unknown', path: href };
  }
  const internal = url.host === 'internal.invalid' || siteHosts.includes(url.hostname.toLowerCase());
  if (!internal)
    return /^https?:$/.test(url.protocol) ? { kind: 'external', url: url.href } : { kind: 'ignored' };
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'unknown', path: url.pathname };
  }
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'items' && parts.length === 2 && parts[1]) return { kind: 'item', id: parts[1] };
  if (parts[0] === 'attachments' && parts.length === 2 && parts[1])
    return { kind: 'attachment', id: parts[1] };
  if (parts[0] === 'agencies' && parts[1]) {
    if (parts.length === 2) return { kind: 'agency', code: parts[1] };
    const feed = parts.length === 5 && parts[4] === 'feed.xml';
    if (parts[2] === 'columns' && parts[3] && (parts.length === 4 || feed))
      return { kind: 'column', code: parts[1], slug: parts[3] };
  }
  if (FIXED_PAGES.some((p) => p.test(path)) || FIXED_PREFIXES.some((p) => path.startsWith(p)))
    return { kind: 'page' };
  return { kind: 'unknown', path };
}

export type AttachmentState = 'ok' | 'missing_row' | 'missing_file' | 'mismatch';

/** What link resolution needs to know about the targets, looked up by the scan. */
export interface LinkLookups {
  items: Map<string, { public: boolean }>;
  agencyCodes: Set<string>;
  columnKeys: Set<string>; // `${code}/${slug}`
  attachments: Map<string, AttachmentState>;
}

export const attachmentProblems: Record<Exclude<AttachmentState, 'ok'>, string> = {
  missing_row: '附件不存在或已删除',
  missing_file: '附件文件缺失',
  mismatch: '附件文件与登记的 SHA-256 校验值不符',
};

/** Why a link is broken, or null when it works (external links are not judged here). */
export function linkProblem(target: LinkTarget, lookups: LinkLookups): string | null {
  switch (target.kind) {
    case 'item': {
      const item = lookups.items.get(target.id);
      if (!item) return '链接的信息不存在';
      return item.public ? null : '链接的信息未公开或已撤下';
    }
    case 'agency':
      return lookups.agencyCodes.has(target.code) ? null : '链接的机构频道不存在';
    case 'column':
      return lookups.columnKeys.has(`${target.code}/${target.slug}`) ? null : '链接的栏目不存在';
    case 'attachment': {
      const state = lookups.attachments.get(target.id) ?? 'missing_row';
      return state === 'ok' ? null : attachmentProblems[state];
    }
    case 'unknown':
      return '站内链接指向不存在的页面';
    default:
      return null;
  }
}

/** A broken-link finding on an item (one per distinct href, so fixing one link closes its task). */
export function brokenLinkFinding(
  itemId: string,
  itemTitle: string,
  href: string,
  problem: string,
): InspectionFinding {
  return {
    kind: 'broken_link',
    indicator: 'deduct.broken_link',
    severity: 'deduct',
    objectType: 'item',
    objectId: itemId,
    fingerprint: fingerprintOf('broken_link', 'item', itemId, href),
    message: `「${itemTitle}」中的链接 ${href}：${problem}`,
    detail: { href, problem, title: itemTitle },
  };
}

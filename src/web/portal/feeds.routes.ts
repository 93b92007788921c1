import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../config/config';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import {
  buildSitemap,
  columnFeed,
  renderAtomFeed,
  renderSitemapIndex,
  renderUrlSet,
  SITEMAP_MAX_URLS,
  sitemapFile,
} from '../../modules/catalog';

// Machine-readable views of the portal for feed readers and search engines: anonymous, public items only.

const CACHE = 'public, max-age=300';

// A plain host name, IPv4 or bracketed IPv6 literal, with an optional port.
const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * Scheme and host for absolute links, taken from the request so a feed read over another name of the
 * site links back to it. The Host header (X-Forwarded-* only with a trusted proxy) is used for nothing
 * else; one that is not a plain host[:port] is replaced by the configured domain.
 */
export function siteBase(request: FastifyRequest, config: Config): string {
  const host = typeof request.host === 'string' ? request.host : '';
  if (!HOST.test(host)) return `https://${config.site.domain}`;
  return `${request.protocol === 'https' ? 'https' : 'http'}://${host.toLowerCase()}`;
}

function sendXml(reply: FastifyReply, type: string, xml: string): FastifyReply {
  return reply.header('content-type', `${type}; charset=utf-8`).header('cache-control', CACHE).send(xml);
}

const feedParams = z.object({ code: z.string().max(40), slug: z.string().max(60) });
const sitemapParams = z.object({ page: z.coerce.number().int().min(1).max(100_000) });

/** Registers the Atom feed of every column, /sitemap.xml and, past 50,000 URLs, its numbered files. */
export function registerFeedRoutes(
  app: FastifyInstance,
  ctx: Context,
  options: { sitemapMaxUrls?: number } = {},
): void {
  const perFile = options.sitemapMaxUrls ?? SITEMAP_MAX_URLS;

  app.get('/agencies/:code/columns/:slug/feed.xml', async (request, reply) => {
    const { code, slug } = parseInput(feedParams, request.params);
    const feed = await columnFeed(ctx, code, slug);
    const xml = renderAtomFeed(feed, siteBase(request, ctx.config), ctx.config.site.domain);
    return sendXml(reply, 'application/atom+xml', xml);
  });

  app.get('/sitemap.xml', async (request, reply) => {
    const sitemap = await buildSitemap(ctx, perFile);
    const base = siteBase(request, ctx.config);
    const xml =
      sitemap.kind === 'index' ? renderSitemapIndex(sitemap.files, base) : renderUrlSet(sitemap.urls, base);
    return sendXml(reply, 'application/xml', xml);
  });

  app.get('/sitemap-:page(^\\d+).xml', async (request, reply) => {
    const { page } = parseInput(sitemapParams, request.params);
    const urls = await sitemapFile(ctx, page, perFile);
    if (!urls) throw new AppError('not_found', '您访问的页面不存在');
    return sendXml(reply, 'application/xml', renderUrlSet(urls, siteBase(request, ctx.config)));
  });
}

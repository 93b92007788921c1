import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Context } from '../../../core/context';
import { parseInput } from '../../../core/validation';
import { getAgencyByCode, listAgencies } from '../../../modules/accounts';
import { getReadableItem, latestPublicItems } from '../../../modules/catalog';

// The public JSON API beside the pages: the same services, the same visibility rules, no personal data.

const latestQuery = z.object({
  agency: z.string().max(40).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1, 'limit 须在 1–100 之间')
    .max(100, 'limit 须在 1–100 之间')
    .default(20),
});

/** Registers /api/v1 routes. */
export function registerApiRoutes(api: FastifyInstance, ctx: Context): void {
  api.get('/agencies', async () => {
    const rows = await listAgencies(ctx, { enabledOnly: true });
    return {
      agencies: rows.map((a) => ({ code: a.code, name: a.name, shortName: a.short_name, kind: a.kind })),
    };
  });

  api.get('/items', async (request) => {
    const q = parseInput(latestQuery, request.query);
    const agency = q.agency ? await getAgencyByCode(ctx, q.agency) : undefined;
    const rows = await latestPublicItems(ctx, q.limit, agency?.id);
    return {
      items: rows.map((r) => ({ id: r.id, title: r.title, publishedAt: r.published_at, source: r.source })),
    };
  });

  api.get<{ Params: { id: string } }>('/items/:id', async (request) => {
    const item = await getReadableItem(ctx, request.params.id, null);
    return {
      id: item.id,
      title: item.title,
      publishedAt: item.published_at,
      source: item.source,
      keywords: item.keywords,
      summary: item.summary,
      bodyHtml: item.body_html,
    };
  });
}

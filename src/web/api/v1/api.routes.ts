import type { FastifyInstance } from 'fastify';
import type { Context } from '../../../core/context';
import { parseInput } from '../../../core/validation';
import { listAgencies } from '../../../modules/accounts';
import { findPublicItems, getPublicItemRecord, listAgencyColumns } from '../../../modules/catalog';
import { subjectLabel } from '../../../modules/documents';
import { runSearch } from '../../portal/search.routes';
import { presentAgencies, presentColumns, presentItemDetail, presentItemList } from './api.presenters';
import { agencyParams, itemParams, itemsQuery } from './api.schemas';
import { openApiDocument } from './openapi';

// The public JSON API beside the pages: anonymous, read-only, public items only, no personal data.
// Every route here is described in openapi.ts (a test holds the two together).

/** Registers /api/v1 routes. */
export function registerApiRoutes(api: FastifyInstance, ctx: Context): void {
  api.get('/agencies', async () => presentAgencies(await listAgencies(ctx, { enabledOnly: true })));

  api.get('/agencies/:code/columns', async (request) => {
    const { code } = parseInput(agencyParams, request.params);
    const { agency, columns } = await listAgencyColumns(ctx, code);
    return presentColumns(agency, columns);
  });

  api.get('/items', async (request) => {
    const filter = parseInput(itemsQuery, request.query);
    return presentItemList(await findPublicItems(ctx, filter), filter);
  });

  api.get('/items/:id', async (request) => {
    const { id } = parseInput(itemParams, request.params);
    const item = await getPublicItemRecord(ctx, id);
    return presentItemDetail(item, await subjectLabel(ctx.db, item.subject_id));
  });

  // Anonymous like the rest of the API: the search runs with the public scope whatever cookie is sent.
  api.get('/search', async (request) => {
    const { form, agencies, result } = await runSearch(ctx, undefined, request.query, 20);
    return {
      query: result?.query ?? '',
      page: form.page,
      pageSize: 20,
      total: result?.total ?? 0,
      hits: (result?.hits ?? []).map((h) => ({
        id: h.id,
        url: `/items/${h.id}`,
        title: h.title,
        titleHtml: h.titleHtml,
        snippetHtml: h.snippetHtml,
        publishedAt: h.publishedAt,
        agency: agencies.find((a) => a.id === h.agencyId)?.code ?? null,
      })),
    };
  });

  api.get('/openapi.json', async () => openApiDocument());
}

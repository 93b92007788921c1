import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Context } from '../../core/context';
import { pageNumber, parseInput } from '../../core/validation';
import { listAgencies, resolveSession } from '../../modules/accounts';
import { visibilityScopeOf } from '../../modules/catalog';
import { genres, listSubjects } from '../../modules/documents';
import { searchIndex } from '../../search';
import { renderPage, sendPage } from '../http/render';
import { readSessionToken } from '../http/session-cookie';
import { shellOf } from './shell';
import { SearchPage } from './views/search-page';

const PAGE_SIZE = 10;

// Hostile or odd input is never an error here: the provider normalises the query; the filters are checked.
export const searchQuerySchema = z.object({
  q: z
    .string()
    .max(10_000, '查询过长')
    .default('')
    .transform((v) => v.slice(0, 100)),
  agency: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || undefined),
  year: z
    .union([
      z.literal(''),
      z.coerce.number().int().min(2000, '年份须在 2000–2100 之间').max(2100, '年份须在 2000–2100 之间'),
    ])
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  genre: z
    .string()
    .max(20)
    .optional()
    .transform((v) => v || undefined),
  column: z
    .string()
    .max(40)
    .optional()
    .transform((v) => v || undefined),
  subject: z
    .string()
    .max(20)
    .optional()
    .transform((v) => v || undefined),
  validity: z
    .enum(['', 'in_force', 'expired', 'repealed', 'amended', 'partly_expired'])
    .optional()
    .transform((v) => v || undefined),
  page: pageNumber(1000),
});

/** Runs a search for a request: the viewer's scope, the filters, a page. Shared by the page and the API. */
export async function runSearch(ctx: Context, token: string | undefined, raw: unknown, pageSize = PAGE_SIZE) {
  const form = parseInput(searchQuerySchema, raw);
  const viewer = token ? await resolveSession(ctx, token) : null;
  const agencies = await listAgencies(ctx, { enabledOnly: true });
  const agency = form.agency ? agencies.find((a) => a.code === form.agency) : undefined;
  // A column is named by its slug within the chosen agency; one that does not exist matches nothing.
  const column =
    agency && form.column
      ? await ctx.db
          .selectFrom('columns')
          .select('id')
          .where('agency_id', '=', agency.id)
          .where('slug', '=', form.column)
          .executeTakeFirst()
      : undefined;
  const result = form.q.trim()
    ? await searchIndex(ctx.db, {
        q: form.q,
        scope: visibilityScopeOf(viewer),
        ...(agency ? { agencyIds: [agency.id] } : form.agency ? { agencyIds: ['none'] } : {}),
        ...(form.year ? { year: form.year } : {}),
        ...(form.genre ? { genre: form.genre } : {}),
        ...(form.column ? { columnId: column?.id ?? 'none' } : {}),
        ...(form.subject ? { subject: form.subject } : {}),
        ...(form.validity ? { validity: form.validity } : {}),
        page: form.page,
        pageSize,
      })
    : null;
  return { form, agencies, result };
}

// The last rendered page for each URL and preferences, reused while the search answered with the very
// same cached result (result-cache.ts) and the filter lists are unchanged: rendering the page, with its
// 143 subjects, cost more than the rest of a warm search.
const rendered = new Map<string, { result: object; lists: string; html: string }>();
const MAX_RENDERED = 1000;

/** GET /search: the portal search page. */
export function registerSearchRoutes(app: FastifyInstance, ctx: Context): void {
  app.get('/search', async (request, reply) => {
    const { form, agencies, result } = await runSearch(
      ctx,
      readSessionToken(request, ctx.config),
      request.query,
    );
    if (result && request.headers.cookie?.includes('gk_sid'))
      reply.header('cache-control', 'private, no-store');
    const shell = shellOf(ctx, request);
    const subjects = await listSubjects(ctx.db);
    const key = `${shell.path}|${shell.prefs.font}|${shell.prefs.care}`;
    const lists = JSON.stringify([agencies, subjects]);
    const before = rendered.get(key);
    if (result && before?.result === result && before.lists === lists) return sendPage(reply, before.html);
    const html = renderPage(
      <SearchPage
        {...shell}
        form={form}
        agencies={agencies}
        genres={genres}
        subjects={subjects}
        result={result}
        pageSize={PAGE_SIZE}
      />,
    );
    if (result) {
      if (rendered.size >= MAX_RENDERED) rendered.clear();
      rendered.set(key, { result, lists, html });
    }
    return sendPage(reply, html);
  });
}

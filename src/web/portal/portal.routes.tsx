import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Context } from '../../core/context';
import { pageNumber, parseInput } from '../../core/validation';
import type { Item } from '../../db/schema';
import { getAgency, getAgencyByCode, listAgencies, resolveSession } from '../../modules/accounts';
import { attachmentsOf } from '../../modules/attachments';
import {
  countView,
  getColumn,
  getColumnById,
  latestPublicItems,
  listColumns,
  listPublicItems,
  readItemForPage,
  readItemStamp,
  unsavedViews,
} from '../../modules/catalog';
import { itemRelations, subjectLabel } from '../../modules/documents';
import { localPath } from '../http/local-path';
import { renderPage, sendPage } from '../http/render';
import { readSessionToken } from '../http/session-cookie';
import {
  cachedPage,
  cutAtViewCount,
  forgetPages,
  keepPage,
  VIEW_COUNT_MARK,
  withViewCount,
} from './page-cache';
import { shellOf } from './shell';
import { ItemPage, WithdrawnPage } from './views/item-page';
import type { PageShell } from './views/layout';
import { AgencyPage, ColumnPage, HomePage } from './views/pages';

const fontSizes = ['small', 'medium', 'large'] as const;
const YEAR_SECONDS = 365 * 86_400;

const pageQuery = z.object({ page: pageNumber(10_000) });
const prefsQuery = z.object({
  font: z.enum(fontSizes).optional(),
  care: z.enum(['0', '1']).optional(),
  back: z.string().max(500).optional(),
});

/** Which cached copy of an item page a reader gets: the item's version and last change, and the shell. */
function pageKeyOf(
  item: { id: string; version: number; updated_at: string; status: string },
  shell: PageShell,
): string {
  return [
    item.id,
    item.version,
    item.updated_at,
    item.status,
    shell.path,
    shell.prefs.font,
    shell.prefs.care,
  ].join('|');
}

/** An item page with the view-count mark where the count goes (filled in per request). */
async function renderItemPage(ctx: Context, item: Item, shell: PageShell): Promise<string> {
  return renderPage(
    <ItemPage
      {...shell}
      agency={await getAgency(ctx, item.agency_id)}
      column={await getColumnById(ctx, item.column_id)}
      item={{ ...item, view_count: VIEW_COUNT_MARK }}
      subject={await subjectLabel(ctx.db, item.subject_id)}
      relations={await itemRelations(ctx.db, item)}
      attachments={await attachmentsOf(ctx.db, item.id)}
    />,
  );
}

/** The public portal: home, agency channels, column listings, item pages, reading preferences. */
export function registerPortalRoutes(app: FastifyInstance, ctx: Context): void {
  app.get('/', async (request, reply) => {
    const [agencies, latest] = await Promise.all([
      listAgencies(ctx, { enabledOnly: true }),
      latestPublicItems(ctx, 15),
    ]);
    return sendPage(reply, <HomePage {...shellOf(ctx, request)} agencies={agencies} latest={latest} />);
  });

  app.get<{ Params: { code: string } }>('/agencies/:code', async (request, reply) => {
    const agency = await getAgencyByCode(ctx, request.params.code);
    const [columns, latest] = await Promise.all([
      listColumns(ctx, agency.id),
      latestPublicItems(ctx, 10, agency.id),
    ]);
    return sendPage(
      reply,
      <AgencyPage {...shellOf(ctx, request)} agency={agency} columns={columns} latest={latest} />,
    );
  });

  app.get<{ Params: { code: string; slug: string } }>(
    '/agencies/:code/columns/:slug',
    async (request, reply) => {
      const { page } = parseInput(pageQuery, request.query);
      const agency = await getAgencyByCode(ctx, request.params.code);
      if (request.params.slug === 'mailbox') return reply.redirect(`/mailbox/${agency.code}`, 303); // 部门信箱 lists letters
      const column = await getColumn(ctx, agency.id, request.params.slug);
      const list = await listPublicItems(ctx, column.id, page);
      return sendPage(
        reply,
        <ColumnPage
          {...shellOf(ctx, request)}
          agency={agency}
          column={column}
          items={list.rows}
          page={page}
          pages={list.pages}
          total={list.total}
        />,
      );
    },
  );

  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) forgetPages();
  });

  app.get<{ Params: { id: string } }>('/items/:id', async (request, reply) => {
    // A public published page is the same for every reader with the same preferences: rendered once,
    // reused while its row says it is unchanged. The row is read without its body for that check.
    const stamp = await readItemStamp(ctx, request.params.id);
    const shell = shellOf(ctx, request);
    const now = Date.now();
    if (stamp?.status === 'published' && stamp.visibility === 'public') {
      const cached = cachedPage(pageKeyOf(stamp, shell), now);
      if (cached) {
        countView(ctx, stamp.id, request.headers['user-agent']);
        return sendPage(reply, withViewCount(cached, stamp.view_count + unsavedViews(ctx, stamp.id)));
      }
    }
    const token = request.headers.cookie ? readSessionToken(request, ctx.config) : undefined;
    const viewer = token ? await resolveSession(ctx, token) : null;
    const { kind, item } = await readItemForPage(ctx, request.params.id, viewer);
    if (kind === 'withdrawn') {
      const withdrawn = item;
      const agency = await getAgency(ctx, withdrawn.agency_id);
      const column = await getColumnById(ctx, withdrawn.column_id);
      return sendPage(
        reply,
        <WithdrawnPage {...shell} agency={agency} column={column} item={withdrawn} />,
        410,
      );
    }
    countView(ctx, item.id, request.headers['user-agent']);
    const views = item.view_count + unsavedViews(ctx, item.id);
    if (item.visibility !== 'public') reply.header('cache-control', 'private, no-store');
    const parts = cutAtViewCount(await renderItemPage(ctx, item, shell));
    if (item.visibility === 'public' && item.status === 'published')
      keepPage(pageKeyOf(item, shell), parts, now);
    return sendPage(reply, withViewCount(parts, views));
  });

  // Reading preferences are remembered in cookies; the page script does the same without a reload.
  app.get('/prefs', async (request, reply) => {
    const q = parseInput(prefsQuery, request.query);
    const options = { path: '/', maxAge: YEAR_SECONDS, sameSite: 'lax' as const, httpOnly: false };
    if (q.font) reply.setCookie('gk_font', q.font, options);
    if (q.care) reply.setCookie('gk_care', q.care, options);
    return reply.redirect(localPath(q.back), 303);
  });
}

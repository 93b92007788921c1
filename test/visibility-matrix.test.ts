import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/core/ids';
import type { Agency, Item } from '../src/db/schema';
import { isVisible, visibilityScopeOf } from '../src/modules/catalog';
import { makeAgency, makeColumn, makeUser } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

// ONE rule decides visibility (catalog/visibility.ts) and every portal page obeys it: for each status ×
// visibility and each kind of viewer, the item page, its column listing, its agency page and the home
// page show the item exactly when the rule says so.

const statuses = ['draft', 'in_review', 'approved', 'published', 'withdrawn'] as const;
const visibilities = ['public', 'internal', 'agency'] as const;

describe.each(testDatabases())('the visibility matrix on the portal, on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let owner: Agency;
  const items: Item[] = [];
  const viewers: Record<string, { client: HttpClient; scope: ReturnType<typeof visibilityScopeOf> }> = {};

  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
    owner = await makeAgency(ctx);
    const other = await makeAgency(ctx);
    const columnId = await makeColumn(ctx, owner.id, 'news', '工作动态', 14);
    for (const status of statuses) {
      for (const visibility of visibilities) {
        const now = ctx.clock.now().toISOString();
        const item = await ctx.db
          .insertInto('items')
          .values({
            id: newId(),
            agency_id: owner.id,
            column_id: columnId,
            title: `CANARY-${status}-${visibility}`,
            body_html: '<p>正文</p>',
            summary: '',
            keywords: '',
            source: owner.name,
            visibility,
            status,
            published_at: now,
            withdrawn_at: status === 'withdrawn' ? now : null,
            withdrawn_reason: status === 'withdrawn' ? '测试撤下' : null,
            view_count: 0,
            created_by: null,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        items.push(item);
      }
    }
    viewers.anonymous = { client: new HttpClient(app), scope: visibilityScopeOf(null) };
    for (const [name, agencyId] of [
      ['ownStaff', owner.id],
      ['otherStaff', other.id],
    ] as const) {
      const user = await makeUser(ctx, { grants: [{ agencyId, role: 'editor' }] });
      const client = new HttpClient(app);
      expect((await client.login(ctx, user.username)).statusCode).toBe(303);
      // The scope of a signed-in staff member of that agency (a second login would end the first session).
      viewers[name] = { client, scope: { internal: true, agencyIds: [agencyId] } };
    }
  });
  afterAll(() => close());

  it.each(['anonymous', 'ownStaff', 'otherStaff'])(
    'shows %s exactly what the rule allows, on every page',
    async (name) => {
      const { client, scope } = viewers[name] as (typeof viewers)[string];
      const listing = (await client.get(`/agencies/${owner.code}/columns/news`)).body;
      const agencyPage = (await client.get(`/agencies/${owner.code}`)).body;
      const home = (await client.get('/')).body;
      for (const item of items) {
        const allowed = isVisible(scope, item);
        const page = await client.get(`/items/${item.id}`);
        const label = `${name} ${item.title}`;
        if (item.status === 'withdrawn' && item.visibility === 'public') {
          expect(page.statusCode, label).toBe(410); // the withdrawal notice, without the body
          expect(page.body, label).not.toContain('<p>正文</p>');
        } else {
          expect(page.statusCode, label).toBe(allowed ? 200 : 404);
        }
        // Listings are the public channel: only published public items appear in them, for everyone.
        const listed = item.status === 'published' && item.visibility === 'public';
        expect(listing.includes(item.title), `${label} listing`).toBe(listed);
        expect(agencyPage.includes(item.title), `${label} agency page`).toBe(listed);
        expect(home.includes(item.title), `${label} home`).toBe(listed);
      }
    },
  );
});

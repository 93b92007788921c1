import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/core/ids';
import type { NewItem } from '../src/db/schema';
import { anonymousScope, isVisible, type VisibilityScope, visibleTo } from '../src/modules/catalog';
import { installErrorHandlers } from '../src/web/http/errors';
import { registerFeedRoutes } from '../src/web/portal/feeds.routes';
import { makeAgency, makeItem } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

// Atom feeds and the sitemap, and the one rule every anonymous channel (feed, sitemap, JSON API) obeys:
// only published + public items, checked over all 5 statuses × 3 visibilities.

const statuses = ['draft', 'in_review', 'approved', 'published', 'withdrawn'] as const;
const visibilities = ['public', 'internal', 'agency'] as const;
const HOSTILE = 'A & B <b>"引号"</b> \'单\' \u0001\u000b\u001f控制\ufffe\u007f\u0085字符';

/** Inserts an item into an existing column; every item gets a published_at so only the status decides. */
async function insertItem(
  ctx: TestContext,
  where: { agencyId: string; columnId: string },
  fields: Partial<NewItem> & { title: string; published_at: string },
) {
  const item = {
    id: newId(),
    agency_id: where.agencyId,
    column_id: where.columnId,
    body_html: '<p>正文</p>',
    summary: '摘要',
    keywords: '',
    source: '测试来源',
    visibility: 'public',
    status: 'published',
    view_count: 0,
    created_by: null,
    created_at: fields.published_at,
    updated_at: fields.published_at,
    ...fields,
  } as const;
  await ctx.db.insertInto('items').values(item).execute();
  return item;
}

/** Checks XML 1.0 well-formedness for the subset we emit: declaration, elements, attributes, text. */
function expectWellFormed(xml: string): void {
  const declaration = '<?xml version="1.0" encoding="UTF-8"?>\n';
  expect(xml.startsWith(declaration)).toBe(true);
  const body = xml.slice(declaration.length);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for exactly the characters XML forbids
  expect(body).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/u);
  const entity = '&(?:amp|lt|gt|quot|apos|#\\d+|#x[0-9a-fA-F]+);';
  const text = new RegExp(`^(?:[^<&]|${entity})*$`);
  const tag = new RegExp(`^<(/?)([A-Za-z][\\w:.-]*)((?:\\s+[\\w:.-]+="(?:[^"<&]|${entity})*")*)\\s*(/?)>$`);
  const stack: string[] = [];
  let roots = 0;
  for (const token of body.match(/<[^>]*>|[^<]+/g) ?? []) {
    if (!token.startsWith('<')) {
      expect(token, 'text').toMatch(text);
      if (stack.length === 0) expect(token.trim(), 'text outside the root').toBe('');
      continue;
    }
    const m = tag.exec(token);
    expect(m, `tag ${token}`).not.toBeNull();
    const [, closing, name = '', , selfClosing] = m ?? [];
    if (closing) expect(stack.pop(), `closing ${name}`).toBe(name);
    else {
      if (stack.length === 0) roots += 1;
      if (!selfClosing) stack.push(name);
    }
  }
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
}

describe('the well-formedness check itself', () => {
  it.each([
    ['a bare ampersand', '<a>A & B</a>'],
    ['a raw less-than', '<a>1 < 2</a>'],
    ['a control character', '<a>x\u0001</a>'],
    ['a crossed nesting', '<a><b></a></b>'],
    ['an unclosed element', '<a><b></b>'],
    ['two roots', '<a/><b/>'],
    ['an unquoted attribute', '<a href=x/>'],
  ])('rejects %s', (_name, body) => {
    expect(() => expectWellFormed(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`)).toThrow();
  });
});

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1] ?? '');

describe.each(testDatabases())('anonymous channels on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let agency: Awaited<ReturnType<typeof makeAgency>>;
  let other: Awaited<ReturnType<typeof makeAgency>>;
  let columnSlug: string;
  const canaries: { id: string; status: string; visibility: string }[] = [];
  let visibleId = '';

  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
    agency = await makeAgency(ctx);
    other = await makeAgency(ctx);
    const first = await makeItem(ctx, agency.id, { title: '栏目首条' });
    columnSlug = (
      await ctx.db
        .selectFrom('columns')
        .select('slug')
        .where('id', '=', first.column_id)
        .executeTakeFirstOrThrow()
    ).slug;
    let minute = 0;
    for (const status of statuses)
      for (const visibility of visibilities) {
        const item = await insertItem(
          ctx,
          { agencyId: agency.id, columnId: first.column_id },
          {
            title: `CANARY-${status}-${visibility} ${HOSTILE}`,
            status,
            visibility,
            published_at: new Date(Date.parse('2026-03-01T00:00:00.000Z') + ++minute * 60_000).toISOString(),
          },
        );
        canaries.push({ id: item.id, status, visibility });
        if (status === 'published' && visibility === 'public') visibleId = item.id;
      }
  });
  afterAll(() => close());

  it('shows exactly the published public item in the feed, the sitemap, the API list and the API detail', async () => {
    const client = new HttpClient(app);
    const feed = await client.get(`/agencies/${agency.code}/columns/${columnSlug}/feed.xml`);
    expect(feed.statusCode).toBe(200);
    expect(feed.body.match(/CANARY-[a-z_]+-[a-z]+/g)).toEqual(['CANARY-published-public']);
    const sitemap = (await client.get('/sitemap.xml')).body;
    const list = (await client.get(`/api/v1/items?agency=${agency.code}&pageSize=100`)).json();
    expect(list.items.filter((i: { title: string }) => i.title.startsWith('CANARY-'))).toHaveLength(1);
    const everything = (await client.get('/api/v1/items?pageSize=100')).json();
    for (const c of canaries) {
      const shown = c.id === visibleId;
      const label = `${c.status}/${c.visibility}`;
      expect(feed.body.includes(c.id), `feed ${label}`).toBe(shown);
      expect(sitemap.includes(`/items/${c.id}<`), `sitemap ${label}`).toBe(shown);
      expect(
        list.items.some((i: { id: string }) => i.id === c.id),
        `API list ${label}`,
      ).toBe(shown);
      expect(
        everything.items.some((i: { id: string }) => i.id === c.id),
        `API all ${label}`,
      ).toBe(shown);
      const detail = await client.get(`/api/v1/items/${c.id}`);
      expect(detail.statusCode, `API detail ${label}`).toBe(shown ? 200 : 404);
      if (!shown) expect(detail.body, label).not.toContain('CANARY');
    }
  });

  it('applies in SQL the same rule as isVisible, for every scope', async () => {
    const scopes: VisibilityScope[] = [
      anonymousScope,
      { internal: true, agencyIds: [] },
      { internal: true, agencyIds: [agency.id] },
      { internal: true, agencyIds: [other.id] },
      { internal: false, agencyIds: 'all' },
    ];
    for (const scope of scopes) {
      const rows = await ctx.db
        .selectFrom('items')
        .where(visibleTo(scope))
        .where('items.title', 'like', 'CANARY-%')
        .select('id')
        .execute();
      const expected = canaries.filter((c) =>
        isVisible(scope, { status: c.status, visibility: c.visibility as 'public', agency_id: agency.id }),
      );
      expect(rows.map((r) => r.id).sort(), JSON.stringify(scope)).toEqual(expected.map((c) => c.id).sort());
    }
  });

  it('serves a column feed as well-formed Atom 1.0 with escaped text and absolute links', async () => {
    const res = await new HttpClient(app).request({
      method: 'GET',
      url: `/agencies/${agency.code}/columns/${columnSlug}/feed.xml`,
      headers: { host: 'portal.example.cn:8443' },
    });
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expectWellFormed(res.body);
    expect(res.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">');
    expect(res.body).toContain(
      `<title>CANARY-published-public A &amp; B &lt;b&gt;&quot;引号&quot;&lt;/b&gt; &apos;单&apos; 控制字符</title>`,
    );
    expect(res.body).toContain(
      `<link rel="alternate" type="text/html" href="http://portal.example.cn:8443/items/${visibleId}"/>`,
    );
    expect(res.body).toContain(
      `<link rel="self" type="application/atom+xml" href="http://portal.example.cn:8443/agencies/${agency.code}/columns/${columnSlug}/feed.xml"/>`,
    );
    expect(res.body).toContain(`<id>urn:uuid:${visibleId}</id>`);
    expect(res.body).toContain('<author><name>测试来源</name></author>');
    expect(res.body).toContain('<summary type="text">摘要</summary>');
    for (const m of res.body.matchAll(/<(updated|published)>([^<]*)</g))
      expect(m[2]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  });

  it('lists the 20 newest public items of the column, newest first', async () => {
    const seed = await makeItem(ctx, other.id, { title: '另一栏目' });
    const where = { agencyId: other.id, columnId: seed.column_id };
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      const at = new Date(Date.parse('2026-01-01T00:00:00.000Z') + i * 86_400_000).toISOString();
      ids.push((await insertItem(ctx, where, { title: `第${i}条`, published_at: at })).id);
    }
    const slug = (
      await ctx.db
        .selectFrom('columns')
        .select('slug')
        .where('id', '=', seed.column_id)
        .executeTakeFirstOrThrow()
    ).slug;
    const res = await new HttpClient(app).get(`/agencies/${other.code}/columns/${slug}/feed.xml`);
    const entryIds = [...res.body.matchAll(/<entry><id>urn:uuid:([^<]+)<\/id>/g)].map((m) => m[1] ?? '');
    // the factory's item was published "now" (2026-03-02), after all 25
    expect(entryIds).toEqual([seed.id, ...ids.slice(-19).reverse()]);
    expect(res.body).toMatch(/<updated>2026-03-02T02:00:00.000Z<\/updated>\n<link rel="self"/);
  });

  it('builds links only from a plain Host and never from an untrusted X-Forwarded-Host', async () => {
    const client = new HttpClient(app);
    const url = `/agencies/${agency.code}/columns/${columnSlug}/feed.xml`;
    const hostile = await client.request({ method: 'GET', url, headers: { host: 'evil.example"><x' } });
    expect(hostile.statusCode).toBe(200);
    expect(hostile.body).toContain(`href="https://www.example.gov.cn/items/${visibleId}"`);
    expect(hostile.body).not.toContain('evil');
    const forwarded = await client.request({
      method: 'GET',
      url,
      headers: { host: 'gk.example.cn', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
    });
    expect(forwarded.body).toContain(`href="http://gk.example.cn/items/${visibleId}"`);
    expect(forwarded.body).not.toContain('evil');
  });

  it('answers 404 for an unknown agency or column', async () => {
    const client = new HttpClient(app);
    expect((await client.get(`/agencies/${agency.code}/columns/nope/feed.xml`)).statusCode).toBe(404);
    expect((await client.get(`/agencies/nowhere/columns/${columnSlug}/feed.xml`)).statusCode).toBe(404);
  });

  it('serves a sitemap of the home, enabled agencies, their columns and public items with China-time dates', async () => {
    const late = await makeItem(ctx, agency.id, { title: '夜间发布' });
    await ctx.db
      .updateTable('items')
      .set({ published_at: '2026-02-28T17:30:00.000Z' })
      .where('id', '=', late.id)
      .execute();
    const disabled = await makeAgency(ctx);
    const hidden = await makeItem(ctx, disabled.id);
    await ctx.db.updateTable('agencies').set({ enabled: 0 }).where('id', '=', disabled.id).execute();
    const res = await new HttpClient(app).request({
      method: 'GET',
      url: '/sitemap.xml',
      headers: { host: 'gk.example.cn' },
    });
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expectWellFormed(res.body);
    expect(res.body).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    const all = locs(res.body);
    const base = 'http://gk.example.cn';
    expect(all).toContain(`${base}/`);
    expect(all).toContain(`${base}/agencies/${agency.code}`);
    expect(all).toContain(`${base}/agencies/${agency.code}/columns/${columnSlug}`);
    expect(all).not.toContain(`${base}/agencies/${disabled.code}`);
    expect(res.body).toContain(`<loc>${base}/items/${late.id}</loc><lastmod>2026-03-01</lastmod>`);
    // an item of a disabled agency still has a working page, so it stays listed
    expect(all).toContain(`${base}/items/${hidden.id}`);
    expect(new Set(all).size).toBe(all.length);
  });

  it('splits the sitemap into an index of numbered files past the per-file cap', async () => {
    const full = locs((await app.inject({ url: '/sitemap.xml', headers: { host: 'gk.example.cn' } })).body);
    const small = Fastify();
    installErrorHandlers(small);
    registerFeedRoutes(small, ctx, { sitemapMaxUrls: 7 });
    try {
      const index = await small.inject({ url: '/sitemap.xml', headers: { host: 'gk.example.cn' } });
      expectWellFormed(index.body);
      expect(index.body).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
      const files = locs(index.body);
      expect(files).toHaveLength(Math.ceil(full.length / 7));
      const collected: string[] = [];
      for (const [n, file] of files.entries()) {
        expect(file).toBe(`http://gk.example.cn/sitemap-${n + 1}.xml`);
        const part = await small.inject({ url: `/sitemap-${n + 1}.xml`, headers: { host: 'gk.example.cn' } });
        expectWellFormed(part.body);
        const urls = locs(part.body);
        expect(urls.length).toBeLessThanOrEqual(7);
        collected.push(...urls);
      }
      expect(collected).toEqual(full);
      expect((await small.inject({ url: `/sitemap-${files.length + 1}.xml` })).statusCode).toBe(404);
    } finally {
      await small.close();
    }
  });
});

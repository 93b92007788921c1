import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/core/ids';
import type { NewItem } from '../src/db/schema';
import {
  agencyListSchema,
  columnListSchema,
  itemDetailSchema,
  itemListSchema,
} from '../src/web/api/v1/api.schemas';
import { makeAgency, makeItem, makeUser } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

// The read-only JSON API: filters, paging, validation naming the field, the public record without
// internal fields, the columns of an agency, and an OpenAPI document that covers every /api/v1 route.
// (Which statuses and visibilities appear is checked over all 15 combinations in feeds.test.ts.)

type Listed = { id: string };

describe.each(testDatabases())('JSON API on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let client: HttpClient;
  let agency: Awaited<ReturnType<typeof makeAgency>>;
  let slugs: { news: string; notices: string };
  const ids: Record<'newYear' | 'oldYear' | 'notice' | 'internal' | 'otherAgency', string> = {
    newYear: '',
    oldYear: '',
    notice: '',
    internal: '',
    otherAgency: '',
  };
  let authorId = '';

  async function addItem(columnId: string, fields: Partial<NewItem> & { published_at: string }) {
    const id = newId();
    await ctx.db
      .insertInto('items')
      .values({
        id,
        agency_id: agency.id,
        column_id: columnId,
        title: `信息${id.slice(-4)}`,
        body_html: '<p>正文</p>',
        summary: '摘要',
        keywords: '关键词',
        source: '来源',
        visibility: 'public',
        status: 'published',
        view_count: 0,
        created_by: null,
        created_at: fields.published_at,
        updated_at: fields.published_at,
        ...fields,
      })
      .execute();
    return id;
  }

  const slugOf = async (columnId: string) =>
    (await ctx.db.selectFrom('columns').select('slug').where('id', '=', columnId).executeTakeFirstOrThrow())
      .slug;

  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
    client = new HttpClient(app);
    agency = await makeAgency(ctx);
    authorId = (await makeUser(ctx)).id;
    const news = await makeItem(ctx, agency.id, { visibility: 'internal' });
    const notices = await makeItem(ctx, agency.id, { status: 'draft' });
    slugs = { news: await slugOf(news.column_id), notices: await slugOf(notices.column_id) };
    ids.internal = news.id;
    // 00:30 on 1 January 2026 in China is still 2025 in UTC
    ids.newYear = await addItem(news.column_id, {
      published_at: '2025-12-31T16:30:00.000Z',
      genre: '通知',
      subject_id: 's01-01',
      title: '新年第一条 & <通知>',
      doc_number: '测政发〔2026〕1号',
      index_number: '000000000000000000/2026-00001',
      issuer: '测试机构',
      written_on: '2025-12-30',
      disclosure: 'proactive',
      disclosure_basis: 'art16-internal',
      disclosure_reason: 'SECRET-REASON',
      disclosure_proposed_by: authorId,
      disclosure_approved_by: authorId,
      created_by: authorId,
      review_round: 3,
    });
    ids.oldYear = await addItem(news.column_id, {
      published_at: '2025-12-31T15:30:00.000Z',
      genre: '通知',
      subject_id: 's02-01',
    });
    ids.notice = await addItem(notices.column_id, {
      published_at: '2026-02-01T02:00:00.000Z',
      genre: '公告',
      subject_id: 's01-02',
    });
    ids.otherAgency = (await makeItem(ctx, (await makeAgency(ctx)).id)).id;
  });
  afterAll(() => close());

  async function listIds(query: string): Promise<string[]> {
    const res = await client.get(`/api/v1/items?agency=${agency.code}${query}`);
    expect(res.statusCode, query).toBe(200);
    const body = itemListSchema.parse(res.json());
    return body.items.map((i: Listed) => i.id);
  }

  it('lists an agency’s public items newest first, in the documented shape', async () => {
    const res = await client.get(`/api/v1/items?agency=${agency.code}`);
    const body = itemListSchema.parse(res.json());
    expect(body.items.map((i) => i.id)).toEqual([ids.notice, ids.newYear, ids.oldYear]);
    expect(body).toMatchObject({ page: 1, pageSize: 20, total: 3 });
    expect(body.items[1]).toEqual({
      id: ids.newYear,
      title: '新年第一条 & <通知>',
      url: `/items/${ids.newYear}`,
      publishedAt: '2025-12-31T16:30:00.000Z',
      source: '来源',
      agency: agency.code,
      column: slugs.news,
      indexNumber: '000000000000000000/2026-00001',
      docNumber: '测政发〔2026〕1号',
      genre: '通知',
      subject: 's01-01',
      summary: '摘要',
    });
    const everyone = itemListSchema.parse((await client.get('/api/v1/items?pageSize=100')).json());
    expect(everyone.items.map((i) => i.id)).toContain(ids.otherAgency);
    expect(everyone.items.map((i) => i.id)).not.toContain(ids.internal);
  });

  it('filters by column, China-time year, genre and subject (a top-level subject takes its children)', async () => {
    expect(await listIds(`&column=${slugs.news}`)).toEqual([ids.newYear, ids.oldYear]);
    expect(await listIds('&year=2026')).toEqual([ids.notice, ids.newYear]);
    expect(await listIds('&year=2025')).toEqual([ids.oldYear]);
    expect(await listIds(`&genre=${encodeURIComponent('通知')}`)).toEqual([ids.newYear, ids.oldYear]);
    expect(await listIds('&subject=s01')).toEqual([ids.notice, ids.newYear]);
    expect(await listIds('&subject=s01-01')).toEqual([ids.newYear]);
    expect(await listIds('&subject=s99')).toEqual([]);
  });

  it('pages with page and pageSize, and still takes limit as the old name of pageSize', async () => {
    const second = itemListSchema.parse(
      (await client.get(`/api/v1/items?agency=${agency.code}&page=2&pageSize=2`)).json(),
    );
    expect(second).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(second.items.map((i) => i.id)).toEqual([ids.oldYear]);
    const beyond = itemListSchema.parse(
      (await client.get(`/api/v1/items?agency=${agency.code}&page=9`)).json(),
    );
    expect(beyond).toMatchObject({ items: [], total: 3 });
    const alias = itemListSchema.parse(
      (await client.get(`/api/v1/items?agency=${agency.code}&limit=1`)).json(),
    );
    expect(alias.pageSize).toBe(1);
    expect(alias.items.map((i) => i.id)).toEqual([ids.notice]);
  });

  it.each([
    ['pageSize=0', 'pageSize', '1–100'],
    ['pageSize=101', 'pageSize', '1–100'],
    ['pageSize=abc', 'pageSize', '1–100'],
    ['limit=1000', 'limit', '1–100'],
    ['page=0', 'page', '1–10000'],
    ['page=1.5', 'page', '整数'],
    ['year=abc', 'year', '1900–2100'],
    ['genre=bogus', 'genre', '体裁'],
    ['column=news', 'column', 'agency'],
    ['agency=Bad%20Code', 'agency', '机构代码'],
    ['subject=', 'subject', '不能为空'],
  ])('rejects %s with 400 naming %s', async (query, field, message) => {
    const res = await client.get(`/api/v1/items?${query}`);
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('validation');
    expect(error.fields[field]).toContain(message);
  });

  it('answers 404 in JSON for an unknown agency or column', async () => {
    for (const url of ['/api/v1/items?agency=nowhere', `/api/v1/items?agency=${agency.code}&column=nope`]) {
      const res = await client.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
  });

  it('returns the full public record with the catalogue fields and nothing internal', async () => {
    const res = await client.get(`/api/v1/items/${ids.newYear}`);
    expect(res.statusCode).toBe(200);
    const body = itemDetailSchema.parse(res.json()); // strict: no field beyond the documented ones
    const names = await ctx.db
      .selectFrom('subjects')
      .select(['id', 'name'])
      .where('id', 'in', ['s01', 's01-01'])
      .execute();
    const name = (id: string) => names.find((n) => n.id === id)?.name;
    expect(body).toMatchObject({
      title: '新年第一条 & <通知>',
      bodyHtml: '<p>正文</p>',
      indexNumber: '000000000000000000/2026-00001',
      docNumber: '测政发〔2026〕1号',
      issuer: '测试机构',
      writtenOn: '2025-12-30',
      subject: 's01-01',
      subjectLabel: `${name('s01')}\\${name('s01-01')}`,
      disclosure: '主动公开',
      keywords: '关键词',
      agency: agency.code,
      agencyName: agency.name,
      column: slugs.news,
    });
    for (const secret of ['SECRET-REASON', 'art16-internal', authorId, 'created_by', 'review'])
      expect(res.body).not.toContain(secret);
  });

  it('answers 404 for a missing or non-public item and 400 for a malformed id', async () => {
    for (const id of [ids.internal, newId(), 'no-such-item']) {
      const res = await client.get(`/api/v1/items/${id}`);
      expect(res.statusCode, id).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    const long = await client.get(`/api/v1/items/${'x'.repeat(65)}`);
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields.id).toBeTruthy();
  });

  it('lists enabled agencies and the columns of one, in display order', async () => {
    const agencies = agencyListSchema.parse((await client.get('/api/v1/agencies')).json());
    expect(agencies.agencies.map((a) => a.code)).toContain(agency.code);
    await ctx.db.updateTable('columns').set({ sort: 5 }).where('slug', '=', slugs.news).execute();
    const res = await client.get(`/api/v1/agencies/${agency.code}/columns`);
    expect(res.statusCode).toBe(200);
    expect(columnListSchema.parse(res.json())).toEqual({
      agency: agency.code,
      columns: [
        { slug: slugs.notices, name: '工作动态', description: '' },
        { slug: slugs.news, name: '工作动态', description: '' },
      ],
    });
    expect((await client.get('/api/v1/agencies/nowhere/columns')).statusCode).toBe(404);
    const disabled = await makeAgency(ctx);
    await ctx.db.updateTable('agencies').set({ enabled: 0 }).where('id', '=', disabled.id).execute();
    expect((await client.get(`/api/v1/agencies/${disabled.code}/columns`)).statusCode).toBe(404);
  });

  it('describes every /api/v1 route, with the enforced limits, in an OpenAPI 3.1 document', async () => {
    const res = await client.get('/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const doc = JSON.parse(res.body);
    expect(doc.openapi).toBe('3.1.0');
    const toOpenApi = (url: string) => url.replace(/:(\w+)/g, '{$1}');
    // HEAD routes are Fastify's automatic mirrors of the GET routes
    const routes = app.routeTable.filter((r) => r.url.startsWith('/api/v1') && r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThanOrEqual(5);
    for (const r of routes)
      expect(doc.paths[toOpenApi(r.url)]?.[r.method.toLowerCase()], `${r.method} ${r.url}`).toBeDefined();
    for (const [path, ops] of Object.entries(doc.paths as Record<string, object>))
      for (const method of Object.keys(ops))
        expect(
          routes.some((r) => toOpenApi(r.url) === path && r.method.toLowerCase() === method),
          path,
        ).toBe(true);
    const params = doc.paths['/api/v1/items'].get.parameters as { name: string; schema: object }[];
    const param = (name: string) => params.find((p) => p.name === name);
    expect(param('pageSize')?.schema).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 100,
      default: 20,
    });
    expect(param('page')?.schema).toMatchObject({ type: 'integer', minimum: 1, default: 1 });
    expect(param('limit')).toMatchObject({ deprecated: true, in: 'query', required: false });
    expect(param('genre')?.schema).toMatchObject({ enum: expect.arrayContaining(['通知', '公告']) });
    expect(doc.paths['/api/v1/items/{id}'].get.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    ]);
    expect(doc.paths['/api/v1/items'].get.responses['400']).toEqual({ $ref: '#/components/responses/400' });
    expect(doc.components.schemas.Error.properties.error.properties.fields).toBeDefined();
    expect(doc.components.schemas.ItemDetail.additionalProperties).toBe(false);
  });
});

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item } from '../src/db/schema';
import { anonymousScope } from '../src/modules/catalog';
import { withdrawItem } from '../src/modules/documents';
import {
  createSearchProvider,
  type SearchDocument,
  type SearchProvider,
  type SearchQuery,
} from '../src/search';
import { LOG_GENERATIONS } from '../src/search/index-generation';
import { searchWithCache } from '../src/search/result-cache';
import { makeAgency, makeColumn } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { actorOf, draftAs, makeStaff, type Staff, signOff } from './helpers/review-flow';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

// Anonymous search results are reused while no index write could change them (src/search/result-cache.ts).
// This proves the reuse happens, survives writes the query cannot see, and never hides a change: an
// item published, edited or withdrawn — here, or by another process on the same database — shows in
// or leaves search on the very next request.

const repoRoot = path.resolve(import.meta.dirname, '..');

/** The real provider, counting how often it is really asked. */
function counting(provider: SearchProvider) {
  const counted = { ...provider, asked: 0 };
  counted.search = (q) => {
    counted.asked++;
    return provider.search(q);
  };
  return counted;
}

/** Runs `call` on the search provider from another process: another instance, with its own memory. */
function indexFromAnotherProcess(ctx: TestContext, call: string): void {
  const script = path.join(ctx.dataDir, 'index-elsewhere.mts');
  writeFileSync(
    script,
    `import { openDatabase, sqlitePathIn } from ${JSON.stringify(path.join(repoRoot, 'src/db/client.ts'))};
import { createSearchProvider } from ${JSON.stringify(path.join(repoRoot, 'src/search/index.ts'))};
const db = openDatabase({ url: ${JSON.stringify(ctx.config.databaseUrl)}, sqlitePath: sqlitePathIn(${JSON.stringify(ctx.dataDir)}) });
await createSearchProvider(db).${call};
await db.destroy();
`,
  );
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
}

/** Counts a view of every item from another process: a commit outside the index. */
function commitElsewhere(ctx: TestContext): void {
  const script = path.join(ctx.dataDir, 'commit-elsewhere.mts');
  writeFileSync(
    script,
    `import { openDatabase, sqlitePathIn } from ${JSON.stringify(path.join(repoRoot, 'src/db/client.ts'))};
const db = openDatabase({ url: ${JSON.stringify(ctx.config.databaseUrl)}, sqlitePath: sqlitePathIn(${JSON.stringify(ctx.dataDir)}) });
await db.updateTable('items').set((eb) => ({ view_count: eb('view_count', '+', 1) })).execute();
await db.destroy();
`,
  );
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
}

describe.each(testDatabases())('cached search results stay true to the index, on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let staff: Staff;
  let columnId: string;
  let first: Item;

  const publish = async (title: string, body = `${title}，特此公告。`) =>
    signOff(ctx, staff, await draftAs(ctx, staff, { columnId, title, bodyHtml: `<p>${body}</p>` }));
  /** A document straight into the index (the provider's own write path), public unless said. */
  const indexed = (id: string, title: string, text: string, more: Partial<SearchDocument> = {}) => ({
    id,
    agencyId: 'cache-agency',
    columnId,
    title,
    text,
    publishedAt: '2026-05-01T00:00:00.000Z',
    genre: null,
    subject: null,
    validity: null,
    visibility: 'public' as const,
    ...more,
  });
  const idsFound = async (q: string) => {
    const page = await new HttpClient(app).get(`/search?q=${encodeURIComponent(q)}`);
    const api = await new HttpClient(app).get(`/api/v1/search?q=${encodeURIComponent(q)}`);
    const fromApi = (api.json() as { hits: { id: string }[] }).hits.map((h) => h.id);
    const fromPage = [...page.body.matchAll(/href="\/items\/([\w-]+)"/g)].map((m) => m[1]);
    expect(new Set(fromPage)).toEqual(new Set(fromApi)); // the page and the API agree
    return fromApi;
  };

  /** 河道清淤 asked once through a counting provider; `again` asks anew, `askedSince` counts the index's answers. */
  const dredgingCached = async () => {
    const provider = counting(createSearchProvider(ctx.db));
    const q: SearchQuery = { q: '河道清淤', scope: anonymousScope, page: 1, pageSize: 10 };
    const first = await searchWithCache(ctx.db, provider, q);
    const asked = provider.asked;
    return {
      provider,
      first,
      again: () => searchWithCache(ctx.db, provider, q),
      askedSince: () => provider.asked - asked,
    };
  };

  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
    const agency = await makeAgency(ctx);
    staff = await makeStaff(ctx, agency.id);
    columnId = await makeColumn(ctx, agency.id, 'notice', '通知公告', 14);
    first = await publish('关于河道清淤工程招标的公告');
  });
  afterAll(() => close());

  it('asks the index once for a repeated anonymous search, and again after a write it can see', async () => {
    const provider = counting(createSearchProvider(ctx.db));
    const q: SearchQuery = { q: '河道清淤', scope: anonymousScope, page: 1, pageSize: 10 };
    const asked0 = provider.asked;
    const once = await searchWithCache(ctx.db, provider, q);
    const twice = await searchWithCache(ctx.db, provider, q);
    expect(twice).toEqual(once);
    expect(provider.asked - asked0).toBe(1);
    const asked = provider.asked;
    await searchWithCache(ctx.db, provider, { ...q, page: 2 }); // another page is another question
    expect(provider.asked - asked).toBe(1);
    const staffScope = { internal: true, agencyIds: 'all' as const };
    await searchWithCache(ctx.db, provider, { ...q, scope: staffScope });
    await searchWithCache(ctx.db, provider, { ...q, scope: staffScope });
    expect(provider.asked - asked).toBe(3); // signed-in scopes are never cached
    const second = await publish('河道清淤工程第二标段中标结果公示');
    const after = await searchWithCache(ctx.db, provider, q);
    expect(provider.asked - asked).toBe(4);
    expect(after.hits.map((h) => h.id)).toEqual(expect.arrayContaining([first.id, second.id]));
  });

  it('shows a newly published item, and drops a withdrawn one, on the next request', async () => {
    expect(await idsFound('防汛')).toEqual([]);
    expect(await idsFound('防汛')).toEqual([]); // now answered from the cache
    const flood = await publish('关于做好防汛物资储备工作的通知');
    expect(await idsFound('防汛')).toEqual([flood.id]);
    expect(await idsFound('防汛')).toEqual([flood.id]);
    await withdrawItem(ctx, staff.reviewer2, actorOf(staff.reviewer2), flood, '信息已过期失效');
    expect(await idsFound('防汛')).toEqual([]);
  });

  it('keeps cached results through commits that leave the index alone, from any process', async () => {
    const { again, askedSince } = await dredgingCached();
    commitElsewhere(ctx); // another process counts views: a commit that is not an index write
    await ctx.db
      .insertInto('login_failures')
      .values({ id: 'cache-probe', ip: '192.0.2.1', at: new Date().toISOString() })
      .execute();
    await again();
    expect(askedSince()).toBe(0);
  });

  it('drops an item another process removed from the index, on the next request', async () => {
    const drought = await publish('抗旱应急预案启动的通知');
    expect(await idsFound('抗旱')).toEqual([drought.id]);
    expect(await idsFound('抗旱')).toEqual([drought.id]); // cached
    indexFromAnotherProcess(ctx, `remove([${JSON.stringify(drought.id)}])`);
    expect(await idsFound('抗旱')).toEqual([]);
  });
  it('keeps a cached result through a publication its query cannot find, and refetches when it can', async () => {
    const { first: before, again, askedSince } = await dredgingCached();
    await publish('关于做好森林防火工作的通知'); // does not contain 河道清淤
    expect(await again()).toEqual(before);
    expect(askedSince()).toBe(0);
    const dredging = await publish('关于汛期前水利设施检查的通知', '检查内容包括河道清淤进度。'); // in the text only
    const after = await again();
    expect(askedSince()).toBe(1);
    expect(after.total).toBe(before.total + 1);
    expect(after.hits.map((h) => h.id)).toContain(dredging.id);
  });

  it('drops a cached result when an edit takes a document out of it or into it, here or elsewhere', async () => {
    const provider = counting(createSearchProvider(ctx.db));
    const bridge: SearchQuery = { q: '桥梁维修', scope: anonymousScope, page: 1, pageSize: 10 };
    const tunnel: SearchQuery = { ...bridge, q: '隧道养护' };
    await provider.upsert([indexed('cache-edit', '桥梁维修计划', '本年度桥梁维修安排如下。')]);
    expect((await searchWithCache(ctx.db, provider, bridge)).hits.map((h) => h.id)).toEqual(['cache-edit']);
    expect((await searchWithCache(ctx.db, provider, tunnel)).total).toBe(0);
    await provider.upsert([indexed('cache-edit', '隧道养护计划', '本年度隧道养护安排如下。')]);
    expect((await searchWithCache(ctx.db, provider, bridge)).total).toBe(0); // the old version matched
    const log = await sql<{ docs: string }>`SELECT docs FROM search_change_log`.execute(ctx.db);
    expect(log.rows.length).toBeGreaterThan(0);
    for (const { docs } of log.rows) expect(docs).not.toMatch(/桥梁|维修|隧道/); // grams filtered, no text
    expect((await searchWithCache(ctx.db, provider, tunnel)).hits.map((h) => h.id)).toEqual(['cache-edit']);
    // Made visible to staff only, from another process: the anonymous result loses it.
    const internal = indexed('cache-edit', '隧道养护计划', '本年度隧道养护安排如下。', {
      visibility: 'internal',
    });
    indexFromAnotherProcess(ctx, `upsert([${JSON.stringify(internal)}])`);
    expect((await searchWithCache(ctx.db, provider, tunnel)).total).toBe(0);
    const last = await sql<{ docs: string }>`SELECT docs FROM search_change_log
      ORDER BY generation DESC LIMIT 1`.execute(ctx.db);
    const logged = JSON.parse(last.rows[0]?.docs ?? 'null') as Array<{ visibility: string }>;
    expect(logged.map((v) => v.visibility)).toEqual(['public']); // the replaced version; never an internal one
  });

  it('keeps results another process cannot have changed, and refetches what a filter lets through', async () => {
    const provider = counting(createSearchProvider(ctx.db));
    const q: SearchQuery = { q: '道路', scope: anonymousScope, page: 1, pageSize: 10 };
    const in2025: SearchQuery = { ...q, year: 2025 };
    await provider.upsert([
      indexed('cache-road', '道路改造公告', '道路改造。', { publishedAt: '2025-03-01T00:00:00.000Z' }),
    ]);
    await searchWithCache(ctx.db, provider, q);
    await searchWithCache(ctx.db, provider, in2025);
    const asked = provider.asked;
    const unrelated = indexed('cache-park', '公园开放时间调整', '公园开放时间调整。');
    indexFromAnotherProcess(ctx, `upsert([${JSON.stringify(unrelated)}])`);
    await searchWithCache(ctx.db, provider, q);
    await searchWithCache(ctx.db, provider, in2025);
    expect(provider.asked - asked).toBe(0);
    const road2026 = indexed('cache-road-2026', '道路养护公告', '道路养护。'); // published in 2026
    indexFromAnotherProcess(ctx, `upsert([${JSON.stringify(road2026)}])`);
    expect((await searchWithCache(ctx.db, provider, q)).total).toBe(2);
    expect(provider.asked - asked).toBe(1);
    expect((await searchWithCache(ctx.db, provider, in2025)).total).toBe(1); // the 2025 filter kept it out
    expect(provider.asked - asked).toBe(1);
  });

  it('keeps the change log bounded, and a process further behind than it empties its cache', async () => {
    const { provider, again, askedSince } = await dredgingCached();
    for (let n = 0; n <= LOG_GENERATIONS; n++) {
      await provider.upsert([indexed('cache-churn', `公园开放时间调整第${n}次`, '公园开放时间调整。')]);
    }
    const log = await sql<{ n: number | string }>`SELECT count(*) AS n FROM search_change_log`.execute(
      ctx.db,
    );
    expect(Number(log.rows[0]?.n)).toBe(LOG_GENERATIONS);
    await again(); // 501 generations behind, more than the log keeps: asked again
    expect(askedSince()).toBe(1);
  });

  it('empties the cache when the change log cannot say what changed', async () => {
    const { again, askedSince } = await dredgingCached();
    await sql`UPDATE search_generation SET generation = generation + 1 WHERE id = 1`.execute(ctx.db);
    await again();
    expect(askedSince()).toBe(1);
  });
});

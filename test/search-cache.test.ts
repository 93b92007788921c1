import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item } from '../src/db/schema';
import { anonymousScope } from '../src/modules/catalog';
import { withdrawItem } from '../src/modules/documents';
import { createSearchProvider, type SearchProvider, type SearchQuery } from '../src/search';
import { searchWithCache } from '../src/search/result-cache';
import { makeAgency, makeColumn } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { actorOf, draftAs, makeStaff, type Staff, signOff } from './helpers/review-flow';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

// Anonymous search results are reused while the index is unchanged (src/search/result-cache.ts). This
// proves the reuse happens and that it never hides a change: an item published or withdrawn — here,
// or by another process on the same database — shows in or leaves search on the very next request.

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

/** Removes an item from the index from another process: another instance, with its own memory. */
function removeFromAnotherProcess(ctx: TestContext, itemId: string): void {
  const script = path.join(ctx.dataDir, 'remove-elsewhere.mts');
  writeFileSync(
    script,
    `import { openDatabase, sqlitePathIn } from ${JSON.stringify(path.join(repoRoot, 'src/db/client.ts'))};
import { createSearchProvider } from ${JSON.stringify(path.join(repoRoot, 'src/search/index.ts'))};
const db = openDatabase({ url: ${JSON.stringify(ctx.config.databaseUrl)}, sqlitePath: sqlitePathIn(${JSON.stringify(ctx.dataDir)}) });
await createSearchProvider(db).remove([${JSON.stringify(itemId)}]);
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

  const publish = async (title: string) =>
    signOff(
      ctx,
      staff,
      await draftAs(ctx, staff, { columnId, title, bodyHtml: `<p>${title}，特此公告。</p>` }),
    );
  const idsFound = async (q: string) => {
    const page = await new HttpClient(app).get(`/search?q=${encodeURIComponent(q)}`);
    const api = await new HttpClient(app).get(`/api/v1/search?q=${encodeURIComponent(q)}`);
    const fromApi = (api.json() as { hits: { id: string }[] }).hits.map((h) => h.id);
    const fromPage = [...page.body.matchAll(/href="\/items\/([\w-]+)"/g)].map((m) => m[1]);
    expect(new Set(fromPage)).toEqual(new Set(fromApi)); // the page and the API agree
    return fromApi;
  };

  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
    const agency = await makeAgency(ctx);
    staff = await makeStaff(ctx, agency.id);
    columnId = await makeColumn(ctx, agency.id, 'notice', '通知公告', 14);
    first = await publish('关于河道清淤工程招标的公告');
  });
  afterAll(() => close());

  it('asks the index once for a repeated anonymous search, and again after any index write', async () => {
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
    const provider = counting(createSearchProvider(ctx.db));
    const q: SearchQuery = { q: '河道清淤', scope: anonymousScope, page: 1, pageSize: 10 };
    await searchWithCache(ctx.db, provider, q);
    const asked = provider.asked;
    commitElsewhere(ctx); // another process counts views: a commit that is not an index write
    await ctx.db
      .insertInto('login_failures')
      .values({ id: 'cache-probe', ip: '192.0.2.1', at: new Date().toISOString() })
      .execute();
    await searchWithCache(ctx.db, provider, q);
    expect(provider.asked - asked).toBe(0);
  });

  it('drops an item another process removed from the index, on the next request', async () => {
    const drought = await publish('抗旱应急预案启动的通知');
    expect(await idsFound('抗旱')).toEqual([drought.id]);
    expect(await idsFound('抗旱')).toEqual([drought.id]); // cached
    removeFromAnotherProcess(ctx, drought.id);
    expect(await idsFound('抗旱')).toEqual([]);
  });
});

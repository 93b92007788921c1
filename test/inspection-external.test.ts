import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInspection } from '../src/modules/inspections';
import { makeAgency, makeColumn } from './helpers/factories';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';
import { publishItem } from './inspection-site';

// External links are checked only when configured (GONGKAI_INSPECT_EXTERNAL_LINKS): a real HTTP server
// on loopback answers 200 for one page and 404 for another; only the dead one becomes a finding.

describe.each(testDatabases())('external links in the inspection on %s', (kind) => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.statusCode = req.url === '/ok' ? 200 : 404;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function siteWithLinks(env: Record<string, string>): Promise<{ ctx: TestContext; itemId: string }> {
    const ctx = await createTestContext(kind, env);
    ctx.clock.set('2026-03-02T02:00:00Z');
    const agency = await makeAgency(ctx);
    const columnId = await makeColumn(ctx, agency.id, 'notices', '通知公告');
    const itemId = await publishItem(ctx, agency.id, columnId, {
      title: '关于转发上级通知的通知',
      body: `<p><a href="${base}/ok">上级通知</a>，<a href="${base}/gone">原文</a></p>`,
    });
    return { ctx, itemId };
  }

  const brokenLinks = (ctx: TestContext, itemId: string) =>
    ctx.db
      .selectFrom('inspection_findings')
      .select(['message', 'fingerprint'])
      .where('object_id', '=', itemId)
      .where('kind', '=', 'broken_link')
      .execute();

  it('reports the dead external link when configured, and none when not', async () => {
    const on = await siteWithLinks({ GONGKAI_INSPECT_EXTERNAL_LINKS: '1' });
    await runInspection(on.ctx, 'manual');
    const found = await brokenLinks(on.ctx, on.itemId);
    expect(found).toHaveLength(1);
    expect(found[0]?.fingerprint).toContain('/gone');
    expect(found[0]?.message).toContain('HTTP 404');
    await on.ctx.close();

    const off = await siteWithLinks({});
    await runInspection(off.ctx, 'manual');
    expect(await brokenLinks(off.ctx, off.itemId)).toHaveLength(0);
    await off.ctx.close();
  });
});

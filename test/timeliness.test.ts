import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latePublications } from '../src/modules/documents';
import { makeAgency, makeColumn, makeUser } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { draftAs, makeStaff, signOff } from './helpers/review-flow';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

describe.each(testDatabases())(
  '条例 Art. 26: published within 20 working days of formation, on %s',
  (kind) => {
    let ctx: TestContext;
    let app: FastifyInstance;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ ctx, app, close } = await openTestApp(kind));
    });
    afterAll(() => close());

    it('flags an item formed six weeks before it was published, and not a fresh one', async () => {
      const agency = await makeAgency(ctx);
      const staff = await makeStaff(ctx, agency.id);
      const columnId = await makeColumn(ctx, agency.id, 'notices', '通知公告', 30);
      // The test clock stands at 2026-03-02 (a Monday).
      const late = await signOff(
        ctx,
        staff,
        await draftAs(ctx, staff, { columnId, title: '迟发的通知', writtenOn: '2026-01-19' }),
      );
      const fresh = await signOff(
        ctx,
        staff,
        await draftAs(ctx, staff, { columnId, title: '及时的通知', writtenOn: '2026-02-27' }),
      );
      const flagged = await latePublications(ctx, [agency.id]);
      expect(flagged.map((f) => f.id)).toEqual([late.id]);
      expect(flagged[0]?.timeliness?.workingDays).toBeGreaterThan(20);
      expect((flagged[0]?.timeliness?.deadline ?? '') < '2026-03-02').toBe(true);

      const viewer = await makeUser(ctx, { grants: [{ agencyId: agency.id, role: 'editor' }] });
      const client = new HttpClient(app);
      await client.login(ctx, viewer.username);
      expect((await client.get(`/admin/items/${late.id}`)).body).toContain('超过条例第二十六条时限');
      expect((await client.get(`/admin/items/${fresh.id}`)).body).not.toContain('超过条例第二十六条时限');
      expect((await client.get('/admin/items')).body).toContain(
        '超过 20 个工作日才发布的信息（条例第二十六条）（1）',
      );
    });

    it('draws the line at the 20th working day, also where the quick calendar-day test lets an item pass', async () => {
      const agency = await makeAgency(ctx);
      const staff = await makeStaff(ctx, agency.id);
      const columnId = await makeColumn(ctx, agency.id, 'notices', '通知公告', 30);
      const publishedAt = async (title: string, writtenOn: string, at: string) => {
        const item = await signOff(ctx, staff, await draftAs(ctx, staff, { columnId, title, writtenOn }));
        await ctx.db.updateTable('items').set({ published_at: at }).where('id', '=', item.id).execute();
        return item.id;
      };
      // Formed 2024-09-27: the 20th working day is 2024-10-30 (国庆 does not count, 调休 29 Sep does),
      // 33 calendar days on; the 21st is the next day.
      await publishedAt('第二十个工作日发布', '2024-09-27', '2024-10-30T02:00:00Z');
      const late = await publishedAt('第二十一个工作日发布', '2024-09-27', '2024-10-31T02:00:00Z');
      // Twenty calendar days, the Spring Festival inside them: on time without walking the calendar.
      await publishedAt('二十个自然日内发布', '2026-02-10', '2026-03-02T02:00:00Z');
      const flagged = await latePublications(ctx, [agency.id]);
      expect(flagged.map((f) => [f.id, f.timeliness?.workingDays])).toEqual([[late, 21]]);
    });
  },
);

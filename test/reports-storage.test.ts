import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/core/ids';
import type { Agency } from '../src/db/schema';
import { makeAgency } from './helpers/factories';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// Migration 0013 on both databases: one stored report per agency and year (the JSON as text, the item
// it is published as), one entered figure per agency, year and key.

describe.each(testDatabases())('annual-report tables on %s', (kind) => {
  let ctx: TestContext;
  let agency: Agency;
  const row = (agencyId: string, year: number) => ({
    id: newId(),
    agency_id: agencyId,
    year,
    status: 'draft' as const,
    data: JSON.stringify({ agency: 'x', year }),
    item_id: null,
    created_by: '测试',
    created_at: '2024-01-05T02:00:00.000Z',
    updated_by: '测试',
    updated_at: '2024-01-05T02:00:00.000Z',
  });

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    agency = await makeAgency(ctx);
  });
  afterAll(() => ctx.close());

  it('stores a report per agency and year, and refuses a second for the same year', async () => {
    await ctx.db.insertInto('annual_reports').values(row(agency.id, 2023)).execute();
    await ctx.db.insertInto('annual_reports').values(row(agency.id, 2022)).execute();
    await expect(
      ctx.db.insertInto('annual_reports').values(row(agency.id, 2023)).execute(),
    ).rejects.toThrow();
    const stored = await ctx.db
      .selectFrom('annual_reports')
      .selectAll()
      .where('year', '=', 2023)
      .executeTakeFirstOrThrow();
    expect([stored.status, stored.item_id, Number(stored.year)]).toEqual(['draft', null, 2023]);
  });

  it('refuses a report of an agency that does not exist, or an item that does not', async () => {
    await expect(
      ctx.db.insertInto('annual_reports').values(row('no-such-agency', 2023)).execute(),
    ).rejects.toThrow();
    await expect(
      ctx.db
        .insertInto('annual_reports')
        .values({ ...row(agency.id, 2021), item_id: 'no-such-item' })
        .execute(),
    ).rejects.toThrow();
  });

  it('keeps one figure per agency, year and key, the value as exact decimal text', async () => {
    const figure = {
      agency_id: agency.id,
      year: 2023,
      key: 'feesTenThousandYuan' as const,
      value: '12.3456',
      source: '财政系统',
      entered_by: '测试',
      entered_at: '2024-01-05T02:00:00.000Z',
    };
    await ctx.db.insertInto('report_figures').values(figure).execute();
    await expect(ctx.db.insertInto('report_figures').values(figure).execute()).rejects.toThrow();
    const stored = await ctx.db.selectFrom('report_figures').select('value').executeTakeFirstOrThrow();
    expect(stored.value).toBe('12.3456');
  });
});

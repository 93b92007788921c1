import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/core/ids';
import { oversightReport, periodOf } from '../src/modules/oversight';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';
import { seedOversight, TODAY } from './oversight-seed';

// The metrics of the supervisor's view as module calls: what "as of today" means when the clock moves,
// which inspection column freshness is read from, and that a department filter narrows every metric.

describe.each(testDatabases())('oversight metrics on %s', (kind) => {
  let ctx: TestContext;
  let site: Awaited<ReturnType<typeof seedOversight>>;
  const year = periodOf({ kind: 'year', year: 2026 });
  const rowOf = <T extends { id: string }>(rows: T[], id: string) => rows.find((r) => r.id === id);

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    site = await seedOversight(ctx);
  });
  afterAll(() => ctx.close());

  it('narrows every metric to the chosen department', async () => {
    const r = await oversightReport(ctx, { agencyIds: [site.a.id], period: year });
    expect(r.agencies.map((a) => a.id)).toEqual([site.a.id]);
    for (const rows of [
      r.disclosure,
      r.interpretations,
      r.applications,
      r.rectification,
      r.freshness.rows,
      r.letters.rows,
      r.keyTasks.rows,
    ])
      expect(rows.map((x) => x.id)).toEqual([site.a.id]);
    expect(r.publications.total).toBe(6); // A: 工作动态 3, 政策文件 2, 政策解读 1
    expect(r.keyTasks).toMatchObject({ year: 2026, total: { total: 3, done: 1, late: 1 } });
  });

  it('counts open cases, letters and tasks as overdue once their due day has passed', async () => {
    const before = await oversightReport(ctx, { agencyIds: 'all', period: year });
    expect(rowOf(before.applications, site.b.id)).toMatchObject({ openNow: 1, overdueNow: 0 });
    expect(rowOf(before.letters.rows, site.b.id)).toMatchObject({ overdueOpen: 0 });
    ctx.clock.set('2026-07-01T02:00:00.000Z');
    try {
      const after = await oversightReport(ctx, { agencyIds: 'all', period: year });
      expect(rowOf(after.applications, site.b.id)).toMatchObject({ openNow: 1, overdueNow: 1 });
      expect(rowOf(after.letters.rows, site.b.id)).toMatchObject({ overdueOpen: 1 });
      expect(after.letters.total).toMatchObject({ overdueOpen: 2 });
    } finally {
      ctx.clock.set(TODAY);
    }
  });

  it('reads column freshness from the latest inspection finished by the end of the period', async () => {
    const id = newId();
    await ctx.db
      .insertInto('inspections')
      .values({
        id,
        started_at: '2026-06-10T02:00:00.000Z',
        finished_at: '2026-06-10T03:00:00.000Z',
        trigger: 'scheduled',
        scope: 'site',
        started_by: null,
        score: 100,
        summary: '{}',
      })
      .execute();
    const clean = await oversightReport(ctx, { agencyIds: [site.a.id], period: year });
    expect(clean.freshness.inspectedAt).toBe('2026-06-10T03:00:00.000Z');
    expect(clean.freshness.rows[0]).toMatchObject({ columns: 3, stale: 0, warned: 0, rate: 100 });
    const may = periodOf({ kind: 'month', year: 2026, month: 5 });
    const earlier = await oversightReport(ctx, { agencyIds: [site.a.id], period: may });
    expect(earlier.freshness.inspectedAt).toBe('2026-05-01T03:00:00.000Z');
    expect(earlier.freshness.rows[0]).toMatchObject({ columns: 3, stale: 1, warned: 1, rate: 66.7 });
    await ctx.db.deleteFrom('inspections').where('id', '=', id).execute();
  });

  it('shows little for a quiet year: only what fell on its side of the China-time year end', async () => {
    const r = await oversightReport(ctx, {
      agencyIds: 'all',
      period: periodOf({ kind: 'year', year: 2025 }),
    });
    expect(r.publications.rows).toEqual([
      { column: '工作动态', counts: [...Array(11).fill(0), 1], total: 1 },
    ]);
    expect(r.disclosure.reduce((n, d) => n + d.documents, 0)).toBe(1); // 示教发〔2025〕9号
    expect(r.applications.every((a) => a.received === 0 && a.answered === 0)).toBe(true);
    expect(r.freshness).toEqual({ inspectedAt: null, rows: [] });
    expect(r.keyTasks.total).toMatchObject({ total: 0, rate: null });
  });
});

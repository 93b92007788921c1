import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Duty, runScheduledDuty } from '../src/app/duties';
import { withClusterLease } from '../src/jobs/cluster-lease';
import { slotOf } from '../src/jobs/duty-runs';
import { createTestContext, type TestContext, testDatabases } from './helpers/test-context';

// Scheduled duties run exactly once per slot however many instances schedule them (issue 8: the
// nightly inspection, reminders and lapses on several instances sharing one database).

const HOUR = 3_600_000;

describe('duty slots', () => {
  it.each([
    ['2026-03-01T15:59:59.000Z', 24 * HOUR, '2026-02-28T16:00:00.000Z'], // 23:59:59 in Beijing
    ['2026-03-01T16:00:00.000Z', 24 * HOUR, '2026-03-01T16:00:00.000Z'], // 00:00 in Beijing
    ['2026-03-01T10:42:10.000Z', HOUR, '2026-03-01T10:00:00.000Z'],
    ['2026-03-01T10:42:10.000Z', 30_000, '2026-03-01T10:42:00.000Z'],
  ])('%s with a %i ms interval is in the slot starting %s', (now, every, slot) => {
    expect(slotOf(new Date(now), every)).toBe(slot);
  });
});

describe.each(testDatabases())('exactly-once duties on %s', (kind) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(kind);
    ctx.clock.set('2026-03-02T02:10:00.000Z');
  });
  afterAll(() => ctx.close());

  const countingDuty = (counter: { runs: number }): Duty => ({
    name: 'test-count',
    everyMs: HOUR,
    description: 'counts its runs',
    run: async () => {
      counter.runs += 1;
      await new Promise((r) => setTimeout(r, 20));
      return `第 ${counter.runs} 次`;
    },
  });

  it('runs once per slot when several instances tick at the same moment', async () => {
    const counter = { runs: 0 };
    const duty = countingDuty(counter);
    const ticks = ['a', 'b', 'c', 'd', 'e', 'f'].map((instance) => runScheduledDuty(ctx, duty, instance));
    const outcomes = await Promise.all(ticks);
    expect(counter.runs).toBe(1);
    expect(outcomes.filter((o) => o !== null)).toEqual(['第 1 次']);
    expect(await runScheduledDuty(ctx, duty, 'a')).toBeNull(); // same slot, later tick
    ctx.clock.set('2026-03-02T03:00:00.000Z'); // the next hour's slot
    expect(await Promise.all([runScheduledDuty(ctx, duty, 'b'), runScheduledDuty(ctx, duty, 'c')])).toContain(
      '第 2 次',
    );
    expect(counter.runs).toBe(2);
    const rows = await ctx.db.selectFrom('duty_runs').selectAll().where('name', '=', 'test-count').execute();
    expect(rows.map((r) => [r.slot, r.outcome])).toEqual([
      ['2026-03-02T02:00:00.000Z', 'ok'],
      ['2026-03-02T03:00:00.000Z', 'ok'],
    ]);
  });

  it('records a failed run and does not retry it in the same slot', async () => {
    const failing: Duty = {
      name: 'test-fail',
      everyMs: HOUR,
      description: 'always fails',
      run: async () => {
        throw new Error('SMTP 不可达');
      },
    };
    await expect(runScheduledDuty(ctx, failing, 'a')).rejects.toThrow('SMTP 不可达');
    expect(await runScheduledDuty(ctx, failing, 'b')).toBeNull();
    const row = await ctx.db
      .selectFrom('duty_runs')
      .selectAll()
      .where('name', '=', 'test-fail')
      .executeTakeFirst();
    expect([row?.instance, row?.outcome, row?.message]).toEqual(['a', 'failed', 'Error: SMTP 不可达']);
  });

  it('lets one holder at a time run under a cluster lease, and frees a lease its holder stopped renewing', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = withClusterLease(ctx.db, 'test-lease', async () => {
      await held;
      return 'first';
    });
    await new Promise((r) => setTimeout(r, 50)); // the first has taken the lease
    expect(await withClusterLease(ctx.db, 'test-lease', async () => 'second')).toEqual({ ran: false });
    release();
    expect(await first).toEqual({ ran: true, value: 'first' });
    expect(await withClusterLease(ctx.db, 'test-lease', async () => 'third')).toEqual({
      ran: true,
      value: 'third',
    });
    // A process that died holding the lease: its row was last renewed two minutes ago.
    const twoMinutesAgo = new Date(Date.now() - 120_000).toISOString();
    await ctx.db
      .insertInto('cluster_leases')
      .values({ name: 'test-lease', instance: 'dead:1:x', renewed_at: twoMinutesAgo })
      .execute();
    expect(await withClusterLease(ctx.db, 'test-lease', async () => 'after a crash')).toEqual({
      ran: true,
      value: 'after a crash',
    });
    const fresh = new Date().toISOString();
    await ctx.db
      .insertInto('cluster_leases')
      .values({ name: 'test-lease', instance: 'alive:2:y', renewed_at: fresh })
      .execute();
    expect(await withClusterLease(ctx.db, 'test-lease', async () => 'while alive')).toEqual({ ran: false });
  });

  it('keeps a lease its holder renews, however long the work takes', async () => {
    const quick = { heartbeatMs: 50, staleMs: 300 };
    const long = withClusterLease(
      ctx.db,
      'test-renewed',
      () => new Promise((r) => setTimeout(() => r('long'), 1_200)),
      quick,
    );
    await new Promise((r) => setTimeout(r, 800)); // well past staleMs since the lease was taken
    expect(await withClusterLease(ctx.db, 'test-renewed', async () => 'taken over', quick)).toEqual({
      ran: false,
    });
    expect(await long).toEqual({ ran: true, value: 'long' });
  });
});

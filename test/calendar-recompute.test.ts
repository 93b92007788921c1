import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseView } from '../src/modules/applications';
import { applyOnline } from './helpers/application-fixtures';
import { makeAgency, makeUser } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { makeStaff } from './helpers/review-flow';
import { openTestApp, type TestContext, testDatabases } from './helpers/test-context';

// Issue 4: "when the calendar changes, every open case's due dates are recomputed and the change is
// visible in the case history" — through the administrator's calendar page, in one transaction.

describe.each(testDatabases())('a calendar change and the open cases on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
    ctx.clock.set('2026-03-02T02:00:00Z'); // Monday 2026-03-02
  });
  afterAll(() => close());

  it('moves the due date of an open case, not of a closed one, and says so in its history', async () => {
    const agency = await makeAgency(ctx);
    const staff = await makeStaff(ctx, agency.id);
    const { row } = await applyOnline(ctx, agency.id);
    // 20 working days after 03-02 with no holiday in March 2026: 03-30.
    expect(row.due_on).toBe('2026-03-30');
    const sysadmin = await makeUser(ctx, { adminRole: 'system' });
    const admin = new HttpClient(app);
    await admin.login(ctx, sysadmin.username);
    const res = await admin.postForm(
      '/admin/calendar/day',
      { day: '2026-03-10', workday: '0', note: '地方节日', source: '区政府通知〔2026〕3号' },
      '/admin/calendar',
    );
    expect(res.statusCode).toBe(303);
    const moved = await ctx.db
      .selectFrom('applications')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(moved.due_on).toBe('2026-03-31'); // one working day fewer in the period
    const view = await caseView(ctx, staff.editor, row.id);
    const note = view.events.find((e) => e.kind === 'calendar_changed')?.note ?? '';
    expect(note).toContain('2026-03-30');
    expect(note).toContain('2026-03-31');
    expect(view.due.steps.join('；')).toContain('地方节日');
  });
});

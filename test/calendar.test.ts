import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../src/core/errors';
import { systemActor } from '../src/modules/audit';
import {
  addWorkingDays,
  calendarYearMissing,
  changeCalendarDays,
  currentCalendarVersion,
  listCalendarVersions,
  loadCalendar,
} from '../src/modules/calendar';
import { makeUser } from './helpers/factories';
import { HttpClient } from './helpers/http-client';
import { createTestContext, openTestApp, type TestContext, testDatabases } from './helpers/test-context';

const actor = systemActor('test-admin');
const regionalHoliday = {
  days: [{ day: '2024-10-08', isWorkday: false, note: '地方节假日' }],
  source: '区政府办公室通知〔2024〕1号',
  summary: '2024-10-08 设为休息日',
};

describe.each(testDatabases())('the working-day calendar override table, on %s', (kind) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(kind);
  });
  afterAll(() => ctx.close());

  it('starts at version 0 with chinese-days alone, and caches the calendar per version', async () => {
    expect(await currentCalendarVersion(ctx.db)).toBe(0);
    const calendar = await loadCalendar(ctx.db);
    expect(addWorkingDays('2024-09-27', 20, calendar.isWorkday)).toBe('2024-10-30');
    expect(await loadCalendar(ctx.db)).toBe(calendar);
  });

  it('an override changes working-day arithmetic, bumps the version and is audited', async () => {
    const before = await loadCalendar(ctx.db);
    const { version } = await changeCalendarDays(ctx, actor, regionalHoliday);
    expect(version).toBe(1);
    const after = await loadCalendar(ctx.db);
    expect(after).not.toBe(before);
    expect(after.version).toBe(1);
    expect(addWorkingDays('2024-09-27', 20, after.isWorkday)).toBe('2024-10-31');
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'object_id', 'details'])
      .where('action', '=', 'calendar.changed')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.object_id).toBe('1');
    expect(JSON.parse(audit[0]?.details ?? '{}').days).toEqual(['2024-10-08 休 地方节假日']);
  });

  it('a second change to the same day is a new version that remembers the old value', async () => {
    const { version } = await changeCalendarDays(ctx, actor, {
      days: [{ day: '2024-10-08', isWorkday: true, note: '' }],
      source: '区政府办公室通知〔2024〕2号',
      summary: '撤销地方节假日',
    });
    expect(version).toBe(2);
    expect(addWorkingDays('2024-09-27', 20, (await loadCalendar(ctx.db)).isWorkday)).toBe('2024-10-30');
    const [latest] = await listCalendarVersions(ctx.db);
    expect(latest?.changes).toEqual([
      { day: '2024-10-08', isWorkday: true, note: '', before: { isWorkday: false, note: '地方节假日' } },
    ]);
    expect(latest?.changedBy).toBe('test-admin');
  });

  it('runs afterChange inside the same transaction, with the new version and calendar', async () => {
    let seen: { version: number; row: unknown; isWorkday: boolean } | undefined;
    const { version } = await changeCalendarDays(ctx, actor, regionalHoliday, async (trx, v, calendar) => {
      const row = await trx
        .selectFrom('calendar_days')
        .select('note')
        .where('day', '=', '2024-10-08')
        .executeTakeFirst();
      seen = { version: v, row, isWorkday: calendar.isWorkday('2024-10-08') };
    });
    expect(seen).toEqual({ version, row: { note: '地方节假日' }, isWorkday: false });
  });

  it('rolls the whole change back when afterChange throws', async () => {
    const versionBefore = await currentCalendarVersion(ctx.db);
    const auditBefore = await ctx.db.selectFrom('audit_log').select('seq').execute();
    await expect(
      changeCalendarDays(
        ctx,
        actor,
        { days: [{ day: '2024-11-01', isWorkday: false, note: '测试' }], source: 'x', summary: 'y' },
        async () => {
          throw new Error('recomputation failed');
        },
      ),
    ).rejects.toThrow('recomputation failed');
    expect(await currentCalendarVersion(ctx.db)).toBe(versionBefore);
    expect(
      await ctx.db
        .selectFrom('calendar_days')
        .select('day')
        .where('day', '=', '2024-11-01')
        .executeTakeFirst(),
    ).toBeUndefined();
    expect((await loadCalendar(ctx.db)).isWorkday('2024-11-01')).toBe(true);
    expect(await ctx.db.selectFrom('audit_log').select('seq').execute()).toHaveLength(auditBefore.length);
  });

  it('rejects bad input with Chinese messages naming the field', async () => {
    const error = await changeCalendarDays(ctx, actor, {
      days: [{ day: '2024-02-30', isWorkday: false, note: '' }],
      source: '',
      summary: 'x',
    }).catch((e: unknown) => e);
    expect(isAppError(error) && error.fields).toMatchObject({
      'days.0.day': '日期应为 YYYY-MM-DD 格式的有效日期',
      source: '请填写依据文号，如 国办发明电〔2025〕7号',
    });
  });

  it('warns from 1 December when next year is neither in chinese-days nor overridden', async () => {
    ctx.clock.set('2099-11-30T15:59:00Z'); // 23:59 in Beijing
    expect(await calendarYearMissing(ctx)).toBeNull();
    ctx.clock.set('2099-11-30T16:00:00Z'); // 1 December, 00:00 in Beijing
    expect(await calendarYearMissing(ctx)).toBe(2100);
    ctx.clock.set('2025-12-01T02:00:00Z');
    expect(await calendarYearMissing(ctx)).toBeNull(); // 2026 is in chinese-days
    ctx.clock.set('2099-12-15T02:00:00Z');
    await changeCalendarDays(ctx, actor, {
      days: [{ day: '2100-01-01', isWorkday: false, note: '元旦' }],
      source: '国办发明电〔2099〕1号',
      summary: '录入 2100 年节假日安排',
    });
    expect(await calendarYearMissing(ctx)).toBeNull();
  });
});

describe.each(testDatabases())('the 工作日历 back-office page, on %s', (kind) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let admin: HttpClient;
  beforeAll(async () => {
    ({ ctx, app, close } = await openTestApp(kind));
    ctx.clock.set('2099-12-02T02:00:00Z');
    const user = await makeUser(ctx, { adminRole: 'system' });
    admin = new HttpClient(app);
    await admin.login(ctx, user.username);
  });
  afterAll(() => close());

  it('lists a year’s holidays and make-up days, and warns that next year is missing', async () => {
    const page = await admin.get('/admin/calendar?year=2024');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2024 年节假日与调休上班日');
    expect(page.body).toMatch(/2024-09-29<\/td><td>星期日<\/td><td>工作日<\/td><td>调休上班/);
    expect(page.body).toContain('国庆节假期');
    expect(page.body).toContain('尚无 2100 年工作日历');
    expect(page.body).toContain('href="/admin/calendar"');
    const dashboard = await admin.get('/admin');
    expect(dashboard.body).toContain('尚无 2100 年工作日历');
  });

  it('saves one day as a new version and shows it in the history', async () => {
    const res = await admin.postForm(
      '/admin/calendar/day',
      { day: '2099-12-31', workday: '0', note: '地方节假日', source: '区政府通知〔2099〕5号' },
      '/admin/calendar',
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/calendar?year=2099&saved=1');
    const page = await admin.get(res.headers.location as string);
    expect(page.body).toContain('已保存为工作日历第 1 版');
    expect(page.body).toMatch(
      /2099-12-31<\/td><td>星期四<\/td><td>休息日<\/td><td>地方节假日<\/td><td>区政府通知〔2099〕5号/,
    );
    expect(page.body).toContain('2099-12-31 设为休息日（地方节假日）');
  });

  it('explains each bad field in Chinese and keeps what was typed', async () => {
    const res = await admin.postForm(
      '/admin/calendar/day',
      { day: '2099-02-30', workday: '', note: '', source: '' },
      '/admin/calendar',
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('日期应为 YYYY-MM-DD 格式的有效日期');
    expect(res.body).toContain('请选择工作日或休息日');
    expect(res.body).toContain('请填写依据文号');
    expect(res.body).toContain('value="2099-02-30"');
    const rest = await admin.postForm(
      '/admin/calendar/day',
      { day: '2099-12-30', workday: '0', note: '', source: '某文号' },
      '/admin/calendar',
    );
    expect(rest.body).toContain('休息日须写明名称');
  });

  it('enters a whole year’s notice in one form, which clears the warning', async () => {
    const bad = await admin.postForm(
      '/admin/calendar/notice',
      {
        year: '2100',
        noticeSource: '国办发明电〔2099〕9号',
        lines: '2100-01-01 休 元旦\n2100-13-01 休 春节',
      },
      '/admin/calendar',
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('第 2 行：2100-13-01 不是有效日期');
    const res = await admin.postForm(
      '/admin/calendar/notice',
      {
        year: '2100',
        noticeSource: '国办发明电〔2099〕9号',
        lines: '2100-01-01 休 元旦\n2100-02-08至2100-02-14 休 春节\n2100-02-07 班 春节调休',
      },
      '/admin/calendar',
    );
    expect(res.statusCode).toBe(303);
    const page = await admin.get('/admin/calendar?year=2100');
    expect(page.body).not.toContain('尚无 2100 年工作日历');
    expect((await admin.get('/admin')).body).not.toContain('尚无 2100 年工作日历');
    expect(page.body).toContain('录入 2100 年节假日安排（9 天）');
    expect(page.body).toMatch(/2100-02-07<\/td><td>星期日<\/td><td>工作日<\/td><td>春节调休/);
    const calendar = await loadCalendar(ctx.db);
    expect(calendar.isWorkday('2100-02-08')).toBe(false);
    expect(calendar.isWorkday('2100-02-07')).toBe(true);
  });

  it('is for the system administrator only', async () => {
    const other = await makeUser(ctx, { adminRole: 'security' });
    const client = new HttpClient(app);
    await client.login(ctx, other.username);
    expect((await client.get('/admin/calendar')).statusCode).toBe(403);
  });
});

import { describe, expect, it } from 'vitest';
import { chinaDay } from '../../core/clock';
import {
  buildCalendar,
  dayReason,
  packageCoversYear,
  packagedCalendar,
  packagedDayDetail,
  yearMissingOn,
} from './calendar';
import { chineseSpan, isIsoDay } from './calendar-dates';
import { calendarYearRows } from './calendar-year';
import { parseHolidayNotice } from './holiday-notice';
import { addWorkingDays } from './working-days';

describe('days as chinese-days has them (国办发明电〔2023〕7号 for 2024)', () => {
  it.each([
    ['2024-10-01', false, 'holiday', '国庆节假期'],
    ['2024-10-05', false, 'holiday', '国庆节假期'], // a Saturday inside the holiday
    ['2024-09-29', true, 'makeup', '调休上班'], // Sunday
    ['2024-09-28', false, 'weekend', '周末'],
    ['2024-10-08', true, 'workday', '工作日'],
    ['2024-04-04', false, 'holiday', '清明节假期'],
    ['2024-09-16', false, 'holiday', '中秋节假期'],
    ['2024-01-01', false, 'holiday', '元旦假期'],
  ])('%s: workday %s, %s, %s', (day, isWorkday, kind, reason) => {
    const detail = packagedDayDetail(day);
    expect([detail.isWorkday, detail.kind, dayReason(detail)]).toEqual([isWorkday, kind, reason]);
  });
});

describe('the override table in front of chinese-days', () => {
  const calendar = buildCalendar(
    [
      { day: '2024-10-08', isWorkday: false, note: '地方节假日' },
      { day: '2024-10-12', isWorkday: false, note: '' },
      { day: '2024-10-19', isWorkday: true, note: '' },
    ],
    3,
  );

  it('wins over the package for both whether a day counts and why', () => {
    expect(calendar.version).toBe(3);
    expect(calendar.isWorkday('2024-10-08')).toBe(false);
    expect(dayReason(calendar.detailOf('2024-10-08'))).toBe('地方节假日');
    expect(calendar.detailOf('2024-10-12').kind).toBe('weekend'); // 调休 Saturday turned back into rest
    expect(dayReason(calendar.detailOf('2024-10-19'))).toBe('调休上班');
    expect(calendar.detailOf('2024-10-09')).toEqual(packagedDayDetail('2024-10-09'));
  });

  it('changes working-day arithmetic', () => {
    expect(addWorkingDays('2024-09-27', 20, packagedCalendar.isWorkday)).toBe('2024-10-30');
    // 10/8 and 10/12 lost, 10/19 gained: one day later
    expect(addWorkingDays('2024-09-27', 20, calendar.isWorkday)).toBe('2024-10-31');
  });
});

describe('is next year’s calendar there?', () => {
  it('knows which years the installed chinese-days covers', () => {
    expect(packageCoversYear(2024)).toBe(true);
    expect(packageCoversYear(2026)).toBe(true);
    expect(packageCoversYear(2099)).toBe(false);
  });

  it('warns only from 1 December, and only when neither the package nor the overrides have the year', () => {
    expect(yearMissingOn('2099-11-30', () => false)).toBeNull();
    expect(yearMissingOn('2099-12-01', () => false)).toBe(2100);
    expect(yearMissingOn('2099-12-31', (y) => y === 2100)).toBeNull();
    expect(yearMissingOn('2025-12-01', () => false)).toBeNull(); // 2026 is in the package
  });

  it('takes the date in China time', () => {
    expect(chinaDay(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
    expect(chinaDay(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
  });
});

describe('dates as notices write them', () => {
  it.each([
    ['2024-10-01', '2024-10-07', 2024, '10月1日至7日'],
    ['2025-01-28', '2025-02-04', 2025, '1月28日至2月4日'],
    ['2024-12-31', '2025-01-01', 2024, '12月31日至2025年1月1日'],
    ['2026-01-01', '2026-01-03', 2025, '2026年1月1日至3日'],
    ['2024-09-29', '2024-09-29', 2024, '9月29日'],
  ])('%s–%s in %i: %s', (from, to, year, text) => {
    expect(chineseSpan(from, to, year)).toBe(text);
  });

  it('rejects impossible dates', () => {
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2025-02-29')).toBe(false);
    expect(isIsoDay('2025-2-1')).toBe(false);
  });
});

describe('a year’s holiday notice entered as text', () => {
  it('reads days, spans and make-up days', () => {
    const parsed = parseHolidayNotice(
      '# 国办发明电〔2026〕X号\n2027-01-01 休 元旦\n2027-02-06至2027-02-08 休 春节\n\n2027-02-14 班\n2027-02-20 班 春节调休\n',
      2027,
    );
    expect(parsed).toEqual({
      ok: true,
      days: [
        { day: '2027-01-01', isWorkday: false, note: '元旦' },
        { day: '2027-02-06', isWorkday: false, note: '春节' },
        { day: '2027-02-07', isWorkday: false, note: '春节' },
        { day: '2027-02-08', isWorkday: false, note: '春节' },
        { day: '2027-02-14', isWorkday: true, note: '调休上班' },
        { day: '2027-02-20', isWorkday: true, note: '春节调休' },
      ],
    });
  });

  it('names every bad line', () => {
    const parsed = parseHolidayNotice(
      '2027-01-01 休 元旦\n2027-13-01 休 元旦\n2026-10-01 休 国庆节\n2027-05-01 休\n2027/05/02 班\n2027-01-01 班 重复',
      2027,
    );
    expect(parsed).toEqual({
      ok: false,
      errors: [
        '第 2 行：2027-13-01 不是有效日期',
        '第 3 行：日期不在 2027 年内',
        '第 4 行：休息日须写明节日名称，如“春节”',
        '第 5 行：格式应为“YYYY-MM-DD 休 名称”或“YYYY-MM-DD 班 名称”（时段可写作“开始日期至结束日期”）',
        '第 6 行：2027-01-01 重复出现',
      ],
    });
    expect(parseHolidayNotice('  \n', 2027)).toEqual({ ok: false, errors: ['请至少填写一行'] });
  });
});

describe('the year listing of the back office', () => {
  it('lists the named days of a year with their source', () => {
    const calendar = buildCalendar([{ day: '2024-03-08', isWorkday: false, note: '地方节假日' }], 1);
    const rows = calendarYearRows(
      calendar,
      2024,
      new Map([['2024-03-08', { source: '区政府通知', version: 1 }]]),
    );
    expect(rows.find((r) => r.day === '2024-03-08')).toEqual({
      day: '2024-03-08',
      weekday: '星期五',
      isWorkday: false,
      reason: '地方节假日',
      source: '区政府通知',
      version: 1,
    });
    expect(rows.filter((r) => r.reason === '调休上班').map((r) => r.day)).toEqual([
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
      '2024-10-12',
    ]);
  });
});

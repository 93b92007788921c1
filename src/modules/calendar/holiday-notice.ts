import type { CalendarOverride } from './calendar';
import { daysFrom, isIsoDay } from './calendar-dates';

// A whole year's State Council holiday notice entered as text, one line per day or span:
//   2027-01-01 休 元旦
//   2027-02-06至2027-02-12 休 春节
//   2027-02-14 班 春节调休
// 休 (rest) or 班 (work); the name is optional for 班 lines. Pure: returns days or line-numbered errors.

export type NoticeParse = { ok: true; days: CalendarOverride[] } | { ok: false; errors: string[] };

const LINE = /^(\d{4}-\d{2}-\d{2})(?:\s*(?:至|~|～)\s*(\d{4}-\d{2}-\d{2}))?\s+(休|班)(?:\s+(.+))?$/;

const MAX_SPAN_DAYS = 31;

function parseLine(line: string, year: number): CalendarOverride[] | string {
  const m = LINE.exec(line);
  if (!m) return '格式应为“YYYY-MM-DD 休 名称”或“YYYY-MM-DD 班 名称”（时段可写作“开始日期至结束日期”）';
  const [, from = '', to = from, mark, rawName] = m;
  if (!isIsoDay(from)) return `${from} 不是有效日期`;
  if (!isIsoDay(to)) return `${to} 不是有效日期`;
  if (to < from) return '结束日期早于开始日期';
  if (from.slice(0, 4) !== String(year) || to.slice(0, 4) !== String(year)) return `日期不在 ${year} 年内`;
  const span = daysFrom(from, to);
  if (span.length > MAX_SPAN_DAYS) return `一个时段不超过 ${MAX_SPAN_DAYS} 天`;
  const name = (rawName ?? '').trim();
  if (name.length > 30) return '名称不超过 30 字';
  const isWorkday = mark === '班';
  if (!isWorkday && !name) return '休息日须写明节日名称，如“春节”';
  return span.map((day) => ({ day, isWorkday, note: isWorkday && !name ? '调休上班' : name }));
}

/** Parses the notice text for `year`; every bad line is reported with its line number. */
export function parseHolidayNotice(text: string, year: number): NoticeParse {
  const errors: string[] = [];
  const byDay = new Map<string, CalendarOverride>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const parsed = parseLine(line, year);
    if (typeof parsed === 'string') {
      errors.push(`第 ${index + 1} 行：${parsed}`);
      return;
    }
    for (const day of parsed) {
      if (byDay.has(day.day)) errors.push(`第 ${index + 1} 行：${day.day} 重复出现`);
      byDay.set(day.day, day);
    }
  });
  if (errors.length) return { ok: false, errors };
  if (byDay.size === 0) return { ok: false, errors: ['请至少填写一行'] };
  return { ok: true, days: [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day)) };
}

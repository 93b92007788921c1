import { type Calendar, dayReason } from './calendar';
import { daysFrom } from './calendar-dates';

// What the back office lists for a year: every day that is not an ordinary weekday or weekend, from
// chinese-days or from the override table, with where it comes from. Pure.

export interface CalendarYearRow {
  day: string;
  weekday: string; // 星期一 …
  isWorkday: boolean;
  reason: string; // '春节假期', '调休上班', …
  source: string; // the override's notice, or 'chinese-days'
  version: number | null; // the calendar version that set it; null for chinese-days
}

const weekdays = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** The named days of `year` in day order; `overrides` gives source and version of entered days. */
export function calendarYearRows(
  calendar: Calendar,
  year: number,
  overrides: ReadonlyMap<string, { source: string; version: number }>,
): CalendarYearRow[] {
  const rows: CalendarYearRow[] = [];
  for (const day of daysFrom(`${year}-01-01`, `${year}-12-31`)) {
    const detail = calendar.detailOf(day);
    const override = overrides.get(day);
    if (!override && (detail.kind === 'workday' || detail.kind === 'weekend')) continue;
    rows.push({
      day,
      weekday: weekdays[new Date(`${day}T00:00:00Z`).getUTCDay()] ?? '',
      isWorkday: detail.isWorkday,
      reason: dayReason(detail),
      source: override?.source ?? 'chinese-days',
      version: override?.version ?? null,
    });
  }
  return rows;
}

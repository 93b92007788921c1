import { nextDay } from './calendar-dates';

// Working-day arithmetic (条例 Art. 26, 33): weekends and statutory holidays do not count, make-up
// working days (调休) do. Pure: the calendar is passed in, so an override table can stand in front of the
// chinese-days data. Dates are YYYY-MM-DD strings, as chinese-days wants them (its Date handling shifts
// days in time zones west of UTC).

export type IsWorkday = (day: string) => boolean;

/** The n-th working day counted from the day after `from` (the statutory way of counting periods). */
export function addWorkingDays(from: string, n: number, isWorkday: IsWorkday): string {
  let day = from;
  let counted = 0;
  while (counted < n) {
    day = nextDay(day);
    if (isWorkday(day)) counted++;
  }
  return day;
}

/** How many working days lie after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysAfter(from: string, to: string, isWorkday: IsWorkday): number {
  let count = 0;
  for (let day = nextDay(from); day <= to; day = nextDay(day)) if (isWorkday(day)) count++;
  return count;
}

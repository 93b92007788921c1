// chinese-days is CommonJS: under Node's ESM loader only its default export exists.
import chineseDays from 'chinese-days';

// Working-day arithmetic (条例 Art. 26, 33): weekends and statutory holidays do not count, make-up
// working days (调休) do. Pure: the calendar is passed in, so an override table can stand in front of the
// chinese-days data. Dates are YYYY-MM-DD strings, as chinese-days wants them (its Date handling shifts
// days in time zones west of UTC).

export type IsWorkday = (day: string) => boolean;

/** The chinese-days calendar (State Council notices as published; a year not yet announced counts weekdays). */
export const defaultIsWorkday: IsWorkday = (day) => chineseDays.isWorkday(day);

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The n-th working day counted from the day after `from` (the statutory way of counting periods). */
export function addWorkingDays(from: string, n: number, isWorkday: IsWorkday = defaultIsWorkday): string {
  let day = from;
  let counted = 0;
  while (counted < n) {
    day = nextDay(day);
    if (isWorkday(day)) counted++;
  }
  return day;
}

/** How many working days lie after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysAfter(from: string, to: string, isWorkday: IsWorkday = defaultIsWorkday): number {
  let count = 0;
  for (let day = nextDay(from); day <= to; day = nextDay(day)) if (isWorkday(day)) count++;
  return count;
}

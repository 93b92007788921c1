// Working-day arithmetic (条例 Art. 26, 33): weekends and statutory holidays do not count, make-up
// working days (调休) do. Pure: the calendar is passed in, so an override table can stand in front of the
// chinese-days data. Dates are YYYY-MM-DD strings, as chinese-days wants them (its Date handling shifts
// days in time zones west of UTC).
//
// The walks step on day numbers (days since 1970-01-01, UTC) and name each day once: a list of
// deadlines walks thousands of days a page (/admin/items: up to 500 items, two 20-working-day walks
// each), and building a date string from a Date cost about 1 µs a step (bench/calendar/working-days.ts).

export type IsWorkday = (day: string) => boolean;

const MS_PER_DAY = 86_400_000;
const names = new Map<number, string>();
const NAMES_KEPT = 100_000; // some 270 years of days; only a caller walking centuries goes past it

function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / MS_PER_DAY);
}

function dayName(n: number): string {
  let name = names.get(n);
  if (name === undefined) {
    name = new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
    if (names.size < NAMES_KEPT) names.set(n, name);
  }
  return name;
}

/** The n-th working day counted from the day after `from` (the statutory way of counting periods). */
export function addWorkingDays(from: string, n: number, isWorkday: IsWorkday): string {
  let day = dayNumber(from);
  let counted = 0;
  while (counted < n) {
    day++;
    if (isWorkday(dayName(day))) counted++;
  }
  return dayName(day);
}

/** How many working days lie after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysAfter(from: string, to: string, isWorkday: IsWorkday): number {
  let count = 0;
  const last = dayNumber(to);
  for (let day = dayNumber(from) + 1; day <= last; day++) if (isWorkday(dayName(day))) count++;
  return count;
}

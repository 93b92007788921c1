// The first working day of a month on the shared calendar (holidays and make-up days included): the day
// the monthly gap check runs. Pure.

/** The first working day of the month `YYYY-MM`. */
export function firstWorkingDayOf(month: string, isWorkday: (day: string) => boolean): string {
  for (let d = 1; d <= 31; d++) {
    const day = `${month}-${String(d).padStart(2, '0')}`;
    if (isWorkday(day)) return day;
  }
  return `${month}-01`; // a month without a working day does not happen; fall back to the 1st
}

/** The month (YYYY-MM) a day belongs to. */
export const monthOf = (day: string) => day.slice(0, 7);

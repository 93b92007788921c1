// Date arithmetic on YYYY-MM-DD strings (the form chinese-days wants, and the form stored in the
// database): UTC midnight throughout, so no time zone ever shifts a day.

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a string is a real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The day after `day`. */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included (empty when `to` is before `from`). */
export function daysFrom(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = nextDay(day)) days.push(day);
  return days;
}

/** Saturday or Sunday. */
export function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** "10月1日", or "2025年1月2日" when the day falls outside `yearOfContext`. */
export function chineseDay(day: string, yearOfContext?: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const monthDay = `${m}月${d}日`;
  return yearOfContext === undefined || y === yearOfContext ? monthDay : `${y}年${monthDay}`;
}

/** "10月1日至7日", "1月28日至2月4日", or one day: the way holiday notices write a span. */
export function chineseSpan(from: string, to: string, yearOfContext?: number): string {
  if (from === to) return chineseDay(from, yearOfContext);
  const start = chineseDay(from, yearOfContext);
  if (from.slice(0, 7) === to.slice(0, 7)) return `${start}至${Number(to.slice(8))}日`;
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  return `${start}至${chineseDay(to, sameYear ? Number(to.slice(0, 4)) : yearOfContext)}`;
}

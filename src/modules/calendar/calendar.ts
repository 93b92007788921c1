// chinese-days is CommonJS: under Node's ESM loader only its default export exists.
import chineseDays from 'chinese-days';
import { isWeekend } from './calendar-dates';
import type { IsWorkday } from './working-days';

// The working-day calendar as data (条例 Art. 33 counts working days): the State Council holiday notices
// as packaged by chinese-days, with the administrators' override table in front (a region may differ; a
// new notice arrives before the package knows it). Pure: the overrides are passed in.

/** One administrator-entered day; it wins over chinese-days. */
export interface CalendarOverride {
  day: string; // YYYY-MM-DD
  isWorkday: boolean;
  note: string; // '春节', '调休上班', …
}

/**
 * Why a day is or is not counted: an ordinary weekday or weekend, a statutory holiday (weekend days
 * inside a holiday period included), or a make-up working day (调休上班) on a weekend.
 */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup';

export interface DayDetail {
  day: string;
  isWorkday: boolean;
  kind: DayKind;
  name: string; // holiday name ('国庆节') or the override's note; '' for an ordinary day
  overridden: boolean;
}

export type DayDetailOf = (day: string) => DayDetail;

/** What the deadline engine needs: whether a day counts, and why. */
export interface Calendar {
  version: number;
  isWorkday: IsWorkday;
  detailOf: DayDetailOf;
}

// The notices write 清明节, 端午节, 中秋节; chinese-days abbreviates them.
const fullHolidayNames: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

// chinese-days names a day "National Day,国庆节,3"; weekdays get the English weekday name.
function packagedHolidayName(raw: string): string {
  const parts = raw.split(',');
  if (parts.length < 2) return '';
  const name = parts[1]?.trim() ?? '';
  return fullHolidayNames[name] ?? name;
}

function kindOf(day: string, isWorkday: boolean, named: boolean): DayKind {
  const weekend = isWeekend(day);
  if (isWorkday) return weekend ? 'makeup' : 'workday';
  return weekend && !named ? 'weekend' : 'holiday';
}

/** A day as chinese-days has it (pass dates as YYYY-MM-DD: its Date handling shifts days west of UTC). */
export function packagedDayDetail(day: string): DayDetail {
  const detail = chineseDays.getDayDetail(day);
  const isWorkday = chineseDays.isWorkday(day);
  const name = packagedHolidayName(detail.name);
  const kind = kindOf(day, isWorkday, name !== '');
  return {
    day,
    isWorkday,
    kind,
    name: kind === 'workday' || kind === 'weekend' ? '' : name,
    overridden: false,
  };
}

// chinese-days answers isWorkday through dayjs, some 4 µs a call, and a list of deadlines walks it day
// by day: /admin/items checks the Art. 26 timeliness of up to 500 items, two 20-working-day walks each,
// which took 130 ms a page (bench/calendar/working-days.ts). Its data never changes while the process
// runs, so each day's answer is kept; the bound only guards against a caller walking centuries.
const packagedAnswers = new Map<string, boolean>();
const PACKAGED_ANSWERS_KEPT = 100_000;

function packagedIsWorkday(day: string): boolean {
  let answer = packagedAnswers.get(day);
  if (answer === undefined) {
    answer = chineseDays.isWorkday(day);
    if (packagedAnswers.size < PACKAGED_ANSWERS_KEPT) packagedAnswers.set(day, answer);
  }
  return answer;
}

/** Puts the override table in front of chinese-days. */
export function buildCalendar(overrides: readonly CalendarOverride[], version = 0): Calendar {
  const byDay = new Map(overrides.map((o) => [o.day, o]));
  const detailOf: DayDetailOf = (day) => {
    const override = byDay.get(day);
    if (!override) return packagedDayDetail(day);
    const note = override.note.trim();
    return {
      day,
      isWorkday: override.isWorkday,
      kind: kindOf(day, override.isWorkday, note !== ''),
      name: note,
      overridden: true,
    };
  };
  const isWorkday: IsWorkday = (day) => byDay.get(day)?.isWorkday ?? packagedIsWorkday(day);
  return { version, isWorkday, detailOf };
}

/** chinese-days alone, as published in the installed package. */
export const packagedCalendar: Calendar = buildCalendar([], 0);

/** The plain-Chinese reason a day is or is not counted: '国庆节假期', '调休上班', '周末', '工作日'. */
export function dayReason(detail: DayDetail): string {
  switch (detail.kind) {
    case 'holiday':
      if (!detail.name) return '休息日';
      return /假|休/.test(detail.name) ? detail.name : `${detail.name}假期`;
    case 'makeup':
      return detail.name && /调休|上班/.test(detail.name) ? detail.name : '调休上班';
    case 'weekend':
      return '周末';
    default:
      return detail.overridden && detail.name ? detail.name : '工作日';
  }
}

const coverage = new Map<number, boolean>();

/** Whether the installed chinese-days has the State Council notice for `year` (any holiday entered). */
export function packageCoversYear(year: number): boolean {
  let covered = coverage.get(year);
  if (covered === undefined) {
    covered = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    coverage.set(year, covered);
  }
  return covered;
}

/**
 * From 1 December (China time), the year that follows when neither chinese-days nor the override table
 * has its holiday notice; null otherwise. The notice usually appears in November.
 */
export function yearMissingOn(today: string, hasOverridesFor: (year: number) => boolean): number | null {
  if (today.slice(5) < '12-01') return null;
  const next = Number(today.slice(0, 4)) + 1;
  return packageCoversYear(next) || hasOverridesFor(next) ? null : next;
}

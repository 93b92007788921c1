export {
  buildCalendar,
  type Calendar,
  type CalendarOverride,
  type DayDetail,
  type DayDetailOf,
  type DayKind,
  dayReason,
  packageCoversYear,
  packagedCalendar,
  packagedDayDetail,
  yearMissingOn,
} from './calendar';
export {
  type AfterCalendarChange,
  type CalendarChangeInput,
  type CalendarDayChange,
  type CalendarOverrideRow,
  type CalendarVersion,
  calendarYearMissing,
  changeCalendarDays,
  currentCalendarVersion,
  listCalendarOverrides,
  listCalendarVersions,
  loadCalendar,
} from './calendar.service';
export { chineseDay, chineseSpan, daysFrom, isIsoDay, isWeekend, nextDay } from './calendar-dates';
export { enterHolidayNotice, setCalendarDay } from './calendar-entry.service';
export { type CalendarYearRow, calendarYearRows } from './calendar-year';
export { type NoticeParse, parseHolidayNotice } from './holiday-notice';
export { addWorkingDays, type IsWorkday, workingDaysAfter } from './working-days';

import type { LetterType } from '../../db/schema-mailbox';
import { addWorkingDays, type IsWorkday } from '../calendar';

// The reply clock of a letter. Per-type deadlines are data (mailbox_deadlines; defaults 咨询 5, others 15
// working days — portal-standards.md §8.2: "configurable per site and category, commonly 3, 5, 7, 10 or
// 15 working days"), counted on the same working-day calendar as 依申请公开 from the day after receipt.
// 转办 (forwarding) does not restart the clock: the writer wrote once, so the receiving agency answers
// within the rule counted from the original receipt (our district rule; a district that grants the
// receiving agency a fresh period changes `restartOnForward` below and says so in the README).
// The national red line (国办秘函〔2019〕19号, 互动交流 veto: a valid message left unanswered for more
// than 3 months) is watched separately, with an alarm at 2 months.

export const DEFAULT_DEADLINES: Record<LetterType, number> = {
  consult: 5,
  suggest: 15,
  complain: 15,
  help: 15,
  other: 15,
};
export const WARN_WORKING_DAYS = 2; // warn the handler this many working days before the due day
export const RED_LINE_MONTHS = 3; // 国办秘函〔2019〕19号: unanswered > 3 months is a veto item
export const RED_LINE_ALARM_MONTHS = 2; // alarm well before the red line
export const restartOnForward = false;
export const MAX_DEADLINE_DAYS = 60;

/** The due day: the n-th working day after receipt. */
export function letterDueOn(receivedOn: string, workingDays: number, isWorkday: IsWorkday): string {
  return addWorkingDays(receivedOn, workingDays, isWorkday);
}

/** The same day `months` calendar months later (31 Jan + 1 month → 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The last day a letter may stay unanswered (3 months from receipt) and the day the alarm sounds. */
export function redLineOf(receivedOn: string): { alarmOn: string; redLineOn: string } {
  return {
    alarmOn: addMonths(receivedOn, RED_LINE_ALARM_MONTHS),
    redLineOn: addMonths(receivedOn, RED_LINE_MONTHS),
  };
}

import { describe, expect, it } from 'vitest';
import { isWeekend } from '../calendar';
import { addMonths, letterDueOn, redLineOf } from './letter-deadline';

const weekdays = (day: string) => !isWeekend(day);

describe('letter deadlines', () => {
  it.each([
    ['2026-03-02', 5, '2026-03-09'], // Mon + 5 working days → next Mon
    ['2026-03-06', 5, '2026-03-13'], // Fri → next Fri
    ['2026-03-02', 15, '2026-03-23'],
    ['2026-03-07', 1, '2026-03-09'], // received on a Saturday: Monday is day 1
  ])('received %s, %i working days → due %s', (received, days, due) => {
    expect(letterDueOn(received, days, weekdays)).toBe(due);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-11-15', 3, '2027-02-15'],
    ['2026-12-31', 2, '2027-02-28'],
  ])('%s plus %i months is %s', (day, months, expected) => {
    expect(addMonths(day, months)).toBe(expected);
  });

  it('alarms at two months, before the three-month red line', () => {
    expect(redLineOf('2026-03-02')).toEqual({ alarmOn: '2026-05-02', redLineOn: '2026-06-02' });
  });
});
